"""What the fake records (requests, messages, interactions) and the waiting machinery.

Every wait in the package goes through :class:`Waiter`: it re-checks a predicate whenever the
fake's state changes, fails fast when a watched bot task has died, and raises a
``TimeoutError`` that says what was awaited and what the bot did recently.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, TypeVar

from .models import User

T = TypeVar("T")

EPHEMERAL = 1 << 6
SUPPRESS_EMBEDS = 1 << 2
LOADING = 1 << 7
COMPONENTS_V2 = 1 << 15


class BotTaskEnded(RuntimeError):
    """A watched bot task finished while a test was still waiting for the bot to act."""


class Waiter:
    """Condition-style waiting on "anything changed" notifications."""

    def __init__(self, describe: Callable[[], str]) -> None:
        self._event = asyncio.Event()
        self._tasks: list[asyncio.Task[Any]] = []
        self._describe = describe

    def notify(self) -> None:
        """Wake every waiter so it re-checks its predicate."""
        self._event.set()
        self._event = asyncio.Event()

    def watch(self, task: asyncio.Task[Any]) -> None:
        """Make waits fail immediately (instead of timing out) if ``task`` ends."""
        self._tasks.append(task)
        task.add_done_callback(lambda _task: self.notify())

    def unwatch(self, task: asyncio.Task[Any]) -> None:
        """Stop watching ``task`` (a bot stopped on purpose, for a restart)."""
        if task in self._tasks:
            self._tasks.remove(task)

    def _check_tasks(self, what: str) -> None:
        for task in self._tasks:
            if task.done():
                error = None if task.cancelled() else task.exception()
                raise BotTaskEnded(
                    f"the bot task ended ({error!r}) while waiting for {what}"
                ) from error

    async def wait_for(self, predicate: Callable[[], T | None], timeout: float, what: str) -> T:
        """Return the first non-None value of ``predicate()``; raise TimeoutError after timeout."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            result = predicate()
            if result is not None:
                return result
            self._check_tasks(what)
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise TimeoutError(
                    f"timed out after {timeout:.2f}s waiting for {what}\n{self._describe()}"
                )
            event = self._event
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(event.wait(), remaining)


@dataclass
class UploadedFile:
    """One file part of a multipart request."""

    field: str
    filename: str
    content_type: str | None
    data: bytes


@dataclass
class RecordedRequest:
    """One REST request as the fake received and answered it.

    ``path`` is relative to ``/api/v10`` (e.g. ``/channels/1/messages``); ``route`` is the matched
    template (e.g. ``POST /channels/{channel_id}/messages``) or None for unknown routes; ``json``
    is the JSON body, or the ``payload_json`` part of a multipart body.
    """

    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    json: Any
    files: list[UploadedFile]
    time: float
    route: str | None = None
    params: dict[str, str] = field(default_factory=dict)
    status: int = 0
    response: Any = None

    def __str__(self) -> str:
        return f"{self.method} {self.path} -> {self.status}"


@dataclass(eq=False)
class StoredMessage:
    """A message as the fake stores it (sent by the bot, or injected as a user's message).

    ``mentions``/``mention_roles``/``mention_everyone`` are who would actually be pinged after
    applying ``allowed_mentions``; ``bodies`` holds every request body applied (create + edits).
    """

    id: int
    channel_id: int
    guild_id: int | None
    author: User
    type: int
    timestamp: str
    updated_at: float
    content: str = ""
    embeds: list[dict[str, Any]] = field(default_factory=list)
    components: list[dict[str, Any]] = field(default_factory=list)
    attachments: list[dict[str, Any]] = field(default_factory=list)
    flags: int = 0
    tts: bool = False
    edited_timestamp: str | None = None
    mentions: list[User] = field(default_factory=list)
    mention_roles: list[int] = field(default_factory=list)
    mention_everyone: bool = False
    reference: StoredMessage | None = None
    interaction: InteractionRecord | None = None
    thread_id: int | None = None
    reactions: list[str] = field(default_factory=list)
    deleted: bool = False
    bodies: list[dict[str, Any]] = field(default_factory=list)

    @property
    def ephemeral(self) -> bool:
        """Only visible to the interaction's user (flag 64)."""
        return bool(self.flags & EPHEMERAL)

    @property
    def loading(self) -> bool:
        """A deferred "Bot is thinking..." placeholder (flag 128)."""
        return bool(self.flags & LOADING)

    @property
    def suppress_embeds(self) -> bool:
        """Link previews suppressed (flag 4)."""
        return bool(self.flags & SUPPRESS_EMBEDS)

    def iter_components(self) -> Iterator[dict[str, Any]]:
        """Every component, nested ones included (action rows, sections, containers)."""
        return iter_components(self.components)

    def custom_ids(self) -> list[str]:
        """custom_ids of all interactive components on this message."""
        return [c["custom_id"] for c in self.iter_components() if "custom_id" in c]


def iter_components(components: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Walk a component tree depth-first."""
    for component in components:
        yield component
        yield from iter_components(component.get("components") or [])
        accessory = component.get("accessory")
        if accessory:
            yield from iter_components([accessory])


@dataclass
class Callback:
    """An accepted interaction callback: its type, data and time since the event was sent."""

    type: int
    data: dict[str, Any] | None
    at: float
    latency: float
    request: RecordedRequest

    @property
    def ephemeral(self) -> bool:
        """Whether the callback asked for an ephemeral message."""
        return bool(self.data and int(self.data.get("flags") or 0) & EPHEMERAL)


@dataclass(eq=False)
class InteractionRecord:
    """One injected interaction and everything the bot did in answer to it.

    ``original`` is the message behind ``@original``: the response message (types 4/5) or, for
    component interactions acknowledged with types 6/7, the message the component is on.
    """

    id: int
    token: str
    type: int
    name: str
    payload: dict[str, Any]
    guild_id: int | None
    channel_id: int
    user: User
    waiter: Waiter
    source_message: StoredMessage | None = None
    dispatched_at: float = 0.0
    callbacks: list[Callback] = field(default_factory=list)
    original: StoredMessage | None = None
    followups: list[StoredMessage] = field(default_factory=list)

    @property
    def label(self) -> str:
        """Human-readable name for error messages."""
        kind = {2: "slash command", 3: "component", 4: "autocomplete"}.get(self.type, "interaction")
        return f"{kind} {self.name!r} (interaction {self.id})"

    async def wait_callback(self, timeout: float = 5.0) -> Callback:
        """The first (only) accepted callback; ``.latency`` is the time to first callback."""
        return await self.waiter.wait_for(
            lambda: self.callbacks[0] if self.callbacks else None,
            timeout,
            f"the callback to {self.label}",
        )

    async def wait_followup(self, index: int = 0, timeout: float = 5.0) -> StoredMessage:
        """The ``index``-th followup message (after a defer the first one is ``original``)."""
        return await self.waiter.wait_for(
            lambda: self.followups[index] if len(self.followups) > index else None,
            timeout,
            f"followup #{index} of {self.label}",
        )

    def final_message(self) -> StoredMessage | None:
        """The most recently created or edited visible (not loading, not deleted) message."""
        visible = [
            m
            for m in [self.original, *self.followups]
            if m is not None and not m.loading and not m.deleted
        ]
        return max(visible, key=lambda m: m.updated_at, default=None)

    async def wait_final_message(self, timeout: float = 5.0) -> StoredMessage:
        """Wait until :meth:`final_message` has something (e.g. after defer + followup)."""
        return await self.waiter.wait_for(
            self.final_message, timeout, f"a visible message answering {self.label}"
        )


@dataclass
class MessagePayload:
    """A request body that carried message content, embeds or components.

    ``new`` is True for bodies that create a message (channel sends, callback type 4, followups)
    and False for edits (PATCH, callback type 7). ``request.status``
    tells whether it was accepted (429 retries appear once per attempt).
    """

    kind: str
    new: bool
    body: dict[str, Any]
    request: RecordedRequest


@dataclass
class RateLimitRule:
    """A REST fault: the next ``times`` requests matching method + path regex get a 429."""

    method: str
    pattern: re.Pattern[str]
    retry_after: float
    times: int
    global_: bool
    attempts: int = 0
    limited: int = 0

    def matches(self, method: str, path: str) -> bool:
        """Whether a request (path relative to /api/v10) falls under this rule."""
        return method == self.method and self.pattern.search(path) is not None


@dataclass
class SyncCall:
    """One bulk-overwrite of application commands (``guild_id`` None = global)."""

    guild_id: int | None
    commands: list[dict[str, Any]]

    @property
    def names(self) -> list[str]:
        """Names of the commands in this sync."""
        return [c["name"] for c in self.commands]
