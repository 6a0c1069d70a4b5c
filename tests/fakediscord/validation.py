"""The request validation Discord performs, so bot bugs (a 2001-character answer, a 26th
autocomplete choice, an empty message) fail in tests the way they fail in production."""

from __future__ import annotations

import re
from typing import Any

from .errors import CANNOT_SEND_EMPTY_MESSAGE, ApiError, form_error
from .records import COMPONENTS_V2

COMMAND_NAME = re.compile(r"^[-_\w]{1,32}$")
EMBED_LIMITS = {"title": 256, "description": 4096}
MAX_EMBED_TOTAL = 6000


def _too_long(path: str, limit: int) -> ApiError:
    return form_error(path, "BASE_TYPE_MAX_LENGTH", f"Must be {limit} or fewer in length.")


def _check_len(value: Any, path: str, limit: int, *, required: bool = False) -> int:
    """Check a string field's length; return it (0 if absent) for the embed total."""
    if value is None:
        if required:
            raise form_error(path, "BASE_TYPE_REQUIRED", "This field is required")
        return 0
    text = str(value)
    if required and not text:
        raise form_error(path, "BASE_TYPE_REQUIRED", "This field is required")
    if len(text) > limit:
        raise _too_long(path, limit)
    return len(text)


def _check_embed(embed: dict[str, Any], path: str) -> int:
    total = sum(_check_len(embed.get(k), f"{path}.{k}", n) for k, n in EMBED_LIMITS.items())
    fields = embed.get("fields") or []
    if len(fields) > 25:
        raise form_error(f"{path}.fields", "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer.")
    for i, item in enumerate(fields):
        total += _check_len(item.get("name"), f"{path}.fields.{i}.name", 256, required=True)
        total += _check_len(item.get("value"), f"{path}.fields.{i}.value", 1024, required=True)
    total += _check_len((embed.get("footer") or {}).get("text"), f"{path}.footer.text", 2048)
    total += _check_len((embed.get("author") or {}).get("name"), f"{path}.author.name", 256)
    return total


def _check_action_rows(components: list[dict[str, Any]]) -> None:
    if len(components) > 5:
        raise form_error("components", "BASE_TYPE_MAX_LENGTH", "Must be 5 or fewer in length.")
    seen: set[str] = set()
    for r, row in enumerate(components):
        children = row.get("components") or []
        if row.get("type") != 1 or not 1 <= len(children) <= 5:
            raise form_error(f"components.{r}", "COMPONENT_LAYOUT_WIDTH_EXCEEDED", "Bad row")
        for c, child in enumerate(children):
            path = f"components.{r}.components.{c}"
            _check_len(child.get("label"), f"{path}.label", 80)
            custom_id = child.get("custom_id")
            if custom_id is None:
                if child.get("type") == 2 and child.get("style") in (5, 6):
                    continue  # link and premium buttons have no custom_id
                raise form_error(f"{path}.custom_id", "BASE_TYPE_REQUIRED", "Required")
            _check_len(custom_id, f"{path}.custom_id", 100, required=True)
            if custom_id in seen:
                raise form_error(f"{path}.custom_id", "COMPONENT_CUSTOM_ID_DUPLICATED", "Duplicate")
            seen.add(custom_id)


def validate_message(body: dict[str, Any], *, has_files: bool, edit: bool) -> None:
    """Validate a message create/edit body (content, embeds, components, emptiness)."""
    _check_len(body.get("content"), "content", 2000)
    embeds = body.get("embeds") or []
    if len(embeds) > 10:
        raise form_error("embeds", "BASE_TYPE_MAX_LENGTH", "Must be 10 or fewer in length.")
    total = sum(_check_embed(e, f"embeds.{i}") for i, e in enumerate(embeds))
    if total > MAX_EMBED_TOTAL:
        raise form_error("embeds", "MAX_EMBED_SIZE_EXCEEDED", "Embed size exceeds maximum size")
    components = body.get("components") or []
    if not int(body.get("flags") or 0) & COMPONENTS_V2:
        _check_action_rows(components)
    parse = (body.get("allowed_mentions") or {}).get("parse", [])
    if not set(parse) <= {"users", "roles", "everyone"}:
        raise form_error("allowed_mentions.parse", "ENUM_TYPE_COERCE", f"Bad values {parse}")
    empty = not (
        body.get("content") or embeds or components or has_files or body.get("sticker_ids")
    ) and not body.get("poll")
    if empty and not edit:
        raise ApiError(400, CANNOT_SEND_EMPTY_MESSAGE, "Cannot send an empty message")


def validate_choices(data: dict[str, Any] | None) -> None:
    """Validate an autocomplete result (callback type 8)."""
    choices = (data or {}).get("choices")
    if choices is None:
        raise form_error("data.choices", "BASE_TYPE_REQUIRED", "This field is required")
    if len(choices) > 25:
        raise form_error("data.choices", "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.")
    for i, choice in enumerate(choices):
        _check_len(choice.get("name"), f"data.choices.{i}.name", 100, required=True)
        if isinstance(choice.get("value"), str):
            _check_len(choice["value"], f"data.choices.{i}.value", 100)


def _check_options(options: list[dict[str, Any]], path: str) -> None:
    if len(options) > 25:
        raise form_error(path, "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.")
    seen_optional = False
    names: set[str] = set()
    for i, option in enumerate(options):
        _check_name(option.get("name"), f"{path}.{i}.name")
        _check_len(option.get("description"), f"{path}.{i}.description", 100, required=True)
        if option["name"] in names:
            raise form_error(
                f"{path}.{i}.name", "APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS", ""
            )
        names.add(option["name"])
        if option.get("type") in (1, 2):
            _check_options(option.get("options") or [], f"{path}.{i}.options")
            continue
        if option.get("required"):
            if seen_optional:
                raise form_error(
                    f"{path}.{i}.required",
                    "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID",
                    "Required options must be placed before non-required options",
                )
        else:
            seen_optional = True
        if len(option.get("choices") or []) > 25:
            raise form_error(f"{path}.{i}.choices", "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer.")


def _check_name(name: Any, path: str) -> None:
    if not isinstance(name, str) or not COMMAND_NAME.match(name) or name != name.lower():
        raise form_error(
            path, "APPLICATION_COMMAND_INVALID_NAME", f"Command name is invalid: {name!r}"
        )


def validate_commands(commands: list[dict[str, Any]]) -> None:
    """Validate a command sync body: names, descriptions, option order, uniqueness."""
    if len(commands) > 100:
        raise form_error("_", "BASE_TYPE_MAX_LENGTH", "Must be 100 or fewer in length.")
    seen: set[tuple[str, int]] = set()
    for i, command in enumerate(commands):
        kind = int(command.get("type") or 1)
        if kind == 1:
            _check_name(command.get("name"), f"{i}.name")
            _check_len(command.get("description"), f"{i}.description", 100, required=True)
            _check_options(command.get("options") or [], f"{i}.options")
        else:
            _check_len(command.get("name"), f"{i}.name", 32, required=True)
        key = (command["name"], kind)
        if key in seen:
            raise form_error(f"{i}.name", "APPLICATION_COMMANDS_DUPLICATE_NAME", "Duplicate name")
        seen.add(key)
