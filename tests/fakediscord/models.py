"""The fake Discord world as plain data: snowflakes, users, roles, channels, members, guilds.

These objects are what tests hold on to and pass back to the injection helpers; they are turned
into Discord JSON by :mod:`fakediscord.payloads`.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import IntEnum

import discord

DISCORD_EPOCH_MS = 1_420_070_400_000

# Permission bits the fake itself checks or that tests commonly need (Discord's numbering).
CREATE_INSTANT_INVITE = 1 << 0
ADMINISTRATOR = 1 << 3
ADD_REACTIONS = 1 << 6
VIEW_CHANNEL = 1 << 10
SEND_MESSAGES = 1 << 11
MANAGE_MESSAGES = 1 << 13
EMBED_LINKS = 1 << 14
ATTACH_FILES = 1 << 15
READ_MESSAGE_HISTORY = 1 << 16
USE_EXTERNAL_EMOJIS = 1 << 18
USE_APPLICATION_COMMANDS = 1 << 31
CREATE_PUBLIC_THREADS = 1 << 35
CREATE_PRIVATE_THREADS = 1 << 36
SEND_MESSAGES_IN_THREADS = 1 << 38
# Every bit Discord defines, which is what it reports for owners and administrators.
ALL_PERMISSIONS = discord.Permissions.all().value
# Roughly what @everyone gets in a freshly created guild.
DEFAULT_EVERYONE_PERMISSIONS = (
    CREATE_INSTANT_INVITE
    | ADD_REACTIONS
    | VIEW_CHANNEL
    | SEND_MESSAGES
    | EMBED_LINKS
    | ATTACH_FILES
    | READ_MESSAGE_HISTORY
    | USE_EXTERNAL_EMOJIS
    | USE_APPLICATION_COMMANDS
    | CREATE_PUBLIC_THREADS
    | SEND_MESSAGES_IN_THREADS
)
# What a bot invited with a typical "send messages + threads" invite link holds.
DEFAULT_BOT_PERMISSIONS = DEFAULT_EVERYONE_PERMISSIONS | CREATE_PRIVATE_THREADS


class ChannelType(IntEnum):
    """Discord channel types the fake models."""

    GUILD_TEXT = 0
    DM = 1
    GUILD_VOICE = 2
    GUILD_CATEGORY = 4
    GUILD_ANNOUNCEMENT = 5
    PUBLIC_THREAD = 11
    PRIVATE_THREAD = 12


THREAD_TYPES = (ChannelType.PUBLIC_THREAD, ChannelType.PRIVATE_THREAD)


def iso_now() -> str:
    """Current time in Discord's ISO-8601 timestamp format."""
    return datetime.now(UTC).isoformat()


class SnowflakeGenerator:
    """Strictly increasing snowflakes whose timestamp part is the current time.

    Realistic ids matter: discord.py derives ``created_at`` from them and sorts by them.
    """

    def __init__(self) -> None:
        self._last_ms = 0
        self._increment = 0

    def next(self) -> int:
        """Return a new snowflake (worker 1, process 1)."""
        ms = max(int(time.time() * 1000) - DISCORD_EPOCH_MS, self._last_ms)
        if ms == self._last_ms:
            self._increment += 1
            if self._increment > 0xFFF:
                ms += 1
                self._increment = 0
        else:
            self._increment = 0
        self._last_ms = ms
        return (ms << 22) | (1 << 17) | (1 << 12) | self._increment


@dataclass(eq=False)
class User:
    """A Discord user (human or bot)."""

    id: int
    username: str
    bot: bool = False
    global_name: str | None = None

    @property
    def mention(self) -> str:
        """The ``<@id>`` mention string."""
        return f"<@{self.id}>"


@dataclass(eq=False)
class Role:
    """A guild role; the @everyone role has the guild's id."""

    id: int
    guild_id: int
    name: str
    permissions: int = 0
    position: int = 0
    bot_id: int | None = None

    @property
    def mention(self) -> str:
        """The ``<@&id>`` mention string."""
        return f"<@&{self.id}>"


@dataclass(eq=False)
class Channel:
    """A guild channel, thread or DM channel (``guild_id`` is None for DMs)."""

    id: int
    name: str
    type: ChannelType
    guild_id: int | None
    position: int = 0
    parent_id: int | None = None
    topic: str | None = None
    owner_id: int | None = None
    recipients: list[User] = field(default_factory=list)

    @property
    def is_thread(self) -> bool:
        """Whether this is a public or private thread."""
        return self.type in THREAD_TYPES

    @property
    def mention(self) -> str:
        """The ``<#id>`` mention string."""
        return f"<#{self.id}>"


@dataclass(eq=False)
class Member:
    """A user's membership in a guild.

    ``permissions`` overrides the role-derived permissions when not None: it is the exact
    bitfield the fake reports (administrator still expands to all permissions).
    """

    user: User
    guild_id: int
    roles: list[Role] = field(default_factory=list)
    permissions: int | None = None
    nick: str | None = None
    joined_at: str = field(default_factory=iso_now)

    @property
    def id(self) -> int:
        """The member's user id."""
        return self.user.id


@dataclass(eq=False)
class Guild:
    """A guild with its roles, channels (including threads) and members, keyed by id."""

    id: int
    name: str
    owner_id: int
    roles: dict[int, Role] = field(default_factory=dict)
    channels: dict[int, Channel] = field(default_factory=dict)
    members: dict[int, Member] = field(default_factory=dict)

    @property
    def everyone(self) -> Role:
        """The @everyone role."""
        return self.roles[self.id]

    def channel(self, name: str) -> Channel:
        """Look a channel up by name (raises KeyError listing the known names)."""
        for channel in self.channels.values():
            if channel.name == name:
                return channel
        known = sorted(c.name for c in self.channels.values())
        raise KeyError(f"guild {self.name!r} has no channel {name!r}; channels: {known}")

    def first_text_channel(self) -> Channel:
        """The first text channel, the default target of injected events."""
        for channel in self.channels.values():
            if channel.type == ChannelType.GUILD_TEXT:
                return channel
        raise LookupError(f"guild {self.name!r} has no text channel")

    def permissions_for(self, member: Member) -> int:
        """Guild-level permissions as Discord computes them (no channel overwrites)."""
        if member.permissions is not None:
            base = member.permissions
        else:
            base = self.everyone.permissions
            for role in member.roles:
                base |= role.permissions
        if member.user.id == self.owner_id or base & ADMINISTRATOR:
            return ALL_PERMISSIONS
        return base
