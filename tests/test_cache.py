"""The build cache: the same snapshot as without it, reused only while nothing changed."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import numpy as np
import pytest
from conftest import KNOWLEDGE, FolderFactory

from bot import loader
from bot.analysis import STOPWORDS, Analyser
from bot.cache import CACHE_FILE, BuildCache, folder_fingerprint
from bot.config import Config, KnowledgeConfig
from bot.index import Index
from bot.models import Document, LoadReport, Passage
from bot.reading import SkipFile
from bot.service import KnowledgeService, Snapshot

FILES: dict[str, str | bytes] = {
    "2026-03-02-finance.md": (
        "---\ntitle: Finance committee minutes\nmeeting: Finance committee\n---\n"
        "# Budget\nThe committee approved the 2027 budget of 4.2 million.\n\n"
        "“We need clearer priorities,” said Dr Hwanil Park, chair of the committee.\n\n"
        "Short.\n\nThe vote was unanimous after a long debate about road repairs.\n"
    ),
    "notes/planning.txt": (
        "The planning board met on Tuesday.\nIt discussed housing, parks and the new library.\n"
    ),
    "minutes.md": "# Minutes\nThe council discussed the library budget and the parks.\n",
    ".hidden.md": "never loaded",
    "empty.txt": "",
}
QUESTIONS = ["What was the budget?", "library parks", "Who chairs the committee?", "housing"]


def plain(folder: Path) -> Snapshot:
    return KnowledgeService(Config(knowledge=KnowledgeConfig(str(folder)))).build()


def cached(
    folder: Path, cache: Path, analyser: Analyser | None = None, limits: str = ""
) -> tuple[Snapshot, BuildCache]:
    """A build through the cache, as the service does it, and the cache's account of it."""
    service = KnowledgeService(Config(knowledge=KnowledgeConfig(str(folder), str(cache))))
    analyser = analyser or service.analyser
    store = BuildCache(cache, analyser, limits)
    report, passages, counts = store.load(folder)
    index = Index(passages, analyser, service.bm25, counts=counts)
    return Snapshot(index, report, 1, 0.0), store


def assert_same(got: Snapshot, expected: Snapshot) -> None:
    """The same outcomes, documents, passages and answers as a build without the cache."""
    assert without_seconds(got.report) == without_seconds(expected.report)
    assert got.index.passages == expected.index.passages
    assert got.index.vocabulary_size == expected.index.vocabulary_size
    analyser = Analyser()
    for question in QUESTIONS:
        terms = analyser.query_terms(question)
        assert got.index.search(terms) == expected.index.search(terms)
        assert got.index.scores(terms) == expected.index.scores(terms)
    documents = {id(d) for d in got.report.documents}
    assert all(id(p.document) in documents for p in got.index.passages)


def without_seconds(report: LoadReport) -> tuple[object, ...]:
    return report.root, report.outcomes


def test_unchanged_folder_is_restored_whole(make_folder: FolderFactory, tmp_path: Path) -> None:
    folder, cache = make_folder(FILES), tmp_path / "cache"
    first, store = cached(folder, cache)
    assert (store.stats.restored, store.stats.reused, store.stats.analysed) == (False, 0, 3)
    assert (cache / CACHE_FILE).is_file()
    second, store = cached(folder, cache)
    assert store.stats.restored and not store.stats.error
    assert_same(first, plain(folder))
    assert_same(second, plain(folder))


def test_a_changed_file_is_the_only_one_analysed(
    make_folder: FolderFactory, tmp_path: Path
) -> None:
    folder, cache = make_folder(FILES), tmp_path / "cache"
    cached(folder, cache)
    (folder / "minutes.md").write_text("# Minutes\nThe council closed the library.\n")
    snapshot, store = cached(folder, cache)
    assert (store.stats.restored, store.stats.reused, store.stats.analysed) == (False, 2, 1)
    assert_same(snapshot, plain(folder))
    snapshot, store = cached(folder, cache)
    assert store.stats.restored
    assert_same(snapshot, plain(folder))


def test_a_file_skipped_under_one_parse_limit_is_read_again_under_another(
    make_folder: FolderFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A parse that timed out is remembered with the limits it ran under: the same limits
    restore the folder (the file would time out again), other limits read it again."""
    folder, cache = make_folder(FILES), tmp_path / "cache"
    markdown = loader.READERS[".md"]

    def timing_out(path: Path, rel: str) -> tuple[Document, tuple[str, ...]]:
        if path.name == "minutes.md":
            raise SkipFile("parser timed out (after 0.05 s)")
        return markdown(path, rel)

    monkeypatch.setitem(loader.READERS, ".md", timing_out)
    cached(folder, cache, limits="0.05s")
    monkeypatch.setitem(loader.READERS, ".md", markdown)
    again, store = cached(folder, cache, limits="0.05s")
    assert store.stats.restored and "minutes.md" not in {d.path for d in again.report.documents}
    longer, store = cached(folder, cache, limits="15s")
    assert not store.stats.restored
    assert "minutes.md" in {d.path for d in longer.report.documents}
    assert_same(longer, plain(folder))


def test_a_file_skipped_for_this_run_alone_is_read_again(
    make_folder: FolderFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When no parser process could start, the skip says nothing of the file: the folder is
    not remembered with it, so the next load reads it."""
    folder, cache = make_folder(FILES), tmp_path / "cache"
    markdown = loader.READERS[".md"]

    def no_parser(path: Path, rel: str) -> tuple[Document, tuple[str, ...]]:
        if path.name == "minutes.md":
            raise SkipFile("could not start a parser process", transient=True)
        return markdown(path, rel)

    monkeypatch.setitem(loader.READERS, ".md", no_parser)
    first, _ = cached(folder, cache)
    assert {o.path for o in first.report.outcomes if o.transient} == {"minutes.md"}
    monkeypatch.setitem(loader.READERS, ".md", markdown)
    second, store = cached(folder, cache)
    assert not store.stats.restored
    assert "minutes.md" in {d.path for d in second.report.documents}
    assert_same(second, plain(folder))


@pytest.mark.parametrize(
    "change",
    ["add", "remove", "hidden", "folder", "rename", "touch-same-content", "unsupported"],
)
def test_any_change_in_the_folder_is_seen(
    make_folder: FolderFactory, tmp_path: Path, change: str
) -> None:
    folder, cache = make_folder(FILES), tmp_path / "cache"
    cached(folder, cache)
    if change == "add":
        (folder / "new.md").write_text("A new paragraph about the harbour budget.\n")
    elif change == "remove":
        (folder / "minutes.md").unlink()
    elif change == "hidden":
        (folder / ".hidden.md").write_text("changed, still hidden")
    elif change == "folder":
        (folder / "notes" / "more").mkdir()
    elif change == "rename":
        (folder / "minutes.md").rename(folder / "minutes-2.md")
    elif change == "touch-same-content":
        os.utime(folder / "minutes.md", (1, 1))
    else:
        (folder / "slides.xyz").write_text("not a document")
    snapshot, store = cached(folder, cache)
    assert store.stats.restored == (change == "touch-same-content")  # content, not times
    assert_same(snapshot, plain(folder))


def test_the_service_uses_the_configured_cache(make_folder: FolderFactory, tmp_path: Path) -> None:
    folder = make_folder(FILES)
    config = Config(knowledge=KnowledgeConfig(str(folder), "cache"), base_dir=tmp_path)
    assert config.cache_path() == tmp_path / "cache"
    first = KnowledgeService(config).build()
    assert (tmp_path / "cache" / CACHE_FILE).is_file()
    second = KnowledgeService(config)
    result = second.reload(force=True)
    assert result.swapped and result.added == tuple(sorted(d.path for d in first.documents))
    assert_same(second.snapshot, first)
    answer = second.ask("What was the budget?")
    assert answer.answered and "4.2 million" in answer.quotes[0].text


def test_the_bundled_folder_round_trips(tmp_path: Path) -> None:
    cached(KNOWLEDGE, tmp_path / "cache")
    snapshot, store = cached(KNOWLEDGE, tmp_path / "cache")
    assert store.stats.restored
    assert_same(snapshot, plain(KNOWLEDGE))
    speakers = [p.speaker for p in snapshot.index.passages]
    assert speakers == [p.speaker for p in plain(KNOWLEDGE).index.passages] and any(speakers)


def test_a_corrupt_cache_file_is_replaced(make_folder: FolderFactory, tmp_path: Path) -> None:
    folder, cache = make_folder(FILES), tmp_path / "cache"
    cache.mkdir()
    (cache / CACHE_FILE).write_bytes(b"this is not a database" * 100)
    snapshot, store = cached(folder, cache)
    assert not store.stats.error
    assert_same(snapshot, plain(folder))
    assert cached(folder, cache)[1].stats.restored


def test_an_unusable_cache_never_stops_a_build(make_folder: FolderFactory, tmp_path: Path) -> None:
    folder = make_folder(FILES)
    blocker = tmp_path / "a-file"
    blocker.write_text("the cache folder cannot be made here")
    snapshot, store = cached(folder, blocker / "cache")
    assert "cannot create the cache folder" in store.stats.error
    assert_same(snapshot, plain(folder))


def test_a_missing_folder_is_still_an_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        cached(tmp_path / "missing", tmp_path / "cache")


@pytest.mark.parametrize("column", ["document", "passages", "terms", "counts", "vocabulary"])
def test_tampered_entries_are_not_trusted(
    make_folder: FolderFactory, tmp_path: Path, column: str
) -> None:
    """An entry that does not hold together is a miss: that part is loaded and analysed again."""
    folder, cache = make_folder(FILES), tmp_path / "cache"
    cached(folder, cache)
    bad = {
        "document": "{}",
        "passages": '{"fields": ["nope"], "rows": []}',
        "terms": np.array([9999], "<i4").tobytes(),
        "counts": b"\x00\x00",
        "vocabulary": '[1, 2, "x"]',
    }[column]
    database = cache / CACHE_FILE
    tamper(database, f"UPDATE documents SET {column} = ?", bad)
    if column not in ("document", "passages"):  # the folder keeps its own term counts
        snapshot, store = cached(folder, cache)
        assert store.stats.restored
        assert_same(snapshot, plain(folder))
        tamper(database, f"UPDATE folders SET {column} = ?", bad)
    snapshot, store = cached(folder, cache)
    assert not store.stats.restored and store.stats.reused == 0
    assert_same(snapshot, plain(folder))
    assert cached(folder, cache)[1].stats.restored  # and the entries were written again


def test_a_tampered_folder_entry_falls_back_to_the_documents(
    make_folder: FolderFactory, tmp_path: Path
) -> None:
    folder, cache = make_folder(FILES), tmp_path / "cache"
    cached(folder, cache)
    tamper(cache / CACHE_FILE, "UPDATE folders SET report = ?", '{"outcomes": 7}')
    snapshot, store = cached(folder, cache)
    assert (store.stats.restored, store.stats.reused, store.stats.analysed) == (False, 3, 0)
    assert_same(snapshot, plain(folder))


def tamper(database: Path, statement: str, value: object) -> None:
    db = sqlite3.connect(database)
    with db:
        db.execute(statement, (value,))
    db.close()


def test_another_analyser_does_not_reuse_entries(
    make_folder: FolderFactory, tmp_path: Path
) -> None:
    folder, cache = make_folder(FILES), tmp_path / "cache"
    cached(folder, cache)
    other = Analyser(stopwords=STOPWORDS - {"the"})
    snapshot, store = cached(folder, cache, other)
    assert not store.stats.restored and store.stats.reused == 0
    assert snapshot.index.document_frequency("the") > 0


def test_the_fingerprint_reads_contents_and_never_follows_or_opens_specials(
    make_folder: FolderFactory, tmp_path: Path
) -> None:
    folder = make_folder(FILES)
    before = folder_fingerprint(folder)
    assert folder_fingerprint(folder) == before
    outside = tmp_path / "outside.md"
    outside.write_text("outside")
    (folder / "link.md").symlink_to(outside)
    os.mkfifo(folder / "pipe.md")  # opening it would block
    with_specials = folder_fingerprint(folder)
    assert with_specials != before
    outside.write_text("changed outside, behind the link")
    assert folder_fingerprint(folder) == with_specials


def test_passages_reuse_the_documents_strings(make_folder: FolderFactory, tmp_path: Path) -> None:
    """Restored passages share text with their blocks, as freshly split ones do."""
    folder, cache = make_folder(FILES), tmp_path / "cache"
    cached(folder, cache)
    snapshot, _ = cached(folder, cache)
    shared = [
        p for p in snapshot.index.passages if any(p.text is b.text for b in p.document.blocks)
    ]
    assert shared and all(isinstance(p, Passage) for p in shared)


def test_entries_unused_for_a_month_are_pruned(make_folder: FolderFactory, tmp_path: Path) -> None:
    folder, cache = make_folder(FILES), tmp_path / "cache"
    cached(folder, cache)
    database = cache / CACHE_FILE
    tamper(database, "UPDATE documents SET key = 'old-' || key, used = ?", 0.0)
    (folder / "minutes.md").write_text("# Minutes\nThe council closed the library.\n")
    cached(folder, cache)
    db = sqlite3.connect(database)
    keys = [key for (key,) in db.execute("SELECT key FROM documents")]
    db.close()
    assert len(keys) == 3 and not any(key.startswith("old-") for key in keys)


def test_a_cache_inside_the_knowledge_folder_does_not_defeat_itself(
    make_folder: FolderFactory,
) -> None:
    folder = make_folder(FILES)
    cached(folder, folder / ".cache")
    snapshot, store = cached(folder, folder / ".cache")
    assert store.stats.restored
    assert_same(snapshot, plain(folder))


def test_a_failing_cache_costs_speed_never_the_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot import cache
    from bot.config import Config, KnowledgeConfig
    from bot.service import KnowledgeService

    folder = tmp_path / "k"
    folder.mkdir()
    (folder / "a.md").write_text("The budget was approved.")

    def broken(self: object, root: Path) -> None:
        raise UnicodeEncodeError("utf-8", "x", 0, 1, "surrogates not allowed")

    monkeypatch.setattr(cache.BuildCache, "load", broken)
    config = Config(knowledge=KnowledgeConfig(str(folder), cache_path=str(tmp_path / "c")))
    service = KnowledgeService(config)
    assert service.reload(force=True).swapped
    assert service.ask("budget").answered
