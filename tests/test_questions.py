"""The project's own question sets: facts found, and silence where the documents are silent."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.cli import main
from bot.loader import load_folder
from bot.questionset import load_question_set, run_question_set

DATA = Path(__file__).parent / "data"
RELEASE_SET = DATA / "questions.toml"
MEETINGS_SET = DATA / "meeting_questions.toml"
HELDOUT_SET = DATA / "heldout_questions.toml"
HELDOUT2_SET = DATA / "heldout2_questions.toml"
HELDOUT3_SET = DATA / "heldout3_questions.toml"
HELDOUT4_SET = DATA / "heldout4_questions.toml"
HELDOUT5_SET = DATA / "heldout5_questions.toml"
HELDOUT6_SET = DATA / "heldout6_questions.toml"
HELDOUT7_SET = DATA / "heldout7_questions.toml"
HELDOUT8_SET = DATA / "heldout8_questions.toml"
HELDOUT9_SET = DATA / "heldout9_questions.toml"
DEV2_SET = DATA / "dev2_questions.toml"


def test_every_question_about_the_bundled_release_passes() -> None:
    report = run_question_set(RELEASE_SET)
    assert report.answerable >= 20 and report.unanswerable >= 8
    failures = [(o.question.ask, o.text) for o in report.outcomes if not o.passed]
    assert failures == []


# The meeting sets are ratchets: raise these floors. The aims are 90% facts found, 90% of
# unanswerable questions abstained on and at most 5% of answerable ones; each floor is the
# last measured figure less a small margin. All were written blind over their documents;
# the development sets are tuned on, the held-out sets only measured (their rates, never
# their questions, are looked at), until they are used up: the first three held-out sets'
# failing questions were read in the stop that added the sixth, so they tune now too, and the
# seventh's in the stop that added the eighth.
# set: least answerable, least unanswerable, facts found, unanswerable declined, and at most
# answerable declined.
FLOORS = {
    MEETINGS_SET: (60, 20, 0.79, 0.72, 0.14),  # five documents: minutes, agenda, transcript, …
    DEV2_SET: (70, 16, 0.97, 0.70, 0.03),  # four more: figures, dates, decisions, people
    HELDOUT_SET: (80, 25, 0.68, 0.68, 0.22),
    HELDOUT2_SET: (100, 30, 0.70, 0.74, 0.19),  # five more, written once the first was used
    HELDOUT3_SET: (100, 25, 0.78, 0.74, 0.15),  # five more, written by a helper that read no code
    HELDOUT4_SET: (100, 25, 0.73, 0.58, 0.20),  # five more, likewise, once the third was used
    HELDOUT5_SET: (60, 15, 0.60, 0.58, 0.26),  # four more, asked as people ask in a channel
    HELDOUT6_SET: (80, 25, 0.47, 0.68, 0.33),  # five more, in words the documents do not use
    HELDOUT7_SET: (80, 25, 0.41, 0.70, 0.41),  # five more, likewise, once the sixth was used
    HELDOUT8_SET: (80, 25, 0.47, 0.74, 0.31),  # five more, likewise, once the seventh was read
    HELDOUT9_SET: (80, 25, 0.41, 0.52, 0.49),  # five more, once the eighth was read too often
}


@pytest.mark.parametrize("question_set", list(FLOORS), ids=lambda p: p.name)
def test_meeting_sets_do_not_regress(question_set: Path) -> None:
    answerable, unanswerable, facts, declined, wrongly_declined = FLOORS[question_set]
    report = run_question_set(question_set)
    assert report.answerable >= answerable and report.unanswerable >= unanswerable
    assert report.facts_found >= facts
    assert report.abstained_when_unanswerable >= declined
    assert report.abstained_when_answerable <= wrongly_declined


@pytest.mark.parametrize("question_set", list(FLOORS), ids=lambda p: p.name)
def test_every_fact_is_in_its_document(question_set: Path) -> None:
    """A typo in the set would count as a retrieval failure: check the data itself."""
    folders, questions = load_question_set(question_set)
    texts: dict[str, str] = {}
    for folder in folders:
        loaded = {d.path: d.text for d in load_folder(folder).documents}
        for path in folder.iterdir():  # as written; a Word file as the bot reads it
            binary = path.suffix.lower() in (".docx", ".pdf")
            texts[path.name] = loaded[path.name] if binary else path.read_text(encoding="utf-8")
    for q in questions:
        if q.fact is not None:
            assert q.fact in texts[q.document], q.ask


def test_set_files_are_checked(tmp_path: Path) -> None:
    bad = tmp_path / "set.toml"
    bad.write_text('folders = ["."]\n[[question]]\nask = "x"\n')
    with pytest.raises(ValueError, match="question 1 needs `ask` and one of `fact` or `abstain`"):
        load_question_set(bad)
    bad.write_text('[[question]]\nask = "x"\nabstain = true\n')
    with pytest.raises(ValueError, match="`folders` must list"):
        load_question_set(bad)


def test_eval_prints_the_question_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", "--questions", str(RELEASE_SET), "--json"]) == 0
    (report,) = json.loads(capsys.readouterr().out)["questions"]
    assert report["facts_found"] == 1.0 and report["abstained_when_unanswerable"] == 1.0
    assert main(["eval"]) == 2


def test_eval_counts_outcomes_by_kind_of_question(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    questions = one_document_set(
        tmp_path,
        "# Parish council\n\nThe council approved a budget of £12,000 for the new playground.\n",
        '[[question]]\nask = "How much was the playground budget?"\nfact = "£12,000"\n'
        'kind = "number"\n'
        '[[question]]\nask = "Who chairs the parish council?"\nfact = "Ana Ruiz"\nkind = "person"\n'
        '[[question]]\nask = "How many swings will the playground have?"\nabstain = true\n'
        'kind = "absent"\n',
    )
    report = run_question_set(questions)
    counts = {
        kind: (c.questions, c.passed, c.declined, c.wrong) for kind, c in report.by_kind().items()
    }
    assert counts["number"] == (1, 1, 0, 0)
    assert counts["absent"] == (1, 1, 1, 0)  # declined, as it should be
    assert counts["person"][:2] == (1, 0)  # the chair is not in the minutes
    assert main(["eval", "--questions", str(questions), "--by-kind"]) == 0
    out = capsys.readouterr().out
    assert "Answers by kind of question" in out and "absent" in out
    assert main(["eval", "--questions", str(questions), "--json"]) == 0
    (data,) = json.loads(capsys.readouterr().out)["questions"]
    number = {"questions": 1, "passed": 1, "declined": 0, "answered_wrongly": 0}
    assert data["by_kind"]["number"] == number


def test_a_fact_typed_with_straight_quotes_is_found_in_curly_ones(tmp_path: Path) -> None:
    """The set's author types ' and "; documents print ’ and “…”: the same words."""
    questions = one_document_set(
        tmp_path,
        "# Harbour board\n\nThe harbour master’s dredging report was noted by the board.\n",
        '[[question]]\nask = "What was noted about the harbour master\'s dredging report?"\n'
        'fact = "harbour master\'s dredging report was noted"\n',
    )
    assert run_question_set(questions).facts_found == 1.0


def one_document_set(tmp_path: Path, minutes: str, questions: str) -> Path:
    """A question set (TOML after its `folders`) over one Markdown document of `minutes`."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "minutes.md").write_text(minutes)
    path = tmp_path / "set.toml"
    path.write_text(f'folders = ["docs"]\n{questions}')
    return path
