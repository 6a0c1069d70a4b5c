"""Walk the knowledge folder and turn each file into a Document, or a reason it was not.

Safety rules (see RELIABILITY.md, sections E and F): symlinks are never followed,
only regular files are opened (with O_NOFOLLOW and O_NONBLOCK, re-checked with
fstat), sizes are capped before reading, binary data is refused, and every
reader's exception is caught per file. Each file found gets exactly one outcome.
"""

from __future__ import annotations

import logging
import os
import re
import stat
import time
from collections.abc import Callable
from pathlib import Path

from bot.formats.docx import read_docx
from bot.formats.html import read_html
from bot.formats.isolation import parser_session
from bot.formats.pdf import read_pdf
from bot.formats.text import read_text_document
from bot.formats.transcripts import read_transcript
from bot.models import Document, FileOutcome, LoadReport, Status
from bot.reading import SkipFile

log = logging.getLogger(__name__)

_TEMPORARY = re.compile(r"(^~\$|^\.~lock\.|~$|\.(swp|swo|tmp|part|crdownload)$)", re.IGNORECASE)

Reader = Callable[[Path, str], tuple[Document, tuple[str, ...]]]


def load_folder(root: Path, progress: Callable[[str], None] | None = None) -> LoadReport:
    """Load every document under `root`; a bad file is reported, never fatal.

    `progress` is called with each file's relative path once it has its outcome.
    """
    started = time.perf_counter()
    root = root.resolve()
    outcomes: list[FileOutcome] = []
    if not root.is_dir():
        raise FileNotFoundError(f"knowledge folder not found: {root}")

    def unreadable(error: OSError) -> None:
        """A folder the walk cannot list: its files get no outcome of their own, so it has
        one, tried again next time (a permission fixed, a network share back)."""
        folder = Path(error.filename) if error.filename else root
        reason = f"folder could not be read: {error.strerror or type(error).__name__}"
        outcomes.append(
            FileOutcome(relative_name(folder, root), Status.SKIPPED, reason, transient=True)
        )

    with parser_session():  # the PDF and DOCX files of one walk share a parser process
        for dirpath, dirnames, filenames in os.walk(root, onerror=unreadable, followlinks=False):
            here = Path(dirpath)
            kept_dirs = []
            for name in sorted(dirnames):
                rel = relative_name(here / name, root)
                if name.startswith("."):
                    outcomes.append(FileOutcome(rel, Status.IGNORED, "hidden folder"))
                elif (here / name).is_symlink():
                    reason = "symbolic link (not followed)"
                    outcomes.append(FileOutcome(rel, Status.SKIPPED, reason))
                elif Path(name).suffix.lower() in READERS:
                    # "minutes.docx/" is not a document, and must not be read as an unzipped one.
                    reason = "not a regular file (a folder named like a document)"
                    outcomes.append(FileOutcome(rel, Status.SKIPPED, reason))
                else:
                    kept_dirs.append(name)
            dirnames[:] = kept_dirs
            for name in sorted(filenames):
                outcome = load_file(here / name, root)
                outcomes.append(outcome)
                if progress is not None:
                    progress(outcome.path)
    outcomes.sort(key=lambda o: o.path)
    return LoadReport(str(root), tuple(outcomes), time.perf_counter() - started)


def load_file(path: Path, root: Path) -> FileOutcome:
    """One file's outcome: loaded, skipped with a reason, or ignored by policy."""
    rel = relative_name(path, root)
    reason = is_ignored(path.name)
    if reason:
        return FileOutcome(rel, Status.IGNORED, reason)
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        return FileOutcome(rel, Status.SKIPPED, f"unsupported file type {path.suffix or '(none)'}")
    try:
        info = path.lstat()
        if stat.S_ISLNK(info.st_mode):
            return FileOutcome(rel, Status.SKIPPED, "symbolic link (not followed)")
        if not stat.S_ISREG(info.st_mode):
            return FileOutcome(rel, Status.SKIPPED, "not a regular file")
        document, warnings = reader(path, rel)
    except SkipFile as exc:
        return FileOutcome(rel, Status.SKIPPED, str(exc), transient=exc.transient)
    except FileNotFoundError:
        return FileOutcome(rel, Status.SKIPPED, "file disappeared while loading")
    except PermissionError:
        return FileOutcome(rel, Status.SKIPPED, "permission denied")
    except Exception as exc:  # a reader bug or parser crash must not stop the folder
        log.warning("could not read %s", rel, exc_info=True)
        return FileOutcome(rel, Status.SKIPPED, f"could not read: {type(exc).__name__}")
    if not document.blocks:
        return FileOutcome(rel, Status.SKIPPED, "no text", warnings)
    return FileOutcome(rel, Status.LOADED, "", warnings, document)


def is_ignored(name: str) -> str:
    """Why a file name is not a document by policy ("" when it may be one)."""
    if name.startswith("."):
        return "hidden file"
    if _TEMPORARY.search(name):
        return "temporary or lock file"
    return ""


def relative_name(path: Path, root: Path) -> str:
    """`path` under `root` as documents are named and cited: POSIX separators, and a byte
    of the name that is not UTF-8 written as its escape ("r\\xe9sum\\xe9.txt"), so that
    two such names ("r\\xe9sum\\xe9.txt", "r\\xe8sum\\xe8.txt") stay two documents; a
    backslash the name holds is doubled, so no name can be written as another's escape."""
    raw = os.fsencode(path.relative_to(root).as_posix()).replace(b"\\", b"\\\\")
    return raw.decode("utf-8", "backslashreplace")


# File extension -> reader.
READERS: dict[str, Reader] = {
    ".md": read_text_document,
    ".markdown": read_text_document,
    ".txt": read_text_document,
    ".html": read_html,
    ".htm": read_html,
    ".pdf": read_pdf,
    ".docx": read_docx,
    ".vtt": read_transcript,
    ".srt": read_transcript,
}
