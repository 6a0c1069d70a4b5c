"""Running the real bot against the in-repo Discord-compatible server, for end-to-end tests."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from discord.gateway import DiscordWebSocket
from discord.http import Route
from fakediscord import (
    SUPPRESS_EMBEDS,
    Channel,
    FakeDiscord,
    Guild,
    Member,
    Role,
    loopback_connector,
)

from bot.config import Config, DiscordConfig, KnowledgeConfig
from bot.discord_app import RapporteurClient
from bot.discord_app.runner import use_endpoints
from bot.service import KnowledgeService

TOKEN = "test-token-Zm9vYmFyLnNlY3JldA"  # searched for in every log line and payload
MANAGE_GUILD = 1 << 5


class TestClient(RapporteurClient):
    """The production client with test timings: no 2 s guild wait, no 5 s re-identify pause."""

    async def before_identify_hook(self, shard_id: int | None, *, initial: bool = False) -> None:
        return None


class LogCapture(logging.Handler):
    """Every log record of the run, formatted, so tests can search them for secrets."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []
        self.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


@dataclass
class BotEnv:
    """A running fake Discord with one guild, and the real bot connected to it."""

    server: FakeDiscord
    client: RapporteurClient
    guild: Guild
    channel: Channel
    member: Member  # an ordinary member: no special permissions
    admin_role: Role  # listed in [discord] admin_role_ids
    logs: LogCapture
    task: asyncio.Task[None]
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def service(self) -> KnowledgeService:
        return self.client.service

    async def restart(self) -> None:
        """Stop the bot and start a new one on the same server (nothing kept in memory)."""
        await self.client.close()
        await asyncio.wait_for(self.task, 5)
        self.server.unwatch(self.task)
        self.client, self.task = await start_client(self.server, self.client.config)


def bot_config(
    server: FakeDiscord, knowledge: Path, watch: bool = False, **discord_settings: Any
) -> Config:
    settings = replace(
        DiscordConfig(),
        api_base_url=server.api_base_url,
        gateway_url=server.gateway_url,
        **discord_settings,
    )
    folder = KnowledgeConfig(str(knowledge), watch=watch, watch_debounce_seconds=0.2)
    return Config(knowledge=folder, discord=settings)


def check_safety(server: FakeDiscord, logs: LogCapture) -> None:
    """What must hold for every run: no pings, no previews, no token anywhere, no unknown route."""
    assert server.unknown_routes == []
    payloads = server.message_payloads()
    for payload in payloads:
        mentions = payload.body.get("allowed_mentions")
        # Replies also carry replied_user: False (no ping of the asker); nothing else may appear.
        assert mentions in ({"parse": []}, {"parse": [], "replied_user": False}), payload
        if payload.new:
            assert int(payload.body.get("flags") or 0) & SUPPRESS_EMBEDS, payload
        assert TOKEN not in json.dumps(payload.body), payload
    leaked = [line for line in logs.lines if TOKEN in line]
    assert leaked == []


async def start_client(
    server: FakeDiscord, config: Config
) -> tuple[RapporteurClient, asyncio.Task[None]]:
    """A new bot process, as far as Discord can tell: login, sync, IDENTIFY, ready."""
    client = TestClient(
        config,
        KnowledgeService(config),
        guild_ready_timeout=0.05,
        connector=loopback_connector(),
    )
    identified = server.identify_count
    task = asyncio.create_task(client.start(TOKEN))
    server.watch(task)
    await server.wait_identified(count=identified + 1)
    await asyncio.wait_for(client.wait_until_ready(), 5)
    return client, task


@asynccontextmanager
async def running_bot(
    knowledge: Path,
    *,
    guild_ids: bool = True,
    answer_channel: bool = False,
    watch: bool = False,
    **discord_settings: Any,
) -> AsyncIterator[BotEnv]:
    """Start the fake server and the bot; stop both; then check the safety properties.

    `guild_ids`: sync commands to the test guild (else globally); `answer_channel`:
    answer plain questions in the guild's first channel.
    """
    logs = LogCapture()
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(logs)
    root.setLevel(logging.DEBUG)
    old_base, old_gateway = Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY
    try:
        async with FakeDiscord(token=TOKEN) as server:
            guild = server.add_guild("Meeting Archive")
            member = server.add_member(guild, "member", permissions=0)
            admin_role = server.add_role(guild, "archivists", permissions=0)
            discord_settings.setdefault("admin_role_ids", [admin_role.id])
            if guild_ids:
                discord_settings.setdefault("guild_ids", [guild.id])
            if answer_channel:
                discord_settings["answer_channel_ids"] = [guild.first_text_channel().id]
            config = bot_config(server, knowledge, watch, **discord_settings)
            use_endpoints(config.discord)
            client, task = await start_client(server, config)
            channel = guild.first_text_channel()
            env = BotEnv(server, client, guild, channel, member, admin_role, logs, task)
            try:
                yield env
            finally:
                await env.client.close()
                await asyncio.wait_for(env.task, 5)
            check_safety(server, logs)
    finally:
        Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY = old_base, old_gateway
        root.removeHandler(logs)
        root.setLevel(old_level)
