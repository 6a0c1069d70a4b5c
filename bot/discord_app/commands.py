"""The slash commands. Each one defers first, works in a thread, then answers.

Discord allows 3 s for the first response; a deferral takes milliseconds, so the
time to the first callback does not depend on the size of the index.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

import discord
from discord import app_commands

from bot.discord_app.client import RapporteurClient, answer_view, send_private
from bot.escaping import escape
from bot.service import ReloadBusy

QUESTION_MAX = 300  # characters; Discord shows the limit in the client


def client_of(interaction: discord.Interaction) -> RapporteurClient:
    client = interaction.client
    assert isinstance(client, RapporteurClient)
    return client


async def within_user_limit(interaction: discord.Interaction) -> bool:
    """The per-user limit from the config, one for /ask, /summary and mentions together."""
    limited = client_of(interaction).rate_limited(interaction.user.id)
    if limited is not None:
        raise app_commands.CommandOnCooldown(*limited)
    return True


async def document_choices(
    interaction: discord.Interaction, current: str
) -> list[app_commands.Choice[str]]:
    """Up to 25 loaded documents whose title or path contains what was typed."""
    documents = client_of(interaction).service.titles(current, limit=25)
    return [
        app_commands.Choice(name=_clip(d.title, 100), value=d.path)
        for d in documents
        if len(d.path) <= 100
    ]


@app_commands.command(name="ask", description="Ask a question about the meeting documents")
@app_commands.describe(
    question="Your question, e.g. Who chairs the committee?",
    document="Only search this document",
    private="Only you see the answer",
)
@app_commands.autocomplete(document=document_choices)
@app_commands.check(within_user_limit)
async def ask(
    interaction: discord.Interaction,
    question: app_commands.Range[str, 1, QUESTION_MAX],
    document: str | None = None,
    private: bool = False,
) -> None:
    await interaction.response.defer(thinking=True, ephemeral=private)
    client = client_of(interaction)
    answer, rendered = await client.run_job(client.answer_and_render, question, document)
    sent = await interaction.followup.send(
        rendered.text, view=answer_view(answer), ephemeral=private, suppress_embeds=True, wait=True
    )
    await asyncio.to_thread(  # a file append: off the event loop
        client.log_question, interaction.user.id, interaction.guild_id, sent, question, answer
    )


@app_commands.command(
    name="summary", description="Summarise a document, a topic, or the latest meeting"
)
@app_commands.describe(
    document="The document to summarise", topic="A topic, across all documents or in the one given"
)
@app_commands.autocomplete(document=document_choices)
@app_commands.check(within_user_limit)
async def summary(
    interaction: discord.Interaction,
    document: str | None = None,
    topic: app_commands.Range[str, 1, QUESTION_MAX] | None = None,
) -> None:
    await interaction.response.defer(thinking=True)
    client = client_of(interaction)
    service = client.service

    def work() -> str:
        return service.renderer.summary(service.summarise(document, topic)).text

    text = await client.run_job(work)
    await interaction.followup.send(text, suppress_embeds=True)


@app_commands.command(name="sources", description="List the documents the bot knows")
@app_commands.describe(query="Only documents matching this")
async def sources(
    interaction: discord.Interaction, query: app_commands.Range[str, 1, QUESTION_MAX] | None = None
) -> None:
    await interaction.response.defer(thinking=True, ephemeral=True)
    client = client_of(interaction)
    service = client.service

    def work() -> str:
        snapshot = service.snapshot  # one generation for the list and its total
        documents = service.sources(query, snapshot)
        return service.renderer.sources(documents, query, len(snapshot.documents)).text

    text = await client.run_job(work)
    await interaction.followup.send(text, ephemeral=True, suppress_embeds=True)


def is_admin(interaction: discord.Interaction) -> bool:
    """Run-time check for admin commands: `default_permissions` alone is only a hint."""
    if interaction.guild is None:
        raise app_commands.NoPrivateMessage()
    if not interaction.is_guild_integration():
        # Installed to someone's account, used in a server the bot is not in: that server's
        # admins are not the operator's, whatever their permissions there.
        raise app_commands.CheckFailure("the bot is not installed in this server")
    permissions = interaction.permissions
    if permissions.manage_guild or permissions.administrator:
        return True
    admin_roles = set(client_of(interaction).config.discord.admin_role_ids)
    roles = getattr(interaction.user, "roles", [])
    if admin_roles & {role.id for role in roles}:
        return True
    raise app_commands.MissingPermissions(["manage_guild"])


@app_commands.command(name="reload", description="Reload the knowledge folder (admins)")
@app_commands.describe(
    force="Load the folder even if it is empty or holds under half the documents served"
)
@app_commands.guild_only()
@app_commands.allowed_installs(guilds=True, users=False)
@app_commands.default_permissions(manage_guild=True)
@app_commands.check(is_admin)
async def reload(interaction: discord.Interaction, force: bool = False) -> None:
    await interaction.response.defer(thinking=True, ephemeral=True)
    client = client_of(interaction)
    if client.reload_lock.locked():
        await interaction.followup.send(_busy_text(client), ephemeral=True, suppress_embeds=True)
        return
    async with client.reload_lock:
        client.reload_started = (interaction.user.display_name, time.time())
        try:
            result = await client.run_job(client.service.reload, force)
        except ReloadBusy:
            await interaction.followup.send(
                _busy_text(client), ephemeral=True, suppress_embeds=True
            )
            return
        finally:
            client.reload_started = None
    changes = {"added": result.added, "changed": result.changed, "removed": result.removed}
    title = "Knowledge folder reloaded" if result.swapped else "Reload failed"
    report = client.service.renderer.report  # off the loop: a folder of 50k files takes 0.2 s
    text = (await client.run_job(report, result.report, title, changes, result.error)).text
    await interaction.followup.send(text, ephemeral=True, suppress_embeds=True)


@app_commands.command(name="status", description="Index size, last reload and questions served")
async def status(interaction: discord.Interaction) -> None:
    client = client_of(interaction)
    text = client.service.renderer.status(client.service.status()).text  # O(1): no deferral
    await interaction.response.send_message(text, ephemeral=True, suppress_embeds=True)


def _busy_text(client: RapporteurClient) -> str:
    if client.reload_started is None:
        return "A reload is already running."
    who, started = client.reload_started
    at = time.strftime("%H:%M:%S UTC", time.gmtime(started))
    return f"A reload is already running (started by {escape(who)} at {at})."


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def register(tree: app_commands.CommandTree[RapporteurClient]) -> None:
    """Add every command to the tree (done once, in setup_hook)."""
    commands: tuple[app_commands.Command[Any, Any, None], ...] = (
        ask,
        summary,
        sources,
        reload,
        status,
    )
    for command in commands:
        tree.add_command(command)


__all__ = ["register", "send_private"]
