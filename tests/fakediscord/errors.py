"""Discord-style API errors: the JSON error bodies discord.py turns into HTTPException & co."""

from __future__ import annotations

from typing import Any

# JSON error codes used by the fake (Discord's numbering).
GENERAL = 0
UNKNOWN_CHANNEL = 10003
UNKNOWN_GUILD = 10004
UNKNOWN_MEMBER = 10007
UNKNOWN_MESSAGE = 10008
UNKNOWN_USER = 10013
UNKNOWN_WEBHOOK = 10015
UNKNOWN_APPLICATION_COMMAND = 10063
UNKNOWN_INTERACTION = 10062
NOT_AUTHORIZED_FOR_APPLICATION = 20012
MISSING_PERMISSIONS = 50013
CANNOT_EDIT_OTHERS_MESSAGE = 50005
CANNOT_SEND_EMPTY_MESSAGE = 50006
INVALID_FORM_BODY = 50035
ALREADY_ACKNOWLEDGED = 40060
THREAD_ALREADY_CREATED = 160004


class ApiError(Exception):
    """Raised by handlers; becomes an HTTP error response with a Discord JSON body."""

    def __init__(
        self, status: int, code: int, message: str, errors: dict[str, Any] | None = None
    ) -> None:
        super().__init__(f"{status} {code}: {message}")
        self.status = status
        self.code = code
        self.message = message
        self.errors = errors

    def body(self) -> dict[str, Any]:
        """The JSON error body Discord sends."""
        body: dict[str, Any] = {"message": self.message, "code": self.code}
        if self.errors is not None:
            body["errors"] = self.errors
        return body


def not_found(code: int, what: str) -> ApiError:
    """A 404 for an unknown resource, e.g. ``not_found(UNKNOWN_MESSAGE, "Unknown Message")``."""
    return ApiError(404, code, what)


def form_error(path: str, code: str, message: str) -> ApiError:
    """A 400 Invalid Form Body error for the field at dotted ``path`` (e.g. ``embeds.0.title``).

    The nested ``errors`` object mirrors Discord's, which discord.py flattens into the
    exception text, so test failures show which field was rejected.
    """
    errors: dict[str, Any] = {"_errors": [{"code": code, "message": message}]}
    for part in reversed(path.split(".")):
        errors = {part: errors}
    return ApiError(400, INVALID_FORM_BODY, "Invalid Form Body", errors)
