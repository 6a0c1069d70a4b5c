"""The REST half: routing, recording, auth, rate-limit faults and the endpoint handlers.

Every request under ``/api/v10`` is recorded in ``World.requests`` (unknown routes also in
``World.unknown_routes``) before it is answered. Responses carry ``Content-Type:
application/json`` exactly (discord.py does not parse ``...; charset=utf-8`` as JSON) and sane
``X-RateLimit-*`` headers so discord.py's bucket logic never stalls.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any

from aiohttp import BodyPartReader, web

from .errors import (
    ALREADY_ACKNOWLEDGED,
    CANNOT_EDIT_OTHERS_MESSAGE,
    GENERAL,
    MISSING_PERMISSIONS,
    NOT_AUTHORIZED_FOR_APPLICATION,
    THREAD_ALREADY_CREATED,
    UNKNOWN_APPLICATION_COMMAND,
    UNKNOWN_CHANNEL,
    UNKNOWN_GUILD,
    UNKNOWN_INTERACTION,
    UNKNOWN_MEMBER,
    UNKNOWN_MESSAGE,
    UNKNOWN_USER,
    UNKNOWN_WEBHOOK,
    ApiError,
    form_error,
    not_found,
)
from .gateway import Gateway
from .models import (
    CREATE_PRIVATE_THREADS,
    CREATE_PUBLIC_THREADS,
    MANAGE_MESSAGES,
    READ_MESSAGE_HISTORY,
    SEND_MESSAGES,
    SEND_MESSAGES_IN_THREADS,
    VIEW_CHANNEL,
    Channel,
    ChannelType,
    Guild,
)
from .payloads import channel_json, guild_json, member_json, message_json, role_json, user_json
from .records import (
    EPHEMERAL,
    LOADING,
    Callback,
    InteractionRecord,
    RecordedRequest,
    StoredMessage,
    SyncCall,
    UploadedFile,
)
from .validation import validate_choices, validate_commands, validate_message
from .world import CommandStore, World

# Callback types Discord accepts per interaction type (2 command, 3 component, 4 autocomplete).
ALLOWED_CALLBACKS = {2: {4, 5, 9}, 3: {4, 5, 6, 7, 9}, 4: {8}}
PARAM_PATTERNS = {"token": r"[^/]+", "message_id": r"\d+|@original", "emoji": r"[^/]+"}


@dataclass
class Reply:
    """A handler's answer: status and JSON body (None -> empty body)."""

    status: int = 200
    body: Any = None


Handler = Callable[[RecordedRequest, dict[str, str]], Awaitable[Reply]]


@dataclass
class Route:
    """One endpoint: ``template`` like ``POST /channels/{channel_id}/messages``."""

    template: str
    regex: re.Pattern[str]
    handler: Handler
    auth: bool

    @property
    def method(self) -> str:
        """The HTTP method of the template."""
        return self.template.split(" ", 1)[0]


def _route(template: str, handler: Handler) -> Route:
    path = template.split(" ", 1)[1]

    def param(match: re.Match[str]) -> str:
        return f"(?P<{match[1]}>{PARAM_PATTERNS.get(match[1], r'[0-9]+')})"

    regex = re.compile(re.sub(r"\{(\w+)\}", param, path) + "$")
    # Interaction callbacks and interaction webhooks authenticate with the token in the URL.
    return Route(template, regex, handler, auth="{token}" not in path)


async def _read_body(request: web.Request) -> tuple[Any, list[UploadedFile]]:
    """JSON body, or ``payload_json`` plus file parts for multipart requests."""
    if request.content_type.startswith("multipart/"):
        payload: Any = None
        files: list[UploadedFile] = []
        reader = await request.multipart()
        while (part := await reader.next()) is not None:
            if not isinstance(part, BodyPartReader):
                continue
            if part.name == "payload_json":
                payload = json.loads(await part.text())
            else:
                content_type = part.headers.get("Content-Type")
                data = bytes(await part.read())
                files.append(UploadedFile(part.name or "", part.filename or "", content_type, data))
        return payload, files
    raw = await request.read()
    return (json.loads(raw) if raw else None), []


def _bucket(template: str) -> str:
    return hashlib.sha1(template.encode()).hexdigest()[:32]


class RestApi:
    """Routes ``/api/v10/*`` requests to the handlers below."""

    def __init__(self, world: World, gateway: Gateway) -> None:
        self.world = world
        self.gateway = gateway
        cmds = "/applications/{application_id}/commands"
        guild_cmds = "/applications/{application_id}/guilds/{guild_id}/commands"
        webhook_msg = "/webhooks/{application_id}/{token}/messages/{message_id}"
        msg = "/channels/{channel_id}/messages/{message_id}"
        self.routes = [
            _route("GET /users/@me", self.get_me),
            _route("GET /users/{user_id}", self.get_user),
            _route("POST /users/@me/channels", self.create_dm),
            _route("GET /oauth2/applications/@me", self.get_application),
            _route("GET /applications/@me", self.get_application),
            _route("GET /gateway", self.get_gateway),
            _route("GET /gateway/bot", self.get_gateway_bot),
            _route(f"GET {cmds}", self.list_commands),
            _route(f"PUT {cmds}", self.overwrite_commands),
            _route(f"POST {cmds}", self.create_command),
            _route(f"GET {cmds}/{{command_id}}", self.get_command),
            _route(f"GET {guild_cmds}", self.list_commands),
            _route(f"PUT {guild_cmds}", self.overwrite_commands),
            _route(f"POST {guild_cmds}", self.create_command),
            _route(f"GET {guild_cmds}/{{command_id}}", self.get_command),
            _route("POST /interactions/{interaction_id}/{token}/callback", self.callback),
            _route("POST /webhooks/{application_id}/{token}", self.create_followup),
            _route(f"GET {webhook_msg}", self.get_webhook_message),
            _route(f"PATCH {webhook_msg}", self.edit_webhook_message),
            _route(f"DELETE {webhook_msg}", self.delete_webhook_message),
            _route("GET /channels/{channel_id}", self.get_channel),
            _route("GET /channels/{channel_id}/messages", self.list_messages),
            _route("POST /channels/{channel_id}/messages", self.create_message),
            _route(f"GET {msg}", self.get_message),
            _route(f"PATCH {msg}", self.edit_message),
            _route(f"DELETE {msg}", self.delete_message),
            _route(f"POST {msg}/threads", self.start_thread_from_message),
            _route("POST /channels/{channel_id}/threads", self.start_thread),
            _route("POST /channels/{channel_id}/typing", self.typing),
            _route(f"PUT {msg}/reactions/{{emoji}}/@me", self.add_reaction),
            _route(f"DELETE {msg}/reactions/{{emoji}}/@me", self.remove_reaction),
            _route("GET /guilds/{guild_id}", self.get_guild),
            _route("GET /guilds/{guild_id}/channels", self.get_guild_channels),
            _route("GET /guilds/{guild_id}/roles", self.get_roles),
            _route("GET /guilds/{guild_id}/members/{user_id}", self.get_member),
        ]

    # ------------------------------------------------------------------ plumbing

    async def handle(self, request: web.Request) -> web.Response:
        """aiohttp handler for ``/api/v10/{tail}``: record, fault-inject, route, answer."""
        body, files = await _read_body(request)
        record = RecordedRequest(
            method=request.method,
            path="/" + request.match_info["tail"],
            query=dict(request.query),
            headers=dict(request.headers),
            json=body,
            files=files,
            time=time.monotonic(),
        )
        self.world.requests.append(record)
        reply, headers = await self._answer(record, request.headers.get("Authorization"))
        record.status, record.response = reply.status, reply.body
        self.world.waiter.notify()
        if reply.body is None:
            return web.Response(status=reply.status, headers=headers)
        headers["Content-Type"] = "application/json"
        return web.Response(status=reply.status, body=json.dumps(reply.body), headers=headers)

    async def _answer(
        self, record: RecordedRequest, authorization: str | None
    ) -> tuple[Reply, dict[str, str]]:
        for rule in self.world.rate_limits:
            if rule.matches(record.method, record.path):
                rule.attempts += 1
                if rule.limited < rule.times:
                    rule.limited += 1
                    return self._rate_limited(rule.retry_after, rule.global_, record.path)
        route, params = self._match(record)
        if route is None:
            self.world.unknown_routes.append(record)
            return Reply(404, {"message": "404: Not Found", "code": GENERAL}), {}
        record.route, record.params = route.template, params
        headers = self._ratelimit_headers(route.template)
        if route.auth and authorization != f"Bot {self.world.token}":
            return Reply(401, {"message": "401: Unauthorized", "code": GENERAL}), headers
        try:
            return await route.handler(record, params), headers
        except ApiError as error:
            return Reply(error.status, error.body()), headers

    def _match(self, record: RecordedRequest) -> tuple[Route | None, dict[str, str]]:
        for route in self.routes:
            if route.method == record.method and (match := route.regex.match(record.path)):
                return route, match.groupdict()
        return None, {}

    @staticmethod
    def _ratelimit_headers(template: str) -> dict[str, str]:
        return {
            "X-RateLimit-Limit": "50",
            "X-RateLimit-Remaining": "49",
            "X-RateLimit-Reset": f"{time.time() + 1:.3f}",
            "X-RateLimit-Reset-After": "1.000",
            "X-RateLimit-Bucket": _bucket(template),
        }

    @staticmethod
    def _rate_limited(retry_after: float, global_: bool, path: str) -> tuple[Reply, dict[str, str]]:
        # discord.py only honours a 429 that has a Via header and a JSON retry_after.
        headers = {
            "Via": "1.1 google",
            "Retry-After": str(math.ceil(retry_after)),
            "X-RateLimit-Scope": "global" if global_ else "user",
        }
        if global_:
            headers["X-RateLimit-Global"] = "true"
        else:
            headers |= {
                "X-RateLimit-Limit": "5",
                "X-RateLimit-Remaining": "0",
                "X-RateLimit-Reset": f"{time.time() + retry_after:.3f}",
                "X-RateLimit-Reset-After": f"{retry_after:.3f}",
                "X-RateLimit-Bucket": _bucket(path),
            }
        body = {"message": "You are being rate limited.", "retry_after": retry_after}
        return Reply(429, body | {"global": global_}), headers

    # ------------------------------------------------------------------ lookups

    def _channel(self, params: dict[str, str]) -> Channel:
        channel = self.world.channels.get(int(params["channel_id"]))
        if channel is None:
            raise not_found(UNKNOWN_CHANNEL, "Unknown Channel")
        return channel

    def _guild(self, params: dict[str, str]) -> Guild:
        guild = self.world.guilds.get(int(params["guild_id"]))
        if guild is None:
            raise not_found(UNKNOWN_GUILD, "Unknown Guild")
        return guild

    def _message(self, channel: Channel, params: dict[str, str]) -> StoredMessage:
        message = self.world.messages.get(int(params["message_id"]))
        if message is None or message.deleted or message.channel_id != channel.id:
            raise not_found(UNKNOWN_MESSAGE, "Unknown Message")
        return message

    def _require(self, channel: Channel, permission: int) -> None:
        """403 Missing Permissions unless the bot may view the channel and has ``permission``."""
        needed = VIEW_CHANNEL | permission
        if self.world.guild_permissions(channel.guild_id, self.world.bot) & needed != needed:
            raise ApiError(403, MISSING_PERMISSIONS, "Missing Permissions")

    def _check_application(self, params: dict[str, str]) -> None:
        if int(params["application_id"]) != self.world.application_id:
            raise ApiError(
                403,
                NOT_AUTHORIZED_FOR_APPLICATION,
                "You are not authorized to perform this action on this application",
            )

    def _interaction(self, params: dict[str, str]) -> InteractionRecord:
        """The interaction behind a webhook token (404 Unknown Webhook before a callback)."""
        self._check_application(params)
        for record in self.world.interactions.values():
            if record.token == params["token"] and record.callbacks and record.type != 4:
                return record
        raise not_found(UNKNOWN_WEBHOOK, "Unknown Webhook")

    # ------------------------------------------------------------------ login, users, guilds

    async def get_me(self, _req: RecordedRequest, _p: dict[str, str]) -> Reply:
        """The bot user (login)."""
        me = user_json(self.world.bot) | {"verified": True, "mfa_enabled": False, "flags": 0}
        return Reply(200, me | {"email": None, "locale": "en-US"})

    async def get_user(self, _req: RecordedRequest, p: dict[str, str]) -> Reply:
        """Any known user."""
        user = self.world.users.get(int(p["user_id"]))
        if user is None:
            raise not_found(UNKNOWN_USER, "Unknown User")
        return Reply(200, user_json(user))

    async def create_dm(self, req: RecordedRequest, _p: dict[str, str]) -> Reply:
        """Open the DM channel with a user (``user.send()``)."""
        user = self.world.users.get(int((req.json or {}).get("recipient_id", 0)))
        if user is None:
            raise not_found(UNKNOWN_USER, "Unknown User")
        return Reply(200, channel_json(self.world.dm_channel(user)))

    async def get_application(self, _req: RecordedRequest, _p: dict[str, str]) -> Reply:
        """Application info (login); no interactions endpoint URL, so the gateway gets them."""
        world = self.world
        return Reply(
            200,
            {
                "id": str(world.application_id),
                "name": world.bot.username,
                "description": "",
                "icon": None,
                "bot_public": True,
                "bot_require_code_grant": False,
                "verify_key": "0" * 64,
                "owner": user_json(world.owner),
                "team": None,
                "flags": 0,
                "summary": "",
                "bot": user_json(world.bot),
                "interactions_endpoint_url": None,
            },
        )

    async def get_gateway(self, _req: RecordedRequest, _p: dict[str, str]) -> Reply:
        """Gateway URL (unused by a plain Client, served for completeness)."""
        return Reply(200, {"url": self.gateway.url})

    async def get_gateway_bot(self, _req: RecordedRequest, _p: dict[str, str]) -> Reply:
        """Gateway URL + shard count (AutoShardedClient asks this)."""
        limit = {"total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1}
        return Reply(200, {"url": self.gateway.url, "shards": 1, "session_start_limit": limit})

    async def get_guild(self, _req: RecordedRequest, p: dict[str, str]) -> Reply:
        """A guild (``fetch_guild``)."""
        return Reply(200, guild_json(self._guild(p)))

    async def get_guild_channels(self, _req: RecordedRequest, p: dict[str, str]) -> Reply:
        """A guild's channels (threads excluded, as on Discord)."""
        channels = [c for c in self._guild(p).channels.values() if not c.is_thread]
        return Reply(200, [channel_json(c) for c in channels])

    async def get_roles(self, _req: RecordedRequest, p: dict[str, str]) -> Reply:
        """A guild's roles."""
        return Reply(200, [role_json(r) for r in self._guild(p).roles.values()])

    async def get_member(self, _req: RecordedRequest, p: dict[str, str]) -> Reply:
        """One guild member (``fetch_member``)."""
        member = self._guild(p).members.get(int(p["user_id"]))
        if member is None:
            raise not_found(UNKNOWN_MEMBER, "Unknown Member")
        return Reply(200, member_json(member))

    # ------------------------------------------------------------------ application commands

    def _commands(self, p: dict[str, str]) -> tuple[int | None, CommandStore]:
        self._check_application(p)
        if "guild_id" not in p:
            return None, self.world.global_commands
        guild = self._guild(p)
        return guild.id, self.world.guild_commands.setdefault(guild.id, {})

    def _command_json(
        self, body: dict[str, Any], existing: dict[str, Any] | None, guild_id: int | None
    ) -> dict[str, Any]:
        """A command as Discord echoes it: ids added, defaults filled, permissions a string."""
        command = dict(body)
        command["id"] = existing["id"] if existing else str(self.world.snowflakes.next())
        command["application_id"] = str(self.world.application_id)
        command["version"] = str(self.world.snowflakes.next())
        command["type"] = int(body.get("type") or 1)
        command.setdefault("description", "")
        permissions = body.get("default_member_permissions")
        command["default_member_permissions"] = None if permissions is None else str(permissions)
        command["dm_permission"] = body.get("dm_permission") is not False
        command["nsfw"] = bool(body.get("nsfw"))
        default_types = [0, 1] if self.world.user_install else [0]
        command["integration_types"] = body.get("integration_types") or default_types
        command["contexts"] = body.get("contexts")
        if guild_id is not None:
            command["guild_id"] = str(guild_id)
        return command

    async def list_commands(self, _req: RecordedRequest, p: dict[str, str]) -> Reply:
        """``tree.fetch_commands()``."""
        return Reply(200, list(self._commands(p)[1].values()))

    async def overwrite_commands(self, req: RecordedRequest, p: dict[str, str]) -> Reply:
        """``tree.sync()``: replace the whole set, keeping ids of commands that stay."""
        guild_id, store = self._commands(p)
        if not isinstance(req.json, list):
            raise form_error("_", "BASE_TYPE_ARRAY", "Must be an array")
        validate_commands(req.json)
        previous = dict(store)
        store.clear()
        for body in req.json:
            key = (int(body.get("type") or 1), body["name"])
            store[key] = self._command_json(body, previous.get(key), guild_id)
        self.world.sync_calls.append(SyncCall(guild_id, list(store.values())))
        return Reply(200, list(store.values()))

    async def create_command(self, req: RecordedRequest, p: dict[str, str]) -> Reply:
        """Upsert one command by name (201 when new); not counted in ``sync_calls``."""
        guild_id, store = self._commands(p)
        body = req.json or {}
        validate_commands([body])
        key = (int(body.get("type") or 1), body["name"])
        existing = store.get(key)
        store[key] = self._command_json(body, existing, guild_id)
        return Reply(200 if existing else 201, store[key])

    async def get_command(self, _req: RecordedRequest, p: dict[str, str]) -> Reply:
        """``tree.fetch_command(id)``."""
        for command in self._commands(p)[1].values():
            if command["id"] == p["command_id"]:
                return Reply(200, command)
        raise not_found(UNKNOWN_APPLICATION_COMMAND, "Unknown application command")

    # ------------------------------------------------------------------ interactions

    def _interaction_message(
        self, record: InteractionRecord, body: dict[str, Any], files: Sequence[UploadedFile]
    ) -> StoredMessage:
        channel = self.world.channels[record.channel_id]
        kind = 20 if record.type == 2 else 0  # CHAT_INPUT_COMMAND / DEFAULT
        message = self.world.new_message(
            channel, self.world.bot, body, files, type=kind, interaction=record
        )
        self.gateway.message_event("MESSAGE_CREATE", message)
        return message

    async def callback(self, req: RecordedRequest, p: dict[str, str]) -> Reply:
        """The initial response (types 4-9), within the interaction timeout, exactly once."""
        record = self.world.interactions.get(int(p["interaction_id"]))
        if record is None or record.token != p["token"]:
            raise not_found(UNKNOWN_INTERACTION, "Unknown interaction")
        if record.callbacks:
            raise ApiError(400, ALREADY_ACKNOWLEDGED, "Interaction has already been acknowledged.")
        now = time.monotonic()
        if now - record.dispatched_at > self.world.interaction_timeout:
            raise not_found(UNKNOWN_INTERACTION, "Unknown interaction")
        body = req.json or {}
        kind, data = body.get("type"), body.get("data")
        if kind not in ALLOWED_CALLBACKS[record.type]:
            raise form_error(
                "type",
                "INTERACTION_RESPONSE_TYPE_INVALID",
                f"Callback type {kind} is invalid for interaction type {record.type}",
            )
        message: StoredMessage | None = None
        if kind == 4:
            validate_message(data or {}, has_files=bool(req.files), edit=False)
            message = self._interaction_message(record, data or {}, req.files)
        elif kind == 5:
            flags = (int((data or {}).get("flags") or 0) & EPHEMERAL) | LOADING
            message = self._interaction_message(record, {"content": "", "flags": flags}, ())
        elif kind in (6, 7):
            message = record.source_message
            if kind == 7 and message is not None:
                validate_message(data or {}, has_files=bool(req.files), edit=True)
                self.world.apply_body(message, data or {}, req.files, edit=True)
                self.gateway.message_event("MESSAGE_UPDATE", message)
        elif kind == 8:
            validate_choices(data)
        elif not (data and data.get("custom_id") and data.get("title") and data.get("components")):
            raise form_error(
                "data", "BASE_TYPE_REQUIRED", "A modal needs custom_id, title, components"
            )
        record.original = message
        record.callbacks.append(Callback(kind, data, now, now - record.dispatched_at, req))
        interaction: dict[str, Any] = {
            "id": str(record.id),
            "type": record.type,
            "activity_instance_id": None,
            "response_message_loading": kind == 5,
            "response_message_ephemeral": bool(message and message.ephemeral),
        }
        response: dict[str, Any] = {"interaction": interaction}
        if message is not None:
            interaction["response_message_id"] = str(message.id)
            if kind in (4, 5, 7):
                response["resource"] = {"type": kind, "message": message_json(message)}
        return Reply(200, response)

    async def create_followup(self, req: RecordedRequest, p: dict[str, str]) -> Reply:
        """A followup; the first one after a "thinking" defer edits the placeholder instead."""
        record = self._interaction(p)
        body = req.json or {}
        validate_message(body, has_files=bool(req.files), edit=False)
        original = record.original
        # (a deleted placeholder is gone: the next followup is a new message)
        if (
            record.callbacks[0].type == 5
            and original is not None
            and original.loading
            and not original.deleted
        ):
            self.world.finish_deferral(original, body, req.files)
            self.gateway.message_event("MESSAGE_UPDATE", original)
            message = original
        else:
            message = self._interaction_message(record, body, req.files)
        record.followups.append(message)
        if req.query.get("wait") in ("0", "false"):
            return Reply(204)
        return Reply(200, message_json(message))

    def _webhook_message(self, p: dict[str, str]) -> StoredMessage:
        record = self._interaction(p)
        if p["message_id"] == "@original":
            message = record.original
        else:
            candidates = [record.original, *record.followups]
            message = next((m for m in candidates if m and m.id == int(p["message_id"])), None)
        if message is None or message.deleted:
            raise not_found(UNKNOWN_MESSAGE, "Unknown Message")
        return message

    async def get_webhook_message(self, _req: RecordedRequest, p: dict[str, str]) -> Reply:
        """``interaction.original_response()`` and followup fetches."""
        return Reply(200, message_json(self._webhook_message(p)))

    async def edit_webhook_message(self, req: RecordedRequest, p: dict[str, str]) -> Reply:
        """``edit_original_response()`` (which also completes a defer) and followup edits."""
        message = self._webhook_message(p)
        body = req.json or {}
        validate_message(body, has_files=bool(req.files), edit=True)
        if message.loading:
            self.world.finish_deferral(message, body, req.files)
        else:
            self.world.apply_body(message, body, req.files, edit=True)
        self.gateway.message_event("MESSAGE_UPDATE", message)
        return Reply(200, message_json(message))

    async def delete_webhook_message(self, _req: RecordedRequest, p: dict[str, str]) -> Reply:
        """``delete_original_response()`` and followup deletes."""
        message = self._webhook_message(p)
        message.deleted = True
        self.gateway.message_event("MESSAGE_DELETE", message)
        return Reply(204)

    # ------------------------------------------------------------------ channels and messages

    async def get_channel(self, _req: RecordedRequest, p: dict[str, str]) -> Reply:
        """``fetch_channel``."""
        return Reply(200, channel_json(self._channel(p)))

    async def list_messages(self, req: RecordedRequest, p: dict[str, str]) -> Reply:
        """Channel history, newest first (``limit``, ``before``, ``after``)."""
        channel = self._channel(p)
        self._require(channel, READ_MESSAGE_HISTORY)
        before = int(req.query.get("before", 1 << 63))
        after = int(req.query.get("after", 0))
        found = [
            m
            for m in self.world.messages.values()
            if m.channel_id == channel.id and not m.deleted and after < m.id < before
        ]
        found.sort(key=lambda m: m.id, reverse=True)
        limit = int(req.query.get("limit", 50))
        return Reply(200, [message_json(m) for m in found[:limit]])

    async def create_message(self, req: RecordedRequest, p: dict[str, str]) -> Reply:
        """``channel.send`` / ``message.reply``; a reply to an unknown message is rejected."""
        channel = self._channel(p)
        self._require(channel, SEND_MESSAGES_IN_THREADS if channel.is_thread else SEND_MESSAGES)
        body = req.json or {}
        validate_message(body, has_files=bool(req.files), edit=False)
        reference = None
        if body.get("message_reference"):
            ref = body["message_reference"]
            reference = self.world.messages.get(int(ref["message_id"]))
            if (reference is None or reference.deleted) and ref.get("fail_if_not_exists", True):
                raise form_error(
                    "message_reference", "MESSAGE_REFERENCE_UNKNOWN_MESSAGE", "Unknown message"
                )
        message = self.world.new_message(
            channel,
            self.world.bot,
            body,
            req.files,
            type=19 if reference else 0,
            reference=reference,
        )
        self.gateway.message_event("MESSAGE_CREATE", message)
        return Reply(200, message_json(message))

    async def get_message(self, _req: RecordedRequest, p: dict[str, str]) -> Reply:
        """``fetch_message``."""
        channel = self._channel(p)
        self._require(channel, READ_MESSAGE_HISTORY)
        return Reply(200, message_json(self._message(channel, p)))

    async def edit_message(self, req: RecordedRequest, p: dict[str, str]) -> Reply:
        """Edit one of the bot's own channel messages."""
        channel = self._channel(p)
        message = self._message(channel, p)
        if message.author is not self.world.bot:
            raise ApiError(
                403, CANNOT_EDIT_OTHERS_MESSAGE, "Cannot edit a message authored by another user"
            )
        body = req.json or {}
        validate_message(body, has_files=bool(req.files), edit=True)
        self.world.apply_body(message, body, req.files, edit=True)
        self.gateway.message_event("MESSAGE_UPDATE", message)
        return Reply(200, message_json(message))

    async def delete_message(self, _req: RecordedRequest, p: dict[str, str]) -> Reply:
        """Delete a message (others' messages need Manage Messages)."""
        channel = self._channel(p)
        message = self._message(channel, p)
        if message.author is not self.world.bot:
            self._require(channel, MANAGE_MESSAGES)
        message.deleted = True
        self.gateway.message_event("MESSAGE_DELETE", message)
        return Reply(204)

    def _new_thread(
        self, parent: Channel, body: dict[str, Any], kind: ChannelType, thread_id: int | None
    ) -> Channel:
        name = body.get("name")
        if not name or len(name) > 100:
            raise form_error("name", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length.")
        if parent.guild_id is None or parent.is_thread:
            raise ApiError(400, GENERAL, "Cannot create a thread here")
        thread = Channel(
            id=thread_id or self.world.snowflakes.next(),
            name=name,
            type=kind,
            guild_id=parent.guild_id,
            parent_id=parent.id,
            owner_id=self.world.bot.id,
        )
        self.world.guilds[parent.guild_id].channels[thread.id] = thread
        self.world.channels[thread.id] = thread
        event = channel_json(thread) | {"newly_created": True}
        self.gateway.dispatch("THREAD_CREATE", event, parent.guild_id)
        return thread

    async def start_thread_from_message(self, req: RecordedRequest, p: dict[str, str]) -> Reply:
        """``message.create_thread``: the thread gets the message's id, as on Discord."""
        channel = self._channel(p)
        message = self._message(channel, p)
        if message.thread_id is not None:
            raise ApiError(
                400, THREAD_ALREADY_CREATED, "A thread has already been created for this message"
            )
        self._require(channel, CREATE_PUBLIC_THREADS)
        thread = self._new_thread(channel, req.json or {}, ChannelType.PUBLIC_THREAD, message.id)
        message.thread_id = thread.id
        return Reply(201, channel_json(thread))

    async def start_thread(self, req: RecordedRequest, p: dict[str, str]) -> Reply:
        """``channel.create_thread`` without a message (private unless type 11 is asked)."""
        channel = self._channel(p)
        body = req.json or {}
        kind = ChannelType(int(body.get("type") or ChannelType.PRIVATE_THREAD))
        public = kind == ChannelType.PUBLIC_THREAD
        self._require(channel, CREATE_PUBLIC_THREADS if public else CREATE_PRIVATE_THREADS)
        return Reply(201, channel_json(self._new_thread(channel, body, kind, None)))

    async def typing(self, _req: RecordedRequest, p: dict[str, str]) -> Reply:
        """``channel.typing()``."""
        self._channel(p)
        return Reply(204)

    async def add_reaction(self, _req: RecordedRequest, p: dict[str, str]) -> Reply:
        """``message.add_reaction``."""
        message = self._message(self._channel(p), p)
        message.reactions.append(p["emoji"])
        return Reply(204)

    async def remove_reaction(self, _req: RecordedRequest, p: dict[str, str]) -> Reply:
        """``message.remove_reaction(emoji, bot)``."""
        message = self._message(self._channel(p), p)
        if p["emoji"] in message.reactions:
            message.reactions.remove(p["emoji"])
        return Reply(204)
