"""The project's own question sets: does the reply carry the fact, and is silence kept?

A set is a TOML file naming the folders it is asked over (`folders`, relative to
the file) and its questions: each has `ask` and either `fact`, text the rendered
reply must contain (compared with markdown escapes and bold removed), or
`abstain = true`, for questions the documents do not answer. Three rates come out:
facts found among answerable questions, abstentions among unanswerable ones, and
abstentions among answerable ones (which should be near zero).
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from bot.analysis import Analyser, normalise
from bot.answering import AnswerOptions
from bot.errors import InputError
from bot.escaping import unescape
from bot.index import BM25Options, Index
from bot.loader import load_folder
from bot.models import Answer, Document
from bot.rendering import Renderer
from bot.replying import reply
from bot.splitting import split_documents


@dataclass(frozen=True, slots=True)
class Question:
    ask: str
    fact: str | None = None  # None: the documents do not answer it
    kind: str = ""
    document: str = ""

    @property
    def answerable(self) -> bool:
        return self.fact is not None


@dataclass(frozen=True, slots=True)
class Outcome:
    """One question's result."""

    question: Question
    answered: bool
    fact_found: bool
    text: str
    first_document: str  # the document of citations[0], or ""

    @property
    def passed(self) -> bool:
        if self.question.answerable:
            return self.answered and self.fact_found
        return not self.answered


@dataclass(frozen=True, slots=True)
class KindCounts:
    """Questions of one kind: passed (the fact quoted, or silence kept), declined, and
    answered wrongly (an answerable one without its fact, or an unanswerable one answered)."""

    questions: int = 0
    passed: int = 0
    declined: int = 0
    wrong: int = 0

    def as_dict(self) -> dict[str, int]:
        return {
            "questions": self.questions,
            "passed": self.passed,
            "declined": self.declined,
            "answered_wrongly": self.wrong,
        }


@dataclass(frozen=True, slots=True)
class QuestionReport:
    """The rates of one question set."""

    name: str
    outcomes: tuple[Outcome, ...]

    def _share(self, answerable: bool, test: Callable[[Outcome], bool]) -> float:
        chosen = [o for o in self.outcomes if o.question.answerable is answerable]
        return sum(1 for o in chosen if test(o)) / len(chosen) if chosen else 0.0

    @property
    def answerable(self) -> int:
        return sum(o.question.answerable for o in self.outcomes)

    @property
    def unanswerable(self) -> int:
        return len(self.outcomes) - self.answerable

    @property
    def facts_found(self) -> float:
        """Share of answerable questions whose reply quotes the fact."""
        return self._share(True, lambda o: o.answered and o.fact_found)

    @property
    def abstained_when_unanswerable(self) -> float:
        return self._share(False, lambda o: not o.answered)

    @property
    def abstained_when_answerable(self) -> float:
        return self._share(True, lambda o: not o.answered)

    @property
    def right_document_first(self) -> float:
        """Share of answerable questions whose first citation is the document named in the set."""
        return self._share(
            True,
            lambda o: bool(o.question.document) and o.first_document.endswith(o.question.document),
        )

    def by_kind(self) -> dict[str, KindCounts]:
        """The outcomes counted by each question's `kind` ("" for none), in first-seen order:
        where the misses are (paraphrases declined, near misses answered) at a glance."""
        counts: dict[str, KindCounts] = {}
        for o in self.outcomes:
            before = counts.get(o.question.kind, KindCounts())
            counts[o.question.kind] = KindCounts(
                before.questions + 1,
                before.passed + o.passed,
                before.declined + (not o.answered),
                before.wrong + (o.answered and not o.passed),
            )
        return counts

    def as_dict(self) -> dict[str, object]:
        return {
            "set": self.name,
            "answerable": self.answerable,
            "unanswerable": self.unanswerable,
            "facts_found": round(self.facts_found, 4),
            "abstained_when_unanswerable": round(self.abstained_when_unanswerable, 4),
            "abstained_when_answerable": round(self.abstained_when_answerable, 4),
            "right_document_first": round(self.right_document_first, 4),
            "by_kind": {
                kind or "(none)": counts.as_dict() for kind, counts in self.by_kind().items()
            },
            "failures": [
                {
                    "ask": o.question.ask,
                    "expected": o.question.fact,
                    "answered": o.answered,
                    "reply": o.text[:300],
                }
                for o in self.outcomes
                if not o.passed
            ],
        }


def load_question_set(path: Path) -> tuple[list[Path], list[Question]]:
    """The folders and questions of a set file; errors name the file and the question."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: not a valid question set: {exc}") from exc
    named = data.get("folders", [])
    if not named or not isinstance(named, list) or not all(isinstance(f, str) for f in named):
        raise InputError(f"{path}: `folders` must list the folders the questions are asked over")
    folders = [(path.parent / f).resolve() for f in named]
    items = data.get("question", [])
    if not isinstance(items, list):
        raise InputError(f"{path}: write each question as a [[question]] table")
    questions = []
    for number, item in enumerate(items, start=1):
        if (
            not isinstance(item, dict)
            or "ask" not in item
            or ("fact" in item) == bool(item.get("abstain"))
        ):
            raise InputError(
                f"{path}: question {number} needs `ask` and one of `fact` or `abstain`"
            )
        questions.append(
            Question(
                ask=str(item["ask"]),
                fact=str(item["fact"]) if "fact" in item else None,
                kind=str(item.get("kind", "")),
                document=str(item.get("document", "")),
            )
        )
    return folders, questions


def index_folders(
    folders: Sequence[Path], analyser: Analyser, options: BM25Options | None = None
) -> tuple[list[Document], Index]:
    """The documents of several folders and one index over them (document paths keep their
    folder's name in front)."""
    documents: list[Document] = []
    for folder in folders:
        for document in load_folder(folder).documents:
            documents.append(_prefixed(document, folder.name) if len(folders) > 1 else document)
    return documents, Index(split_documents(documents), analyser, options)


def run_question_set(
    path: Path,
    analyser: Analyser | None = None,
    bm25: BM25Options | None = None,
    options: AnswerOptions | None = None,
    renderer: Renderer | None = None,
    rewrite: Callable[[Question], Question] | None = None,
) -> QuestionReport:
    """Ask every question of the set over its folders and check the replies.

    `rewrite` changes each question before it is asked (bench/typos.py mistypes them).
    """
    folders, questions = load_question_set(path)
    if rewrite is not None:
        questions = [rewrite(question) for question in questions]
    documents, index = index_folders(folders, analyser or Analyser(), bm25)
    renderer = renderer or Renderer()
    outcomes = []
    for question in questions:
        answer = reply(question.ask, index, documents, options)  # as the bot replies
        text = renderer.answer(answer).text
        outcomes.append(_outcome(question, answer, text))
    return QuestionReport(path.name, tuple(outcomes))


def _outcome(question: Question, answer: Answer, text: str) -> Outcome:
    quoted = text.split("\n", 1)[-1] if answer.read_as else text  # not the "Reading …" line
    # As the analyser reads them: a fact typed with straight quotes is found in curly ones.
    shown = " ".join(normalise(unescape(quoted.replace("**", ""))).split())
    found = question.fact is not None and " ".join(normalise(question.fact).split()) in shown
    first = answer.citations[0].passage.document.path if answer.citations else ""
    return Outcome(question, answer.answered, found, text, first)


def _prefixed(document: Document, folder: str) -> Document:
    from dataclasses import replace

    return replace(document, path=f"{folder}/{document.path}")
