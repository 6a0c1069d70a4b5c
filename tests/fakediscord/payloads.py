"""Discord JSON for the model objects (snowflakes as strings, every key discord.py requires)."""

from __future__ import annotations

from typing import Any

from .models import Channel, ChannelType, Guild, Member, Role, User, iso_now
from .records import StoredMessage

ATTACHMENT_SIZE_LIMIT = 8 * 1024 * 1024


def user_json(user: User) -> dict[str, Any]:
    """A user object; ``avatar`` must be present (null is fine)."""
    data: dict[str, Any] = {
        "id": str(user.id),
        "username": user.username,
        "discriminator": "0",
        "global_name": user.global_name,
        "avatar": None,
        "public_flags": 0,
    }
    if user.bot:
        data["bot"] = True
    return data


def role_json(role: Role) -> dict[str, Any]:
    """A role object (bot roles carry ``tags.bot_id`` and are managed)."""
    data: dict[str, Any] = {
        "id": str(role.id),
        "name": role.name,
        "permissions": str(role.permissions),
        "position": role.position,
        "color": 0,
        "colors": {"primary_color": 0, "secondary_color": None, "tertiary_color": None},
        "hoist": False,
        "managed": role.bot_id is not None,
        "mentionable": False,
        "icon": None,
        "unicode_emoji": None,
        "flags": 0,
    }
    if role.bot_id is not None:
        data["tags"] = {"bot_id": str(role.bot_id)}
    return data


def member_json(
    member: Member, *, with_user: bool = True, permissions: int | None = None
) -> dict[str, Any]:
    """A guild member; ``permissions`` (a string bitfield) is only sent in interactions."""
    data: dict[str, Any] = {
        "roles": [str(r.id) for r in member.roles],
        "nick": member.nick,
        "avatar": None,
        "joined_at": member.joined_at,
        "premium_since": None,
        "deaf": False,
        "mute": False,
        "pending": False,
        "flags": 0,
        "communication_disabled_until": None,
    }
    if with_user:
        data["user"] = user_json(member.user)
    if permissions is not None:
        data["permissions"] = str(permissions)
    return data


def channel_json(channel: Channel) -> dict[str, Any]:
    """A channel object in the shape its type needs (text, voice, category, thread, DM)."""
    if channel.type == ChannelType.DM:
        return {
            "id": str(channel.id),
            "type": int(channel.type),
            "recipients": [user_json(u) for u in channel.recipients],
            "last_message_id": None,
            "flags": 0,
        }
    data: dict[str, Any] = {
        "id": str(channel.id),
        "type": int(channel.type),
        "guild_id": str(channel.guild_id),
        "name": channel.name,
        "parent_id": str(channel.parent_id) if channel.parent_id else None,
        "flags": 0,
        "rate_limit_per_user": 0,
    }
    if channel.is_thread:
        data |= {
            "owner_id": str(channel.owner_id),
            "message_count": 0,
            "member_count": 1,
            "total_message_sent": 0,
            "last_message_id": None,
            "thread_metadata": {
                "archived": False,
                "auto_archive_duration": 1440,
                "archive_timestamp": iso_now(),
                "locked": False,
                "create_timestamp": iso_now(),
            },
        }
        return data
    data |= {"position": channel.position, "permission_overwrites": [], "nsfw": False}
    if channel.type == ChannelType.GUILD_VOICE:
        data |= {"bitrate": 64000, "user_limit": 0, "rtc_region": None}
    elif channel.type != ChannelType.GUILD_CATEGORY:
        data |= {"topic": channel.topic, "last_message_id": None}
    return data


def guild_json(guild: Guild) -> dict[str, Any]:
    """The REST guild object (no channels or members)."""
    return {
        "id": str(guild.id),
        "name": guild.name,
        "icon": None,
        "splash": None,
        "discovery_splash": None,
        "owner_id": str(guild.owner_id),
        "afk_channel_id": None,
        "afk_timeout": 300,
        "verification_level": 0,
        "default_message_notifications": 1,
        "explicit_content_filter": 0,
        "roles": [role_json(r) for r in guild.roles.values()],
        "emojis": [],
        "stickers": [],
        "features": [],
        "mfa_level": 0,
        "system_channel_id": None,
        "rules_channel_id": None,
        "preferred_locale": "en-US",
        "premium_tier": 0,
        "nsfw_level": 0,
    }


def guild_create_json(guild: Guild, members: list[Member]) -> dict[str, Any]:
    """The GUILD_CREATE payload; ``members`` is what the bot's intents let it see."""
    channels = [c for c in guild.channels.values() if not c.is_thread]
    threads = [c for c in guild.channels.values() if c.is_thread]
    return guild_json(guild) | {
        "joined_at": iso_now(),
        "large": False,
        "unavailable": False,
        "member_count": len(guild.members),
        "members": [member_json(m) for m in members],
        "channels": [channel_json(c) for c in channels],
        "threads": [channel_json(t) for t in threads],
        "voice_states": [],
        "presences": [],
        "stage_instances": [],
        "guild_scheduled_events": [],
    }


def message_json(message: StoredMessage, *, with_reference: bool = True) -> dict[str, Any]:
    """A message object as REST responses and gateway events carry it."""
    data: dict[str, Any] = {
        "id": str(message.id),
        "channel_id": str(message.channel_id),
        "type": message.type,
        "content": message.content,
        "author": user_json(message.author),
        "embeds": message.embeds,
        "components": message.components,
        "attachments": message.attachments,
        "mentions": [user_json(u) for u in message.mentions],
        "mention_roles": [str(r) for r in message.mention_roles],
        "mention_everyone": message.mention_everyone,
        "pinned": False,
        "tts": message.tts,
        "timestamp": message.timestamp,
        "edited_timestamp": message.edited_timestamp,
        "flags": message.flags,
    }
    interaction = message.interaction
    if interaction is not None:
        data["webhook_id"] = interaction.payload["application_id"]
        data["application_id"] = interaction.payload["application_id"]
        data["interaction_metadata"] = {
            "id": str(interaction.id),
            "type": interaction.type,
            "user": user_json(interaction.user),
            "authorizing_integration_owners": interaction.payload["authorizing_integration_owners"],
        }
    reference = message.reference
    if reference is not None:
        data["message_reference"] = {
            "type": 0,
            "message_id": str(reference.id),
            "channel_id": str(reference.channel_id),
        }
        if reference.guild_id is not None:
            data["message_reference"]["guild_id"] = str(reference.guild_id)
        if with_reference:
            data["referenced_message"] = message_json(reference, with_reference=False)
    return data
