"""`rapporteur run`: start the bot the way an operator (or a service manager) does.

Exit status 78 (EX_CONFIG) when the token is missing or Discord rejects it, so a
supervisor can stop restarting (systemd: RestartPreventExitStatus=78). The token
is read from DISCORD_TOKEN and never printed or logged.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import sys

import discord
import yarl
from discord.gateway import DiscordWebSocket
from discord.http import Route

from bot.config import Config, DiscordConfig
from bot.discord_app.client import RapporteurClient, SyncFailed
from bot.service import KnowledgeService

log = logging.getLogger(__name__)

EXIT_CONFIG = 78
TOKEN_VARIABLE = "DISCORD_TOKEN"


def use_endpoints(settings: DiscordConfig) -> None:
    """Point discord.py at the configured API and gateway (Discord, or a compatible server)."""
    Route.BASE = settings.api_base_url.rstrip("/")
    DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(settings.gateway_url)


def run(config: Config) -> int:
    """Run the bot until it is stopped; returns the process exit status."""
    # Taken out of the environment, so that no child process (the document parsers) inherits it.
    token = os.environ.pop(TOKEN_VARIABLE, "").strip()
    if not token:
        print(
            f"rapporteur: {TOKEN_VARIABLE} is not set; it must hold the bot token", file=sys.stderr
        )
        return EXIT_CONFIG
    if not token.isprintable() or any(c.isspace() for c in token):
        print(
            f"rapporteur: {TOKEN_VARIABLE} holds a space, a line break or a control character; "
            "a bot token has none (was it pasted with another line?)",
            file=sys.stderr,
        )
        return EXIT_CONFIG
    # discord.py's DEBUG lines echo payloads and webhook URLs, which hold interaction tokens.
    for name in ("discord.http", "discord.gateway", "discord.webhook", "discord.state"):
        logging.getLogger(name).setLevel(max(logging.INFO, logging.getLogger(name).level))
    use_endpoints(config.discord)
    try:
        return asyncio.run(_serve(config, token))
    except KeyboardInterrupt:
        return 0


async def _serve(config: Config, token: str) -> int:
    client = RapporteurClient(config, KnowledgeService(config))
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(signum, lambda: asyncio.ensure_future(client.close()))
    try:
        async with client:
            await client.start(token, reconnect=True)
    except discord.LoginFailure:
        print(f"rapporteur: Discord rejected {TOKEN_VARIABLE} (401 Unauthorized)", file=sys.stderr)
        return EXIT_CONFIG
    except discord.PrivilegedIntentsRequired:
        print(
            "rapporteur: the Message Content intent is not enabled for this bot in the developer "
            "portal (needed by [discord] answer_channel_ids)",
            file=sys.stderr,
        )
        return EXIT_CONFIG
    except discord.ConnectionClosed as exc:
        if exc.code == 4004:
            print(
                f"rapporteur: Discord rejected {TOKEN_VARIABLE} (gateway close 4004)",
                file=sys.stderr,
            )
            return EXIT_CONFIG
        print(f"rapporteur: the gateway closed the connection (code {exc.code})", file=sys.stderr)
        return 1
    except SyncFailed as exc:
        print(f"rapporteur: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    except Exception as exc:  # one line for the operator; the trace is in the log
        log.exception("the bot stopped")
        print(f"rapporteur: the bot stopped: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    return 0
