"""Config: every key documented, every mistake named with its file and key."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pytest

from bot.config import Config, load_config
from bot.errors import ConfigError

ROOT = Path(__file__).resolve().parent.parent


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_example_documents_every_key_with_its_default() -> None:
    example = load_config(ROOT / "config.example.toml")
    defaults = Config()
    for section in ("knowledge", "retrieval", "answer", "templates", "discord"):
        assert getattr(example, section) == getattr(defaults, section), section
        keys = {f.name for f in dataclasses.fields(getattr(defaults, section))}
        text = (ROOT / "config.example.toml").read_text()
        assert all(f"\n{key} = " in text for key in keys), section


def test_no_file_means_defaults(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    config = load_config(None)
    assert config.source == "(built-in defaults)"
    assert config.knowledge_path() == tmp_path / "knowledge"


def test_config_toml_in_the_working_folder_is_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, '[retrieval]\nvariant = "plus"\n')
    monkeypatch.chdir(tmp_path)
    assert load_config(None).retrieval.variant == "plus"


def test_relative_paths_resolve_against_the_config_folder(tmp_path: Path) -> None:
    path = write(tmp_path, '[knowledge]\npath = "docs"\n[templates]\npath = "tpl"\n')
    (tmp_path / "tpl").mkdir()  # a template folder must exist; a knowledge folder may come later
    config = load_config(path)
    assert config.knowledge_path() == tmp_path / "docs"
    assert config.templates_path() == tmp_path / "tpl"


def test_knowledge_option_overrides_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, '[knowledge]\npath = "docs"\n')
    assert load_config(path, tmp_path / "other").knowledge_path() == tmp_path / "other"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[knowledge]\npaht = 'x'", "[knowledge] paht: unknown key"),
        ("[knowlege]\npath = 'x'", "unknown section [knowlege]"),
        ("[retrieval]\nk1 = 'high'", "[retrieval] k1: expected a number, got str 'high'"),
        ("[retrieval]\npassages = 2.5", "[retrieval] passages: expected an integer"),
        ("[retrieval]\nvariant = 'bm42'", "[retrieval] variant: must be one of okapi, l, plus"),
        ("[retrieval]\nmin_coverage = 1.5", "[retrieval] min_coverage: must be between 0 and 1"),
        ("[retrieval]\ncontext_weight = 2", "[retrieval] context_weight: must be between 0 and 1"),
        ("[retrieval]\ncontext_window = -1", "[retrieval] context_window: must be 0 or more"),
        ("[retrieval]\ncontext_window = 50", "[retrieval] context_window: must be at most 20"),
        ("[retrieval]\nphrase_depth = 500", "[retrieval] phrase_depth: must be at most 100"),
        ("[retrieval]\nphrase_weight = -0.5", "[retrieval] phrase_weight: must be 0 or more"),
        ("[retrieval]\nphrase_weight = inf", "[retrieval] phrase_weight: expected a finite number"),
        ("[retrieval]\nk1 = nan", "[retrieval] k1: expected a finite number"),
        ("[discord]\nguild_ids = ['123']", "[discord] guild_ids: expected an integer"),
        ("[discord]\nguild_ids = 123", "[discord] guild_ids: expected a list"),
        ("[discord]\napi_base_url = 'discord.com'", "[discord] api_base_url: must start with"),
        ("[answer]\nmax_quotes = true", "[answer] max_quotes: expected an integer"),
        ("knowledge = 'x'", "[knowledge] must be a table"),
        ("[knowledge\npath=1", "not valid TOML"),
        ("[knowledge]\npath = '~nosuchuser/docs'", "[knowledge] path: cannot expand"),
        ("[discord]\nlog_path = '~nosuchuser/q.jsonl'", "[discord] log_path: cannot expand"),
        ('[knowledge]\npath = "a\\u0000b"', "[knowledge] path: a path cannot hold a NUL"),
        ('[knowledge]\ncache_path = "c\\u0000"', "[knowledge] cache_path: a path cannot hold"),
        ("[discord]\ncooldown_seconds = 1" + "0" * 400, "[discord] cooldown_seconds: expected a"),
        ("[knowledge]\nparse_timeout_seconds = 3e6", "parse_timeout_seconds: must be at most"),
        ("[knowledge]\nparse_memory_mib = 99999999999", "parse_memory_mib: must be at most"),
    ],
)
def test_mistakes_name_the_file_and_the_key(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as error:
        load_config(path)
    assert str(error.value).startswith(str(path))
    assert message in str(error.value)


def test_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="config file not found"):
        load_config(tmp_path / "nope.toml")


def test_integers_are_accepted_for_numbers(tmp_path: Path) -> None:
    assert load_config(write(tmp_path, "[retrieval]\nk1 = 2\n")).retrieval.k1 == 2.0


def test_cache_path_defaults_to_the_user_cache_and_resolves_like_the_other_paths(
    tmp_path: Path,
) -> None:
    assert Config().knowledge.cache_path == ""
    assert Config().cache_path() == Path(os.environ["XDG_CACHE_HOME"]) / "rapporteur"
    off = write(tmp_path, '[knowledge]\ncache_path = "off"\n')
    assert load_config(off).cache_path() is None
    path = write(tmp_path, '[knowledge]\npath = "docs"\ncache_path = "cache"\n')
    config = load_config(path)
    assert config.cache_path() == tmp_path / "cache"
    assert load_config(path, tmp_path / "other").cache_path() == tmp_path / "cache"  # kept
    absolute = write(tmp_path, f'[knowledge]\ncache_path = "{tmp_path / "elsewhere"}"\n')
    assert load_config(absolute).cache_path() == tmp_path / "elsewhere"
    with pytest.raises(ConfigError, match=r"\[knowledge\] cache_path: expected a string"):
        load_config(write(tmp_path, "[knowledge]\ncache_path = 1\n"))


def test_no_home_folder_means_no_cache_and_a_knowledge_option_rescues_a_bad_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A container's arbitrary uid has no home: the bot runs without the build cache; and
    `--knowledge` replaces a configured path before it is checked."""

    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    config = load_config(write(tmp_path, "[knowledge]\npath = 'docs'"))
    assert config.cache_path() is None
    bad = write(tmp_path, "[knowledge]\npath = '~nosuchuser/docs'")
    assert load_config(bad, knowledge=tmp_path).knowledge_path() == tmp_path.resolve()
