"""Watch the knowledge folder and reload when it changes (optional; `[knowledge] watch`).

watchfiles reports changes in batches, once they settle, so saving ten files is
one reload, not ten. Hidden and temporary files (editor swap files, Office lock
files) never trigger one: the loader ignores them anyway.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from pathlib import Path

from watchfiles import Change, awatch

from bot.loader import is_ignored, relative_name

log = logging.getLogger(__name__)


def relevant(change: Change, path: str, root: Path | None = None) -> bool:
    """Whether a change could alter the index: not a hidden, temporary or lock file, nor
    anything in a hidden folder under `root` (".git/…": the loader never goes in)."""
    found = Path(path)
    if is_ignored(found.name):
        return False
    if root is None or not found.is_relative_to(root):
        return True
    return not any(part.startswith(".") for part in found.relative_to(root).parts[:-1])


RECHECK_SECONDS = 5.0  # how often the folder's path is checked for a new target
BATCH_LIMIT = 10  # changes that never settle are reloaded after this many debounce times
TICK_LIMITS_MS = (50, 500)  # how often the watcher looks at the clock: a quarter debounce


async def watch_folder(
    folder: Path,
    on_change: Callable[[set[str]], Awaitable[None]],
    stop: asyncio.Event,
    debounce_seconds: float = 2.0,
    recheck_seconds: float = RECHECK_SECONDS,
) -> None:
    """Call `on_change` with the changed paths once changes have settled (none for
    `debounce_seconds`, however many times one file is written), until `stop` is set;
    changes that never settle are reloaded every `BATCH_LIMIT` debounce times.

    A deploy that swaps the folder (a symlink pointed at a new release, a folder renamed
    over the old one) is a change of everything: the folder's path is checked every
    `recheck_seconds`, and when it names another folder, `on_change({"."})` is called
    and the new one watched. An exception from `on_change` is logged and watching goes
    on: one failed reload must not end the watch.
    """
    clock = asyncio.get_running_loop().time
    tick = int(min(max(debounce_seconds * 250, TICK_LIMITS_MS[0]), TICK_LIMITS_MS[1]))
    while not stop.is_set():
        watched = _identity(folder)
        if watched is None:  # not there (yet): an unmounted share, a deploy half done
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), recheck_seconds)
            if _identity(folder) is not None:
                await _call(on_change, {"."})
            continue
        root = Path(watched[0])
        pending: set[str] = set()
        first = last = checked = clock()
        try:
            # Unfiltered, so that changes to ignored files (a sync tool's temporary file
            # written every 50 ms) still hand control back here: filtered away inside
            # watchfiles, they would hold back the reload, the batch limit and the recheck.
            async for changes in awatch(
                root,
                watch_filter=None,
                debounce=tick,
                stop_event=stop,
                rust_timeout=tick,
                yield_on_timeout=True,
            ):
                now = clock()
                found = {_relative(Path(p), root) for c, p in changes if relevant(c, p, root)}
                if found:
                    first = now if not pending else first
                    last = now
                    pending |= found
                if now - checked >= recheck_seconds:
                    checked = now
                    if _identity(folder) != watched:
                        log.info("the knowledge folder %s is now another folder; reloading", folder)
                        await _call(on_change, {"."})
                        break  # watch the new one
                settled = now - last >= debounce_seconds
                if pending and (settled or now - first >= debounce_seconds * BATCH_LIMIT):
                    paths, pending = pending, set()
                    log.info("knowledge folder changed (%d paths); reloading", len(paths))
                    await _call(on_change, paths)
        except OSError:  # the folder went while watched: look for it again
            log.warning("stopped watching %s; looking for it again", root, exc_info=True)


def _identity(folder: Path) -> tuple[str, int, int] | None:
    """The folder `folder` names now (its real path, device and inode), or None."""
    try:
        root = folder.resolve()
        info = root.stat()
    except OSError:
        return None
    return str(root), info.st_dev, info.st_ino


async def _call(on_change: Callable[[set[str]], Awaitable[None]], paths: set[str]) -> None:
    try:
        await on_change(paths)
    except Exception:
        log.exception("reload after a folder change failed")


def _relative(path: Path, root: Path) -> str:
    try:
        return relative_name(path, root)
    except ValueError:
        return path.as_posix()
