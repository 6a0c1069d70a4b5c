"""Answers quote the sentences that carry the fact, or say plainly that nothing does."""

from __future__ import annotations

from conftest import FolderFactory, service_for

from bot.service import KnowledgeService

MINUTES = """---
title: Finance committee minutes
date: 2026-03-02
---
# Finance committee

The committee met in Lima on 2 March 2026 with eight members present.

## Budget

The committee approved the 2027 budget of 4.2 million dollars after a long debate.
“We cannot fund every request,” said Maria Lopez, treasurer of the committee.
“Priorities must be clear,” she added.

## Next meeting

The next meeting will be held on 14 April 2026 in Quito.
"""


def service(make_folder: FolderFactory) -> KnowledgeService:
    return service_for(make_folder({"2026-03-02-finance.md": MINUTES}))


def test_answer_quotes_the_sentence_with_the_fact_and_cites_it(make_folder: FolderFactory) -> None:
    answer = service(make_folder).ask("What budget did the committee approve for 2027?")
    assert answer.answered
    assert "4.2 million dollars" in answer.quotes[0].text
    first = answer.citations[0]
    assert (first.n, first.passage.id, first.passage.location) == (
        1,
        "2026-03-02-finance.md#2",
        "¶2",
    )
    assert first.passage.heading == "Budget"
    assert first.passage.document.date == "2026-03-02"


def test_matched_words_are_marked_for_bold(make_folder: FolderFactory) -> None:
    answer = service(make_folder).ask("Where will the next meeting be held?")
    spans = answer.quotes[0].spans
    assert [s.text for s in spans if s.match] == ["next", "meeting", "held"]
    assert (
        "".join(s.text for s in spans) == "The next meeting will be held on 14 April 2026 in Quito."
    )


def test_pronoun_quotes_are_found_through_their_speaker(make_folder: FolderFactory) -> None:
    answer = service(make_folder).ask("What did Maria Lopez say about priorities?")
    assert answer.quotes[0].text == "“Priorities must be clear,” she added."
    assert answer.citations[0].passage.speaker == "Maria Lopez"


def test_unrelated_question_is_not_answered(make_folder: FolderFactory) -> None:
    answer = service(make_folder).ask("What is the capital of France?")
    assert not answer.answered
    assert answer.reason == "no_match"
    assert answer.citations == ()


def test_partly_matching_question_names_the_closest_document_instead(
    make_folder: FolderFactory,
) -> None:
    answer = service(make_folder).ask("What did the committee decide about vaccine procurement?")
    assert not answer.answered
    assert answer.reason == "partial"
    assert [d.title for d in answer.closest] == ["Finance committee minutes"]


def test_question_made_only_of_question_words_is_vague(make_folder: FolderFactory) -> None:
    assert service(make_folder).ask("What did they say about it?").reason == "vague"
    assert service(make_folder).ask("   ").reason == "vague"


def test_document_scope(make_folder: FolderFactory) -> None:
    folder = make_folder({"a.md": MINUTES, "b.md": "The budget of the choir is 300 dollars."})
    svc = service_for(folder)
    answer = svc.ask("What is the budget?", document="b")
    assert answer.answered
    assert {c.passage.document.path for c in answer.citations} == {"b.md"}
    unknown = svc.ask("What is the budget?", document="no such document")
    assert (unknown.answered, unknown.reason) == (False, "unknown_document")
    assert svc.renderer.answer(unknown).text.startswith("No document by that name.")


def test_citations_are_numbered_by_first_use(make_folder: FolderFactory) -> None:
    answer = service(make_folder).ask("committee")
    assert [c.n for c in answer.citations] == list(range(1, len(answer.citations) + 1))
    assert {q.citation for q in answer.quotes} == {c.n for c in answer.citations}


def test_what_someone_said_about_a_topic_they_never_raised_is_declined(
    make_folder: FolderFactory,
) -> None:
    svc = service(make_folder)
    assert not svc.ask("What did Maria Lopez say about the next meeting?").answered
    answer = svc.ask("What did Maria Lopez say?")
    assert answer.answered
    assert answer.quotes[0].text.startswith("“We cannot fund every request,”")


def test_expected_kinds() -> None:
    from bot.answering import expected_kind

    assert expected_kind("When is the next meeting?") == "date"
    assert expected_kind("How much is the contract worth?") == "number"
    assert expected_kind("Who chairs the board?") == "person"
    assert expected_kind("What was decided?") is None
