"""The command line: the contracts scripts rely on (JSON shape, exit codes)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import KNOWLEDGE, ROOT, FolderFactory

from bot.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_ask_json_contract(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "ask", "Who is the chair of PPSTI?", "--json", "--knowledge", str(KNOWLEDGE)
    )
    assert code == 0
    data = json.loads(out)
    assert set(data) == {"question", "answered", "text", "citations"}
    assert data["answered"] is True
    assert "Dr Hwanil Park" in data["text"]
    best = data["citations"][0]
    assert set(best) == {
        "n",
        "document",
        "title",
        "date",
        "url",
        "passage",
        "location",
        "score",
        "text",
    }
    assert best["n"] == 1
    assert best["document"] == "apec-ppsti-guangzhou.md"
    assert best["passage"].startswith("apec-ppsti-guangzhou.md#")
    assert best["location"].startswith("¶")
    assert best["date"] is None  # the release states no date; none is invented
    assert "Dr Hwanil Park, chair of the APEC Policy Partnership" in best["text"]
    assert isinstance(best["score"], float)


def test_ask_unanswerable_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "ask", "What is the capital of France?", "--json", "--knowledge", str(KNOWLEDGE)
    )
    data = json.loads(out)
    assert (code, data["answered"], data["citations"]) == (0, False, [])
    assert "do not cover" in data["text"]


def test_ask_human_output_is_the_discord_text_in_a_pipe(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "ask", "Who is the vice chair of PPSTI?", "--knowledge", str(KNOWLEDGE)
    )
    assert code == 0
    assert "**Hazami** **Habib**" in out or "Hazami Habib" in out
    assert "— APEC Economies Call for Deeper Science" in out


def test_check_exit_codes(capsys: pytest.CaptureFixture[str], make_folder: FolderFactory) -> None:
    assert run(capsys, "check", "--knowledge", str(KNOWLEDGE))[0] == 0
    folder = make_folder({"good.md": "Minutes.", "bad.txt": b"\x00\x01binary"})
    code, out, _ = run(capsys, "check", "--json", "--knowledge", str(folder))
    assert code == 1
    files = {f["path"]: (f["status"], f["reason"]) for f in json.loads(out)["files"]}
    assert files == {"bad.txt": ("skipped", "binary data (not text)"), "good.md": ("loaded", "")}


def test_usage_and_config_errors_exit_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "c.toml"
    bad.write_text("[retrieval]\nk1 = 'x'\n")
    code, _, err = run(capsys, "check", "--config", str(bad))
    assert code == 2
    assert f"{bad}: [retrieval] k1" in err
    code, _, err = run(capsys, "check", "--knowledge", str(tmp_path / "missing"))
    assert (
        code == 2 and "knowledge folder not found" in err and err.rstrip().endswith("(--knowledge)")
    )
    named = tmp_path / "n.toml"
    named.write_text('[knowledge]\npath = "nowhere"\n')
    code, _, err = run(capsys, "ask", "Budget?", "--config", str(named))
    assert code == 2 and err.rstrip().endswith(f"({named}: [knowledge] path)")
    named.write_text('[templates]\npath = "nope"\n')
    code, _, err = run(capsys, "ask", "Budget?", "--config", str(named))
    assert code == 2 and f"{named}: [templates] path: folder not found: " in err
    with pytest.raises(SystemExit) as exit_info:
        main(["ask"])
    assert exit_info.value.code == 2


def test_sources(capsys: pytest.CaptureFixture[str], make_folder: FolderFactory) -> None:
    folder = make_folder(
        {
            "a.md": "---\ntitle: Budget minutes\n---\nThe budget.",
            "b.md": "---\ntitle: Choir\n---\nSongs.",
        }
    )
    code, out, _ = run(capsys, "sources", "--json", "--knowledge", str(folder))
    assert code == 0
    assert [d["title"] for d in json.loads(out)["documents"]] == ["Budget minutes", "Choir"]
    code, out, _ = run(capsys, "sources", "songs", "--json", "--knowledge", str(folder))
    assert code == 0
    assert [d["title"] for d in json.loads(out)["documents"]] == ["Choir"]


def test_titles_and_names_are_printed_as_written(
    capsys: pytest.CaptureFixture[str], make_folder: FolderFactory
) -> None:
    """A title or file name with brackets is text, not terminal markup: "[/]" neither crashes
    the table nor disappears."""
    folder = make_folder(
        {"a.md": '---\ntitle: "Budget [/] review"\n---\nThe budget.', "b [draft].txt": "Songs."}
    )
    code, out, _ = run(capsys, "sources", "--knowledge", str(folder))
    assert code == 0 and "Budget [/] review" in out and "b [draft]" in out
    code, out, _ = run(capsys, "check", "--knowledge", str(folder))
    assert code == 0 and "b [draft].txt" in out


def test_check_reads_files_under_the_configured_limits(
    capsys: pytest.CaptureFixture[str], make_folder: FolderFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`check` shows each file as the bot reads it: under `parse_timeout_seconds` and
    `parse_memory_mib`, not the defaults."""
    from bot import cli
    from bot.formats import isolation

    folder = make_folder({"a.md": "Minutes."})
    config = folder.parent / "c.toml"
    config.write_text(
        f"[knowledge]\npath = '{folder}'\nparse_timeout_seconds = 2.5\nparse_memory_mib = 300\n"
    )
    seen: list[isolation.Limits] = []
    load = cli.load_folder

    def recording(*args: object, **kwargs: object) -> object:
        session = isolation._active.get()
        assert session is not None
        seen.append(session.limits)
        return load(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(cli, "load_folder", recording)
    assert run(capsys, "check", "--config", str(config))[0] == 0
    assert [(s.timeout, s.memory) for s in seen] == [(2.5, 300 << 20)]


def test_eval_prints_both_scopes(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    passages = tmp_path / "p.jsonl"
    queries = tmp_path / "q.jsonl"
    rows = [
        {"id": "M1#0", "group": "M1", "text": "A: the budget was approved"},
        {"id": "M1#1", "group": "M1", "text": "B: the weather is fine"},
        {"id": "M2#0", "group": "M2", "text": "C: budget cuts in the weather office"},
    ]
    passages.write_text("\n".join(json.dumps(r) for r in rows))
    queries.write_text(
        json.dumps(
            {"id": "M1?0", "group": "M1", "query": "What about the budget?", "gold": ["M1#0"]}
        )
    )
    code, out, _ = run(
        capsys, "eval", "--passages", str(passages), "--queries", str(queries), "--json"
    )
    results = {r["scope"]: r for r in json.loads(out)["retrieval"]}
    assert code == 0
    assert results["group"]["ndcg@10"] == 1.0
    assert results["pooled"]["hit@10"] == 1.0
    code, out, _ = run(capsys, "eval", "--passages", str(passages), "--queries", str(queries))
    assert "nDCG@10" in out and "pooled" in out and "group" in out


def test_console_script_and_python_m_bot_run_as_a_new_user_would(tmp_path: Path) -> None:
    env = {**os.environ, "COLUMNS": "200"}
    result = subprocess.run(
        [sys.executable, "-m", "bot", "ask", "Who is the chair of PPSTI?", "--json"],
        cwd=ROOT, capture_output=True, text=True, env=env, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["citations"][0]["document"] == "apec-ppsti-guangzhou.md"


@pytest.mark.parametrize(
    "command",
    [
        ["ask", "Who is the chair of PPSTI?"],  # print
        ["ask", "Who is the chair of PPSTI?", "--json"],
        ["check"],  # a rich table: rich itself would exit 1
    ],
)
def test_a_closed_pipe_ends_the_command_quietly(command: list[str]) -> None:
    """`rapporteur ask … | head -1`: the reader leaves early; no traceback, no error line."""
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", *command, "--knowledge", str(KNOWLEDGE)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # before the answer is written: the write meets a closed pipe
    with process.stderr:
        error = process.stderr.read().decode()
    assert process.wait(timeout=60) == 0
    assert error == ""


def test_a_broken_pipe_of_the_bot_itself_is_an_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Only standard output's reader leaving is quiet: the bot's own sockets failing is not."""
    import bot.discord_app

    def broken(config: object) -> int:
        raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setenv("DISCORD_TOKEN", "x")
    monkeypatch.setattr(bot.discord_app, "run", broken)
    code = main(["run", "--knowledge", str(KNOWLEDGE)])
    assert code != 0
    assert "Broken pipe" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("p.jsonl", '{"id": "p1", "group": "g"\n', "p.jsonl:1: not JSON"),
        ("p.jsonl", '{"id": "p1", "text": "A."}\n', "p.jsonl: row 1: missing or malformed field"),
        ("p.jsonl", "[1, 2]\n", "p.jsonl: row 1: missing or malformed field"),
        ("q.toml", "folders = [\n", "q.toml: not a valid question set"),
        ("q.toml", "folders = 3\n", "q.toml: `folders` must list the folders"),
        ("q.toml", 'folders = ["."]\nquestion = [1]\n', "q.toml: question 1 needs `ask`"),
        ("q.toml", 'folders = ["."]\n[question]\nask = "A?"\n', "q.toml: write each question"),
    ],
)  # fmt: skip
def test_a_malformed_eval_file_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str, text: str, message: str
) -> None:
    bad = tmp_path / name
    bad.write_text(text, encoding="utf-8")
    good = tmp_path / "queries.jsonl"
    good.write_text('{"id": "q1", "group": "g", "query": "Budget?", "gold": ["p1"]}\n')
    given = ["--questions", str(bad)] if name.endswith(".toml") else ["--passages", str(bad)]
    given += ["--queries", str(good)] if name.endswith(".jsonl") else []
    code, _, err = run(capsys, "eval", *given)
    assert (
        code == 2
        and err.startswith(f"rapporteur: {bad.parent}/{message}")
        and "Traceback" not in err
    )
