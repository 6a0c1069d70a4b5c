"""``FakeDiscord``: the test-facing server (lifecycle, injection helpers, waits, faults)."""

from __future__ import annotations

import asyncio
import re
import secrets
import time
from collections.abc import Mapping, Sequence
from types import EllipsisType, TracebackType
from typing import Any

from aiohttp import web

from .gateway import DroppedEvent, Gateway
from .interactions import command_data, interaction_payload
from .models import ADMINISTRATOR, DEFAULT_BOT_PERMISSIONS, Channel, Guild, Member, User
from .records import InteractionRecord, RateLimitRule, RecordedRequest, StoredMessage
from .rest import RestApi
from .world import World

GuildArg = Guild | None | EllipsisType


class FakeDiscord(World):
    """A Discord-compatible REST + gateway server on 127.0.0.1 for end-to-end bot tests.

    Usage::

        async with FakeDiscord(token="t") as server:
            guild = server.add_guild("Test Guild")            # before the bot connects
            with patch_discord(server):                       # or the bot's own URL config
                client = MyClient(connector=loopback_connector(), guild_ready_timeout=0.05)
                task = asyncio.create_task(client.start("t"))
                server.watch(task)                            # waits fail fast if the bot dies
                await server.wait_identified()
                await client.wait_until_ready()
                rec = await server.send_slash_command("ask", {"question": "hi"})
                callback = await rec.wait_callback()

    Speed: discord.py waits ``guild_ready_timeout`` (default 2 s) after the last GUILD_CREATE
    before on_ready, so construct test clients with ``guild_ready_timeout=0.05``. A re-IDENTIFY
    (after ``invalid_session(False)``) sleeps 5 s in ``Client.before_identify_hook`` unless the
    test client overrides it. Every wait takes a timeout and raises ``TimeoutError`` saying what
    it waited for plus the bot's last REST requests.

    Realism: interactions must be answered within ``interaction_timeout`` (3 s) and only once;
    message bodies are validated like Discord does (2000 characters, embed limits, ...); guild
    messages lose their content without the message-content intent unless they mention the bot;
    the bot's own non-ephemeral messages are echoed back as MESSAGE_CREATE/UPDATE/DELETE.
    """

    def __init__(
        self,
        token: str = "fake-bot-token",
        *,
        bot_name: str = "TestBot",
        bot_id: int | None = None,
        application_id: int | None = None,
        bot_permissions: int = DEFAULT_BOT_PERMISSIONS,
        interaction_timeout: float = 3.0,
        heartbeat_interval: float = 41.25,
    ) -> None:
        super().__init__(
            token=token,
            bot_name=bot_name,
            bot_id=bot_id,
            application_id=application_id,
            bot_permissions=bot_permissions,
            interaction_timeout=interaction_timeout,
        )
        self.gateway = Gateway(self, heartbeat_interval)
        self.rest = RestApi(self, self.gateway)
        self._runner: web.AppRunner | None = None
        self._channel_cursors: dict[int, int] = {}

    # ------------------------------------------------------------------ lifecycle

    async def start(self) -> FakeDiscord:
        """Bind 127.0.0.1 on a free port and serve REST under /api/v10 and the gateway at /."""
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/api/v10/{tail:.*}", self.rest.handle)
        app.router.add_get("/", self.gateway.handle)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", 0).start()
        port = self._runner.addresses[0][1]
        self.base_url = f"http://127.0.0.1:{port}"
        self.gateway.url = f"ws://127.0.0.1:{port}/"
        return self

    async def stop(self) -> None:
        """Close remaining gateway connections and the listening socket."""
        if self._runner is not None:
            await self.gateway.stop()
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FakeDiscord:
        return await self.start()

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()

    @property
    def api_base_url(self) -> str:
        """Value for ``discord.http.Route.BASE``: ``http://127.0.0.1:PORT/api/v10``."""
        return f"{self.base_url}/api/v10"

    @property
    def gateway_url(self) -> str:
        """Value for ``DiscordWebSocket.DEFAULT_GATEWAY``: ``ws://127.0.0.1:PORT/``."""
        return self.gateway.url

    @property
    def identify_count(self) -> int:
        """Accepted IDENTIFYs."""
        return self.gateway.identify_count

    @property
    def resume_count(self) -> int:
        """Accepted RESUMEs."""
        return self.gateway.resume_count

    @property
    def gateway_received(self) -> list[dict[str, Any]]:
        """Every frame the bot sent on the gateway (heartbeats, identify, presence, ...)."""
        return self.gateway.received

    @property
    def dropped_events(self) -> list[DroppedEvent]:
        """Dispatches the bot did not receive for lack of an intent."""
        return self.gateway.dropped

    def watch(self, task: asyncio.Task[Any]) -> None:
        """Make every wait fail fast with the task's exception if the bot task ends."""
        self.waiter.watch(task)

    def unwatch(self, task: asyncio.Task[Any]) -> None:
        """Forget a bot task that was stopped on purpose (before starting another)."""
        self.waiter.unwatch(task)

    def describe(self) -> str:
        """Recent activity for TimeoutError messages, including dropped gateway events."""
        text = super().describe()
        if self.dropped_events:
            dropped = ", ".join(
                f"{d.event} (needs intent {d.missing_intent})" for d in self.dropped_events
            )
            text += f"\n  events dropped for missing intents: {dropped}"
        if not self.gateway.sessions:
            text += "\n  the bot has no gateway session"
        return text

    # ------------------------------------------------------------------ faults

    async def close_gateway(self, code: int = 4000, timeout: float = 5.0) -> None:
        """Close the bot's gateway connection(s) with ``code`` and wait until closed.

        4000 (or 1001, 4008, ...) makes discord.py RESUME; 4004 makes it stop with
        ``ConnectionClosed`` (authentication failed).
        """
        await self.gateway.close(code, timeout)

    async def invalid_session(self, resumable: bool, timeout: float = 5.0) -> None:
        """Send op 9 and wait until the bot drops the connection. ``resumable=False`` forgets
        the session, so the bot must re-IDENTIFY (which sleeps 5 s in discord.py's default
        ``before_identify_hook``)."""
        await self.gateway.invalid_session(resumable, timeout)

    def rate_limit(
        self,
        method: str,
        path_regex: str,
        retry_after: float = 0.3,
        times: int = 1,
        global_: bool = False,
    ) -> RateLimitRule:
        """Answer the next ``times`` matching requests with a Discord 429 (JSON ``retry_after``,
        ``Via`` and ``X-RateLimit-*`` headers) so discord.py sleeps and retries.

        ``path_regex`` is searched in the path relative to /api/v10, e.g.
        ``r"^/webhooks/\\d+/[^/]+$"``. The rule counts ``attempts`` and ``limited`` (429s).
        """
        rule = RateLimitRule(method.upper(), re.compile(path_regex), retry_after, times, global_)
        self.rate_limits.append(rule)
        return rule

    # ------------------------------------------------------------------ waits

    async def wait_identified(self, count: int = 1, timeout: float = 5.0) -> None:
        """Until the bot has IDENTIFYed ``count`` times (READY has then been sent)."""
        await self.waiter.wait_for(
            lambda: True if self.identify_count >= count else None, timeout, f"IDENTIFY #{count}"
        )

    async def wait_resumed(self, count: int = 1, timeout: float = 5.0) -> None:
        """Until the bot has RESUMEd ``count`` times."""
        await self.waiter.wait_for(
            lambda: True if self.resume_count >= count else None, timeout, f"RESUME #{count}"
        )

    async def wait_request(
        self, method: str, path_regex: str, *, start: int = 0, timeout: float = 5.0
    ) -> RecordedRequest:
        """The first answered request at index >= ``start`` of ``requests`` that matches
        (pass ``start=len(server.requests)`` to wait for the next one)."""
        pattern = re.compile(path_regex)

        def find() -> RecordedRequest | None:
            return next(
                (
                    r
                    for r in self.requests[start:]
                    if r.method == method.upper() and r.status and pattern.search(r.path)
                ),
                None,
            )

        return await self.waiter.wait_for(find, timeout, f"a {method} {path_regex} request")

    async def wait_channel_message(self, channel: Channel, timeout: float = 5.0) -> StoredMessage:
        """The next message the bot posted in ``channel`` through the channel API (each call
        returns the following one; interaction responses are not included)."""
        seen = self._channel_cursors.get(channel.id, 0)

        def find() -> StoredMessage | None:
            sent = [
                m
                for m in self.messages.values()
                if m.channel_id == channel.id and m.author is self.bot and m.interaction is None
            ]
            return sent[seen] if len(sent) > seen else None

        message = await self.waiter.wait_for(find, timeout, f"a bot message in #{channel.name}")
        self._channel_cursors[channel.id] = seen + 1
        return message

    def command_names(self, guild: Guild | None = None) -> list[str]:
        """Names of the synced global commands, or of ``guild``'s commands."""
        store = self.global_commands if guild is None else self.guild_commands.get(guild.id, {})
        return sorted(c["name"] for c in store.values())

    # ------------------------------------------------------------------ injection

    def dispatch(self, event: str, data: dict[str, Any], guild: Guild | None = None) -> bool:
        """Send a raw dispatch event; False if the bot has no session or lacks the intent."""
        return self.gateway.dispatch(event, data, guild.id if guild else None)

    def _target(
        self, guild: GuildArg, channel: Channel | None, user: User | Member | None
    ) -> tuple[Guild | None, Channel, User | Member]:
        """Resolve defaults: the channel's guild, else the member's, else the first guild."""
        who = user or self.default_user
        if isinstance(guild, EllipsisType):
            if channel is not None:
                guild = self.guilds.get(channel.guild_id) if channel.guild_id else None
            elif isinstance(who, Member):
                guild = self.guilds[who.guild_id]
            elif self.guilds:
                guild = next(iter(self.guilds.values()))
            else:
                raise LookupError("no guild: call add_guild() first, or pass guild=None for a DM")
        if guild is None:
            if channel is not None and channel.guild_id is not None:
                raise ValueError("guild=None means a DM, but the channel is a guild channel")
            person = who.user if isinstance(who, Member) else who
            return None, channel or self.dm_channel(person), person
        channel = channel or guild.first_text_channel()
        if channel.guild_id != guild.id or (isinstance(who, Member) and who.guild_id != guild.id):
            raise ValueError(f"channel/member do not belong to guild {guild.name!r}")
        return guild, channel, who

    def _invoker_permissions(self, target: tuple[Guild | None, Channel, User | Member]) -> int:
        guild, _, who = target
        person = who.user if isinstance(who, Member) else who
        return self.guild_permissions(guild.id if guild else None, person)

    def _command(
        self, name: str, guild: Guild | None, who: User | Member, enforce: bool
    ) -> dict[str, Any]:
        """The synced command a user could invoke here; mirrors what Discord's client hides."""
        command = (self.guild_commands.get(guild.id, {}) if guild else {}).get((1, name))
        command = command or self.global_commands.get((1, name))
        if command is None:
            where = f"in guild {guild.name!r}" if guild else "globally"
            known = self.command_names() + (self.command_names(guild) if guild else [])
            raise LookupError(f"/{name} is not synced {where} (synced: {sorted(known)})")
        if not enforce:
            return command
        contexts = command.get("contexts")
        if guild is None:
            if not command["dm_permission"] or (contexts is not None and 1 not in contexts):
                raise PermissionError(f"/{name} is not available in DMs")
            return command
        if contexts is not None and 0 not in contexts:
            raise PermissionError(f"/{name} is not available in guilds")
        if self.bot.id not in guild.members and 1 not in command["integration_types"]:
            raise PermissionError(f"/{name} is not offered to users' installs of the app")
        required = command["default_member_permissions"]
        if required is not None:
            have = guild.permissions_for(self.member_for(guild, who))
            need = int(required)
            if not (have & ADMINISTRATOR or (need and have & need == need)):
                raise PermissionError(
                    f"/{name} is hidden from this member: default_member_permissions={need}, "
                    f"member has {have}"
                )
        return command

    def _inject(
        self,
        kind: int,
        name: str,
        data: dict[str, Any],
        target: tuple[Guild | None, Channel, User | Member],
        source: StoredMessage | None = None,
    ) -> InteractionRecord:
        if not self.gateway.sessions:
            raise RuntimeError("the bot has no gateway session yet (await wait_identified())")
        guild, channel, who = target
        interaction_id = self.snowflakes.next()
        token = "aW50ZXJhY3Rpb246" + secrets.token_urlsafe(48)
        payload = interaction_payload(
            self,
            interaction_id=interaction_id,
            token=token,
            kind=kind,
            data=data,
            who=who,
            guild=guild,
            channel=channel,
            message=source,
        )
        record = InteractionRecord(
            id=interaction_id,
            token=token,
            type=kind,
            name=name,
            payload=payload,
            guild_id=guild.id if guild else None,
            channel_id=channel.id,
            user=who.user if isinstance(who, Member) else who,
            waiter=self.waiter,
            source_message=source,
            dispatched_at=time.monotonic(),
        )
        self.interactions[interaction_id] = record
        self.gateway.dispatch("INTERACTION_CREATE", payload, record.guild_id)
        return record

    async def send_slash_command(
        self,
        name: str,
        options: Mapping[str, object] | None = None,
        *,
        user: User | Member | None = None,
        guild: GuildArg = ...,
        channel: Channel | None = None,
        subcommand: str | None = None,
        enforce_permissions: bool = True,
    ) -> InteractionRecord:
        """Invoke ``/name`` as ``user`` (default: ``default_user``).

        ``guild`` omitted: the channel's guild, else the member's, else the first guild;
        ``guild=None``: a DM with the bot. Options are typed from the synced schema;
        ``subcommand`` is ``"sub"`` or ``"group sub"``. With ``enforce_permissions`` a command
        Discord would hide (default_member_permissions, DM availability) raises
        PermissionError instead of being sent.
        """
        target = self._target(guild, channel, user)
        command = self._command(name, target[0], target[2], enforce_permissions)
        data = command_data(
            command,
            options or {},
            subcommand=subcommand,
            focused=None,
            guild=target[0],
            permissions=self._invoker_permissions(target),
        )
        return self._inject(2, name, data, target)

    async def send_autocomplete(
        self,
        name: str,
        options: Mapping[str, object],
        focused: str,
        *,
        user: User | Member | None = None,
        guild: GuildArg = ...,
        channel: Channel | None = None,
        subcommand: str | None = None,
        timeout: float = 5.0,
    ) -> list[dict[str, Any]]:
        """Ask for autocomplete of option ``focused`` (its partial value from ``options``,
        default "") and return the choices of the bot's type-8 callback."""
        target = self._target(guild, channel, user)
        command = self._command(name, target[0], target[2], True)
        values = {focused: ""} | dict(options)
        data = command_data(
            command,
            values,
            subcommand=subcommand,
            focused=focused,
            guild=target[0],
            permissions=self._invoker_permissions(target),
        )
        record = self._inject(4, name, data, target)
        callback = await record.wait_callback(timeout)
        return list((callback.data or {})["choices"])

    def _component(
        self, message: StoredMessage | int, custom_id: str, types: Sequence[int]
    ) -> tuple[StoredMessage, dict[str, Any]]:
        stored = message if isinstance(message, StoredMessage) else self.messages[message]
        for component in stored.iter_components():
            if component.get("custom_id") == custom_id and component.get("type") in types:
                if component.get("disabled"):
                    raise LookupError(f"component {custom_id!r} on message {stored.id} is disabled")
                return stored, component
        raise LookupError(
            f"message {stored.id} has no component {custom_id!r} of type {list(types)}; "
            f"custom_ids: {stored.custom_ids()}"
        )

    def _component_target(
        self, message: StoredMessage, user: User | Member | None
    ) -> tuple[Guild | None, Channel, User | Member]:
        guild = self.guilds[message.guild_id] if message.guild_id is not None else None
        return self._target(guild, self.channels[message.channel_id], user)

    async def click_button(
        self, message: StoredMessage | int, custom_id: str, *, user: User | Member | None = None
    ) -> InteractionRecord:
        """Click a button on a message the bot sent (component interaction, type 3)."""
        stored, _ = self._component(message, custom_id, (2,))
        data = {"custom_id": custom_id, "component_type": 2}
        target = self._component_target(stored, user)
        return self._inject(3, custom_id, data, target, stored)

    async def select_menu(
        self,
        message: StoredMessage | int,
        custom_id: str,
        values: Sequence[str],
        *,
        user: User | Member | None = None,
    ) -> InteractionRecord:
        """Choose ``values`` in a string select menu on a message the bot sent."""
        stored, component = self._component(message, custom_id, (3,))
        allowed = [o["value"] for o in component.get("options") or []]
        if not set(values) <= set(allowed):
            raise ValueError(f"select {custom_id!r} offers {allowed}, not {list(values)}")
        data = {"custom_id": custom_id, "component_type": 3, "values": list(values)}
        target = self._component_target(stored, user)
        return self._inject(3, custom_id, data, target, stored)

    async def send_message(
        self,
        channel: Channel,
        author: User | Member,
        content: str,
        *,
        mentions: Sequence[User] | None = None,
        reply_to: StoredMessage | None = None,
    ) -> StoredMessage:
        """A user posts ``content`` (MESSAGE_CREATE). ``mentions`` defaults to the users
        mentioned as ``<@id>`` in the content, e.g. ``f"{server.bot.mention} hi"``."""
        if not self.gateway.sessions:
            raise RuntimeError("the bot has no gateway session yet (await wait_identified())")
        user = author.user if isinstance(author, Member) else author
        if channel.guild_id is not None:
            self.member_for(self.guilds[channel.guild_id], author)
        message = self.new_message(
            channel, user, {"content": content}, type=19 if reply_to else 0, reference=reply_to
        )
        if mentions is not None:
            message.mentions = list(mentions)
        self.gateway.message_event("MESSAGE_CREATE", message)
        return message
