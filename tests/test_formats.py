"""HTML, PDF, DOCX, WebVTT and SRT: real files generated here load, and answers cite them right.

Samples are generated at test time (PDFs by hand, DOCX with python-docx); no
binary file is committed. The parser worker process imports this module to run
the `*_extract` hooks below, so it imports nothing heavy at the top: the search
engine (conftest's `service_for`) is imported inside the `ask` fixture.
"""

from __future__ import annotations

import io
import os
import re
import time
import zipfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import docx
import pytest
from pypdf import PdfReader, PdfWriter

from bot import loader
from bot.formats.common import Extracted
from bot.formats.docx import check_package
from bot.formats.isolation import Limits, ParserSession, parser_session
from bot.formats.pdf import NO_TEXT, extract_pdf
from bot.formats.transcripts import Cue, parse_cues, timestamp, transcript_blocks
from bot.loader import load_folder
from bot.models import Answer
from bot.reading import SkipFile, iso_date

if TYPE_CHECKING:
    from conftest import FolderFactory

Ask = Callable[[Path, str], Answer]


@pytest.fixture(scope="module", autouse=True)
def one_parser_worker() -> Iterator[None]:
    """The loads in this module share one parser worker, as the files of one walk do."""
    with parser_session():
        yield


@pytest.fixture
def ask() -> Ask:
    """Ask a question of a folder through the real engine."""
    from conftest import service_for  # here, not at the top: see the module docstring

    return lambda folder, question: service_for(folder).ask(question)


# --- sample generators (also used by test_hazards) ----------------------------------------


def _pdf_string(text: str) -> bytes:
    escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return b"(" + escaped.encode("latin-1") + b")"


def pdf_objects(objects: dict[int, bytes], *, info: int | None = None, head: bytes = b"") -> bytes:
    """A PDF file from numbered object bodies (1 is the catalog), with a correct xref table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + head)
    offsets: dict[int, int] = {}
    for number in sorted(objects):
        offsets[number] = out.tell()
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, objects[number]))
    xref = out.tell()
    size = max(objects) + 1
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % size)
    for number in range(1, size):
        out.write(b"%010d 00000 n \n" % offsets.get(number, 0))
    trailer = b"/Size %d /Root 1 0 R" % size + (b" /Info %d 0 R" % info if info else b"")
    out.write(b"trailer\n<< %s >>\nstartxref\n%d\n%%%%EOF\n" % (trailer, xref))
    return out.getvalue()


def stream(body: bytes, filters: str = "") -> bytes:
    extra = f"/Filter {filters} ".encode() if filters else b""
    return b"<< %s/Length %d >>\nstream\n%s\nendstream" % (extra, len(body), body)


def make_pdf(
    pages: Sequence[Sequence[str] | bytes],
    *,
    info: dict[str, str] | None = None,
    head: bytes = b"",
    catalog: bytes = b"",
) -> bytes:
    """A real PDF: each page is lines of Helvetica text (or a ready stream object)."""
    objects: dict[int, bytes] = {3: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"}
    kids = []
    for n, page in enumerate(pages):
        page_id, content_id = 4 + 2 * n, 5 + 2 * n
        kids.append(b"%d 0 R" % page_id)
        if isinstance(page, bytes):
            objects[content_id] = page
        else:
            ops = [b"BT /F1 12 Tf 14 TL 72 720 Td"]
            ops += [_pdf_string(line) + b" Tj T*" for line in page]
            objects[content_id] = stream(b"\n".join([*ops, b"ET"]))
        objects[page_id] = (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % content_id
        )
    objects[1] = b"<< /Type /Catalog /Pages 2 0 R %s>>" % catalog
    objects[2] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(kids), len(kids))
    info_id = None
    if info:
        info_id = 4 + 2 * len(pages)
        entries = b" ".join(b"/" + k.encode() + b" " + _pdf_string(v) for k, v in info.items())
        objects[info_id] = b"<< " + entries + b" >>"
    return pdf_objects(objects, info=info_id, head=head)


def encrypt_pdf(pdf: bytes, user_password: str) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.encrypt(user_password, owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def make_docx(
    content: Sequence[tuple[str, str]],
    *,
    title: str | None = None,
    created: str | None = None,
    table: Sequence[Sequence[str]] = (),
) -> bytes:
    """A real DOCX: (style, text) paragraphs ("h1", "h2", "title" or "p"), then a table."""
    import datetime as dt

    document = docx.Document()
    for style, text in content:
        if style == "title":
            document.add_heading(text, 0)
        elif style.startswith("h"):
            document.add_heading(text, int(style[1:]))
        else:
            document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, text in enumerate(row):
                grid.cell(r, c).text = text
    if title is not None:
        document.core_properties.title = title
    if created is not None:
        document.core_properties.created = dt.datetime.fromisoformat(created)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def without_part(package: bytes, name: str) -> bytes:
    """The same zip without one part and the package relationship to it."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == name:
                continue
            if item.filename == "_rels/.rels":
                data = re.sub(
                    rb"<Relationship [^>]*" + re.escape(name.encode()) + rb"[^>]*/>", b"", data
                )
            target.writestr(item, data)
    return out.getvalue()


# --- worker-side hooks: a parser that misbehaves on request -------------------------------


def hostile_extract(data: bytes) -> Extracted:
    """Runs in the worker: hang, crash or exhaust memory when the file says so, else parse."""
    if b"%HANG" in data:
        time.sleep(600)
    if b"%CRASH" in data:
        os._exit(3)
    if b"%MEMORY" in data:
        hog = b"x" * (4 << 30)  # more than the worker's address-space allowance
        del hog
    return extract_pdf(data)


def echo(data: bytes) -> bytes:
    """Runs in the worker: the cheapest task, to measure the cost of isolation itself."""
    return data


def nap(data: bytes) -> bytes:
    """Runs in the worker: a parse slow enough to be killed from outside while it runs."""
    time.sleep(10)
    return data


# --- PDF ------------------------------------------------------------------------------------

FILLER = "The committee reviewed the progress reports from every working group in detail."


def test_pdf_answer_cites_its_page(make_folder: FolderFactory, ask: Ask) -> None:
    pdf = make_pdf(
        [
            [
                FILLER,
                "Members agreed the agenda for the session without changes,",
                "after a short debate.",
            ],
            [
                "The board approved the repair of the library roof,",
                "with a budget of forty thousand euros for the work.",
            ],
            [FILLER],
        ],
        info={"Title": "Board minutes, March", "CreationDate": "D:20240301093000+01'00'"},
    )
    folder = make_folder({"minutes.pdf": pdf, "other.md": "Unrelated notes about parking."})
    answer = ask(folder, "What did the board approve for the library roof?")
    assert answer.answered
    passage = answer.citations[0].passage
    assert passage.location == "p. 2"
    assert passage.document.title == "Board minutes, March"
    assert passage.document.date == "2024-03-01"
    assert "library roof" in passage.text


def test_pdf_paragraphs_split_within_a_page_and_keep_its_location(
    make_folder: FolderFactory,
) -> None:
    pdf = make_pdf([["First point of page one.", "Second point of page one."], ["Page two."]])
    (document,) = load_folder(make_folder({"2025-02-03-notes.pdf": pdf})).documents
    assert [(b.location, b.text) for b in document.blocks] == [
        ("p. 1", "First point of page one."),
        ("p. 1", "Second point of page one."),
        ("p. 2", "Page two."),
    ]
    assert (document.title, document.date) == ("notes", "2025-02-03")  # from the file name


def test_pdf_encrypted_only_against_changes_still_loads(make_folder: FolderFactory) -> None:
    pdf = encrypt_pdf(make_pdf([["Readable without a password."]]), user_password="")
    (document,) = load_folder(make_folder({"open.pdf": pdf})).documents
    assert document.text == "Readable without a password."


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (encrypt_pdf(make_pdf([["Secret."]]), user_password="pw"), "encrypted PDF"),
        (make_pdf([[]]), NO_TEXT),
        (b"", "invalid or damaged PDF (EmptyFileError)"),
        (make_pdf([["Half a file."]])[:300], "invalid or damaged PDF (PdfStreamError)"),
    ],
    ids=["encrypted", "no-text", "empty", "truncated"],
)
def test_pdf_problems_are_skips_with_reasons(data: bytes, reason: str) -> None:
    with pytest.raises(SkipFile) as raised:
        extract_pdf(data)
    assert str(raised.value) == reason


def test_pdf_metadata_is_only_what_the_file_states() -> None:
    bad_date = make_pdf([["Text."]], info={"Title": "  ", "CreationDate": "D:20241341"})
    found = extract_pdf(bad_date)
    assert (found.title, found.date) == (None, None)


# --- DOCX -----------------------------------------------------------------------------------


def test_docx_answer_cites_its_heading(make_folder: FolderFactory, ask: Ask) -> None:
    data = make_docx(
        [
            ("h1", "Opening"),
            ("p", "The chair welcomed the members and opened the meeting at ten o'clock."),
            ("h2", "Budget"),
            ("p", "The treasurer reported that the annual budget for the youth centre was cut."),
            ("h2", "Any other business"),
            ("p", "Members discussed the timetable for the next round of public consultations."),
        ],
        title="Council minutes",
        created="2024-06-11T09:00:00+00:00",
    )
    folder = make_folder({"council.docx": data, "other.md": "Unrelated notes about parking."})
    answer = ask(folder, "What happened to the budget for the youth centre?")
    assert answer.answered
    passage = answer.citations[0].passage
    assert passage.heading == "Budget"
    assert passage.location == "¶2"
    assert (passage.document.title, passage.document.date) == ("Council minutes", "2024-06-11")


def test_docx_reads_tables_and_states_no_invented_metadata(make_folder: FolderFactory) -> None:
    data = make_docx(
        [("title", "Attendance"), ("p", "Present:")],
        table=[["Name", "Role"], ["Ana Costa", "Chair"]],
    )
    folder = make_folder({"2023-09-01-attendance.docx": data})
    (document,) = load_folder(folder).documents
    assert [b.text for b in document.blocks] == ["Present:", "Name", "Role", "Ana Costa", "Chair"]
    assert all(b.heading == "Attendance" for b in document.blocks)
    # No core title: the Title paragraph. python-docx's template date is not a stated date.
    assert (document.title, document.date) == ("Attendance", "2023-09-01")


def test_docx_without_core_properties_gets_no_made_up_title(make_folder: FolderFactory) -> None:
    data = without_part(make_docx([("p", "Just text.")]), "docProps/core.xml")
    (document,) = load_folder(make_folder({"plain-notes.docx": data})).documents
    assert document.title == "plain notes"  # not python-docx's default "Word Document"


def _zip(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"Plain text, renamed.", "not a DOCX file (not a zip archive)"),
        (
            _zip({f"part{n}.xml": b"" for n in range(2001)}),
            "possible zip bomb: 2001 parts (the limit is 2000)",
        ),
        (
            _zip({"word/document.xml": b" " * (2 << 20)}),
            "possible zip bomb: compression ratio",
        ),
    ],
    ids=["not-zip", "too-many-parts", "ratio"],
)
def test_docx_package_is_checked_before_parsing(data: bytes, reason: str) -> None:
    with pytest.raises(SkipFile, match=re.escape(reason)):
        check_package(data)


def test_docx_package_within_limits_passes() -> None:
    check_package(make_docx([("p", "Fine.")]))


# --- HTML -----------------------------------------------------------------------------------

PAGE = """<!doctype html>
<html><head>
<meta charset="utf-8"><title>Harbour committee – minutes</title>
<meta property="og:title" content="Not used: the title element comes first">
<meta name="date" content="2024-13-40"><meta property="article:published_time"
 content="2024-04-09T18:30:00Z">
<link rel="canonical" href="https://example.org/harbour/minutes">
<style>body { color: red } .SECRETSTYLE {}</style>
<script>var SECRETSCRIPT = "@here";</script>
</head><body>
<header><h1>Site banner</h1></header>
<nav><ul><li>Home</li><li>About</li></ul></nav>
<main>
<h1>Harbour committee</h1>
<p>The meeting opened with a minute of silence for the former harbour master.</p>
<!-- SECRETCOMMENT -->
<h2>Dredging</h2>
<p>The committee approved dredging of the <b>north basin</b>
to a depth of six metres before the summer season starts.</p>
<ul><li>Contractor: Marinex</li><li>Cost &amp; schedule: to follow</li></ul>
<table><tr><th>Vote</th><td>7 for, 2 against</td></tr></table>
<p>Note to all: &#64;everyone &lt;@&amp;123456789012345678&gt; read this.</p>
<template><p>SECRETTEMPLATE</p></template><noscript>SECRETNOSCRIPT</noscript>
</main>
<aside>Related: SECRETASIDE</aside><footer>Copyright</footer>
</body></html>
"""


def test_html_main_text_headings_and_metadata(make_folder: FolderFactory, ask: Ask) -> None:
    folder = make_folder({"harbour.html": PAGE, "other.md": "Unrelated notes about parking."})
    (outcome,) = [o for o in load_folder(folder).outcomes if o.path == "harbour.html"]
    document = outcome.document
    assert document is not None
    assert document.title == "Harbour committee – minutes"
    assert document.date == "2024-04-09"  # the invalid <meta name=date> is passed over
    assert document.url == "https://example.org/harbour/minutes"
    assert [(b.location, b.heading, b.text) for b in document.blocks] == [
        ("¶1", "Harbour committee", "The meeting opened with a minute of silence for the "
         "former harbour master."),
        ("¶2", "Dredging", "The committee approved dredging of the north basin to a depth of "
         "six metres before the summer season starts."),
        ("¶3", "Dredging", "Contractor: Marinex"),
        ("¶4", "Dredging", "Cost & schedule: to follow"),
        ("¶5", "Dredging", "Vote"),
        ("¶6", "Dredging", "7 for, 2 against"),
        ("¶7", "Dredging", "Note to all: @everyone <@&123456789012345678> read this."),
    ]  # fmt: skip
    assert "SECRET" not in document.text and "Site banner" not in document.text
    answer = ask(folder, "What depth was approved for dredging the north basin?")
    assert answer.answered
    assert answer.citations[0].passage.heading == "Dredging"
    assert answer.citations[0].passage.location == "¶2"


def test_html_encoding_from_meta_charset(make_folder: FolderFactory) -> None:
    page = (
        '<html><head><meta charset="shift_jis"><title>議事録</title></head>'
        "<body><p>予算は承認された。</p></body></html>"
    )
    folder = make_folder(
        {"jp.html": page.encode("shift_jis"), "legacy.htm": b"<p>Caf\xe9 \x96 approved.</p>"}
    )
    documents = {d.path: d for d in load_folder(folder).documents}
    assert documents["jp.html"].title == "議事録"
    assert documents["jp.html"].text == "予算は承認された。"
    assert documents["legacy.htm"].text == "Café – approved."


def test_html_without_title_uses_og_title_then_h1_then_file_name(
    make_folder: FolderFactory,
) -> None:
    folder = make_folder(
        {
            "a.html": '<meta property="og:title" content="From OG"><p>Text.</p>',
            "b.html": "<h1>From the heading</h1><p>Text.</p>",
            "2024-02-29-c.html": '<p>Text.</p><time datetime="2024-02-30">bad</time>',
        }
    )
    documents = {d.path: d for d in load_folder(folder).documents}
    assert documents["a.html"].title == "From OG"
    assert documents["b.html"].title == "From the heading"
    assert (documents["2024-02-29-c.html"].title, documents["2024-02-29-c.html"].date) == (
        "c",
        "2024-02-29",
    )


def test_iso_dates_are_validated() -> None:
    assert iso_date("2024-04-09T18:30:00Z") == "2024-04-09"
    assert iso_date("2024-02-30") is None
    assert iso_date("20240409") is None
    assert iso_date(None) is None


# --- transcripts ----------------------------------------------------------------------------

VTT = """WEBVTT - Planning board, 12 May

NOTE recorded on site

1
00:00:58.000 --> 00:01:04.500
<v Daniel Kim>Good evening, the first item is the cycle lane on Mill Street.

00:01:05.000 --> 00:01:12.000
<v Maria Lopez>The traffic study found that the cycle lane on Mill Street
would cut car speeds by a third.

00:01:12.000 --> 00:01:20.000
<v Maria Lopez>We recommend building it next spring.

00:01:21.000 --> 00:01:25.000
<v.loud Daniel Kim>Thank you. <i>Any objections?</i>
"""

SRT = """1
00:00:01,000 --> 00:00:04,000
MARIA LOPEZ: The budget is balanced this year.

2
00:00:04,500 --> 00:00:07,000
{\\an8}It includes the new library wing.

3
00:00:07,000 --> 00:00:09,000
>> Daniel Kim: Thank you &amp; well done.
"""


def test_vtt_answer_names_the_speaker_and_time(make_folder: FolderFactory, ask: Ask) -> None:
    folder = make_folder({"planning.vtt": VTT, "other.md": "Unrelated notes about parking."})
    answer = ask(folder, "What did the traffic study find about the Mill Street cycle lane?")
    assert answer.answered
    passage = answer.citations[0].passage
    assert (passage.speaker, passage.location) == ("Maria Lopez", "00:01:05")
    assert passage.document.title == "Planning board, 12 May"


def test_vtt_cues_merge_by_speaker(make_folder: FolderFactory) -> None:
    (document,) = load_folder(make_folder({"planning.vtt": VTT})).documents
    assert [(b.location, b.speaker, b.text) for b in document.blocks] == [
        ("00:00:58", "Daniel Kim", "Good evening, the first item is the cycle lane on Mill "
         "Street."),
        ("00:01:05", "Maria Lopez", "The traffic study found that the cycle lane on Mill Street "
         "would cut car speeds by a third. We recommend building it next spring."),
        ("00:01:21", "Daniel Kim", "Thank you. Any objections?"),
    ]  # fmt: skip


def test_srt_labels_and_continuations(make_folder: FolderFactory) -> None:
    (document,) = load_folder(make_folder({"2024-05-12-council.srt": SRT})).documents
    assert [(b.location, b.speaker, b.text) for b in document.blocks] == [
        ("00:00:01", "Maria Lopez", "The budget is balanced this year. "
         "It includes the new library wing."),
        ("00:00:07", "Daniel Kim", "Thank you & well done."),
    ]  # fmt: skip
    assert (document.title, document.date) == ("council", "2024-05-12")


def test_speakers_with_accented_capitals() -> None:
    vtt = (
        "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nÉlodie Durand: Thank you.\n\n"
        "00:00:05.000 --> 00:00:09.000\nŁukasz Nowak: The audit is done.\n"
    )
    cues = parse_cues(vtt)
    assert [b.speaker for b in transcript_blocks(cues)] == ["Élodie Durand", "Łukasz Nowak"]


def test_long_turns_are_cut_near_150_words() -> None:
    cues = [Cue(60 * n, (f"<v Ana>{'word ' * 40}",)) for n in range(10)]
    blocks = transcript_blocks(cues)
    assert [len(b.text.split()) for b in blocks] == [120, 120, 120, 40]
    assert [b.location for b in blocks] == ["00:00:00", "00:03:00", "00:06:00", "00:09:00"]
    assert {b.speaker for b in blocks} == {"Ana"}


def test_timings_and_labels_that_are_not_speakers() -> None:
    cues = parse_cues("WEBVTT\n\n99:99.000 --> 00:01.000\nBad time.\n\n"
                      "1:02:03.000 --> 1:02:04.000\nNote: not a person.\n")  # fmt: skip
    assert cues == [Cue(3723, ("Note: not a person.",))]
    assert transcript_blocks(cues)[0].speaker is None
    assert timestamp(3723) == "01:02:03"


def test_cues_read_as_webvtt_and_careless_srt_files_write_them() -> None:
    """WebVTT needs no spaces round the arrow; SRT files are often written without the blank
    line between cues, whose numbers are then no words of the cue before."""
    vtt = parse_cues("WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nThe budget.\n\n"
                     "00:00:05.000-->00:00:07.000\nThe ferry subsidy was deferred.\n")  # fmt: skip
    assert vtt == [Cue(1, ("The budget.",)), Cue(5, ("The ferry subsidy was deferred.",))]
    srt = parse_cues("1\n00:00:01,000 --> 00:00:04,000\nAna: The budget.\n"
                     "2\n00:00:05,000 --> 00:00:07,000\nThe ferry.\n")  # fmt: skip
    assert srt == [Cue(1, ("Ana: The budget.",)), Cue(5, ("The ferry.",))]


def test_an_arrow_in_a_caption_is_words_not_a_timing() -> None:
    srt = parse_cues("1\n00:00:01,000 --> 00:00:04,000\nChair: Revenue moved as follows:\n"
                     "Q1 --> Q2 up four percent\nand the levy stays.\n")  # fmt: skip
    assert srt == [Cue(1, ("Chair: Revenue moved as follows:", "Q1 --> Q2 up four percent",
                           "and the levy stays."))]  # fmt: skip
    vtt = parse_cues("WEBVTT\n\n00:01.000 --> 00:04.000 align:start position:10%\nHello.\n")
    assert vtt == [Cue(1, ("Hello.",))]


def test_an_old_webvtt_file_header_is_no_title(make_folder: FolderFactory) -> None:
    folder = make_folder({"council.vtt": "WEBVTT FILE\n\n00:00:01.000 --> 00:00:02.000\nHello.\n"})
    (document,) = load_folder(folder).documents
    assert document.title == "council"


# --- isolation ------------------------------------------------------------------------------


def test_isolation_reuses_one_worker_and_its_cost_per_file_is_small() -> None:
    session = ParserSession()
    try:
        started = time.perf_counter()
        assert session.run(echo, b"warm") == b"warm"  # starts the worker
        startup = time.perf_counter() - started
        started = time.perf_counter()
        for n in range(50):
            assert session.run(echo, b"%d" % n) == b"%d" % n
        per_task = (time.perf_counter() - started) / 50
    finally:
        session.close()
    print(f"\nworker start-up {startup * 1000:.0f} ms; per file {per_task * 1000:.2f} ms")
    assert per_task < 0.05


def test_a_parser_that_cannot_start_skips_the_file_for_this_run_only(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """No process to parse in (fork refused, no memory): the skip says nothing of the file,
    so it is marked transient and a later load tries it again."""
    from bot.formats import isolation

    def refused(limits: Limits) -> None:
        raise OSError(12, "Cannot allocate memory")

    monkeypatch.setattr(isolation, "_Worker", refused)
    session = ParserSession()
    with pytest.raises(SkipFile) as skipped:
        session.run(echo, b"x")
    assert str(skipped.value) == "could not start a parser process" and skipped.value.transient


def test_a_parser_killed_from_outside_skips_the_file_for_this_run_only() -> None:
    """The system's out-of-memory killer or an admin, not the file: tried again next load.
    A crash of the parser's own (an exit code) is the file's, and stays."""
    import signal
    import threading

    session = ParserSession()
    try:
        assert session.run(echo, b"warm") == b"warm"
        worker = session._worker
        assert worker is not None
        threading.Timer(0.5, os.kill, (worker.process.pid, signal.SIGKILL)).start()
        with pytest.raises(SkipFile) as killed:
            session.run(nap, b"x")
        assert str(killed.value) == "parser crashed (killed by SIGKILL)"
        assert killed.value.transient
    finally:
        session.close()


def test_worker_is_replaced_after_its_quota_and_stopped_at_the_end() -> None:
    session = ParserSession(Limits(tasks_per_worker=2))
    try:
        for n in range(3):  # two on the first worker, one on its replacement
            assert session.run(echo, b"%d" % n) == b"%d" % n
        worker = session._worker
        assert worker is not None and worker.tasks == 1
    finally:
        session.close()
    assert not worker.process.is_alive()


def test_every_new_format_is_registered() -> None:
    for suffix in (".html", ".htm", ".pdf", ".docx", ".vtt", ".srt"):
        assert suffix in loader.READERS
