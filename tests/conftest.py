"""Shared fixtures: small knowledge folders built per test, and services over them."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.config import Config, KnowledgeConfig
from bot.service import KnowledgeService

ROOT = Path(__file__).resolve().parent.parent
KNOWLEDGE = ROOT / "knowledge"

FolderFactory = Callable[[dict[str, str | bytes]], Path]


@pytest.fixture(autouse=True, scope="session")
def private_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The build cache defaults to the user's cache folder: keep the tests' cache to themselves."""
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("xdg-cache"))


@pytest.fixture
def make_folder(tmp_path: Path) -> FolderFactory:
    """Write {relative name: text or bytes} into a fresh folder and return it."""

    def make(files: dict[str, str | bytes]) -> Path:
        folder = tmp_path / "knowledge"
        folder.mkdir(exist_ok=True)
        for name, content in files.items():
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        return folder

    return make


def service_for(folder: Path, **retrieval: object) -> KnowledgeService:
    """A service over `folder` with default settings."""
    return KnowledgeService(Config(knowledge=KnowledgeConfig(str(folder))))


@pytest.fixture(scope="session")
def bundled() -> KnowledgeService:
    """The service over the shipped knowledge/ folder (loaded once per run)."""
    service = KnowledgeService(Config(knowledge=KnowledgeConfig(str(KNOWLEDGE))))
    service.reload(force=True)
    return service
