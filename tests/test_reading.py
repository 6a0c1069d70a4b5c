"""Markdown inline markup is read as the words it marks, and nothing else is touched."""

from __future__ import annotations

import re

import pytest
from conftest import FolderFactory

from bot.loader import load_folder
from bot.reading import paragraphs, plain_inline


@pytest.mark.parametrize(
    ("markdown", "plain"),
    [
        ("**Motion:** That the committee approves", "Motion: That the committee approves"),
        ("__Vote:__ 6 in favour", "Vote: 6 in favour"),
        ("an *important* and _urgent_ item", "an important and urgent item"),
        ("***both*** at once", "both at once"),
        ("*a **nested** phrase*", "a nested phrase"),
        ("run `make test` first", "run make test first"),
        ("the `` a`b `` span", "the a`b span"),
        ("code keeps `*args` and `__init__`", "code keeps *args and __init__"),
        (r"a literal \*star\* here", "a literal *star* here"),
    ],
)
def test_emphasis_and_code_markers_are_removed(markdown: str, plain: str) -> None:
    assert plain_inline(markdown) == plain


@pytest.mark.parametrize(
    "text",
    [
        "2 * 3 = 6 and 4 * 5 = 20",
        "a*b*c stays",
        "the snake_case_name and file_name_here stay",
        "a ** b ** c",
        "5 * 2 and 3 * 1",
        "* a bullet",
    ],
)
def test_arithmetic_and_identifiers_are_left_alone(text: str) -> None:
    assert plain_inline(text) == text


def test_markdown_paragraphs_and_headings_lose_their_markup() -> None:
    blocks, title = paragraphs(
        "# The **annual** meeting\n\n**Motion:** That the plan\nbe *approved*.\n", markdown=True
    )
    assert title == "The annual meeting"
    assert [(b.heading, b.text) for b in blocks] == [
        ("The annual meeting", "Motion: That the plan be approved.")
    ]


def test_plain_text_keeps_its_asterisks(make_folder: FolderFactory) -> None:
    folder = make_folder({"a.md": "The **vote** was 6 to 2.", "b.txt": "The **vote** was 6 to 2."})
    texts = {d.path: d.blocks[0].text for d in load_folder(folder).documents}
    assert texts == {"a.md": "The vote was 6 to 2.", "b.txt": "The **vote** was 6 to 2."}


def test_a_release_with_a_paragraph_per_line_keeps_its_headline_apart() -> None:
    first, second, third = (
        f"Ministers responsible for water agreed on {day} to set up a joint fund, share river "
        "data and cut water losses in city networks, at the end of a two-day meeting in Selvany."
        for day in ("Monday", "Tuesday", "Wednesday")
    )
    release = (
        f"Water Ministers Adopt Joint Statement\nSELVANY, Kelland\n{first}\n{second}\n{third}\n"
    )
    blocks, _ = paragraphs(release, markdown=False)
    # One paragraph still (its headline says what it is about), its lines kept apart.
    assert blocks[0].text == f"Water Ministers Adopt Joint Statement\nSELVANY, Kelland\n{first}"
    assert [b.text for b in blocks[1:]] == [second, third]
    # Not in a PDF page, whose lines are where the page ran out.
    pdf, _ = paragraphs(release, markdown=False, line_breaks=False)
    assert pdf[0].text == f"Water Ministers Adopt Joint Statement SELVANY, Kelland {first}"


def test_hard_wrapped_text_reads_on_across_its_lines_whatever_one_line_holds() -> None:
    url = "https://example.org/" + "minutes/" * 20  # one line longer than any wrap
    text = (
        "The board agreed that the contract for dredging Pier 3 be awarded to\n"
        "Marlow Marine Ltd at a cost of £182,000, with work to start in April and\n"
        "to finish before the summer sailings begin.\n"
        f"The papers are at {url}\n"
    )
    blocks, _ = paragraphs(text, markdown=False)
    assert blocks[0].text == (
        "The board agreed that the contract for dredging Pier 3 be awarded to "
        "Marlow Marine Ltd at a cost of £182,000, with work to start in April and "
        "to finish before the summer sailings begin."
    )


def test_a_release_with_short_notes_and_contacts_still_keeps_its_headline_apart() -> None:
    lead = "The forum has welcomed the new timetable announced today. " * 4
    release = "\n".join(
        [
            "PRESS RELEASE",
            "Forum welcomes new timetable",
            "Northvale, 4 March 2026",
            lead.strip(),
            "ENDS",
            "Notes to editors",
            "1. The forum was founded in 1989.",
            "Media: Callum Redfern, 01632 960418",
        ]
    )
    blocks, _ = paragraphs(release, markdown=False)
    assert blocks[0].text.split("\n")[-1] == lead.strip()  # its own sentence, not the banner's


TRANSCRIPT = (
    "Millbrook parish council, 3 March 2027\n"
    "Chair: Good evening everyone, let's begin with the bus shelter\n"
    "Cllr Ana Ruiz: The bus shelter on Mill Lane has been repaired by volunteers\n"
    "from the allotment society\n"
    "CLLR TOM ELLERY: I propose we thank the volunteers in the newsletter\n"
    "CHAIR: Agreed\n"
    "Tom Ellery: And the gravel path\n"  # a plain name: told from no field, so it runs on
)
TURNS = [
    "Millbrook parish council, 3 March 2027 "
    "Chair: Good evening everyone, let's begin with the bus shelter",
    # A turn wrapped over two lines is still one turn.
    "Cllr Ana Ruiz: The bus shelter on Mill Lane has been repaired by volunteers "
    "from the allotment society",
    "CLLR TOM ELLERY: I propose we thank the volunteers in the newsletter",
    "CHAIR: Agreed Tom Ellery: And the gravel path",
]
FIELDS = (
    "5. Budget for 2025\n"
    "Proposed By: Cllr Ana Ruiz\n"
    "Seconded By: Cllr Sam Lee\n"
    "Resolved: that the precept of £42,000 be approved\n\n"
    "6. Playground\n"
    "Proposed By: Cllr Tom Hale\n"
    "Seconded By: Cllr Sam Lee\n"
    "Lead Officer: Jane Smith, Head of Parks and Open Spaces\n"
)
ITEMS = [
    "5. Budget for 2025 Proposed By: Cllr Ana Ruiz Seconded By: Cllr Sam Lee "
    "Resolved: that the precept of £42,000 be approved",
    "6. Playground Proposed By: Cllr Tom Hale Seconded By: Cllr Sam Lee "
    "Lead Officer: Jane Smith, Head of Parks and Open Spaces",
]


def test_a_turn_by_a_name_with_accented_capitals_ends_a_paragraph() -> None:
    text = "Cllr Ana Ruiz: The audit is done\nDr Élodie Durand: Thank you\n"
    blocks, _ = paragraphs(text, markdown=False)
    assert [b.text for b in blocks] == [
        "Cllr Ana Ruiz: The audit is done",
        "Dr Élodie Durand: Thank you",
    ]


def test_plain_names_that_each_take_turns_of_speech_label_turns_unpunctuated() -> None:
    """Captions and chat logs leave turns unpunctuated; once two names each open two lines
    of speech, every name opening a line of speech starts a turn (Priya Shah speaks once)."""
    captions = (
        "Ferry users committee, 6 April 2027\n"  # a title line: the first turn is apart
        "Anna Berg: good evening everyone and welcome to the ferry users committee\n"
        "Tom Hale: thanks anna can I ask about the winter timetable\n"
        "Anna Berg: yes the last sailing moves to 9pm from January\n"
        "Priya Shah: fares go up by 4 per cent in April\n"
        "Tom Hale: and what about the fares there are two options\n"
        "Option One: a full ban on sailings after ten at night\n"  # a heading, not a person
        "Harbour Officer: the pontoon meets the safety standard\n"  # a post: it speaks
        "Lead Officer: Cllr Sam Lee\n"  # a field: it names someone, so it runs on
    )
    blocks, _ = paragraphs(captions, markdown=False)
    assert [b.text.split(":")[0] for b in blocks] == [
        "Ferry users committee, 6 April 2027", "Anna Berg", "Tom Hale", "Anna Berg",
        "Priya Shah", "Tom Hale", "Harbour Officer",
    ]  # fmt: skip
    assert blocks[-2].text.endswith("options Option One: a full ban on sailings after ten at night")
    assert blocks[-1].text.endswith("standard Lead Officer: Cllr Sam Lee")
    one_speaker = captions.replace("Tom Hale", "Anna Berg")  # one name: no telling it apart
    assert len(paragraphs(one_speaker, markdown=False)[0]) == 1


@pytest.mark.parametrize(("text", "expected"), [(TRANSCRIPT, TURNS), (FIELDS, ITEMS)])
def test_a_turn_ends_a_paragraph_that_holds_one_and_a_field_runs_on(
    text: str, expected: list[str]
) -> None:
    """Transcript turns often end without a full stop: the next speaker must not run on.
    Fields ("Seconded: …") are no turns: an item's lines stay its paragraph."""
    blocks, _ = paragraphs(text, markdown=False)
    assert [b.text for b in blocks] == expected


@pytest.mark.parametrize(
    "text",
    [
        "Budget notes " + "`" * 20_000,  # a pattern backtracked over this for ten minutes
        "a `b " * 5_000,
        "``x` " * 5_000,
        "**a " * 5_000 + "__b " * 5_000,
        "*a " * 3_000 + "a* " * 3_000,
    ],
    ids=["backticks", "open code spans", "unequal runs", "open emphasis", "nested emphasis"],
)
def test_runs_of_markers_are_read_in_one_pass(text: str) -> None:
    """A file of markers must not stall the load: the markers are read as they are."""

    def words(t: str) -> list[str]:
        return re.sub(r"[`*_]", "", t).split()

    assert words(plain_inline(text)) == words(text)


def test_code_spans_close_on_a_run_as_long_on_the_same_line() -> None:
    assert plain_inline("a ``b`c`` d") == "a b`c d"
    assert plain_inline("a `b`` c` d") == "a b`` c d"  # the run of two is the span's text
    assert plain_inline("a `b\nc` d") == "a `b\nc` d"  # not across a line break
    assert plain_inline("`" + "x" * 301 + "`") == "`" + "x" * 301 + "`"  # not that far


def test_an_agenda_written_as_headings_is_text() -> None:
    """A heading with nothing under it before one of its level or higher is an item, not a
    label; one with deeper headings under it stays their label."""
    blocks, title = paragraphs(
        "# Harbour board agenda\n\n## Items\n\n### 1. Ferry subsidy renewal\n"
        "### 2. Harbour dues\n\n## Notes for visitors\n\nThe public gallery opens at 6pm.\n"
        "## Next meeting\n",
        markdown=True,
    )
    assert title == "Harbour board agenda"
    assert [(b.text, b.heading) for b in blocks] == [
        ("1. Ferry subsidy renewal", None),
        ("2. Harbour dues", None),
        ("The public gallery opens at 6pm.", "Notes for visitors"),
        ("Next meeting", None),
    ]


def test_markdown_comments_are_not_text_but_an_unclosed_one_is() -> None:
    blocks, _ = paragraphs(
        "The chair opened.\n\n<!-- draft: do not publish the chair's private remarks -->\n\n"
        "The budget <!-- check the figure --> was approved.\n\nA stray <!-- marker.\n",
        markdown=True,
    )
    assert [b.text for b in blocks] == [
        "The chair opened.",
        "The budget was approved.",
        "A stray <!-- marker.",
    ]


def test_a_comment_marker_in_a_code_span_is_literal() -> None:
    blocks, _ = paragraphs(
        "Use `<!--` to start a comment and `-->` to end it; the budget was approved.\n",
        markdown=True,
    )
    assert [b.text for b in blocks] == [
        "Use <!-- to start a comment and --> to end it; the budget was approved."
    ]


def test_a_comment_marker_in_a_fenced_block_is_literal() -> None:
    blocks, _ = paragraphs(
        "```html\n<!-- page header\n```\n\nThe council approved the budget.\n\n"
        "Action points --> clerk.\n",
        markdown=True,
    )
    assert "The council approved the budget." in [b.text for b in blocks]
