"""Buttons under answers, routed by custom_id so they keep working after a restart.

discord.py's DynamicItem matches a custom_id against a pattern and rebuilds the
item from it; nothing is kept in memory between the answer and the click. The
"Show passages" button carries (document key, passage number) pairs and a digest of
the passages' text, so that a click after the documents changed is told so rather than
shown other text under the old numbers; the rating buttons carry only the vote, and the
message they sit under identifies the answer.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import re
import secrets
from collections.abc import Sequence
from typing import Any

import discord

from bot.discord_app.client import RapporteurClient, send_private
from bot.models import Citation
from bot.service import document_key

log = logging.getLogger(__name__)

CUSTOM_ID_LIMIT = 100  # Discord's limit
# A document key and the numbers of its passages cited one after another: "1277ee97.20-21-3".
# (Buttons sent before stop 22 carry one number a key; the pattern reads them too.)
_REF = r"[0-9a-f]{8}\.\d{1,6}(?:-\d{1,6})*"
DIGEST = 6  # hex digits of the passages' digest (buttons sent before it carry none)


def passages_digest(citations: Sequence[Citation]) -> str:
    """A short digest of the cited passages' text, to tell whether they are still the same."""
    text = "\0".join(c.passage.text for c in citations)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:DIGEST]


class PassagesButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=rf"rap:p:(?:(?P<digest>[0-9a-f]{{{DIGEST}}}):)?(?P<refs>{_REF}(?:,{_REF})*)",
):
    """Shows the full passages an answer cites, privately to whoever clicks."""

    def __init__(self, refs: str, digest: str | None = None) -> None:
        super().__init__(
            discord.ui.Button(
                label="Show passages",
                emoji="📄",
                style=discord.ButtonStyle.secondary,
                custom_id=f"rap:p:{digest}:{refs}" if digest else f"rap:p:{refs}",
            )
        )
        self.refs = refs
        self.digest = digest

    @classmethod
    def for_citations(cls, citations: Sequence[Citation]) -> PassagesButton:
        """As many of the citations as fit the custom_id, in order (a summary's dozen do)."""
        room = CUSTOM_ID_LIMIT - len("rap:p::") - DIGEST
        refs = ""
        key = ""
        fitted = 0
        for c in citations:
            previous, key = key, document_key(c.passage.document.path)
            more = (
                f"-{c.passage.n}"
                if key == previous
                else f"{',' if refs else ''}{key}.{c.passage.n}"
            )
            if len(refs) + len(more) > room:
                break
            refs += more
            fitted += 1
        return cls(refs, passages_digest(citations[:fitted]))

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> PassagesButton:
        return cls(match["refs"], match["digest"])

    def parsed(self) -> list[tuple[str, int]]:
        pairs = []
        for ref in self.refs.split(","):
            key, numbers = ref.split(".")
            pairs += [(key, int(n)) for n in numbers.split("-")]
        return pairs

    async def callback(self, interaction: discord.Interaction) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        try:
            await self._show(interaction)
        except Exception:  # a button has no command tree's error handler: never leave it thinking
            error_id = secrets.token_hex(4)
            log.exception("showing passages failed (error %s)", error_id)
            await send_private(interaction, f"Sorry, something went wrong (error {error_id}).")

    async def _show(self, interaction: discord.Interaction) -> None:
        client = interaction.client
        assert isinstance(client, RapporteurClient)
        citations = await client.run_job(client.service.citations_for, self.parsed())
        if not citations:
            await send_private(interaction, "These passages are no longer in the documents.")
            return
        if self.digest and passages_digest(citations) != self.digest:
            text = "These passages have changed since this answer: ask again to see them now."
            await send_private(interaction, text)
            return
        pages = await client.run_job(client.service.renderer.passages, citations)
        for page in pages:
            await interaction.followup.send(page.text, ephemeral=True, suppress_embeds=True)


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
