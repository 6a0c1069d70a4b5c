"""`rapporteur run` as an operator starts it: a subprocess, a config file, DISCORD_TOKEN."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

import pytest
from botenv import TOKEN, LogCapture, check_safety
from conftest import KNOWLEDGE, ROOT
from fakediscord import FakeDiscord

from bot.escaping import unescape


def write_config(tmp_path: Path, server: FakeDiscord, guild_id: int) -> Path:
    config = tmp_path / "config.toml"
    config.write_text(
        f'[knowledge]\npath = "{KNOWLEDGE}"\n\n'
        f"[discord]\nguild_ids = [{guild_id}]\n"
        f'api_base_url = "{server.api_base_url}"\ngateway_url = "{server.gateway_url}"\n',
        encoding="utf-8",
    )
    return config


async def start(config: Path, token: str | None) -> asyncio.subprocess.Process:
    env = {k: v for k, v in os.environ.items() if k != "DISCORD_TOKEN"}
    if token is not None:
        env["DISCORD_TOKEN"] = token
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", "--config", str(config),
        cwd=ROOT, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip


async def test_run_answers_ask_through_the_test_server(tmp_path: Path) -> None:
    async with FakeDiscord(token=TOKEN) as server:
        guild = server.add_guild("Operators")
        process = await start(write_config(tmp_path, server, guild.id), TOKEN)
        try:
            await server.wait_identified(timeout=30)
            record = await server.send_slash_command(
                "ask", {"question": "Who is the chair of PPSTI?"}
            )
            message = await record.wait_final_message(timeout=10)
            assert "Dr Hwanil Park, chair of" in unescape(message.content.replace("**", ""))
            assert [call.guild_id for call in server.sync_calls] == [guild.id]
        finally:
            process.send_signal(signal.SIGTERM)
            stdout, stderr = await asyncio.wait_for(process.communicate(), 15)
        assert process.returncode == 0, stderr.decode()
        output = LogCapture()
        output.lines = (stdout + stderr).decode().splitlines()
        check_safety(server, output)  # no pings, no previews, no token in output or payloads
        assert any("loaded 1 document from" in line for line in output.lines)


@pytest.mark.parametrize(
    ("token", "fault", "message"),
    [
        (None, None, "DISCORD_TOKEN is not set"),
        ("wrong-token-c2VjcmV0", None, "Discord rejected DISCORD_TOKEN (401 Unauthorized)"),
        (TOKEN, 4004, "Discord rejected DISCORD_TOKEN (gateway close 4004)"),
        (TOKEN, 4014, "the Message Content intent is not enabled for this bot"),
        ("c2Vj\ncmV0", None, "DISCORD_TOKEN holds a space, a line break or a control character"),
        (TOKEN, "other guild", "could not register the slash commands in guild"),
    ],
)
async def test_missing_or_rejected_token_exits_78_with_one_clear_line(
    tmp_path: Path, token: str | None, fault: int | str | None, message: str
) -> None:
    async with FakeDiscord(token=TOKEN) as server:
        guild = server.add_guild("Operators")
        guild_id = guild.id + 1 if fault == "other guild" else guild.id  # not the bot's guild
        config = write_config(tmp_path, server, guild_id)
        process = await start(config, token)
        if isinstance(fault, int):
            await server.wait_identified(timeout=30)
            await server.close_gateway(fault)
        stdout, stderr = await asyncio.wait_for(process.communicate(), 30)
    errors = stderr.decode()
    assert process.returncode == 78, errors
    assert errors.strip().splitlines()[-1].startswith(f"rapporteur: {message}")
    if fault == "other guild":
        assert errors.strip().endswith(f"({config}: [discord] guild_ids)")
    for secret in filter(None, (token, TOKEN)):
        assert secret not in errors and secret not in stdout.decode()


def test_the_token_is_taken_out_of_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Read once, then gone from the environment: no child process (the parser workers, which
    read untrusted files) inherits it."""
    from bot.config import Config
    from bot.discord_app import runner

    monkeypatch.setenv(runner.TOKEN_VARIABLE, "  secret-token  ")
    seen: list[tuple[str, str | None]] = []

    async def serving(config: Config, token: str) -> int:
        seen.append((token, os.environ.get(runner.TOKEN_VARIABLE)))
        return 0

    monkeypatch.setattr(runner, "_serve", serving)
    monkeypatch.setattr(runner, "use_endpoints", lambda settings: None)  # no global change
    assert runner.run(Config()) == 0
    assert seen == [("secret-token", None)]
