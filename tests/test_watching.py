"""Watch mode: a change in the folder triggers one debounced reload; lock files do not."""

from __future__ import annotations

import asyncio
from pathlib import Path

from watchfiles import Change

from bot.watching import relevant, watch_folder


async def test_a_batch_of_changes_is_one_callback(tmp_path: Path) -> None:
    calls: list[set[str]] = []
    stop = asyncio.Event()
    changed = asyncio.Event()

    async def on_change(paths: set[str]) -> None:
        calls.append(paths)
        changed.set()

    task = asyncio.create_task(watch_folder(tmp_path, on_change, stop, debounce_seconds=0.2))
    await asyncio.sleep(0.3)  # let the watcher start
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "index").write_text("a commit in a hidden folder")
    (tmp_path / "a.md").write_text("Minutes.")
    (tmp_path / "b.md").write_text("More minutes.")
    (tmp_path / ".~lock.b.docx#").write_text("lock")
    await asyncio.wait_for(changed.wait(), 10)
    stop.set()
    await asyncio.wait_for(task, 5)
    assert calls == [{"a.md", "b.md"}]


def test_hidden_and_lock_files_are_not_relevant() -> None:
    assert relevant(Change.added, "/k/minutes.md")
    assert not relevant(Change.added, "/k/.minutes.md.swp")
    assert not relevant(Change.modified, "/k/~$minutes.docx")
    assert not relevant(Change.modified, "/k/.git/index", Path("/k"))
    assert relevant(Change.modified, "/k/2026/minutes.md", Path("/k"))
    assert relevant(Change.modified, "/.k/minutes.md", Path("/.k"))  # the folder may be hidden
