"""Building INTERACTION_CREATE payloads from the command schema the bot synced.

Options are typed from that schema (so a test writes ``{"question": "hi"}``), checked the way
the Discord client checks them (unknown names, missing required options, choices), and
user/channel/role values get the ``resolved`` data discord.py needs.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .models import Channel, Guild, Member, Role, User
from .payloads import (
    ATTACHMENT_SIZE_LIMIT,
    channel_json,
    member_json,
    message_json,
    role_json,
    user_json,
)
from .records import StoredMessage
from .world import World

SUBCOMMAND_TYPES = (1, 2)
PLAIN_TYPES: dict[int, tuple[type, ...]] = {3: (str,), 4: (int,), 5: (bool,), 10: (int, float)}


def _resolve(
    kind: int,
    value: object,
    resolved: dict[str, dict[str, Any]],
    guild: Guild | None,
    permissions: int,
) -> str:
    """Return the snowflake for a user/channel/role/mentionable value and add its resolved data
    (a resolved channel carries the invoker's permissions in it)."""
    if kind in (6, 9) and isinstance(value, User | Member):
        user = value.user if isinstance(value, Member) else value
        resolved.setdefault("users", {})[str(user.id)] = user_json(user)
        member = value if isinstance(value, Member) else guild and guild.members.get(user.id)
        if guild is not None and member:
            data = member_json(member, with_user=False, permissions=guild.permissions_for(member))
            resolved.setdefault("members", {})[str(user.id)] = data
        return str(user.id)
    if kind == 7 and isinstance(value, Channel):
        data = channel_json(value) | {"permissions": str(permissions)}
        resolved.setdefault("channels", {})[str(value.id)] = data
        return str(value.id)
    if kind in (8, 9) and isinstance(value, Role):
        resolved.setdefault("roles", {})[str(value.id)] = role_json(value)
        return str(value.id)
    raise TypeError(f"option type {kind} cannot take {value!r}")


def _option(
    spec: dict[str, Any],
    value: object,
    *,
    focused: bool,
    resolved: dict[str, dict[str, Any]],
    guild: Guild | None,
    permissions: int,
) -> dict[str, Any]:
    kind = spec["type"]
    option: dict[str, Any] = {"name": spec["name"], "type": kind}
    if focused:
        # Autocomplete sends what the user has typed so far.
        return option | {"value": value, "focused": True}
    if kind in PLAIN_TYPES:
        bad_bool = kind != 5 and isinstance(value, bool)
        if not isinstance(value, PLAIN_TYPES[kind]) or bad_bool:
            raise TypeError(f"option {spec['name']!r} (type {kind}) cannot take {value!r}")
        choices = [c["value"] for c in spec.get("choices") or []]
        if choices and value not in choices:
            raise ValueError(f"option {spec['name']!r} must be one of {choices}, not {value!r}")
        return option | {"value": value}
    return option | {"value": _resolve(kind, value, resolved, guild, permissions)}


def command_data(
    command: dict[str, Any],
    values: Mapping[str, object],
    *,
    subcommand: str | None,
    focused: str | None,
    guild: Guild | None,
    permissions: int,
) -> dict[str, Any]:
    """The ``data`` of a slash-command (``focused`` None) or autocomplete interaction;
    ``permissions`` are the invoker's, reported on resolved channels."""
    name = f"/{command['name']}"
    specs: list[dict[str, Any]] = command.get("options") or []
    path: list[dict[str, Any]] = []
    for part in (subcommand or "").split():
        spec = next((s for s in specs if s["name"] == part and s["type"] in SUBCOMMAND_TYPES), None)
        if spec is None:
            raise ValueError(f"{name} has no subcommand {part!r}")
        path.append({"name": part, "type": spec["type"]})
        specs = spec.get("options") or []
        name += f" {part}"
    if any(s["type"] in SUBCOMMAND_TYPES for s in specs):
        subs = [s["name"] for s in specs]
        raise ValueError(f"{name} needs subcommand=... (one of {subs})")
    unknown = set(values) - {s["name"] for s in specs}
    if unknown:
        known = [s["name"] for s in specs]
        raise ValueError(f"{name} has no option(s) {sorted(unknown)}; options: {known}")
    resolved: dict[str, dict[str, Any]] = {}
    options = [
        _option(
            spec,
            values[spec["name"]],
            focused=spec["name"] == focused,
            resolved=resolved,
            guild=guild,
            permissions=permissions,
        )
        for spec in specs  # in schema order, as the Discord client sends them
        if spec["name"] in values
    ]
    missing = [s["name"] for s in specs if s.get("required") and s["name"] not in values]
    if missing and focused is None:
        raise ValueError(f"{name} is missing required options {missing}")
    for container in reversed(path):
        options = [container | {"options": options}]
    data: dict[str, Any] = {
        "id": command["id"],
        "name": command["name"],
        "type": command["type"],
        "options": options,
    }
    if "guild_id" in command:
        # Without it discord.py does not find guild-scoped commands.
        data["guild_id"] = command["guild_id"]
    if resolved:
        data["resolved"] = resolved
    return data


def interaction_payload(
    world: World,
    *,
    interaction_id: int,
    token: str,
    kind: int,
    data: dict[str, Any],
    who: User | Member,
    guild: Guild | None,
    channel: Channel,
    message: StoredMessage | None = None,
) -> dict[str, Any]:
    """A full INTERACTION_CREATE ``d``: guild interactions carry ``member`` with its permission
    string and ``guild_id``; DMs carry ``user`` and context 1."""
    payload: dict[str, Any] = {
        "id": str(interaction_id),
        "application_id": str(world.application_id),
        "type": kind,
        "data": data,
        "token": token,
        "version": 1,
        "attachment_size_limit": ATTACHMENT_SIZE_LIMIT,
        "channel_id": str(channel.id),
        "channel": channel_json(channel),
        "locale": "en-US",
        "entitlements": [],
        "entitlement_sku_ids": [],
    }
    if guild is not None:
        member = world.member_for(guild, who)
        permissions = guild.permissions_for(member)
        installed = world.bot.id in guild.members  # else a user's install, in a guild without it
        payload |= {
            "guild_id": str(guild.id),
            "guild": {"id": str(guild.id), "locale": "en-US", "features": []},
            "guild_locale": "en-US",
            "member": member_json(member, permissions=permissions),
            "app_permissions": str(
                world.guild_permissions(guild.id, world.bot) if installed else 0
            ),
            "context": 0,
            "authorizing_integration_owners": (
                {"0": str(guild.id)} if installed else {"1": str(member.user.id)}
            ),
        }
        payload["channel"]["permissions"] = str(permissions)
    else:
        user = who.user if isinstance(who, Member) else who
        payload |= {
            "user": user_json(user),
            "app_permissions": str(world.guild_permissions(None, world.bot)),
            "context": 1,
            "authorizing_integration_owners": {"0": "0"},
        }
    if message is not None:
        payload["message"] = message_json(message)
    return payload
