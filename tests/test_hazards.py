"""A knowledge folder full of hostile files, generated here: nothing crashes, nothing leaks.

RELIABILITY.md sections E, F and G list the hazards; this builds one of each
(bombs in memory, huge files sparse, ~1 MB on disk in all) and loads the folder
through the real service. Every file gets exactly one outcome with a reason, no
byte from outside the folder reaches the index, the whole load stays under 30 s
(the hanging parser is cut off after 1 s here, 15 s by default), and the good
files among the hostile ones still answer questions.
"""

from __future__ import annotations

import codecs
import io
import os
import random
import resource
import time
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import pytest
from conftest import FolderFactory, service_for
from test_formats import (
    FILLER,
    PAGE,
    SRT,
    VTT,
    encrypt_pdf,
    hostile_extract,
    make_docx,
    make_pdf,
    pdf_objects,
    stream,
    without_part,
)

from bot import loader
from bot.formats.isolation import Limits, parser_session
from bot.formats.pdf import NO_TEXT, read_pdf
from bot.models import LoadReport, Status
from bot.service import KnowledgeService

MARKER = "OUTSIDE-SECRET-7f3a"  # written only outside the folder
MIB = 1 << 20

LOADED = (Status.LOADED, "")
SYMLINK = (Status.SKIPPED, "symbolic link (not followed)")
NOT_REGULAR = (Status.SKIPPED, "not a regular file")
BINARY = (Status.SKIPPED, "binary data (not text)")
NOT_ZIP = (Status.SKIPPED, "not a DOCX file (not a zip archive)")
NO_PDF_TEXT = (Status.SKIPPED, NO_TEXT)


def deflated(size: int, layers: int = 1) -> bytes:
    """`size` bytes of spaces, deflated `layers` times, without holding them in memory."""
    packer = zlib.compressobj(9)
    chunk = b" " * MIB
    data = b"".join(packer.compress(chunk) for _ in range(size // MIB)) + packer.flush()
    for _ in range(layers - 1):
        data = zlib.compress(data, 9)
    return data


def zip_bomb(name: str, size: int) -> bytes:
    """A zip whose one part inflates to `size` bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        with archive.open(name, "w", force_zip64=True) as part:
            chunk = b" " * MIB
            for _ in range(size // MIB):
                part.write(chunk)
    return out.getvalue()


def replace_part(package: bytes, name: str, data: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            target.writestr(item, data if item.filename == name else source.read(item))
    return out.getvalue()


def word_xml(doctype: str, body: str) -> bytes:
    namespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n{doctype}\n'
        f'<w:document xmlns:w="{namespace}"><w:body><w:p><w:r><w:t>{body}</w:t></w:r></w:p>'
        "</w:body></w:document>"
    ).encode()


def build_hazard_folder(tmp_path: Path) -> tuple[Path, dict[str, tuple[Status, str]]]:
    """Write the hostile folder; return it and the outcome each entry must get."""
    outside = tmp_path / "outside"
    outside.mkdir()
    secret = outside / "secret.txt"
    secret.write_text(f"{MARKER} the board's private notes")
    folder = tmp_path / "knowledge"
    folder.mkdir()
    rng = random.Random(7)
    docx_ok = make_docx([("h1", "Budget"), ("p", "The parks budget rose by a tenth.")])
    good_pdf = make_pdf(
        [[FILLER], ["The harbour crane will be replaced in autumn,", "the engineers confirmed."]]
    )
    laughs = "".join(f'<!ENTITY l{n} "{f"&l{n - 1};" * 10 if n else "lol"}">' for n in range(10))
    files: dict[str, tuple[bytes, tuple[Status, str]]] = {
        # good files, which must still load and answer
        "good.md": (b"# Roads\n\nThe council resurfaced Elm Road in March.", LOADED),
        "good.pdf": (good_pdf, LOADED),
        "good.docx": (docx_ok, LOADED),
        "good.html": (PAGE.encode(), LOADED),
        "good.vtt": (VTT.encode(), LOADED),
        "good.srt": (SRT.encode(), LOADED),
        # encodings (F 46-47)
        "binary.txt": (bytes(rng.randrange(256) for _ in range(4096)) + b"\x00", BINARY),
        "png-named.md": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", BINARY),
        "utf16be-no-bom.txt": ("Minutes in UTF-16".encode("utf-16-be"), BINARY),
        "utf16-bom.txt": ("\ufeffMinutes in UTF-16, with a BOM.".encode("utf-16-le"), LOADED),
        "cp1252.txt": (b"Caf\xe9 minutes \x96 approved.", LOADED),
        "bom-front-matter.md": (codecs.BOM_UTF8 + b"---\ntitle: With BOM\n---\nBody.", LOADED),
        "bad-after-bom.txt": (
            codecs.BOM_UTF8 + b"\xff\xfe broken",
            (Status.SKIPPED, "invalid utf-8 after its byte order mark"),
        ),
        "empty.md": (b"", (Status.SKIPPED, "no text")),
        "whitespace.txt": (b" \n\t\n ", (Status.SKIPPED, "no text")),
        "bidi-controls.txt": ("Safe\x07 text\u202e here.".encode(), LOADED),
        "bad_name_\udcff\udcfe.txt": (b"Odd file name.", LOADED),
        "line\nbreak.md": (b"A newline in the name.", LOADED),
        "n" * 251 + ".txt": (b"A 255-byte name.", LOADED),
        # YAML front matter (G 58-59)
        "yaml-python-tag.md": (
            b"---\ntitle: !!python/object/apply:os.system ['echo pwned']\n---\nBody kept.",
            LOADED,
        ),
        "yaml-alias-bomb.md": (
            b'---\na: &a ["x","x","x","x","x","x","x","x","x"]\n'
            + b"".join(
                b"%s: &%s [%s]\n" % (bytes([c]), bytes([c]), b",".join([b"*" + bytes([c - 1])] * 9))
                for c in range(ord("b"), ord("j"))
            )
            + b"title: *i\n---\nBody kept.",
            LOADED,
        ),
        "yaml-bad-date.md": (b"---\ntitle: 2024-01-00\ndate: 2024-02-30\n---\nBody.", LOADED),
        "yaml-list.md": (b"---\n- a\n- b\n---\nBody.", LOADED),
        "yaml-unclosed.md": (b"---\ntitle: x\nBody without a closing line.", LOADED),
        # PDFs (F 49-53)
        "empty.pdf": (b"", (Status.SKIPPED, "invalid or damaged PDF (EmptyFileError)")),
        "header-only.pdf": (
            b"%PDF-1.7",
            (Status.SKIPPED, "invalid or damaged PDF (PdfStreamError)"),
        ),
        "text-named.pdf": (
            b"Just some text, not a PDF.",
            (Status.SKIPPED, "invalid or damaged PDF (PdfStreamError)"),
        ),
        "truncated.pdf": (
            good_pdf[: len(good_pdf) // 2],
            (Status.SKIPPED, "invalid or damaged PDF (PdfStreamError)"),
        ),
        "garbage.pdf": (
            b"%PDF-1.7\n" + rng.randbytes(20000),
            (Status.SKIPPED, "invalid or damaged PDF (PdfStreamError)"),
        ),
        "encrypted.pdf": (
            encrypt_pdf(good_pdf, user_password="letmein"),
            (Status.SKIPPED, "encrypted PDF"),
        ),
        "flate-bomb.pdf": (make_pdf([stream(deflated(100 * MIB), "/FlateDecode")]), NO_PDF_TEXT),
        "nested-flate-bomb.pdf": (
            make_pdf([stream(deflated(100 * MIB, 3), "[/FlateDecode /FlateDecode /FlateDecode]")]),
            NO_PDF_TEXT,
        ),
        "page-tree-cycle.pdf": (
            pdf_objects(
                {
                    1: b"<< /Type /Catalog /Pages 2 0 R >>",
                    2: b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
                    3: b"<< /Type /Pages /Kids [2 0 R] /Count 1 >>",
                }
            ),
            (Status.SKIPPED, "invalid or damaged PDF (PdfReadError)"),
        ),
        "blank-1000-pages.pdf": (make_pdf([stream(b"")] * 1000), NO_PDF_TEXT),
        "javascript.pdf": (
            make_pdf(
                [["Only this text is indexed."]],
                catalog=b"/OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >> ",
            ),
            LOADED,
        ),
        "hang.pdf": (
            make_pdf([["Never read."]], head=b"%HANG\n"),
            (Status.SKIPPED, "parser timed out (after 3 s)"),
        ),
        "crash.pdf": (
            make_pdf([["Never read."]], head=b"%CRASH\n"),
            (Status.SKIPPED, "parser crashed (exit code 3)"),
        ),
        "memory-hog.pdf": (
            make_pdf([["Never read."]], head=b"%MEMORY\n"),
            (Status.SKIPPED, "parser crashed (out of memory)"),
        ),
        # DOCX (F 54-56)
        "zip-bomb.docx": (
            zip_bomb("word/document.xml", 110 * MIB),
            (Status.SKIPPED, "possible zip bomb: unpacks to 110 MiB (the limit is 100 MiB)"),
        ),
        "ratio-bomb.docx": (
            zip_bomb("word/document.xml", 30 * MIB),
            (Status.SKIPPED, "possible zip bomb: compression ratio 1028:1 (the limit is 100:1)"),
        ),
        "renamed-text.docx": (b"Minutes typed in a text editor.", NOT_ZIP),
        "renamed-ole.docx": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2048), NOT_ZIP),
        "no-content-types.docx": (
            without_part(docx_ok, "[Content_Types].xml"),
            (Status.SKIPPED, "invalid or damaged DOCX (KeyError)"),
        ),
        "truncated-xml.docx": (
            replace_part(docx_ok, "word/document.xml", word_xml("", "cut")[:-30]),
            (Status.SKIPPED, "invalid or damaged DOCX (XMLSyntaxError)"),
        ),
        "xxe.docx": (
            replace_part(
                docx_ok,
                "word/document.xml",
                word_xml(f'<!DOCTYPE w:document [<!ENTITY x SYSTEM "file://{secret}">]>', "&x;"),
            ),
            (Status.SKIPPED, "no text"),  # the entity is not resolved
        ),
        "billion-laughs.docx": (
            replace_part(
                docx_ok, "word/document.xml", word_xml(f"<!DOCTYPE w:document [{laughs}]>", "&l9;")
            ),
            (Status.SKIPPED, "invalid or damaged DOCX (XMLSyntaxError)"),  # lxml refuses it
        ),
        # HTML (F 57)
        "deep-nesting.html": (b"<div>" * 30_000 + b"Deep text." + b"</div>" * 30_000, LOADED),
        "binary.html": (b"<html>\x00\x01\x02", BINARY),
        # transcripts
        "binary.vtt": (b"WEBVTT\n\n\x00\x00\x00", BINARY),
        "no-cues.srt": (b"1\nnot a timing\nText.\n", (Status.SKIPPED, "no text")),
        # policy
        ".hidden.md": (b"hidden", (Status.IGNORED, "hidden file")),
        "~$minutes.docx": (b"lock", (Status.IGNORED, "temporary or lock file")),
        ".~lock.minutes.docx#": (b"lock", (Status.IGNORED, "hidden file")),
        "minutes.md.swp": (b"swap", (Status.IGNORED, "temporary or lock file")),
        "scan.png": (b"\x89PNG", (Status.SKIPPED, "unsupported file type .png")),
        "legacy.doc": (b"\xd0\xcf\x11\xe0", (Status.SKIPPED, "unsupported file type .doc")),
    }
    expected: dict[str, tuple[Status, str]] = {}
    for name, (data, outcome) in files.items():
        (folder / name).write_bytes(data)
        expected[os.fsencode(name).decode("utf-8", "backslashreplace")] = outcome  # as reported
    # the filesystem (E 35-41)
    links = {
        "link-out.md": secret,
        "passwd.txt": Path("/etc/passwd"),
        "zero.txt": Path("/dev/zero"),
        "dangling.md": tmp_path / "missing.md",
    }
    for name, target in links.items():
        (folder / name).symlink_to(target)
        expected[name] = SYMLINK
    (folder / "loop").symlink_to(folder, target_is_directory=True)
    (folder / "outside-dir").symlink_to(outside, target_is_directory=True)
    expected["loop"] = expected["outside-dir"] = SYMLINK
    os.mkfifo(folder / "fifo.txt")
    expected["fifo.txt"] = NOT_REGULAR
    named_like_a_document = (Status.SKIPPED, "not a regular file (a folder named like a document)")
    # Directories named like documents: reported, never descended into or given to a parser.
    (folder / "x.docx" / "word").mkdir(parents=True)
    (folder / "x.docx" / "word" / "document.xml").write_bytes(word_xml("", "Inside."))
    (folder / "y.pdf").mkdir()
    expected["x.docx"] = expected["y.pdf"] = named_like_a_document
    for name, limit in (("huge.txt", "5.0 MiB"), ("huge.pdf", "50.0 MiB"), ("huge.srt", "5.0 MiB")):
        with open(folder / name, "wb") as handle:
            handle.truncate(3 << 30)  # sparse: no disk used
        expected[name] = (Status.SKIPPED, f"too large (3072.0 MiB; the limit is {limit})")
    (folder / "sub").mkdir()
    (folder / "sub" / "nested.txt").write_text("Nested minutes.")
    expected["sub/nested.txt"] = LOADED
    (folder / ".git").mkdir()
    expected[".git"] = (Status.IGNORED, "hidden folder")
    return folder, expected


TIMEOUT = 3.0  # seconds per PDF/DOCX here (15 by default): the hanging file costs this much


@dataclass(frozen=True)
class HazardRun:
    expected: dict[str, tuple[Status, str]]
    service: KnowledgeService
    report: LoadReport
    seconds: float


@pytest.fixture(scope="module")
def hazards(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HazardRun]:
    """The hazard folder, built and loaded once through the service for all tests here."""
    folder, expected = build_hazard_folder(tmp_path_factory.mktemp("hazards"))
    with pytest.MonkeyPatch.context() as patch:
        # The PDF reader's worker side misbehaves on request (hang, crash, memory hog).
        patch.setitem(loader.READERS, ".pdf", partial(read_pdf, extract=hostile_extract))
        service = service_for(folder)
        started = time.perf_counter()
        with parser_session(Limits(timeout=TIMEOUT)):
            result = service.reload(force=True)
        seconds = time.perf_counter() - started
    yield HazardRun(expected, service, result.report, seconds)


def test_every_entry_gets_exactly_its_one_outcome_in_bounded_time(hazards: HazardRun) -> None:
    report = hazards.report
    got = {o.path: (o.status, o.reason) for o in report.outcomes}
    parent = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
    print(f"\nhazard folder: {len(got)} entries loaded in {hazards.seconds:.2f} s")
    print(f"peak RSS: this process {parent} MiB, largest child process {child} MiB")
    for path, (status, reason) in sorted(got.items()):
        print(f"  {path[:40]!r:44} {status.value:8} {reason}")
    assert len(report.outcomes) == len(got)  # one outcome per entry, none twice
    assert got == hazards.expected
    assert not [o for o in report.outcomes if o.status is not Status.LOADED and not o.reason]
    assert not [o for o in report.outcomes if "could not read" in o.reason]  # no unforeseen error
    assert hazards.seconds < 30


def test_nothing_from_outside_the_folder_is_indexed(hazards: HazardRun) -> None:
    documents = hazards.report.documents
    indexed = " ".join(f"{d.path} {d.title} {d.url} {d.text}" for d in documents)
    indexed += " ".join(p.text for p in hazards.service.snapshot.index.passages)
    assert MARKER not in indexed
    assert "root:x:0:0" not in indexed


def test_good_files_among_the_hazards_still_answer(hazards: HazardRun) -> None:
    service = hazards.service
    passage = service.ask("When will the harbour crane be replaced?").citations[0].passage
    assert (passage.document.path, passage.location) == ("good.pdf", "p. 2")
    passage = service.ask("What happened to the parks budget?").citations[0].passage
    assert (passage.document.path, passage.heading) == ("good.docx", "Budget")
    passage = (
        service.ask("What did the traffic study find about the cycle lane?").citations[0].passage
    )
    assert (passage.speaker, passage.location) == ("Maria Lopez", "00:01:05")
    passage = service.ask("What was approved for dredging the north basin?").citations[0].passage
    assert (passage.document.path, passage.heading) == ("good.html", "Dredging")


def test_hazard_texts_are_decoded_and_cleaned(hazards: HazardRun) -> None:
    by_path = {o.path: o for o in hazards.report.outcomes}

    def text(path: str) -> str:
        document = by_path[path].document
        assert document is not None
        return document.text

    assert text("utf16-bom.txt") == "Minutes in UTF-16, with a BOM."
    assert text("cp1252.txt") == "Café minutes – approved."
    assert by_path["cp1252.txt"].warnings == ("not UTF-8: decoded as Windows-1252",)
    assert text("bidi-controls.txt") == "Safe text here."
    assert text("deep-nesting.html") == "Deep text."
    assert text("javascript.pdf") == "Only this text is indexed."
    assert "@everyone <@&123456789012345678>" in text("good.html")  # decoded, not escaped
    assert "SECRET" not in text("good.html")
    for name in ("yaml-python-tag.md", "yaml-alias-bomb.md"):
        assert text(name) == "Body kept."
        assert by_path[name].warnings  # the metadata was dropped, and said so
    bom = by_path["bom-front-matter.md"].document
    assert bom is not None and bom.title == "With BOM"


@pytest.mark.parametrize(
    ("marker", "reason"),
    [
        (b"%HANG", "parser timed out (after 1 s)"),
        (b"%CRASH", "parser crashed (exit code 3)"),
        (b"%MEMORY", "parser crashed (out of memory)"),
    ],
    ids=["hang", "crash", "memory"],
)
def test_a_hung_or_crashed_parser_costs_one_file(
    make_folder: FolderFactory, monkeypatch: pytest.MonkeyPatch, marker: bytes, reason: str
) -> None:
    monkeypatch.setitem(loader.READERS, ".pdf", partial(read_pdf, extract=hostile_extract))
    folder = make_folder(
        {
            "a.pdf": make_pdf([["Before."]]),
            "b.pdf": make_pdf([["Bad."]], head=marker + b"\n"),
            "c.pdf": make_pdf([["After."]]),
        }
    )
    started = time.perf_counter()
    with parser_session(Limits(timeout=1.0)):
        report = loader.load_folder(folder)
    assert time.perf_counter() - started < 10
    got = {o.path: (o.status, o.reason) for o in report.outcomes}
    assert got == {
        "a.pdf": (Status.LOADED, ""),
        "b.pdf": (Status.SKIPPED, reason),
        "c.pdf": (Status.LOADED, ""),  # a fresh worker took over
    }
    # The file's own fault, under these limits: remembered as such by the build cache.
    assert not any(o.transient for o in report.outcomes)
