"""Buttons under answers, routed by custom_id so they keep working after a restart.

discord.py's DynamicItem matches a custom_id against a pattern and rebuilds the
item from it; nothing is kept in memory between the answer and the click. The
"Show passages" button carries (document key, passage number) pairs; the rating
buttons carry only the vote, and the message they sit under identifies the answer.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Sequence
from typing import Any

import discord

from bot.discord_app.client import RapporteurClient, send_private
from bot.models import Citation
from bot.service import document_key

CUSTOM_ID_LIMIT = 100  # Discord's limit
_REF = r"[0-9a-f]{8}\.\d{1,6}"


class PassagesButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=rf"rap:p:(?P<refs>{_REF}(?:,{_REF})*)",
):
    """Shows the full passages an answer cites, privately to whoever clicks."""

    def __init__(self, refs: str) -> None:
        super().__init__(
            discord.ui.Button(
                label="Show passages",
                emoji="📄",
                style=discord.ButtonStyle.secondary,
                custom_id=f"rap:p:{refs}",
            )
        )
        self.refs = refs

    @classmethod
    def for_citations(cls, citations: Sequence[Citation]) -> PassagesButton:
        refs: list[str] = []
        for c in citations:
            ref = f"{document_key(c.passage.document.path)}.{c.passage.n}"
            if len("rap:p:") + len(",".join([*refs, ref])) > CUSTOM_ID_LIMIT:
                break
            refs.append(ref)
        return cls(",".join(refs))

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> PassagesButton:
        return cls(match["refs"])

    def parsed(self) -> list[tuple[str, int]]:
        pairs = []
        for ref in self.refs.split(","):
            key, n = ref.split(".")
            pairs.append((key, int(n)))
        return pairs

    async def callback(self, interaction: discord.Interaction) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        client = interaction.client
        assert isinstance(client, RapporteurClient)
        citations = await client.run_job(client.service.citations_for, self.parsed())
        if not citations:
            await send_private(interaction, "These passages are no longer in the documents.")
            return
        rendered = await client.run_job(client.service.renderer.passages, citations)
        await interaction.followup.send(rendered.text, ephemeral=True, suppress_embeds=True)


class RateButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]], template=r"rap:r:(?P<vote>up|down)"
):
    """👍 or 👎 on an answer, written to the admins' log."""

    def __init__(self, vote: str) -> None:
        super().__init__(
            discord.ui.Button(
                emoji="👍" if vote == "up" else "👎",
                style=discord.ButtonStyle.secondary,
                custom_id=f"rap:r:{vote}",
            )
        )
        self.vote = vote

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> RateButton:
        return cls(match["vote"])

    async def callback(self, interaction: discord.Interaction) -> None:
        client = interaction.client
        assert isinstance(client, RapporteurClient)
        await interaction.response.send_message(
            "Thanks for the feedback.", ephemeral=True, suppress_embeds=True
        )
        # Off the event loop: a file append can block on a slow disk.
        message = interaction.message
        await asyncio.to_thread(
            client.feedback.write,
            "rating",
            guild_id=interaction.guild_id,
            user_id=interaction.user.id,
            message_id=message.id if message else None,
            rating=self.vote,
        )
