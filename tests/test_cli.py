"""The `yomite` entry point as a script runs it: options before the subcommand, and
the reader without a terminal."""

from __future__ import annotations

import codecs
import errno
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from index.config import ConfigError
from tests.articles import write_articles
from tests.conftest import ROOT


def yomite(*argv: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`yomite ARGV` with no terminal (stdin empty, output captured), as from a script."""
    return subprocess.run(
        [sys.executable, "-m", "tui", *argv],
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        env=None if env is None else {**os.environ, **env},
        errors="replace",
    )


def test_the_home_given_before_the_subcommand_is_the_subcommands(
    home: Path, tmp_path: Path
) -> None:
    """`yomite --home DIR index` is `yomite index --home DIR`, for every subcommand (it
    opened the reader on files named "index"), so an alias with `--home` works too."""
    other = tmp_path / "other"
    [article, *_] = write_articles(tmp_path / "corpus", 2)

    done = yomite("--home", str(other), "index", str(tmp_path / "corpus"))
    assert (done.returncode, done.stderr) == (0, f"yomite index: new data home {other}\n")
    assert done.stdout.startswith("2 added")
    assert (other / "index").is_dir() and not home.exists()  # not $YOMITE_HOME

    done = yomite(f"--home={other}", "verify")
    assert (done.returncode, done.stderr) == (0, "")
    assert "consistent: 2 articles match the files" in done.stdout

    done = yomite("--no-mouse", "--home", str(other), "search", "--json", "東京")
    assert (done.returncode, done.stderr) == (0, "")
    assert json.loads(done.stdout)["total"] == 1

    done = yomite("--home", str(other), "parse", str(article))  # parse reads no home
    assert (done.returncode, done.stderr) == (0, "")
    assert "東京の記事0号" in done.stdout


def test_the_home_of_the_subcommand_itself_wins(home: Path, tmp_path: Path) -> None:
    write_articles(tmp_path / "corpus", 1)
    done = yomite("--home", str(tmp_path / "a"), "index", "--home", str(tmp_path / "b"))
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "b" / "index").is_dir() and not (tmp_path / "a").exists()


@pytest.mark.parametrize(
    "argv",
    [
        ["index", "--home", "", "{corpus}"],
        ["--home", "", "index", "{corpus}"],
        ["index", "--home=", "{corpus}"],
        ["search", "--home", "", "東京"],
        ["verify", "--home", ""],
        ["--home", ""],
    ],
    ids=["index", "before-index", "index-equals", "search", "verify", "reader"],
)
def test_an_empty_home_is_refused_not_the_current_directory(
    home: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
) -> None:
    """`--home "$UNSET"`: `yomite index --home '' DIR` said "new data home /tmp/x" of
    the current directory and made its `index/` there (an empty YOMITE_HOME is taken
    as unset). A usage error, exit 2, and nothing made."""
    from tui.cli import main

    write_articles(tmp_path / "corpus", 1)
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    with pytest.raises(SystemExit) as stop:
        main([arg.format(corpus=tmp_path / "corpus") for arg in argv])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert err.endswith(
        ": error: argument --home: empty (an unset variable?): give a directory, or leave "
        "--home out for $YOMITE_HOME or the user data dir\n"
    )
    assert list(here.iterdir()) == [] and not home.exists()


@pytest.mark.parametrize(
    "argv",
    [
        ["index", "--home", "{home}", "~nouser/x"],
        ["verify", "--home", "{home}", "~nouser/x"],
        ["index", "--home", "{home}", "--forget", "~nouser/x"],
        ["--home", "~nouser"],
        ["search", "--home", "~nouser", "東京"],
        ["~nouser/x"],
    ],
)
def test_a_path_of_a_user_there_is_none_of_is_a_usage_error(
    home: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    """`'~nouser/x'` quoted (the shell leaves it so): pathlib raised RuntimeError, and
    `yomite index`, `verify` and the reader ended in a traceback (review)."""
    from tui.cli import main

    with pytest.raises(SystemExit) as stop:
        main([arg.format(home=home) for arg in argv])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert err.splitlines()[-1].endswith("no user named 'nouser'")


def test_a_yomite_home_of_a_user_there_is_none_of_is_said_in_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from tui.cli import main

    monkeypatch.setenv("YOMITE_HOME", "~nouser/yomite")
    for argv in (["search", "東京"], ["index"], ["verify"]):
        assert main(argv) == 2
        err = capsys.readouterr().err
        assert (
            err == f"yomite {argv[0]}: YOMITE_HOME: cannot expand '~nouser/yomite': no such user\n"
        )


def reader_on(
    home: Path,
    corpus: Path,
    *,
    stdin: str,
    stdout: str,
    term: str | None = None,
    environ: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Start the reader with stdin and stdout each a terminal ("pty") or not (a pipe, or
    /dev/null for stdin), TERM as given (else as it is) and `environ` added; stderr is
    captured."""
    master, slave = os.openpty()
    env = {**os.environ, **(environ or {})}
    if term is not None:
        env["TERM"] = term
    try:
        return subprocess.run(
            [sys.executable, "-m", "tui", "--home", str(home), str(corpus)],
            cwd=ROOT,
            stdin=slave if stdin == "pty" else subprocess.DEVNULL,
            stdout=slave if stdout == "pty" else subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
            env=env,
        )
    finally:
        os.close(slave)
        os.close(master)


@pytest.mark.parametrize("terminal", ["none", "stdin only", "stdout only"])
def test_the_reader_refuses_to_start_without_a_terminal(
    home: Path, seeds_dir: Path, terminal: str
) -> None:
    """`yomite > file`, `yomite | less`, `yomite < /dev/null`: one line saying what to use
    instead, exit 2, rather than a full-screen app drawing into a pipe or a file."""
    done = reader_on(
        home,
        seeds_dir,
        stdin="pty" if terminal == "stdin only" else "none",
        stdout="pty" if terminal == "stdout only" else "pipe",
    )
    assert done.returncode == 2
    assert done.stderr == (
        "yomite: the reader needs a terminal (for scripts: yomite search, yomite index)\n"
    )
    assert not done.stdout
    assert not home.exists()  # nothing was opened


@pytest.mark.parametrize("term", ["dumb", "unknown"])
def test_the_reader_refuses_a_dumb_terminal(home: Path, seeds_dir: Path, term: str) -> None:
    """Under TERM=dumb the reader drew an empty frame and kept a core busy for as long
    as it ran (review): it says what to do instead, exit 2."""
    done = reader_on(home, seeds_dir, stdin="pty", stdout="pty", term=term)
    assert done.returncode == 2
    assert done.stderr.startswith(f"yomite: TERM={term} cannot show the reader")
    assert "TERM (xterm-256color)" in done.stderr
    assert not home.exists()  # nothing was opened


@pytest.mark.parametrize("encoding", ["latin-1", "ascii"])
def test_the_reader_refuses_a_terminal_that_cannot_show_japanese(
    home: Path, seeds_dir: Path, encoding: str
) -> None:
    """A latin-1 or ascii terminal: the reader drew every title and its own frames as
    `\\u6771` escapes. It says how to get a terminal that shows Japanese, exit 2."""
    environ = {"PYTHONIOENCODING": encoding}
    done = reader_on(home, seeds_dir, stdin="pty", stdout="pty", environ=environ)
    assert done.returncode == 2
    assert done.stderr.startswith("yomite: the terminal's encoding (")
    assert "cannot show Japanese; set a UTF-8 locale (LANG=C.UTF-8)" in done.stderr
    assert "Traceback" not in done.stderr
    assert not home.exists()  # nothing was opened


@pytest.mark.parametrize("encoding", ["latin-1", "ascii"])
def test_every_command_writes_to_an_output_that_cannot_encode_japanese(
    tmp_path: Path, encoding: str
) -> None:
    """`PYTHONIOENCODING=latin-1 yomite search 東京` ended in a UnicodeEncodeError
    traceback, as did `parse` and a `verify` naming a Japanese file. The text comes out
    with `\\u6771` escapes, a line on stderr saying why and what to set; JSON comes out
    whole and valid (JSON's own escapes)."""
    corpus = tmp_path / "corpus"
    [article] = write_articles(corpus, 1)
    (corpus / "空っぽ.txt").write_bytes(b"")  # a file that fails, named in the output
    home = str(tmp_path / "home")
    env = {"PYTHONIOENCODING": encoding}
    warning = f"the output's encoding ({codecs.lookup(encoding).name}) cannot write Japanese"

    runs = {
        "index": yomite("index", "--home", home, str(corpus), env=env),
        "verify": yomite("verify", "--home", home, env=env),
        "search": yomite("search", "--home", home, "東京", env=env),
        "parse": yomite("parse", str(article), env=env),
    }
    for command, done in runs.items():
        assert "Traceback" not in done.stderr, (command, done.stderr)
        # (index: 2, as 空っぽ.txt failed; the rest is indexed)
        assert done.returncode == (2 if command == "index" else 0), (command, done.stderr)
    assert "空っぽ.txt" not in runs["verify"].stdout  # as written, it could not be
    assert "\\u7a7a\\u3063\\u307d.txt" in runs["verify"].stdout
    assert "東京の記事0号".encode("unicode_escape").decode() in runs["search"].stdout
    assert "東京の記事0号".encode("unicode_escape").decode() in runs["parse"].stdout
    for command in ("verify", "search", "parse"):
        said = [line for line in runs[command].stderr.splitlines() if warning in line]
        assert said == [
            f"yomite {command}: {warning}: it is written as \\u escapes; "
            "set a UTF-8 locale (LANG=C.UTF-8) or PYTHONIOENCODING=utf-8"
        ]

    done = yomite("search", "--home", home, "--json", "東京", env=env)
    assert (done.returncode, done.stderr) == (0, "")
    assert json.loads(done.stdout)["hits"][0]["title"] == "東京の記事0号"
    done = yomite("parse", "--json", str(article), env=env)
    assert (done.returncode, done.stderr) == (0, "")
    assert json.loads(done.stdout)["title"] == "東京の記事0号"


def test_help_and_version_need_no_terminal() -> None:
    for option, expected in (("--help", "usage: yomite"), ("--version", "yomite ")):
        done = yomite(option)
        assert (done.returncode, done.stderr) == (0, "")
        assert done.stdout.startswith(expected)


@pytest.mark.parametrize(
    ("typed", "meant", "said"),
    [
        ("serach", "search", "'serach'"),
        ("idnex", "index", "'idnex'"),
        ("serach\\", "search", "'serach\\'"),  # as typed: not 'serach\\\\' (repr)
    ],
)
def test_a_misspelt_command_is_not_opened_as_files(
    home: Path, tmp_path: Path, typed: str, meant: str, said: str
) -> None:
    """`yomite serach 東京` opened the reader over two files named serach and 東京."""
    done = yomite("--home", str(home), typed, "東京")
    assert done.returncode == 2
    assert done.stderr.splitlines()[-1] == (
        f"yomite: error: {said} is neither a command nor a file (did you mean {meant}?)"
    )
    assert not home.exists()
    # A file of that name is a path to read, as asked.
    (tmp_path / typed).write_text("記事\n", "utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "tui", "--home", str(home), typed],
        cwd=tmp_path,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "needs a terminal" in done.stderr  # got as far as opening the reader
    # A file name, missing: said as such by the reader, not taken for a command.
    done = yomite("--home", str(home), "index.txt")
    assert "neither a command" not in done.stderr and "needs a terminal" in done.stderr


@pytest.mark.parametrize("typed", ["serach", "news"])
def test_a_name_in_a_folder_that_cannot_be_searched_is_left_to_the_reader(
    home: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    typed: str,
) -> None:
    """`yomite NAME` run in a folder without search (x) permission ended in a
    PermissionError traceback (Path.exists raised it). The name may be a file there:
    it goes to the reader, which says it cannot be read, not "neither a command"."""
    from tui.cli import main

    monkeypatch.chdir(tmp_path)
    real = os.stat

    def stat(path: Any, *args: Any, **kwargs: Any) -> os.stat_result:
        if (
            not isinstance(path, int) and os.fspath(path) == typed
        ):  # a name in the current folder, as its lost x permission does
            raise PermissionError(errno.EACCES, "Permission denied", typed)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, "stat", stat)
    assert main(["--home", str(home), typed]) == 2
    assert "needs a terminal" in capsys.readouterr().err  # got as far as opening the reader


def test_a_config_errors_escape_sequence_is_said_inert_by_the_reader(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """From review: the reader printed a config error as raised, and an unknown key
    holding an OSC sequence retitled the terminal; `yomite index` said it escaped."""
    import argparse

    from tui.app import run_reader

    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text('[reader]\n"x \\u001b]0;PWN\\u0007" = 1\n', encoding="utf-8")
    code = run_reader(argparse.Namespace(home=str(home), paths=[], no_mouse=False))
    err = capsys.readouterr().err
    assert code == 2 and "unknown setting" in err and "PWN" in err
    assert "\x1b" not in err and "\x07" not in err


def test_a_config_error_is_the_users_to_fix_in_the_reader_and_in_index(home: Path) -> None:
    """A misspelt theme fell back to the default without a word, though every other
    bad setting is refused; and `yomite index` exited 1 (busy, damaged) for a bad
    config where the reader exits 2 (review)."""
    from tui.app import create_app

    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text('[reader]\ntheme = "nonexistent"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="theme 'nonexistent' is not a theme; choose auto or"):
        create_app(home, [])
    (home / "config.toml").write_text("[library]\npaths = 3\n", encoding="utf-8")
    done = yomite("index", "--home", str(home))
    assert done.returncode == 2
    assert "[library] paths must be a list of strings" in done.stderr
