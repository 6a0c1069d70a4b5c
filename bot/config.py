"""Configuration: a TOML file read once into frozen dataclasses, checked strictly.

Every key has a default, so no file at all is a valid configuration. A wrong
type, a bad value or an unknown key raises ConfigError naming the file and the
key: a typo must not silently fall back to a default. The Discord token is never
in this file; it comes from the DISCORD_TOKEN environment variable.
"""

from __future__ import annotations

import dataclasses
import math
import os
import tomllib
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.errors import ConfigError

DEFAULT_FILE = "config.toml"


@dataclass(frozen=True, slots=True)
class KnowledgeConfig:
    path: str = "knowledge"  # relative paths resolve against the config file's folder
    # Folder for the cache of loaded and analysed documents. Empty: the user's cache folder
    # ($XDG_CACHE_HOME/rapporteur, else ~/.cache/rapporteur); "off": no cache.
    cache_path: str = ""
    watch: bool = False  # the bot reloads by itself when the folder changes
    watch_debounce_seconds: float = 2.0  # changes closer together than this are one reload
    parse_timeout_seconds: float = 15.0  # per PDF, DOCX or HTML file, in a killable process
    parse_memory_mib: int = 1024  # address space a parse may add to its worker process


@dataclass(frozen=True, slots=True)
class RetrievalConfig:
    variant: str = "okapi"  # rank-bm25 class: okapi, l or plus
    k1: float = 1.5
    b: float = 0.75
    epsilon: float = 0.25
    passages: int = 12  # passages whose sentences compete for an answer
    min_coverage: float = 0.5  # share of a question's weight a passage must cover to be cited
    expansion_passages: int = 10  # pseudo-relevance feedback: first results read; 0: off
    expansion_terms: int = 40  # words added to the question from them
    expansion_weight: float = 0.3  # share of the expanded question's weight they get
    context_weight: float = 0.6  # share of a neighbouring passage's score a passage gains; 0: off
    context_window: int = 3  # how many passages away on each side (the share is squared at 2…)
    speaker_boost: float = 0.5  # a named speaker's passages: score × (1 + this × their share)
    phrase_weight: float = 1.0  # the question's words side by side in a passage; 0: off
    phrase_depth: int = 10  # how many of the best passages are read for them


@dataclass(frozen=True, slots=True)
class AnswerConfig:
    max_quotes: int = 3


@dataclass(frozen=True, slots=True)
class TemplatesConfig:
    path: str = ""  # folder of template overrides; empty: the built-in templates


@dataclass(frozen=True, slots=True)
class DiscordConfig:
    guild_ids: list[int] = field(default_factory=list)  # empty: commands sync globally
    admin_role_ids: list[int] = field(default_factory=list)
    api_base_url: str = "https://discord.com/api/v10"
    gateway_url: str = "wss://gateway.discord.gg/"
    answer_channel_ids: list[int] = field(default_factory=list)  # plain questions answered here
    reply_in_thread: bool = False
    cooldown_rate: int = 3  # /ask, /summary and mentions per user per cooldown_seconds; 0: off
    cooldown_seconds: float = 30.0
    max_concurrent: int = 4  # searches and summaries running at once
    log_path: str = ""  # JSONL log of questions and ratings for admins; empty: no log


@dataclass(frozen=True, slots=True)
class Config:
    knowledge: KnowledgeConfig = field(default_factory=KnowledgeConfig)
    retrieval: RetrievalConfig = field(default_factory=RetrievalConfig)
    answer: AnswerConfig = field(default_factory=AnswerConfig)
    templates: TemplatesConfig = field(default_factory=TemplatesConfig)
    discord: DiscordConfig = field(default_factory=DiscordConfig)
    base_dir: Path = field(default_factory=Path.cwd)  # where relative paths resolve
    source: str = "(built-in defaults)"
    knowledge_flag: bool = False  # the folder came from --knowledge, not from the file

    def knowledge_path(self) -> Path:
        return _resolve(self.base_dir, self.knowledge.path, self.knowledge_setting())

    def knowledge_setting(self) -> str:
        """Where the knowledge folder was set, for an error about it to name."""
        return "--knowledge" if self.knowledge_flag else f"{self.source}: [knowledge] path"

    def cache_path(self) -> Path | None:
        path = self.knowledge.cache_path
        if path == "off":
            return None
        if not path:
            base = os.environ.get("XDG_CACHE_HOME")
            if not base:
                try:
                    base = str(Path.home() / ".cache")
                except RuntimeError:  # no HOME and no user entry (a container's arbitrary uid)
                    return None  # no cache: it only costs speed
            return Path(base) / "rapporteur"
        return _resolve(self.base_dir, path, f"{self.source}: [knowledge] cache_path")

    def templates_path(self) -> Path | None:
        path = self.templates.path
        return _resolve(self.base_dir, path, f"{self.source}: [templates] path") if path else None

    def log_path(self) -> Path | None:
        path = self.discord.log_path
        return _resolve(self.base_dir, path, f"{self.source}: [discord] log_path") if path else None


_CHOICES = {("retrieval", "variant"): ("okapi", "l", "plus")}
_POSITIVE = {
    ("retrieval", "k1"),
    ("retrieval", "passages"),
    ("answer", "max_quotes"),
    ("discord", "cooldown_seconds"),
    ("knowledge", "watch_debounce_seconds"),
    ("knowledge", "parse_timeout_seconds"),
    ("knowledge", "parse_memory_mib"),
    ("discord", "max_concurrent"),
}
_NOT_NEGATIVE = {
    ("discord", "cooldown_rate"),
    ("retrieval", "expansion_passages"),
    ("retrieval", "expansion_terms"),
    ("retrieval", "context_window"),
    ("retrieval", "speaker_boost"),
    ("retrieval", "phrase_weight"),
    ("retrieval", "phrase_depth"),
}
_UNIT = {
    ("retrieval", "b"),
    ("retrieval", "min_coverage"),
    ("retrieval", "expansion_weight"),
    ("retrieval", "context_weight"),
}
# Each step of the window is a pass over every passage per search, and a cached mask;
# each passage read for phrases may be analysed again (a few thousand are remembered).
_AT_MOST = {
    ("retrieval", "context_window"): 20,
    ("retrieval", "phrase_depth"): 100,
    ("knowledge", "parse_timeout_seconds"): 3600,  # an hour a file: beyond, timers overflow
    ("knowledge", "parse_memory_mib"): 1 << 20,  # a TiB
    ("knowledge", "watch_debounce_seconds"): 3600,
    ("discord", "cooldown_seconds"): 86400,
}
_URL_PREFIX = {("discord", "api_base_url"): ("http://", "https://"),
               ("discord", "gateway_url"): ("ws://", "wss://")}  # fmt: skip


def load_config(path: Path | None = None, knowledge: Path | None = None) -> Config:
    """Read `path` (else ./config.toml, else defaults); `knowledge` overrides the folder."""
    if path is None:
        candidate = Path.cwd() / DEFAULT_FILE
        path = candidate if candidate.is_file() else None
    if path is None:
        config = Config()
    else:
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            raise ConfigError(f"{path}: config file not found") from exc
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: cannot read config file: {exc}") from exc
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: not valid TOML: {exc}") from exc
        config = parse_config(data, str(path), path.resolve().parent)
    if knowledge is not None:
        folder = dataclasses.replace(config.knowledge, path=str(knowledge.resolve()))
        config = dataclasses.replace(config, knowledge=folder, knowledge_flag=True)
    for resolved in (config.knowledge_path, config.cache_path, config.templates_path,
                     config.log_path):  # fmt: skip
        resolved()  # a path that cannot be resolved is a config error now, not later
    templates = config.templates_path()
    if templates is not None and not templates.is_dir():
        raise ConfigError(f"{config.source}: [templates] path: folder not found: {templates}")
    return config


def parse_config(data: dict[str, Any], source: str, base_dir: Path) -> Config:
    """Check a parsed TOML document against the schema and build a Config."""
    sections: dict[str, Any] = {}
    hints = typing.get_type_hints(Config)
    for name, table in data.items():
        section_type = hints.get(name)
        if name in ("base_dir", "source") or section_type is None:
            raise ConfigError(f"{source}: unknown section [{name}]")
        if not isinstance(table, dict):
            raise ConfigError(f"{source}: [{name}] must be a table")
        sections[name] = _parse_section(section_type, name, table, source)
    return Config(**sections, base_dir=base_dir, source=source)


def _parse_section(cls: type, section: str, table: dict[str, Any], source: str) -> Any:
    hints = typing.get_type_hints(cls)
    values: dict[str, Any] = {}
    for key, value in table.items():
        if key not in hints:
            known = ", ".join(hints)
            raise ConfigError(f"{source}: [{section}] {key}: unknown key (known keys: {known})")
        values[key] = _check(hints[key], value, f"{source}: [{section}] {key}")
        _check_value(section, key, values[key], source)
    return cls(**values)


def _check(expected: Any, value: Any, where: str) -> Any:
    """Type-check one value; ints are accepted where floats are expected."""
    origin = typing.get_origin(expected)
    if origin is list:
        (item_type,) = typing.get_args(expected)
        if not isinstance(value, list):
            raise ConfigError(f"{where}: expected a list, got {_describe(value)}")
        return [_check(item_type, item, where) for item in value]
    if origin is types.UnionType:
        raise ConfigError(f"{where}: unsupported type")  # not used by the schema
    if expected is float and isinstance(value, int) and not isinstance(value, bool):
        try:
            return float(value)
        except OverflowError as exc:
            raise ConfigError(f"{where}: expected a number, got one too large") from exc
    if expected is float and isinstance(value, float) and not math.isfinite(value):
        raise ConfigError(f"{where}: expected a finite number, got {value}")  # TOML's inf, nan
    if expected is int and (isinstance(value, bool) or not isinstance(value, int)):
        raise ConfigError(f"{where}: expected an integer, got {_describe(value)}")
    if not isinstance(value, expected) or (expected is not bool and isinstance(value, bool)):
        names = {str: "a string", float: "a number", bool: "true or false"}
        raise ConfigError(
            f"{where}: expected {names.get(expected, expected)}, got {_describe(value)}"
        )
    return value


def _check_value(section: str, key: str, value: Any, source: str) -> None:
    where = f"{source}: [{section}] {key}"
    choices = _CHOICES.get((section, key))
    if choices and value not in choices:
        raise ConfigError(f"{where}: must be one of {', '.join(choices)}, got {value!r}")
    if (section, key) in _POSITIVE and value <= 0:
        raise ConfigError(f"{where}: must be greater than 0, got {value}")
    if (section, key) in _NOT_NEGATIVE and value < 0:
        raise ConfigError(f"{where}: must be 0 or more, got {value}")
    if (section, key) in _UNIT and not 0 <= value <= 1:
        raise ConfigError(f"{where}: must be between 0 and 1, got {value}")
    most = _AT_MOST.get((section, key))
    if most is not None and value > most:
        raise ConfigError(f"{where}: must be at most {most}, got {value}")
    prefixes = _URL_PREFIX.get((section, key))
    if prefixes and not value.startswith(prefixes):
        raise ConfigError(f"{where}: must start with {' or '.join(prefixes)}, got {value!r}")


def _describe(value: Any) -> str:
    return f"{type(value).__name__} {value!r}"[:80]


def _resolve(base: Path, value: str, where: str) -> Path:
    if "\0" in value:  # no system call takes it: every use of the path would raise ValueError
        raise ConfigError(f"{where}: a path cannot hold a NUL character, got {value!r}")
    try:
        path = Path(value).expanduser()
    except RuntimeError as exc:  # "~nosuchuser/docs"
        raise ConfigError(f"{where}: cannot expand {value!r}: {exc}") from exc
    return path if path.is_absolute() else (base / path)
