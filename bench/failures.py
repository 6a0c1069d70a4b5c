"""Where answers fail: which step lost each answerable question a set does not pass, and how
far the share of a question that passages say tells answerable questions from the rest.

An answerable question fails in one of three places: the passage holding its fact is not
retrieved, it is retrieved but judged to say too little of the question (`Coverage.enough`),
or it is judged relevant and another sentence is quoted. The first table counts each, for
the questions declined and those answered wrongly. The second sweeps the threshold on that
share alone: the unanswerable questions with a retrieved passage saying that much (they
would be answered but for the other checks), and the answerable ones whose fact's passage
says less (they would be declined); then how well that share separates the two at any
threshold (AUC). The third counts the questions holding a word no document says, which
marks unanswerable questions more often than answerable ones, by how they fare. Read
through the general answer path: a request for the speakers, the decisions or the agenda
is answered from the meeting's structure instead.

    python bench/failures.py [SET.toml …]   (default: the sets that tune the rules)
"""

from __future__ import annotations

import argparse
import bisect
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.table import Table

from bot.analysis import Analyser
from bot.answering import judged
from bot.questionset import Outcome, index_folders, load_question_set, run_question_set

TUNING = tuple(
    f"tests/data/{name}_questions.toml"
    for name in ("meeting", "dev2", "heldout", "heldout2", "heldout3", "heldout7")
)
THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7)
PLACES = ("not retrieved", "retrieved, judged too little", "judged relevant")


@dataclass(frozen=True, slots=True)
class Judged:
    """One question: whether it is answerable, how it fared, and what its passages say."""

    answerable: bool
    outcome: Outcome
    best: float  # the largest share of the question a retrieved passage says
    fact: float | None  # the largest share a retrieved passage holding the fact says
    fact_relevant: bool  # whether such a passage is judged to say enough
    unsaid: float  # the share of the question's weight in words no document says


def judge_set(path: Path) -> list[Judged]:
    """Every question of the set, asked as the bot asks it, with its passages' shares."""
    report = run_question_set(path)
    folders, _ = load_question_set(path)
    _, index = index_folders(folders, Analyser())
    judged_questions = []
    for outcome in report.outcomes:
        question = outcome.question
        hits, measure = judged(question.ask, index)
        shares = [measure.of_passage(h.passage) if measure else 0.0 for h in hits]
        fact = " ".join((question.fact or "").split())
        holding = [
            (share, hit)
            for share, hit in zip(shares, hits, strict=True)
            if fact and fact in " ".join(hit.passage.text.split())
        ]
        judged_questions.append(
            Judged(
                answerable=question.answerable,
                outcome=outcome,
                best=max(shares, default=0.0),
                fact=max((share for share, _ in holding), default=None),
                fact_relevant=measure is not None
                and any(measure.enough(hit.passage, 0.5) for _, hit in holding),
                unsaid=0.0
                if measure is None
                else measure.of_said({t for t in measure.weights if not index.mentions(t)}),
            )
        )
    return judged_questions


def place(item: Judged) -> str:
    """Where an answerable question that failed was lost."""
    if item.fact is None:
        return PLACES[0]
    return PLACES[2] if item.fact_relevant else PLACES[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="*", type=Path, default=[Path(s) for s in TUNING])
    args = parser.parse_args()
    items = [item for path in args.sets for item in judge_set(path)]
    failed = [i for i in items if i.answerable and not i.outcome.passed]
    counts = Counter((i.outcome.answered, place(i)) for i in failed)
    answerable = sum(i.answerable for i in items)
    console = Console(width=120)
    table = Table(title=f"{len(failed)} of {answerable} answerable questions not passed")
    for column in ("the fact's passage", "declined", "answered wrongly"):
        table.add_column(column)
    for where in PLACES:
        table.add_row(where, str(counts[(False, where)]), str(counts[(True, where)]))
    console.print(table)
    unanswerable = [i.best for i in items if not i.answerable]
    facts = [i.fact for i in items if i.answerable and i.fact is not None]
    sweep = Table(title="The share of the question a passage says, alone, as the test")
    for column in ("threshold", f"unanswerable passing ({len(unanswerable)})",
                   f"answerable, fact's passage below ({len(facts)})"):  # fmt: skip
        sweep.add_column(column)
    for threshold in THRESHOLDS:
        passing = sum(best >= threshold for best in unanswerable) / max(len(unanswerable), 1)
        below = sum(fact < threshold for fact in facts) / max(len(facts), 1)
        sweep.add_row(f"{threshold:.1f}", f"{passing:.0%}", f"{below:.0%}")
    console.print(sweep)
    best = [i.best for i in items if i.answerable]
    print(
        f"How well the best passage's share tells answerable questions from the rest: AUC "
        f"{auc(best, unanswerable):.3f} (the aims, 95% of answerable questions answered with 10%"
    )
    print("of unanswerable ones, need about 0.98 of any one score: two normal spreads 2.9 apart)")
    unsaid = Table(title="Questions holding a word no document says")
    for column in ("questions", "how they fare", "all", "with such a word", "a fifth or more"):
        unsaid.add_column(column)
    fares = {True: ("passed", "declined", "answered wrongly"), False: ("declined", "answered")}
    for answerable_, kinds in fares.items():
        for fare in kinds:
            group = [i for i in items if i.answerable == answerable_ and _fare(i) == fare]
            unsaid.add_row(
                "answerable" if answerable_ else "unanswerable", fare, str(len(group)),
                str(sum(i.unsaid > 0 for i in group)), str(sum(i.unsaid >= 0.2 for i in group)),
            )  # fmt: skip
    console.print(unsaid)


def auc(positives: Sequence[float], negatives: Sequence[float]) -> float:
    """The chance that a random positive scores above a random negative (ties count half):
    how well one score can tell them apart at any threshold (0.5: not at all)."""
    ordered = sorted(negatives)
    total = 0.0
    for score in positives:
        below, above = bisect.bisect_left(ordered, score), bisect.bisect_right(ordered, score)
        total += below + (above - below) / 2
    return total / max(len(positives) * len(negatives), 1)


def _fare(item: Judged) -> str:
    """How a question fared: passed, declined, answered wrongly (or, unanswerable, answered)."""
    if not item.outcome.answered:
        return "declined"
    if not item.answerable:
        return "answered"
    return "passed" if item.outcome.passed else "answered wrongly"


if __name__ == "__main__":
    main()
