"""Loading the knowledge folder: one outcome per file, nothing from outside, no crash."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import FolderFactory

from bot.loader import load_folder
from bot.models import Status
from bot.reading import MAX_TEXT_BYTES, date_from_name, paragraphs, title_from_name


def outcomes(folder: Path) -> dict[str, tuple[Status, str]]:
    return {o.path: (o.status, o.reason) for o in load_folder(folder).outcomes}


def test_markdown_with_front_matter_and_headings(make_folder: FolderFactory) -> None:
    folder = make_folder(
        {
            "2026-03-02-minutes.md": "---\ntitle: Board minutes\nplace: Lima\n---\n"
            "# Ignored title\n\nIntro line.\n\n## Budget\n\nThe budget was approved.\n"
            "It passed 7 to 2.\n\n- item one\n- item two\n"
        }
    )
    (document,) = load_folder(folder).documents
    assert document.title == "Board minutes"
    assert document.date == "2026-03-02"
    assert document.place == "Lima"
    assert [(b.location, b.heading, b.text) for b in document.blocks] == [
        ("¶1", "Ignored title", "Intro line."),
        ("¶2", "Budget", "The budget was approved."),
        ("¶3", "Budget", "It passed 7 to 2."),
        ("¶4", "Budget", "- item one"),
        ("¶5", "Budget", "- item two"),
    ]


def test_a_markdown_file_is_markdown_by_either_extension(make_folder: FolderFactory) -> None:
    text = "# Harbour board minutes\n\n## 1. Dredging ##\n\nThe board **approved** it.\n"
    folder = make_folder({"a.markdown": text, "b.md": text})
    a, b = load_folder(folder).documents
    assert a.title == b.title == "Harbour board minutes"
    assert [(x.heading, x.text) for x in a.blocks] == [(x.heading, x.text) for x in b.blocks]
    assert a.blocks[0].heading == "1. Dredging"


def test_a_heading_keeps_a_hash_that_is_part_of_its_last_word() -> None:
    blocks, title = paragraphs("# Training on C#\n\nA course in C#.\n", markdown=True)
    assert title == "Training on C#"
    assert blocks[0].text == "A course in C#."
    _, closed = paragraphs("# Budget #\n\nText.\n", markdown=True)
    assert closed == "Budget"  # a closing sequence after a space is no part of it


def test_title_falls_back_to_first_heading_then_file_name(make_folder: FolderFactory) -> None:
    folder = make_folder({"a.md": "# Agenda for May\n\nText.", "b_notes-final.txt": "Text."})
    titles = {d.path: d.title for d in load_folder(folder).documents}
    assert titles == {"a.md": "Agenda for May", "b_notes-final.txt": "b notes final"}


def test_hard_wrapped_prose_stays_one_paragraph() -> None:
    blocks, _ = paragraphs(
        "The committee met on\nMonday and agreed\nthe plan.\nNext item.", markdown=False
    )
    assert [b.text for b in blocks] == [
        "The committee met on Monday and agreed the plan.",
        "Next item.",
    ]


def test_one_paragraph_per_line_releases_split_per_line() -> None:
    blocks, _ = paragraphs("First paragraph.\n“A quote,” she said.\nLast one.", markdown=False)
    assert len(blocks) == 3


def test_encodings(make_folder: FolderFactory) -> None:
    folder = make_folder(
        {
            "bom.md": "\ufeff---\ntitle: With BOM\n---\nBody.".encode(),
            "utf16.txt": "\ufeffUTF-16 text here.".encode("utf-16-le"),
            "legacy.txt": b"Caf\xe9 minutes \x96 approved.",
        }
    )
    report = load_folder(folder)
    by_path = {o.path: o for o in report.outcomes}
    assert by_path["bom.md"].document is not None
    assert by_path["bom.md"].document.title == "With BOM"
    assert by_path["utf16.txt"].document is not None
    assert by_path["utf16.txt"].document.text == "UTF-16 text here."
    legacy = by_path["legacy.txt"]
    assert legacy.document is not None and legacy.document.text == "Café minutes – approved."
    assert legacy.warnings == ("not UTF-8: decoded as Windows-1252",)


def test_bad_files_are_skipped_with_reasons_and_the_rest_loads(
    make_folder: FolderFactory, tmp_path: Path
) -> None:
    outside = tmp_path / "secret.txt"
    outside.write_text("TOP-SECRET-MARKER")
    folder = make_folder(
        {
            "good.md": "Minutes of the meeting.",
            "binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00",
            "empty.md": "  \n\n",
            "photo.png": b"\x89PNG",
            ".hidden.md": "hidden",
            "~$minutes.md": "lock",
            "notes.md.swp": "swap",
            "sub/nested.txt": "Nested minutes.",
        }
    )
    (folder / "link.md").symlink_to(outside)
    (folder / "loop").symlink_to(folder, target_is_directory=True)
    (folder / "dangling.md").symlink_to(tmp_path / "missing.md")
    os.mkfifo(folder / "pipe.txt")
    (folder / "dir.md").mkdir()
    with open(folder / "huge.txt", "wb") as handle:
        handle.truncate(MAX_TEXT_BYTES + 1)  # sparse: no disk used

    report = load_folder(folder)
    got = {o.path: (o.status, o.reason) for o in report.outcomes}
    assert got == {
        "good.md": (Status.LOADED, ""),
        "sub/nested.txt": (Status.LOADED, ""),
        "binary.txt": (Status.SKIPPED, "binary data (not text)"),
        "empty.md": (Status.SKIPPED, "no text"),
        "photo.png": (Status.SKIPPED, "unsupported file type .png"),
        ".hidden.md": (Status.IGNORED, "hidden file"),
        "~$minutes.md": (Status.IGNORED, "temporary or lock file"),
        "notes.md.swp": (Status.IGNORED, "temporary or lock file"),
        "link.md": (Status.SKIPPED, "symbolic link (not followed)"),
        "loop": (Status.SKIPPED, "symbolic link (not followed)"),
        "dangling.md": (Status.SKIPPED, "symbolic link (not followed)"),
        "pipe.txt": (Status.SKIPPED, "not a regular file"),
        "dir.md": (Status.SKIPPED, "not a regular file (a folder named like a document)"),
        "huge.txt": (Status.SKIPPED, "too large (5.0 MiB; the limit is 5.0 MiB)"),
    }
    assert all("TOP-SECRET-MARKER" not in d.text for d in report.documents)


def test_a_reader_crash_is_one_skipped_file(
    make_folder: FolderFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot import loader

    def broken(path: Path, rel: str) -> object:
        raise KeyError("parser bug")

    monkeypatch.setitem(loader.READERS, ".txt", broken)
    folder = make_folder({"ok.md": "Fine.", "bad.txt": "Crashes the reader."})
    assert outcomes(folder) == {
        "ok.md": (Status.LOADED, ""),
        "bad.txt": (Status.SKIPPED, "could not read: KeyError"),
    }


def test_control_characters_and_bidi_overrides_are_removed(make_folder: FolderFactory) -> None:
    folder = make_folder({"a.txt": "Safe\x07 text\u202e here\x1b."})
    (document,) = load_folder(folder).documents
    assert document.text == "Safe text here."


def test_names_that_are_not_utf8_stay_apart(tmp_path: Path) -> None:
    """Two Latin-1 names differing only in a byte that is not UTF-8 are two documents, each
    with its own path and passage ids, the byte written as its escape."""
    files = {b"r\xe9sum\xe9.txt": b"The plot rent is 68 pounds a year.",
             b"r\xe8sum\xe8.txt": b"The library committee met on Tuesday.",
             b"r\\xe9sum\\xe9.txt": b"A name written like the escape."}  # fmt: skip
    for name, text in files.items():
        (tmp_path / os.fsdecode(name)).write_bytes(text)
    report = load_folder(tmp_path)
    paths = sorted(d.path for d in report.documents)
    assert paths == ["r\\\\xe9sum\\\\xe9.txt", "r\\xe8sum\\xe8.txt", "r\\xe9sum\\xe9.txt"]
    texts = {d.path: d.text for d in report.documents}
    assert texts["r\\xe9sum\\xe9.txt"].startswith("The plot rent")


def test_a_front_matter_date_that_is_no_date_gives_way_to_the_file_name(
    make_folder: FolderFactory,
) -> None:
    folder = make_folder({"2026-01-10-board.md": '---\ndate: "Jan 10, 2026"\n---\nMinutes.'})
    (outcome,) = load_folder(folder).outcomes
    assert outcome.document is not None and outcome.document.date == "2026-01-10"
    assert outcome.warnings == ("front matter date 'Jan 10, 2026' ignored: not a YYYY-MM-DD date",)


def test_a_folder_that_cannot_be_listed_is_skipped_with_its_reason(
    make_folder: FolderFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its files get no outcome of their own, so the folder has one, tried again next time."""
    folder = make_folder({"a.md": "Alpha.", "2024/b.md": "Beta.", "2024/c.md": "Gamma."})
    listing = os.scandir
    refused = {"2024"}

    def scandir(path: str | os.PathLike[str]) -> object:
        if Path(path).name in refused:
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return listing(path)

    monkeypatch.setattr(os, "scandir", scandir)
    report = load_folder(folder)
    assert [d.path for d in report.documents] == ["a.md"]
    (skipped,) = report.skipped
    assert (skipped.path, skipped.reason) == ("2024", "folder could not be read: Permission denied")
    assert skipped.transient  # not remembered by the build cache
    refused.add(folder.name)
    (root,) = load_folder(folder).skipped  # the folder itself
    assert root.path == "." and root.reason.startswith("folder could not be read")


def test_missing_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="knowledge folder not found"):
        load_folder(tmp_path / "nope")


@pytest.mark.parametrize(
    ("name", "date"),
    [("2026-05-14-minutes.md", "2026-05-14"), ("2026-02-30 x.md", None), ("minutes.md", None)],
)
def test_dates_come_only_from_real_file_name_prefixes(name: str, date: str | None) -> None:
    assert date_from_name(name) == date


def test_title_from_name() -> None:
    assert title_from_name("2026-05-14_board-minutes.md") == "board minutes"
