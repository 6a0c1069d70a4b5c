"""Watch the knowledge folder and reload when it changes (optional; `[knowledge] watch`).

watchfiles reports changes in batches, debounced, so saving ten files is one
reload, not ten. Hidden and temporary files (editor swap files, Office lock
files) never trigger one: the loader ignores them anyway.
"""

from __future__ import annotations

import asyncio
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


async def watch_folder(
    folder: Path,
    on_change: Callable[[set[str]], Awaitable[None]],
    stop: asyncio.Event,
    debounce_seconds: float = 2.0,
) -> None:
    """Call `on_change` with the changed paths after each debounced batch, until `stop` is set.

    An exception from `on_change` is logged and watching goes on: one failed reload
    must not end the watch.
    """
    root = folder.resolve()
    async for changes in awatch(
        root,
        watch_filter=lambda change, path: relevant(change, path, root),
        debounce=int(debounce_seconds * 1000),
        stop_event=stop,
    ):
        paths = {_relative(Path(path), root) for _, path in changes}
        log.info("knowledge folder changed (%d paths); reloading", len(paths))
        try:
            await on_change(paths)
        except Exception:
            log.exception("reload after a folder change failed")


def _relative(path: Path, root: Path) -> str:
    try:
        return relative_name(path, root)
    except ValueError:
        return path.as_posix()
