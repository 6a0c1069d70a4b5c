"""The Discord client: intents, start-up, mentions, and one error handler for every command."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import re
import secrets
import time
from collections.abc import Callable
from typing import Any, TypeVar

import discord
from discord import app_commands

from bot.config import Config
from bot.feedback import FeedbackLog
from bot.models import Answer, LoadReport
from bot.rendering import Rendered
from bot.service import KnowledgeService
from bot.watching import watch_folder

log = logging.getLogger(__name__)
T = TypeVar("T")

NO_MENTIONS = discord.AllowedMentions.none()

# A text bot has no use for voice: silence discord.py's start-up warnings about its libraries.
discord.VoiceClient.warn_nacl = False
discord.VoiceClient.warn_dave = False


class RapporteurClient(discord.Client):
    """A discord.py client serving one KnowledgeService."""

    def __init__(self, config: Config, service: KnowledgeService, **options: Any) -> None:
        intents = discord.Intents.none()
        intents.guilds = True
        intents.guild_messages = True  # mentions of the bot arrive with their content anyway
        # Plain questions in configured channels need message content: a privileged intent.
        intents.message_content = bool(config.discord.answer_channel_ids)
        super().__init__(intents=intents, allowed_mentions=NO_MENTIONS, **options)
        self.config = config
        self.service = service
        self.feedback = FeedbackLog(config.log_path())
        self.tree = app_commands.CommandTree(self)
        self.tree.on_error = self.on_app_command_error  # type: ignore[method-assign]
        self.reload_lock = asyncio.Lock()
        self.reload_started: tuple[str, float] | None = None  # (who, time.time())
        self._jobs = asyncio.Semaphore(config.discord.max_concurrent)
        self._cooldowns: dict[int, app_commands.Cooldown] = {}  # /ask, /summary, mentions
        self.synced = 0  # how many times commands were synced (once per process)
        self._stop_watching = asyncio.Event()
        self._watcher: asyncio.Task[None] | None = None

    async def setup_hook(self) -> None:
        """Runs once per process, before the gateway connects: load, register, sync."""
        from bot.discord_app.commands import register
        from bot.discord_app.views import PassagesButton, RateButton

        await asyncio.to_thread(self.service.reload, True)  # forced: it loads, or it raises
        log_load(self.service.snapshot.report)
        # Everything loaded so far lives until the first reload: keep the cyclic garbage
        # collector from scanning it again and again (its full passes stall the event loop).
        gc.freeze()
        register(self.tree)
        self.add_dynamic_items(PassagesButton, RateButton)
        await self.sync_commands()
        knowledge = self.config.knowledge
        if knowledge.watch:
            self._watcher = asyncio.create_task(
                watch_folder(
                    self.config.knowledge_path(),
                    self.reload_after_change,
                    self._stop_watching,
                    knowledge.watch_debounce_seconds,
                )
            )

    async def reload_after_change(self, paths: set[str]) -> None:
        """Watch mode: reload once the folder settles (waiting for any reload in progress)."""
        async with self.reload_lock:
            self.reload_started = ("a folder change", time.time())
            try:
                result = await self.run_job(self.service.reload)
            finally:
                self.reload_started = None
        if result.swapped and result.report is not None:
            log.info(
                "reloaded after a folder change: %d added, %d changed, %d removed, %d skipped",
                len(result.added), len(result.changed), len(result.removed),
                len(result.report.skipped),
            )  # fmt: skip
        else:
            log.warning("reload after a folder change kept the current index: %s", result.error)

    async def close(self) -> None:
        """Stop watching the folder, then disconnect."""
        self._stop_watching.set()
        if self._watcher is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self._watcher, 5)
        await super().close()

    async def sync_commands(self) -> None:
        """Sync slash commands to the configured guilds, or globally when there are none."""
        guild_ids = self.config.discord.guild_ids
        if guild_ids:
            for guild_id in guild_ids:
                guild = discord.Object(id=guild_id)
                self.tree.copy_global_to(guild=guild)
                try:
                    await self.tree.sync(guild=guild)
                except discord.HTTPException as exc:
                    raise SyncFailed(
                        f"could not register the slash commands in guild {guild_id} "
                        f"({exc.status} {exc.text or exc.response.reason}): is the bot in that "
                        f"guild, invited with the applications.commands scope? "
                        f"({self.config.source}: [discord] guild_ids)"
                    ) from exc
        else:
            await self.tree.sync()
        self.synced += 1
        log.info("slash commands synced to %s", guild_ids or "all guilds (global)")

    async def run_job(self, function: Callable[..., T], *args: Any) -> T:
        """Run core work in a worker thread: the event loop must keep its heartbeat."""
        async with self._jobs:
            return await asyncio.to_thread(function, *args)

    # --- mentions and plain questions ----------------------------------------------------

    async def on_message(self, message: discord.Message) -> None:
        """Answer a message that mentions the bot, or a question in an answer channel."""
        if message.author.bot or self.user is None or message.guild is None:
            return
        # Written in the message, not a reply's ping of its author ("thanks!" under an answer).
        mentioned = re.search(rf"<@!?{self.user.id}>", message.content) is not None
        question = _strip_mentions(message.content, self.user.id)
        in_answer_channel = message.channel.id in self.config.discord.answer_channel_ids
        if not mentioned and not (in_answer_channel and question.endswith("?")):
            return
        if not question:
            return
        limited = self.rate_limited(message.author.id)
        if limited is not None:
            log.info(
                "mention from %s ignored: cooldown (%.0f s left)", message.author.id, limited[1]
            )
            return
        try:
            async with message.channel.typing():
                answer, rendered = await self.run_job(self.answer_and_render, question, None)
            destination: discord.abc.Messageable = message.channel
            if self.config.discord.reply_in_thread and isinstance(
                message.channel, discord.TextChannel
            ):
                destination = await message.create_thread(name=_thread_name(question))
                sent = await destination.send(
                    rendered.text, view=answer_view(answer), suppress_embeds=True
                )
            else:
                sent = await message.reply(
                    rendered.text,
                    view=answer_view(answer),
                    mention_author=False,
                    suppress_embeds=True,
                )
            await asyncio.to_thread(
                self.log_question, message.author.id, message.guild.id, sent, question, answer
            )
        except Exception:
            error_id = secrets.token_hex(4)
            log.exception("answering a mention failed (error %s)", error_id)
            with contextlib.suppress(discord.HTTPException):  # e.g. no right to send here
                await message.reply(
                    f"Sorry, something went wrong (error {error_id}).",
                    mention_author=False,
                    suppress_embeds=True,
                )

    def rate_limited(self, user_id: int) -> tuple[app_commands.Cooldown, float] | None:
        """Spend one of the user's `cooldown_rate` questions a `cooldown_seconds`, shared by
        /ask, /summary and mentions; (their bucket, seconds to wait) when none is left."""
        discord_config = self.config.discord
        if discord_config.cooldown_rate <= 0:
            return None
        if len(self._cooldowns) > 1000:  # forget users whose window has passed
            self._cooldowns = {
                user: bucket
                for user, bucket in self._cooldowns.items()
                if bucket.get_tokens() < bucket.rate
            }
        bucket = self._cooldowns.get(user_id)
        if bucket is None:
            bucket = app_commands.Cooldown(
                discord_config.cooldown_rate, discord_config.cooldown_seconds
            )
            self._cooldowns[user_id] = bucket
        retry_after = bucket.update_rate_limit()
        return (bucket, retry_after) if retry_after else None

    def answer_and_render(self, question: str, document: str | None) -> tuple[Answer, Rendered]:
        """Search and render together, in the worker thread."""
        answer = self.service.ask(question, document)
        return answer, self.service.renderer.answer(answer)

    def log_question(
        self, user_id: int, guild_id: int | None, message: discord.abc.Snowflake | None,
        question: str, answer: Answer,
    ) -> None:  # fmt: skip
        self.feedback.write(
            "question",
            guild_id=guild_id,
            user_id=user_id,
            message_id=message.id if message else None,
            question=question,
            answered=answer.answered,
            citations=[c.passage.id for c in answer.citations],
        )

    # --- errors --------------------------------------------------------------------------

    async def on_app_command_error(
        self, interaction: discord.Interaction, error: app_commands.AppCommandError
    ) -> None:
        """Every command error becomes a private message; nothing is left "thinking"."""
        if isinstance(error, app_commands.CommandOnCooldown):
            text = f"Slow down: try again in {error.retry_after:.0f} s."
        elif isinstance(error, app_commands.NoPrivateMessage):
            text = "This command works in a server, not in direct messages."
        elif isinstance(error, app_commands.MissingPermissions):
            text = "You need the Manage Server permission (or an admin role) for this."
        elif isinstance(error, app_commands.CheckFailure):
            text = "This command works only in a server the bot is installed in."
        else:
            error_id = secrets.token_hex(4)
            name = interaction.command.name if interaction.command else "?"
            original = getattr(error, "original", error)
            log.error("/%s failed (error %s)", name, error_id, exc_info=original)
            text = f"Sorry, something went wrong (error {error_id}). The admins can look it up."
        await send_private(interaction, text)


async def send_private(interaction: discord.Interaction, text: str) -> None:
    """Send `text` only to the user, whether or not the interaction was deferred."""
    try:
        if interaction.response.is_done():
            # A public "thinking…" message would show the error to everyone: remove it first.
            with contextlib.suppress(discord.HTTPException):
                await interaction.delete_original_response()
            await interaction.followup.send(text, ephemeral=True, suppress_embeds=True)
        else:
            await interaction.response.send_message(text, ephemeral=True, suppress_embeds=True)
    except discord.HTTPException:
        log.warning("could not tell the user about an error", exc_info=True)


def answer_view(answer: Answer) -> discord.ui.View:
    """Buttons under an answer: show the cited passages, rate it."""
    from bot.discord_app.views import PassagesButton, RateButton

    view = discord.ui.View(timeout=None)
    if answer.citations:
        view.add_item(PassagesButton.for_citations(answer.citations))
    view.add_item(RateButton("up"))
    view.add_item(RateButton("down"))
    return view


def _strip_mentions(content: str, user_id: int) -> str:
    return " ".join(re.sub(rf"<@!?{user_id}>", " ", content).split())


def _thread_name(question: str) -> str:
    name = " ".join(question.split())
    return name if len(name) <= 90 else name[:89] + "…"


class SyncFailed(Exception):
    """Discord refused the slash commands for a configured guild: a setting to fix, not a
    fault to restart on."""


SKIPS_LOGGED = 5  # skipped files named in the start-up log line; `rapporteur check` lists all


def log_load(report: LoadReport) -> None:
    """One line on what the start-up load found, so an operator sees a wrong path, a mount
    not yet up or a folder of unreadable files in the log, not only in /status."""
    skipped = report.skipped
    reasons = "; ".join(f"{o.path}: {o.reason}" for o in skipped[:SKIPS_LOGGED])
    more = f"; and {len(skipped) - SKIPS_LOGGED} more" if len(skipped) > SKIPS_LOGGED else ""
    level = logging.WARNING if skipped or not report.documents else logging.INFO
    count = len(report.documents)
    log.log(
        level, "loaded %d document%s from %s, %d skipped%s", count, "" if count == 1 else "s",
        report.root, len(skipped), f" ({reasons}{more})" if skipped else "",
    )  # fmt: skip
    if not report.documents:
        log.warning("no documents loaded: every question will be declined until a reload")
