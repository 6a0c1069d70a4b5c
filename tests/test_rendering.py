"""Rendering: Discord-safe text, within 2000 characters, escaped exactly once."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.analysis import Analyser
from bot.answering import highlight
from bot.errors import TemplateError
from bot.escaping import ZWSP, escape, unescape
from bot.models import (
    Answer,
    Citation,
    Document,
    FileOutcome,
    LoadReport,
    Passage,
    Quote,
    Span,
    Status,
    Summary,
)
from bot.rendering import MESSAGE_LIMIT, Renderer

A = Analyser()
RENDERER = Renderer()
LIVE_MENTION = re.compile(r"(?<!\\)<(@[!&]?|#)\d+(?<!\\)>|@(everyone|here)")

# Pieces of text that try to break out: markdown, mentions, escapes, non-ASCII.
PIECES = [*"ab cd*_~`|>#-[]()<@&!:\\.1", "@everyone", "@here", "<@123>", "<@&45>", "<#6>", "é", "“"]
hostile_text = st.lists(st.sampled_from(PIECES), max_size=400).map("".join)


def make_answer(
    sentences: list[str], title: str = "Minutes", url: str | None = None, heading: str = ""
) -> Answer:
    document = Document("m.md", title, (), url=url)
    quotes, citations = [], []
    for n, sentence in enumerate(sentences, 1):
        passage = Passage(f"m.md#{n}", document, n, f"¶{n}", sentence, heading or None)
        citations.append(Citation(n, passage, 1.0))
        quotes.append(Quote(highlight(sentence, {"budget", "ab"}, A), n))
    return Answer("q", True, tuple(quotes), tuple(citations))


def quoted_parts(text: str) -> list[str]:
    return [line[2:].rsplit(" [", 1)[0] for line in text.splitlines() if line.startswith("> ")]


def test_answer_layout() -> None:
    text = RENDERER.answer(make_answer(["The budget was approved."], url="https://x.org/a_b")).text
    assert text == "> The **budget** was approved. [1]\n\n[1] ¶1 — Minutes <https://x.org/a_b>"


def test_citations_of_one_document_share_a_source_line() -> None:
    text = RENDERER.answer(make_answer(["The budget.", "The budget again."])).text
    assert text.endswith("\n\n[1] ¶1 · [2] ¶2 — Minutes")


def test_unsafe_urls_are_not_shown() -> None:
    text = RENDERER.answer(make_answer(["Budget."], url="javascript:alert(1)")).text
    assert "javascript" not in text


def test_document_text_is_escaped_once_and_shown_literally() -> None:
    sentence = "**Vote** @everyone <@&123> [click](https://phish.example) {{ 7*7 }}"
    text = RENDERER.answer(make_answer([sentence])).text
    assert "49" not in text
    assert LIVE_MENTION.search(text) is None
    assert unescape(quoted_parts(text)[0]) == sentence


def test_a_citation_names_the_section_a_quote_is_from() -> None:
    text = RENDERER.answer(make_answer(["Paper: PCP/27/19."], heading="Item 9: *Complaints*")).text
    assert text.endswith("[1] ¶1, “Item 9: \\*Complaints\\*” — Minutes")
    same = RENDERER.answer(make_answer(["Budget."], title="Budget", heading="Budget")).text
    assert same.endswith("[1] ¶1 — Budget")
    long = RENDERER.answer(make_answer(["Budget."], heading="Dredging programme " * 9)).text
    assert long.endswith("programme Dredging programme…” — Minutes")  # cut at a word's end
    title = "Westmarch Metropolitan Borough Council " * 4  # cut as a title, whole as a heading
    assert "“" not in RENDERER.answer(make_answer(["A."], title=title, heading=title)).text
    twice = RENDERER.answer(make_answer(["A.", "B."], heading="5. Rents")).text
    assert twice.endswith("[1] ¶1, “5\\. Rents” · [2] ¶2 — Minutes")  # named once a line


@settings(max_examples=300, deadline=None)
@given(st.lists(hostile_text.filter(str.strip), min_size=1, max_size=3), hostile_text, hostile_text)
def test_any_answer_fits_and_never_mentions(sentences: list[str], title: str, heading: str) -> None:
    answer = make_answer(sentences, title=title or "t", heading=heading)
    text = RENDERER.answer(answer).text
    assert len(text) <= MESSAGE_LIMIT
    assert LIVE_MENTION.search(text) is None
    # Each shown quote is the document's own text (cut with an ellipsis at most): escapes survive.
    originals = [q.text for q in answer.quotes]
    for shown in quoted_parts(text):
        raw = unescape(shown.replace("**", ""))
        # … and a mark closing a quotation it ends inside.
        bare = {raw, *(raw.removesuffix(mark) for mark in (" …”", ' …"', "”", '"'))}
        assert any(o.startswith(b.removesuffix("…")) for b in bare for o in originals), raw
    # Citations are never cut: every [n] quoted has its source line.
    for n in set(re.findall(r" \[(\d+)\]$", text, re.MULTILINE)):
        assert f"[{n}] ¶{n}" in text


@settings(max_examples=300)
@given(st.text().filter(lambda s: ZWSP not in s))
def test_escape_round_trips(text: str) -> None:
    assert unescape(escape(text)) == text
    assert LIVE_MENTION.search(escape(text)) is None


def test_long_answers_are_shortened_not_cut() -> None:
    long_sentence = "The budget " + "was discussed at great length " * 200 + "in the end."
    text = RENDERER.answer(make_answer([long_sentence, long_sentence])).text
    assert len(text) <= MESSAGE_LIMIT
    assert text.count("[1]") == 2 or "[2] ¶2" in text
    assert "…" in text


def test_a_summary_of_a_document_with_a_very_long_title_keeps_its_quotes() -> None:
    """The subject is shortened as a citation's title is, so the quotes and their citations
    are never cut away by a heading of thousands of characters."""
    title = "Minutes of the " + "very " * 600 + "long meeting"
    answer = make_answer(["The budget was approved."], title=title)
    document = answer.citations[0].passage.document
    summary = Summary(title, "document", answer.quotes, answer.citations, document)
    text = RENDERER.summary(summary).text
    assert len(text) <= MESSAGE_LIMIT
    assert "- The **budget** was approved. [1]" in text and "\n[1] ¶1 — Minutes of the" in text


def test_documents_with_long_paths_alike_are_cited_apart() -> None:
    """A path tells documents apart however long it is: two files deep in the same folder
    get a source line each."""
    folder = "committees/" + "harbour-and-waterfront-" * 6
    citations = []
    for n, (name, title) in enumerate([("march.md", "March minutes"), ("april.md", "April")], 1):
        document = Document(folder + name, title, ())
        citations.append(Citation(n, Passage(f"{document.path}#1", document, 1, "¶1", "x"), 1.0))
    quotes = tuple(Quote((Span("The dredging was discussed."),), n) for n in (1, 2))
    text = RENDERER.answer(Answer("q", True, quotes, tuple(citations))).text
    assert "[1] ¶1 — March minutes" in text and "[2] ¶1 — April" in text


def test_no_answer_messages() -> None:
    no_match = Answer("capital of France?", False, documents_searched=3, reason="no_match")
    assert RENDERER.answer(no_match).text == (
        "The documents do not cover this: nothing in 3 documents matches your question."
    )
    closest = Answer(
        "q", False, closest=(Document("a.md", "Board *minutes*", (), date="2026-01-02"),),
        reason="partial",
    )  # fmt: skip
    assert RENDERER.answer(closest).text == (
        "The documents do not answer this. The closest match is:\n- Board \\*minutes\\*, 2026-01-02"
    )
    vague = RENDERER.answer(Answer("?", False, reason="vague")).text
    assert vague.startswith("Please ask about something specific")


def test_report_stays_within_the_limit_with_many_skipped_files() -> None:
    outcomes = tuple(
        FileOutcome(f"folder/file_{i}.pdf", Status.SKIPPED, "could not read: KeyError")
        for i in range(500)
    )
    rendered = RENDERER.report(LoadReport("/k", outcomes, 1.234))
    assert len(rendered.text) <= MESSAGE_LIMIT
    assert rendered.text.startswith("**Knowledge folder loaded**: 0 loaded, 500 skipped, 0 ignored")
    assert re.search(r"…and \d+ more skipped\.$", rendered.text)
    assert "file\\_0.pdf" in rendered.text


def test_sources_list() -> None:
    documents = [Document(f"d{i}.md", f"Doc {i}", (), place="Lima") for i in range(3)]
    text = RENDERER.sources(documents, None, 3).text
    assert text.splitlines()[0] == "**3 documents** in the knowledge folder:"
    assert "- Doc 0, Lima (d0.md)" in text


class TestOverrides:
    def test_an_override_replaces_the_builtin(self, tmp_path: Path) -> None:
        (tmp_path / "answer.md.j2").write_text("{% for q in quotes %}Q{{ q.n }} {% endfor %}")
        assert Renderer(tmp_path).answer(make_answer(["Budget."])).text == "Q1"

    @pytest.mark.parametrize(
        "template",
        [
            "{{ quotes[0].typo }}",  # StrictUndefined
            "{{ ''.__class__.__mro__[1].__subclasses__() }}",  # sandbox
            "{% for x in %}",  # syntax error
        ],
    )
    def test_a_broken_override_falls_back_to_the_builtin(
        self, tmp_path: Path, template: str, caplog: pytest.LogCaptureFixture
    ) -> None:
        (tmp_path / "answer.md.j2").write_text(template)
        with caplog.at_level(logging.ERROR):
            text = Renderer(tmp_path).answer(make_answer(["The budget."])).text
        assert text.startswith("> The **budget**.")
        assert "template override answer.md.j2 failed" in caplog.text

    def test_an_override_too_long_without_its_quotes_is_cut_not_looped(
        self, tmp_path: Path
    ) -> None:
        footer = "x" * MESSAGE_LIMIT  # too long even with every quote cut
        (tmp_path / "answer.md.j2").write_text(
            "{% for q in quotes %}{% for s in q.spans %}{{ s.text }}{% endfor %}{% endfor %}"
            + footer
        )
        answer = make_answer(["A budget of four million was approved after a long debate."])
        rendered = Renderer(tmp_path).answer(answer)  # looped for ever on a stump "A…"
        assert rendered.shortened and len(rendered.text) <= MESSAGE_LIMIT

    def test_missing_override_folder_is_an_error(self, tmp_path: Path) -> None:
        with pytest.raises(TemplateError, match="template folder not found"):
            Renderer(tmp_path / "missing")


def test_a_passage_with_line_breaks_is_shown_as_one_quote() -> None:
    answer = make_answer(["Ministers Adopt Joint Statement\nSELVANY – Ministers agreed."])
    (page,) = RENDERER.passages(answer.citations)
    assert "> Ministers Adopt Joint Statement SELVANY – Ministers agreed." in page.text


def test_a_quote_is_one_line_whatever_line_breaks_its_text_holds() -> None:
    for brk in ["\n", "\r\n", "\u2028", "\x85"]:
        text = RENDERER.answer(make_answer([f"The budget rose.{brk}# Not a heading"])).text
        first, blank = text.split("\n")[:2]
        assert unescape(first) == "> The **budget** rose. # Not a heading [1]" and blank == ""


def test_a_speaker_is_named_before_words_that_only_begin_like_their_name() -> None:
    from bot.rendering import quote_context

    said = Quote((Span("Annual maintenance costs have risen."),), 1, "Ann")
    assert not quote_context(said.spans, said)["named"]
    reported = Quote((Span("Ann said the costs had risen."),), 1, "Ann")
    assert quote_context(reported.spans, reported)["named"]


def test_a_quote_that_begins_inside_a_quotation_is_shown_opening_one() -> None:
    sentence = "At the same time, we face global challenges,” said Chen Jiachang."
    text = RENDERER.answer(make_answer([sentence])).text
    assert text.startswith("> “…At the same time, we face global challenges,” said Chen")
    whole = RENDERER.answer(make_answer(["“We face challenges,” said Chen Jiachang."])).text
    assert whole.startswith("> “We face challenges,”")
    for inch in ("The engineer reported that the 12” cast-iron drain had failed.",
                 "The contractor's phrase ”minor works” was misleading."):  # fmt: skip
        assert RENDERER.answer(make_answer([inch])).text.startswith("> The "), inch


@pytest.mark.parametrize(
    ("sentence", "shown"),
    [
        ('Mr Doughty told the panel: "I am not going to pretend it was acceptable.',
         'Mr Doughty told the panel: "I am not going to pretend it was acceptable. …" [1]'),
        ("“We will act now.", "“We will act now. …” [1]"),
        ("as the chair put it, “we will act.”", "as the chair put it, “we will act.” [1]"),
        ('She said "no" twice.', 'She said "no" twice. [1]'),
        ("The engineer reported that the 12\" drain had failed.",
         "The engineer reported that the 12\" drain had failed. [1]"),
    ],
)  # fmt: skip
def test_a_quote_that_ends_inside_a_quotation_is_shown_closing_it(
    sentence: str, shown: str
) -> None:
    first = RENDERER.answer(make_answer([sentence])).text.split("\n")[0]
    assert unescape(first) == f"> {shown}"
    long = "The chair said: “" + "we will keep the harbour open " * 100
    first = RENDERER.answer(make_answer([long])).text.split("\n")[0]
    assert first.endswith("…” [1]") and "… …" not in first  # cut once, closed once


def test_show_passages_sends_at_most_three_messages_and_says_what_it_leaves_out() -> None:
    words = " ".join(f"word{i}" for i in range(200))  # about 1,500 characters a passage
    answer = make_answer([f"Passage {n}: {words}." for n in range(1, 10)])
    pages = RENDERER.passages(answer.citations)
    assert len(pages) == 3 and all(len(p.text) <= MESSAGE_LIMIT for p in pages)
    shown = [int(n) for p in pages for n in re.findall(r"^\*\*\[(\d+)\]", p.text, re.M)]
    assert shown == list(range(1, len(shown) + 1)) and len(shown) < 9
    assert (
        pages[-1]
        .text.rstrip()
        .endswith(f"…and {9 - len(shown)} more cited passages, not shown here._")
    )
    assert "not shown" not in pages[0].text


def test_the_note_of_passages_left_out_cuts_none_it_shows() -> None:
    """A review's case: pages were filled without the note, then the note was added and cut a
    passage on the last page that fitted without it."""

    def text(length: int) -> str:
        return " ".join(f"word{i}" for i in range(length // 7))[:length]

    texts = [text(1900), text(1900), text(962), text(962), text(962)]
    pages = RENDERER.passages(make_answer(texts).citations)
    shown = [int(n) for p in pages for n in re.findall(r"^\*\*\[(\d+)\]", p.text, re.M)]
    assert shown == list(range(1, len(shown) + 1)) and len(shown) < len(texts)
    note = re.search(r"…and (\d+) more cited passage", pages[-1].text)
    assert note is not None and int(note[1]) == len(texts) - len(shown)
    assert not pages[-1].shortened and all(len(p.text) <= MESSAGE_LIMIT for p in pages)
