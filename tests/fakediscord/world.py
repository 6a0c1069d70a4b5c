"""The fake's state: the modelled guilds/users plus everything recorded while a test runs.

:class:`World` is shared by the REST half, the gateway half and the test-facing
:class:`~fakediscord.server.FakeDiscord` (which extends it).
"""

from __future__ import annotations

import re
import time
from collections.abc import Mapping, Sequence
from typing import Any

from .models import (
    ADMINISTRATOR,
    DEFAULT_BOT_PERMISSIONS,
    DEFAULT_EVERYONE_PERMISSIONS,
    Channel,
    ChannelType,
    Guild,
    Member,
    Role,
    SnowflakeGenerator,
    User,
    iso_now,
)
from .records import (
    EPHEMERAL,
    SUPPRESS_EMBEDS,
    InteractionRecord,
    MessagePayload,
    RateLimitRule,
    RecordedRequest,
    StoredMessage,
    SyncCall,
    UploadedFile,
    Waiter,
)

USER_MENTION = re.compile(r"<@!?(\d+)>")
ROLE_MENTION = re.compile(r"<@&(\d+)>")

# Route templates whose bodies are message payloads: template -> (kind, creates a new message).
MESSAGE_ROUTES = {
    "POST /channels/{channel_id}/messages": ("channel_message", True),
    "PATCH /channels/{channel_id}/messages/{message_id}": ("channel_edit", False),
    "POST /webhooks/{application_id}/{token}": ("followup", True),
    "PATCH /webhooks/{application_id}/{token}/messages/{message_id}": ("webhook_edit", False),
}
CALLBACK_ROUTE = "POST /interactions/{interaction_id}/{token}/callback"
MESSAGE_KEYS = ("content", "embeds", "components")

# Synced application commands keyed by (command type, name), as Discord echoed them.
CommandStore = dict[tuple[int, str], dict[str, Any]]


class World:
    """Model + recordings. Tests normally use it through ``FakeDiscord``."""

    def __init__(
        self,
        *,
        token: str,
        bot_name: str,
        bot_id: int | None,
        application_id: int | None,
        bot_permissions: int,
        interaction_timeout: float,
    ) -> None:
        self.snowflakes = SnowflakeGenerator()
        self.token = token
        self.bot_permissions = bot_permissions
        self.interaction_timeout = interaction_timeout
        self.users: dict[int, User] = {}
        self.bot = self.add_user(bot_name, bot=True, user_id=bot_id)
        # Modern applications share their id with their bot user.
        self.application_id = application_id or self.bot.id
        self.owner = self.add_user("owner")
        self.default_user = self.add_user("tester")
        # Whether the application may be installed to users' accounts (a Developer Portal
        # setting): commands synced without integration_types are then offered to both.
        self.user_install = False
        self.guilds: dict[int, Guild] = {}
        self.channels: dict[int, Channel] = {}
        self.messages: dict[int, StoredMessage] = {}
        self.interactions: dict[int, InteractionRecord] = {}
        self.global_commands: CommandStore = {}
        self.guild_commands: dict[int, CommandStore] = {}
        self.sync_calls: list[SyncCall] = []
        self.requests: list[RecordedRequest] = []
        self.unknown_routes: list[RecordedRequest] = []
        self.rate_limits: list[RateLimitRule] = []
        self.base_url = ""
        self.waiter = Waiter(self.describe)

    # ------------------------------------------------------------------ model helpers

    def add_user(self, username: str, *, bot: bool = False, user_id: int | None = None) -> User:
        """Create a user (not yet a member of any guild)."""
        user = User(id=user_id or self.snowflakes.next(), username=username, bot=bot)
        self.users[user.id] = user
        return user

    def add_guild(
        self,
        name: str = "Test Guild",
        *,
        channels: Sequence[str] = ("general",),
        everyone_permissions: int = DEFAULT_EVERYONE_PERMISSIONS,
        guild_id: int | None = None,
        with_bot: bool = True,
    ) -> Guild:
        """Create a guild with @everyone, the bot (with its managed role), the owner and text
        channels named ``channels``. Add it before the bot connects; it appears in READY.
        ``with_bot=False``: a guild the bot is not in, where only a user's install of the
        application can be used."""
        guild = Guild(id=guild_id or self.snowflakes.next(), name=name, owner_id=self.owner.id)
        guild.roles[guild.id] = Role(guild.id, guild.id, "@everyone", everyone_permissions)
        self.guilds[guild.id] = guild
        if with_bot:
            bot_role = self.add_role(guild, self.bot.username, permissions=self.bot_permissions)
            bot_role.bot_id = self.bot.id
            self.add_member(guild, self.bot, roles=[bot_role])
        self.add_member(guild, self.owner)
        for channel_name in channels:
            self.add_channel(guild, channel_name)
        return guild

    def add_channel(
        self,
        guild: Guild,
        name: str,
        *,
        type: ChannelType = ChannelType.GUILD_TEXT,
        parent: Channel | None = None,
        topic: str | None = None,
    ) -> Channel:
        """Create a guild channel (threads are created by the bot through REST)."""
        channel = Channel(
            id=self.snowflakes.next(),
            name=name,
            type=type,
            guild_id=guild.id,
            position=len(guild.channels),
            parent_id=parent.id if parent else None,
            topic=topic,
        )
        guild.channels[channel.id] = channel
        self.channels[channel.id] = channel
        return channel

    def add_role(self, guild: Guild, name: str, *, permissions: int = 0) -> Role:
        """Create a role, e.g. ``add_role(guild, "Admin", permissions=ADMINISTRATOR)``."""
        role = Role(self.snowflakes.next(), guild.id, name, permissions, len(guild.roles))
        guild.roles[role.id] = role
        return role

    def add_member(
        self,
        guild: Guild,
        user: User | str,
        *,
        roles: Sequence[Role] = (),
        permissions: int | None = None,
    ) -> Member:
        """Make ``user`` (or a new user with that name) a member; ``permissions``, if given,
        replaces the role-derived permissions (ADMINISTRATOR still means everything)."""
        if isinstance(user, str):
            user = self.add_user(user)
        member = Member(user=user, guild_id=guild.id, roles=list(roles), permissions=permissions)
        guild.members[user.id] = member
        return member

    def admin(self, guild: Guild, username: str = "admin") -> Member:
        """A new member holding an Administrator role."""
        role = self.add_role(guild, "Admin", permissions=ADMINISTRATOR)
        return self.add_member(guild, username, roles=[role])

    def dm_channel(self, user: User) -> Channel:
        """The DM channel between ``user`` and the bot (created on first use)."""
        for channel in self.channels.values():
            if channel.type == ChannelType.DM and channel.recipients == [user]:
                return channel
        channel = Channel(self.snowflakes.next(), "", ChannelType.DM, None, recipients=[user])
        self.channels[channel.id] = channel
        return channel

    def member_for(self, guild: Guild, user: User | Member) -> Member:
        """The user's membership in ``guild``; non-members are added with no roles."""
        if isinstance(user, Member):
            return user
        return guild.members.get(user.id) or self.add_member(guild, user)

    def guild_permissions(self, guild_id: int | None, user: User) -> int:
        """Permissions of ``user`` in a guild; in DMs, what Discord grants there."""
        if guild_id is None:
            return DEFAULT_BOT_PERMISSIONS
        guild = self.guilds[guild_id]
        return guild.permissions_for(self.member_for(guild, user))

    # ------------------------------------------------------------------ messages

    def new_message(
        self,
        channel: Channel,
        author: User,
        body: Mapping[str, Any],
        files: Sequence[UploadedFile] = (),
        *,
        type: int = 0,
        interaction: InteractionRecord | None = None,
        reference: StoredMessage | None = None,
    ) -> StoredMessage:
        """Store a new message built from a create-message body."""
        now = time.monotonic()
        message = StoredMessage(
            id=self.snowflakes.next(),
            channel_id=channel.id,
            guild_id=channel.guild_id,
            author=author,
            type=type,
            timestamp=iso_now(),
            updated_at=now,
            flags=int(body.get("flags") or 0),
            tts=bool(body.get("tts")),
            interaction=interaction,
            reference=reference,
        )
        self.apply_body(message, body, files)
        self.messages[message.id] = message
        return message

    def apply_body(
        self,
        message: StoredMessage,
        body: Mapping[str, Any],
        files: Sequence[UploadedFile] = (),
        *,
        edit: bool = False,
    ) -> None:
        """Apply a create or edit body: content, embeds, components, attachments, pings."""
        if "content" in body:
            message.content = body["content"] or ""
        if "embeds" in body:
            message.embeds = [{"type": "rich"} | e for e in body["embeds"] or []]
        if "components" in body:
            message.components = body["components"] or []
        if edit and body.get("flags") is not None:
            # Only SUPPRESS_EMBEDS can change after creation.
            flags = (message.flags & ~SUPPRESS_EMBEDS) | (int(body["flags"]) & SUPPRESS_EMBEDS)
            message.flags = flags
        if "attachments" in body or files:
            kept = {str(a.get("id")) for a in body.get("attachments") or []}
            message.attachments = [a for a in message.attachments if a["id"] in kept]
            message.attachments += [self._attachment(message, f) for f in files]
        self._apply_pings(message, body.get("allowed_mentions"))
        message.bodies.append(dict(body))
        if edit:
            message.edited_timestamp = iso_now()
            message.updated_at = time.monotonic()

    def finish_deferral(
        self, message: StoredMessage, body: Mapping[str, Any], files: Sequence[UploadedFile]
    ) -> None:
        """Turn a "thinking" placeholder into the real message; ephemerality stays as deferred."""
        flags = (message.flags & EPHEMERAL) | (int(body.get("flags") or 0) & SUPPRESS_EMBEDS)
        message.flags = flags
        self.apply_body(message, body, files, edit=True)

    def _attachment(self, message: StoredMessage, upload: UploadedFile) -> dict[str, Any]:
        attachment_id = self.snowflakes.next()
        url = f"{self.base_url}/attachments/{message.channel_id}/{attachment_id}/{upload.filename}"
        return {
            "id": str(attachment_id),
            "filename": upload.filename,
            "size": len(upload.data),
            "url": url,
            "proxy_url": url,
            "content_type": upload.content_type,
        }

    def _apply_pings(self, message: StoredMessage, allowed: Mapping[str, Any] | None) -> None:
        """Work out who the message really pings, honouring allowed_mentions like Discord."""
        user_ids = {int(x) for x in USER_MENTION.findall(message.content)}
        role_ids = {int(x) for x in ROLE_MENTION.findall(message.content)}
        everyone = "@everyone" in message.content or "@here" in message.content
        replied = message.reference.author.id if message.reference else None
        if allowed is not None:
            parse = allowed.get("parse") or []
            if "users" not in parse:
                user_ids &= {int(u) for u in allowed.get("users") or []}
            if "roles" not in parse:
                role_ids &= {int(r) for r in allowed.get("roles") or []}
            everyone = everyone and "everyone" in parse
            if not allowed.get("replied_user"):
                replied = None
        if replied is not None:
            user_ids.add(replied)
        message.mentions = [self.users[u] for u in sorted(user_ids) if u in self.users]
        message.mention_roles = sorted(role_ids)
        message.mention_everyone = everyone

    # ------------------------------------------------------------------ recordings

    def message_payloads(self) -> list[MessagePayload]:
        """Every request body that carried message content, embeds or components (channel
        sends and edits, callbacks of types 4/7, followups, webhook edits)."""
        found: list[MessagePayload] = []
        for request in self.requests:
            body = request.json if isinstance(request.json, dict) else {}
            if request.route in MESSAGE_ROUTES:
                kind, new = MESSAGE_ROUTES[request.route]
            elif request.route == CALLBACK_ROUTE and body.get("type") in (4, 7):
                kind, new = f"callback_{body['type']}", body["type"] == 4
                body = body.get("data") or {}
            else:
                continue
            if any(key in body for key in MESSAGE_KEYS):
                found.append(MessagePayload(kind, new, body, request))
        return found

    def describe(self) -> str:
        """Recent activity, appended to every TimeoutError to make failures self-explanatory."""
        recent = ", ".join(str(r) for r in self.requests[-6:]) or "none"
        lines = [f"  last REST requests: {recent}"]
        if self.unknown_routes:
            unknown = ", ".join(str(r) for r in self.unknown_routes)
            lines.append(f"  unknown routes hit: {unknown}")
        return "\n".join(lines)
