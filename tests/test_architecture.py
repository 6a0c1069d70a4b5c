"""The core never imports discord: it must run in the CLI, tests and benchmarks alone."""

from __future__ import annotations

import ast
from pathlib import Path

BOT = Path(__file__).resolve().parent.parent / "bot"
ADAPTER = {"discord_app"}  # the Discord adapter package, when present


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_core_modules_do_not_import_discord() -> None:
    core = [p for p in BOT.rglob("*.py") if not set(p.relative_to(BOT).parts) & ADAPTER]
    assert core
    offenders = [str(p.relative_to(BOT)) for p in core if "discord" in imported_modules(p)]
    assert offenders == []
