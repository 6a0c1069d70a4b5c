"""HTML and DOCX text as the reader sees it: inline tags, page dates, hidden Word text, agendas.

Documents are built here: HTML as strings, DOCX with python-docx and then edited
through its element tree (content controls and tracked changes have no API).
The extractors are called in-process; the worker only adds isolation.
"""

from __future__ import annotations

import io
from collections.abc import Callable

import docx
import pytest
from docx.document import Document as WordDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement

from bot.formats.docx import extract_docx
from bot.formats.html import extract_html


def html_blocks(page: str) -> list[tuple[str, str | None]]:
    """(text, heading) of each block of an HTML page."""
    return [(b.text, b.heading) for b in extract_html(page.encode()).blocks]


def make_word(build: Callable[[WordDocument], None]) -> bytes:
    """A real DOCX, built and then edited by `build`."""
    document = docx.Document()
    build(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def docx_blocks(data: bytes) -> list[tuple[str, str | None]]:
    return [(b.text, b.heading) for b in extract_docx(data).blocks]


def wrap(element: BaseOxmlElement, *tags: str) -> BaseOxmlElement:
    """Put `element` inside new nested elements (outermost first), where it stood."""
    outer = inner = OxmlElement(tags[0])
    for tag in tags[1:]:
        inner.append(OxmlElement(tag))
        inner = inner[-1]
    element.addprevious(outer)
    inner.append(element)
    return outer


# --- 1. inline tags are not word boundaries -----------------------------------------------


@pytest.mark.parametrize(
    ("body", "text"),
    [
        ("<p>The <em>Harbour Board</em>'s plan.</p>", "The Harbour Board's plan."),
        ('<p>See the <a href="/b">2026 budget</a>.</p>', "See the 2026 budget."),
        ("<p>CO<sub>2</sub> output fell.</p>", "CO2 output fell."),
        ("<p>A grant of £<span>12</span>m.</p>", "A grant of £12 m."),  # an edge is a break
        ("<p>Dredge <b>the\nnorth</b>\tbasin.</p>", "Dredge the north basin."),
        ("<p>First line<br>second line<br/>third.</p>", "First line second line third."),
    ],
    ids=["em", "a", "sub", "span", "source-whitespace", "br"],
)  # fmt: skip
def test_html_inline_tags_add_no_spaces(body: str, text: str) -> None:
    assert html_blocks(body) == [(text, None)]


def test_html_inline_tags_in_headings_add_no_spaces() -> None:
    page = "<h2>CO<sub>2</sub> <em>targets</em>, <b>2026</b>.</h2><p>Cut by half.</p>"
    assert html_blocks(page) == [("Cut by half.", "CO2 targets, 2026.")]


def test_html_cells_list_items_and_blocks_stay_apart() -> None:
    page = (
        "<table><tr><th>Vote</th><td>7</td><td>for</td></tr></table>"
        "<ul><li>one</li><li>two</li></ul><div>three</div><div>four</div><p>five</p>six"
    )
    assert [t for t, _ in html_blocks(page)] == [
        "Vote", "7", "for", "one", "two", "three", "four", "five", "six"
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("body", "text"),
    [
        ("<p><label>Chair</label><span>Cllr Ana Ruiz</span></p>", "Chair Cllr Ana Ruiz"),
        ("<p><span>Date:</span><span>5 March 2024</span></p>", "Date: 5 March 2024"),
        ("<p><font>Council</font><font>minutes</font></p>", "Council minutes"),
        ('<p>in 2019<a href="#n1"><sup>1</sup></a>.</p>', "in 2019 1."),
        ('<p>by 2020<sup><a href="#n2">2</a></sup>.</p>', "by 2020 2."),
        ("<p>Name<select><option>x</option></select>Town</p>", "Name Town"),
        ("<p>Agenda<img src=a.png>Minutes</p>", "Agenda Minutes"),
        ("<p>the 1<sup>st</sup> of <b>2026</b>'s m<sup>2</sup></p>", "the 1st of 2026's m2"),
        ("<p>in 2019<sup>1</sup>, H<sub>2</sub>O</p>", "in 2019 1, H2O"),
        (
            "<p>on 12 March.<sup>1</sup> A contract<sup>4</sup> worth £2m, 34%<sup>5</sup> of"
            " them, Rapporteur<sup>TM</sup>, 22<sup>nd</sup>, km<sup>2</sup>, as agreed"
            " to<sup>6</sup></p>",
            "on 12 March. 1 A contract 4 worth £2m, 34% 5 of them, Rapporteur TM, 22nd, km2,"
            " as agreed to 6",
        ),
        ("<p><sup>1</sup>Minutes of the board.</p>", "1 Minutes of the board."),
        ("<p><span>Chair</span><a id=c></a><span>Cllr Ruiz</span></p>", "Chair Cllr Ruiz"),
        ("<p><a>Home</a><wbr><a>News</a> (<em>see</em> <i>x</i>)</p>", "Home News (see x)"),
    ],
    ids=[
        "label+span",
        "colon",
        "font+font",
        "footnote",
        "footnote-2",
        "dropped",
        "img",
        "in-word",
        "note-number",
        "empty-between",
        "wbr-brackets",
        "note-markers",
        "note-first",
    ],
)
def test_html_elements_side_by_side_are_apart(body: str, text: str) -> None:
    """Elements laid out side by side with no space between them are read apart, as the page
    shows them; an element inside a word (or a number) stays in it."""
    assert html_blocks(body) == [(text, None)]


# --- 2. the page's date is a date the reader sees ------------------------------------------


@pytest.mark.parametrize("furniture", ["nav", "aside", "header", "footer"])
def test_html_date_not_from_dropped_furniture(furniture: str) -> None:
    page = (
        f'<body><{furniture}><time datetime="2019-05-02">Old post</time></{furniture}>'
        '<article><p>Minutes of <time datetime="2026-03-10">10 March</time>.</p></article>'
        "</body>"
    )
    assert extract_html(page.encode()).date == "2026-03-10"


def test_html_date_from_an_articles_byline_in_its_header() -> None:
    """A CMS byline sits in the article's <header>, which is not read as text."""
    page = (
        '<body><nav><time datetime="2019-05-02">Older post</time></nav><article><header>'
        '<h1>Minutes of 5 March</h1><div>Posted on <time datetime="2024-03-05">5 March</time>'
        "</div></header><p>The council approved the budget.</p></article></body>"
    )
    assert extract_html(page.encode()).date == "2024-03-05"
    byline = (
        '<body><div class="byline"><time datetime="2024-03-05">5 March</time></div>'
        "<main><p>The council approved the budget.</p></main></body>"
    )
    assert extract_html(byline.encode()).date == "2024-03-05"


def test_html_date_is_the_main_texts_not_a_related_article_card() -> None:
    page = (
        '<body><header><time datetime="2020-01-01">Site updated</time></header><main>'
        '<p>Published <time datetime="2026-03-10">10 March</time>.</p>'
        '<article><p>Previous meeting <time datetime="2026-02-01">1 Feb</time></p></article>'
        '</main><section><article><time datetime="2019-06-01">Related</time></article>'
        "</section></body>"
    )
    assert extract_html(page.encode()).date == "2026-03-10"


def test_html_date_is_the_first_on_the_page_that_is_no_menus_nor_sidebars() -> None:
    """A byline before the main text, or in its own header or footer, dates the page; the
    main text's later dates (a deadline) do not."""
    pages = [
        '<body><div class="hero">Published <time datetime="2024-03-12">12 March</time></div>'
        '<main><p>Closes on <time datetime="2024-04-30">30 April</time>.</p></main></body>',
        '<main><header><h1>Ferry consultation</h1><p>Published <time datetime="2024-03-12">'
        '</time></p></header><p>Closes <time datetime="2024-04-30">30 April</time>.</p></main>',
        '<main><section><footer>Updated <time datetime="2024-03-12">12 March</time></footer>'
        '<p>Next: <time datetime="2024-04-30">30 April</time>.</p></section></main>',
    ]
    assert [extract_html(page.encode()).date for page in pages] == ["2024-03-12"] * 3


def test_html_date_from_a_time_in_a_heading_or_anywhere_read() -> None:
    in_heading = '<h1>Minutes, <time datetime="2026-03-10">10 March</time></h1><p>Text.</p>'
    in_body = '<p>Text.</p><div><time datetime="2025-11-04">4 Nov</time></div>'
    assert extract_html(in_heading.encode()).date == "2026-03-10"
    assert extract_html(in_body.encode()).date == "2025-11-04"


# --- 3. DOCX: content controls and tracked changes -----------------------------------------


def test_docx_reads_paragraphs_inside_content_controls() -> None:
    def build(document: WordDocument) -> None:
        document.add_paragraph("Before the control.")
        wrapped = document.add_paragraph("The ferry subsidy was renewed for three years.")
        nested = document.add_paragraph("A nested control holds this sentence.")
        table = document.add_table(rows=1, cols=2)
        table.cell(0, 0).text = "Cell in a control."
        table.cell(0, 1).paragraphs[0].text = "Control in a cell."
        document.add_paragraph("After the control.")
        wrap(wrapped._p, "w:sdt", "w:sdtContent")
        wrap(nested._p, "w:sdt", "w:sdtContent", "w:sdt", "w:sdtContent")
        wrap(table._tbl, "w:sdt", "w:sdtContent")
        wrap(table.cell(0, 1).paragraphs[0]._p, "w:sdt", "w:sdtContent")

    assert [t for t, _ in docx_blocks(make_word(build))] == [
        "Before the control.",
        "The ferry subsidy was renewed for three years.",
        "A nested control holds this sentence.",
        "Cell in a control.",
        "Control in a cell.",
        "After the control.",
    ]


def control_properties(control: BaseOxmlElement, *tags: str) -> BaseOxmlElement:
    """Give a w:sdt its w:sdtPr holding `tags` nested (outermost first); returns the innermost."""
    properties = OxmlElement("w:sdtPr")
    control.insert(0, properties)
    inner = properties
    for tag in tags:
        inner.append(OxmlElement(tag))
        inner = inner[-1]
    return inner


def test_docx_placeholders_and_tables_of_contents_are_not_text() -> None:
    """Word fills an empty form field with "Click or tap here to enter text." and a table of
    contents repeats the headings with page numbers: nobody wrote either as minutes."""

    def build(document: WordDocument) -> None:
        document.add_heading("Annual meeting minutes", 0)
        toc = [document.add_paragraph("Contents"), document.add_paragraph("1. Budget 2024\t3")]
        field = document.add_paragraph("Date of next meeting: ")
        hint = field.add_run("Click or tap to enter a date.")
        empty = document.add_paragraph("Click or tap here to enter text.")
        document.add_heading("1. Budget 2024", 1)
        document.add_paragraph("The budget was approved.")
        outer = wrap(toc[0]._p, "w:sdt", "w:sdtContent")
        outer[-1].append(toc[1]._p)
        gallery = control_properties(outer, "w:docPartObj", "w:docPartGallery")
        gallery.set(qn("w:val"), "Table of Contents")
        for placeholder in (wrap(hint._r, "w:sdt", "w:sdtContent"),
                            wrap(empty._p, "w:sdt", "w:sdtContent")):  # fmt: skip
            control_properties(placeholder, "w:showingPlcHdr")

    assert docx_blocks(make_word(build)) == [
        ("Date of next meeting:", "Annual meeting minutes"),
        ("The budget was approved.", "1. Budget 2024"),
    ]


def test_docx_a_control_whose_placeholder_is_off_is_read() -> None:
    def build(document: WordDocument) -> None:
        written = document.add_paragraph("The council approved the harbour budget.")
        control = wrap(written._p, "w:sdt", "w:sdtContent")
        control_properties(control, "w:showingPlcHdr").set(qn("w:val"), "false")

    assert docx_blocks(make_word(build)) == [("The council approved the harbour budget.", None)]


def test_docx_reads_tracked_insertions_and_hyperlinks_but_not_deletions() -> None:
    def build(document: WordDocument) -> None:
        paragraph = document.add_paragraph("The levy was ")
        inserted = paragraph.add_run("raised")
        deleted = paragraph.add_run("cut")
        paragraph.add_run(" to ")
        linked = paragraph.add_run("4%")
        paragraph.add_run(".")
        wrap(inserted._r, "w:ins")
        wrap(deleted._r, "w:del")
        for text in deleted._r.findall(qn("w:t")):
            text.tag = qn("w:delText")
        wrap(linked._r, "w:hyperlink").set(qn("w:anchor"), "levy")
        moved = document.add_paragraph("Dues ")
        wrap(moved.add_run("were frozen")._r, "w:sdt", "w:sdtContent")  # an inline control
        wrap(moved.add_run(" until 2027")._r, "w:moveFrom")
        wrap(moved.add_run(" for a year")._r, "w:moveTo")
        moved.add_run(".")
        gone = document.add_paragraph("A deleted paragraph.")
        wrap(gone.runs[0]._r, "w:del")

    assert docx_blocks(make_word(build)) == [
        ("The levy was raised to 4%.", None),
        ("Dues were frozen for a year.", None),
    ]


# --- 4. headings with nothing under them -----------------------------------------------------


def test_html_agenda_of_headings_only() -> None:
    page = (
        "<h1>Agenda</h1><h2>1. Ferry subsidy renewal</h2><h2>2. Harbour dues</h2>"
        "<h2>3. Any other business</h2>"
    )
    found = extract_html(page.encode())
    assert [(b.text, b.heading, b.location) for b in found.blocks] == [
        ("1. Ferry subsidy renewal", None, "¶1"),
        ("2. Harbour dues", None, "¶2"),
        ("3. Any other business", None, "¶3"),
    ]
    assert found.title == "Agenda"


def test_html_empty_heading_is_a_block_unless_it_is_a_parent() -> None:
    page = (
        "<h1>Minutes</h1><p>Opened at ten.</p><h2>Budget</h2><h3>Parks</h3><p>Parks rose.</p>"
        "<h3>Roads</h3><h2>Harbour</h2><p>Dues held.</p><h2>AOB</h2>"
    )
    assert html_blocks(page) == [
        ("Opened at ten.", "Minutes"),
        ("Parks rose.", "Parks"),
        ("Roads", None),
        ("Dues held.", "Harbour"),
        ("AOB", None),
    ]


def test_html_single_heading_page_is_a_block() -> None:
    assert html_blocks("<h1>Meeting cancelled</h1>") == [("Meeting cancelled", None)]


def test_docx_agenda_of_headings_only() -> None:
    def build(document: WordDocument) -> None:
        document.add_heading("Agenda", 0)
        document.add_heading("1. Ferry subsidy renewal", 1)
        document.add_heading("2. Harbour dues", 1)

    found = extract_docx(make_word(build))
    assert [(b.text, b.heading) for b in found.blocks] == [
        ("1. Ferry subsidy renewal", None),
        ("2. Harbour dues", None),
    ]
    assert found.title == "Agenda"


def test_docx_empty_heading_is_a_block_unless_it_is_a_parent() -> None:
    def build(document: WordDocument) -> None:
        document.add_heading("Minutes", 1)
        document.add_heading("Budget", 2)
        document.add_heading("Parks", 3)
        document.add_paragraph("Parks rose.")
        document.add_heading("Roads", 3)
        document.add_heading("Harbour", 2)
        document.add_paragraph("Dues held.")
        document.add_heading("AOB", 2)

    assert docx_blocks(make_word(build)) == [
        ("Parks rose.", "Parks"),
        ("Roads", None),
        ("Dues held.", "Harbour"),
        ("AOB", None),
    ]
