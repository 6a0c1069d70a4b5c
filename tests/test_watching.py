"""Watch mode: a change in the folder triggers one debounced reload; lock files do not."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
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


async def test_changes_closer_together_than_the_debounce_are_one_callback(tmp_path: Path) -> None:
    """A slow copy: each file lands before the last has settled for the debounce time."""
    calls: list[set[str]] = []
    stop = asyncio.Event()
    task = asyncio.create_task(watch_folder(tmp_path, collect(calls), stop, debounce_seconds=0.6))
    await asyncio.sleep(0.3)
    for n in range(4):
        (tmp_path / f"{n}.md").write_text("Minutes.")
        await asyncio.sleep(0.2)
    await asyncio.sleep(1.2)
    stop.set()
    await asyncio.wait_for(task, 5)
    assert calls == [{"0.md", "1.md", "2.md", "3.md"}]


async def test_one_file_written_again_and_again_is_one_reload_once_it_settles(
    tmp_path: Path,
) -> None:
    """A large file copied in chunks: each write is the same path, and the reload must wait
    for the last."""
    calls: list[set[str]] = []
    stop = asyncio.Event()
    task = asyncio.create_task(watch_folder(tmp_path, collect(calls), stop, debounce_seconds=0.6))
    await asyncio.sleep(0.3)
    for n in range(6):
        with (tmp_path / "minutes.md").open("a") as handle:
            handle.write(f"Part {n}.\n")
        await asyncio.sleep(0.25)
    assert calls == []  # 1.5 s of writes, never 0.6 s apart
    await wait_for_calls(calls, 1)
    stop.set()
    await asyncio.wait_for(task, 5)
    assert calls == [{"minutes.md"}]


async def test_an_ignored_file_written_all_the_time_does_not_hold_back_a_reload(
    tmp_path: Path,
) -> None:
    """A sync tool's temporary file changes every 50 ms: ignored, it must not keep the
    watcher from seeing that the real change has settled."""
    calls: list[set[str]] = []
    stop = asyncio.Event()
    task = asyncio.create_task(watch_folder(tmp_path, collect(calls), stop, debounce_seconds=0.4))
    await asyncio.sleep(0.3)
    (tmp_path / "minutes.md").write_text("Minutes.")
    for n in range(40):  # 2 s of writes
        with (tmp_path / ".sync.pdf.tmp").open("a") as handle:
            handle.write(f"{n}\n")
        await asyncio.sleep(0.05)
    stop.set()
    await asyncio.wait_for(task, 5)
    assert calls == [{"minutes.md"}]  # within the 2 s, while the temporary file still changed


async def test_a_folder_swapped_under_its_path_is_reloaded_and_watched(tmp_path: Path) -> None:
    """Deploys point a symlink at a new release: everything changed, and the new release is
    the one to watch."""
    (tmp_path / "release1").mkdir()
    (tmp_path / "release2").mkdir()
    (tmp_path / "release1" / "a.md").write_text("Old.")
    knowledge = tmp_path / "knowledge"
    knowledge.symlink_to(tmp_path / "release1")
    calls: list[set[str]] = []
    stop = asyncio.Event()
    watching = watch_folder(knowledge, collect(calls), stop, 0.1, recheck_seconds=0.2)
    task = asyncio.create_task(watching)
    await asyncio.sleep(0.3)
    (tmp_path / "next").symlink_to(tmp_path / "release2")
    (tmp_path / "next").rename(knowledge)  # atomic, as deploy tools do it
    await wait_for_calls(calls, 1)
    (tmp_path / "release2" / "b.md").write_text("New.")
    await wait_for_calls(calls, 2)
    (tmp_path / "release1" / "a.md").write_text("Old, edited.")  # no longer served
    await asyncio.sleep(0.5)
    stop.set()
    await asyncio.wait_for(task, 5)
    assert calls == [{"."}, {"b.md"}]


def collect(calls: list[set[str]]) -> Callable[[set[str]], Awaitable[None]]:
    async def on_change(paths: set[str]) -> None:
        calls.append(paths)

    return on_change


async def wait_for_calls(calls: list[set[str]], count: int) -> None:
    for _ in range(100):
        if len(calls) >= count:
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"{count} callbacks expected, got {calls}")


def test_hidden_and_lock_files_are_not_relevant() -> None:
    assert relevant(Change.added, "/k/minutes.md")
    assert not relevant(Change.added, "/k/.minutes.md.swp")
    assert not relevant(Change.modified, "/k/~$minutes.docx")
    assert not relevant(Change.modified, "/k/.git/index", Path("/k"))
    assert relevant(Change.modified, "/k/2026/minutes.md", Path("/k"))
    assert relevant(Change.modified, "/.k/minutes.md", Path("/.k"))  # the folder may be hidden
