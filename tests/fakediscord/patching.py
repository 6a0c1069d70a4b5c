"""Pointing an unmodified discord.py at the fake, and keeping it off the real network."""

from __future__ import annotations

import contextlib
import socket
from collections.abc import Iterator

import aiohttp
import yarl
from aiohttp.abc import AbstractResolver, ResolveResult
from discord.gateway import DiscordWebSocket
from discord.http import Route

from .server import FakeDiscord


@contextlib.contextmanager
def patch_discord(server: FakeDiscord) -> Iterator[None]:
    """Point ``Route.BASE`` (all REST, interaction webhooks included) and
    ``DiscordWebSocket.DEFAULT_GATEWAY`` at ``server``; restore both afterwards.

    They are process-global class attributes, so only one fake can be patched in at a time.
    """
    old_base, old_gateway = Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY
    Route.BASE = server.api_base_url
    DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(server.gateway_url)
    try:
        yield
    finally:
        Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY = old_base, old_gateway


class LoopbackOnlyResolver(AbstractResolver):
    """Refuses every hostname, so a request that escaped the fake fails at once instead of
    reaching discord.com; IP literals such as 127.0.0.1 never reach a resolver."""

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        raise OSError(f"fakediscord: refusing to resolve {host!r}; tests may only use 127.0.0.1")

    async def close(self) -> None:
        """Nothing to release."""


def loopback_connector() -> aiohttp.TCPConnector:
    """A connector for ``discord.Client(connector=...)`` that can only reach IP literals."""
    return aiohttp.TCPConnector(resolver=LoopbackOnlyResolver())
