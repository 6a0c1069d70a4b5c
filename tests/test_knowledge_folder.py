"""Every file shipped in knowledge/ loads, and the bundled release is the user's text verbatim."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import KNOWLEDGE, ROOT

from bot.frontmatter import split_front_matter
from bot.loader import load_folder
from bot.models import Status

SEED = ROOT.parent / "shared" / "seed" / "000_bca550b2997da50a.txt"
RELEASE = KNOWLEDGE / "apec-ppsti-guangzhou.md"


def test_every_shipped_file_loads() -> None:
    report = load_folder(KNOWLEDGE)
    problems = [f"{o.path}: {o.reason or o.warnings}" for o in report.outcomes
                if o.status is not Status.LOADED or o.warnings]  # fmt: skip
    assert problems == []
    assert report.documents


def test_release_front_matter_states_only_what_the_text_says() -> None:
    front = split_front_matter(RELEASE.read_text(encoding="utf-8"))
    assert front.fields == {
        "title": "APEC Economies Call for Deeper Science, Technology and Innovation Cooperation "
        "at PPSTI Meeting in Guangzhou",
        "organisation": "APEC",
        "meeting": "APEC Policy Partnership on Science, Technology and Innovation (PPSTI)",
        "place": "Guangzhou, China",
    }  # no date: the text gives none


@pytest.mark.skipif(not SEED.exists(), reason="the shared seed is not beside this checkout")
def test_release_body_is_the_seed_verbatim() -> None:
    body = split_front_matter(RELEASE.read_text(encoding="utf-8")).body
    assert body == SEED.read_text(encoding="utf-8")


def test_release_splits_into_cited_paragraphs() -> None:
    (document,) = load_folder(KNOWLEDGE).documents
    assert len(document.blocks) == 13
    assert document.blocks[6].text.startswith("Dr Hwanil Park, chair of")
    assert document.blocks[6].location == "¶7"
    assert Path(document.path).name == RELEASE.name
