"""An in-process, Discord-compatible server for end-to-end tests of discord.py bots.

``FakeDiscord`` serves REST (``/api/v10``) and the websocket gateway on 127.0.0.1, so the real
discord.py client logs in, syncs commands, connects, and answers injected slash commands,
autocomplete, button clicks and messages, while every request is recorded for assertions.
See ``FakeDiscord`` for usage; ``patch_discord`` points discord.py at a server.
"""

from .errors import ApiError
from .gateway import DIRECT_MESSAGES, GUILD_MEMBERS, GUILD_MESSAGES, GUILDS, MESSAGE_CONTENT
from .models import (
    ADMINISTRATOR,
    ALL_PERMISSIONS,
    DEFAULT_BOT_PERMISSIONS,
    DEFAULT_EVERYONE_PERMISSIONS,
    SEND_MESSAGES,
    VIEW_CHANNEL,
    Channel,
    ChannelType,
    Guild,
    Member,
    Role,
    User,
)
from .patching import LoopbackOnlyResolver, loopback_connector, patch_discord
from .records import (
    EPHEMERAL,
    SUPPRESS_EMBEDS,
    BotTaskEnded,
    Callback,
    InteractionRecord,
    MessagePayload,
    RateLimitRule,
    RecordedRequest,
    StoredMessage,
    SyncCall,
)
from .server import FakeDiscord

__all__ = [
    "ADMINISTRATOR",
    "ALL_PERMISSIONS",
    "DEFAULT_BOT_PERMISSIONS",
    "DEFAULT_EVERYONE_PERMISSIONS",
    "DIRECT_MESSAGES",
    "EPHEMERAL",
    "GUILDS",
    "GUILD_MEMBERS",
    "GUILD_MESSAGES",
    "MESSAGE_CONTENT",
    "SEND_MESSAGES",
    "SUPPRESS_EMBEDS",
    "VIEW_CHANNEL",
    "ApiError",
    "BotTaskEnded",
    "Callback",
    "Channel",
    "ChannelType",
    "FakeDiscord",
    "Guild",
    "InteractionRecord",
    "LoopbackOnlyResolver",
    "Member",
    "MessagePayload",
    "RateLimitRule",
    "RecordedRequest",
    "Role",
    "StoredMessage",
    "SyncCall",
    "User",
    "loopback_connector",
    "patch_discord",
]
