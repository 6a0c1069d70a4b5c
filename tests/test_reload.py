"""Reloads under load: questions never fail, a failed or empty build keeps the old index."""

from __future__ import annotations

import asyncio
import logging
import random
import shutil
import threading
import time
from pathlib import Path

import pytest
from conftest import KNOWLEDGE, FolderFactory, service_for

from bot.loader import load_folder
from bot.models import Status
from bot.service import KnowledgeService, ReloadBusy, Snapshot


async def test_twenty_questions_during_five_reloads(
    make_folder: FolderFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """20 concurrent askers while 5 reloads run (one failing, two at once): nothing fails."""
    folder = make_folder({})
    shutil.copy(KNOWLEDGE / "apec-ppsti-guangzhou.md", folder / "release.md")
    service = service_for(folder)
    service.reload(force=True)
    real_build = service.build
    fail_next = threading.Event()

    def build() -> Snapshot:
        time.sleep(0.05)  # long enough for questions to overlap every build
        if fail_next.is_set():
            fail_next.clear()
            raise OSError("disk went away")
        return real_build()

    monkeypatch.setattr(service, "build", build)
    stop = asyncio.Event()
    answered: list[int] = []  # generation each answer came from
    failures: list[BaseException] = []

    async def asker(n: int) -> None:
        rng = random.Random(n)
        while not stop.is_set():
            try:
                answer = await asyncio.to_thread(service.ask, "Who is the chair of PPSTI?")
                assert answer.answered and "Hwanil Park" in answer.quotes[0].text
                answered.append(service.snapshot.generation)
            except BaseException as exc:  # every failure counts, assertion errors too
                failures.append(exc)
            await asyncio.sleep(rng.random() / 100)

    async def reload() -> str:
        try:
            result = await asyncio.to_thread(service.reload)
        except ReloadBusy:
            return "busy"
        return "swapped" if result.swapped else "kept"

    askers = [asyncio.create_task(asker(n)) for n in range(20)]
    outcomes = [await reload()]
    fail_next.set()
    generation = service.snapshot.generation
    outcomes.append(await reload())
    assert service.snapshot.generation == generation  # the failed build changed nothing
    outcomes += await asyncio.gather(reload(), reload())  # two at once: one runs, one is refused
    outcomes.append(await reload())
    stop.set()
    await asyncio.gather(*askers)

    assert failures == []
    assert len(answered) >= 20
    assert outcomes[:2] == ["swapped", "kept"]
    assert sorted(outcomes[2:4]) == ["busy", "swapped"]
    assert outcomes[4] == "swapped"
    assert service.snapshot.generation == 4  # start + 3 swaps


def test_an_emptied_folder_keeps_the_index_unless_forced(make_folder: FolderFactory) -> None:
    folder = make_folder({"a.md": "The budget was approved by the board."})
    service = service_for(folder)
    service.reload(force=True)
    (folder / "a.md").unlink()
    kept = service.reload()
    assert not kept.swapped and "no documents loaded" in kept.error
    assert service.ask("What about the budget?").answered
    forced = service.reload(force=True)
    assert forced.swapped and forced.removed == ("a.md",)
    assert not service.ask("What about the budget?").answered


def test_a_folder_that_lost_most_of_its_documents_keeps_the_index_unless_forced(
    make_folder: FolderFactory,
) -> None:
    folder = make_folder({f"{n}.md": f"Minutes {n}: the budget was approved." for n in "abcd"})
    service = service_for(folder)
    service.reload(force=True)
    for name in "abc":
        (folder / f"{name}.md").unlink()  # a share half unmounted, a folder made unreadable
    kept = service.reload()
    assert not kept.swapped and kept.error.startswith("only 1 of the 4 documents served loaded")
    assert len(service.snapshot.documents) == 4
    (folder / "e.md").write_text("Minutes e.")
    (folder / "f.md").write_text("Minutes f.")
    assert service.reload().swapped  # 3 of 4: a folder tidied, not lost
    assert len(service.snapshot.documents) == 3
    (folder / "d.md").unlink()
    (folder / "e.md").unlink()
    assert service.reload(force=True).swapped  # the admin meant it
    assert len(service.snapshot.documents) == 1


def test_reload_reports_added_changed_and_removed(make_folder: FolderFactory) -> None:
    folder = make_folder({"a.md": "Alpha minutes.", "b.md": "Beta minutes.", "c.md": "Gamma."})
    service = service_for(folder)
    service.reload(force=True)
    (folder / "a.md").write_text("Alpha minutes, revised.")
    (folder / "c.md").unlink()
    (folder / "d.md").write_text("Delta minutes.")
    result = service.reload()
    assert (result.added, result.changed, result.removed) == (("d.md",), ("a.md",), ("c.md",))
    text = service.renderer.report(
        result.report, "Knowledge folder reloaded",
        {"added": result.added, "changed": result.changed, "removed": result.removed},
    ).text  # fmt: skip
    assert "Added: d.md" in text and "Changed: a.md" in text and "Removed: c.md" in text


def test_a_missing_folder_keeps_serving(make_folder: FolderFactory, tmp_path: Path) -> None:
    folder = make_folder({"a.md": "The budget was approved by the board."})
    service = service_for(folder)
    service.reload(force=True)
    shutil.rmtree(folder)
    result = service.reload()
    assert not result.swapped and "knowledge folder not found" in result.error
    assert service.ask("What about the budget?").answered
    # Nothing was loaded: the report gives no counts (the old load's were taken for the new).
    text = service.renderer.report(result.report, "Reload failed", error=result.error).text
    assert text.startswith("**Reload failed**.\nThe current index is kept: knowledge folder")
    assert "loaded" not in text


def test_folders_named_like_documents_and_progress(make_folder: FolderFactory) -> None:
    folder = make_folder({"a.md": "Minutes.", "minutes.docx/word/document.xml": "<xml/>"})
    seen: list[str] = []
    report = load_folder(folder, progress=seen.append)
    assert {o.path: (o.status, o.reason) for o in report.outcomes} == {
        "a.md": (Status.LOADED, ""),
        "minutes.docx": (Status.SKIPPED, "not a regular file (a folder named like a document)"),
    }
    assert seen == ["a.md"]


def test_service_loads_lazily_on_first_question(make_folder: FolderFactory) -> None:
    service: KnowledgeService = service_for(make_folder({"a.md": "The budget was approved."}))
    assert service.ask("budget").answered
    assert service.snapshot.generation == 1


def test_parser_limits_come_from_the_config(
    make_folder: FolderFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot import service as service_module
    from bot.config import Config, KnowledgeConfig
    from bot.formats import isolation

    seen: list[isolation.Limits] = []
    real_load = service_module.load_folder

    def spying_load(root: Path) -> object:
        session = isolation._active.get()
        assert session is not None
        seen.append(session.limits)
        return real_load(root)

    monkeypatch.setattr(service_module, "load_folder", spying_load)
    folder = make_folder({"a.md": "Minutes."})
    knowledge = KnowledgeConfig(
        str(folder), cache_path="off", parse_timeout_seconds=2.5, parse_memory_mib=256
    )
    KnowledgeService(Config(knowledge=knowledge)).build()
    assert [(s.timeout, s.memory) for s in seen] == [(2.5, 256 << 20)]


def test_the_start_up_load_is_logged_with_what_it_skipped(
    make_folder: FolderFactory, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from bot.discord_app.client import log_load

    folder = make_folder({"a.md": "Alpha.", "b.pdf": "not a pdf", "c.xyz": "?"})
    with caplog.at_level(logging.INFO):
        log_load(load_folder(folder))
        (tmp_path / "empty").mkdir()
        log_load(load_folder(tmp_path / "empty"))
    first, empty, warned = caplog.records
    assert first.levelno == logging.WARNING and "loaded 1 document from" in first.getMessage()
    assert "2 skipped (b.pdf: " in first.getMessage() and "c.xyz: unsupported" in first.getMessage()
    assert "loaded 0 documents" in empty.getMessage()
    assert (
        warned.levelno == logging.WARNING
        and "every question will be declined" in warned.getMessage()
    )


def test_document_titles_for_autocomplete(make_folder: FolderFactory) -> None:
    """Titles starting with what was typed come first, then those (or paths) holding it; each
    group by title; at most `limit`; the order is read from the snapshot, sorted once."""
    folder = make_folder(
        {
            "a.md": "# Budget review\n\nText.",
            "b.md": "# Annual budget\n\nText.",
            "budget-notes.md": "# Notes\n\nText.",
            "z.md": "# Zoning\n\nText.",
            "c.md": "# budget lines\n\nText.",
        }
    )
    service = service_for(folder)
    titles = [d.title for d in service.titles("Budget")]
    assert titles == ["budget lines", "Budget review", "Annual budget", "Notes"]
    assert [d.title for d in service.titles("", limit=3)] == [
        "Annual budget",
        "budget lines",
        "Budget review",
    ]
    assert [d.title for d in service.titles("budget", limit=1)] == ["budget lines"]
    assert service.titles("nothing like it") == []
