"""`yomite search`: JSON shape, printed hits, exit codes."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

import index.library
from index.library import Library
from index.locations import locations
from index.model import NoHitFinds, SearchResult
from index.query import MOST_CHARACTERS, MOST_WORDS
from tui.cli import main


@pytest.fixture
def indexed_home(home: Path, seeds_dir: Path, tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    shutil.copytree(seeds_dir, corpus)
    assert main(["index", "--home", str(home), str(corpus)]) == 0
    return home


def test_json_has_exactly_the_documented_shape(
    indexed_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["search", "--home", str(indexed_home), "--json", "停戦交渉"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert set(result) == {"query", "total", "hits", "hints"}
    assert result["query"] == "停戦交渉"
    assert result["hints"] == []  # hits found: nothing to try instead
    assert result["total"] == 2
    for hit in result["hits"]:
        assert set(hit) == {
            "id",
            "path",
            "title",
            "score",
            "published",
            "site",
            "outlet",
            "snippet",
        }
        assert Path(hit["path"]).is_absolute() and Path(hit["path"]).is_file()
        assert isinstance(hit["snippet"], str) and "停戦交渉" in hit["snippet"]
    dated = {hit["id"]: hit["published"] for hit in result["hits"]}
    # As `yomite parse --json` gives it: a date alone, without a made-up midnight.
    assert dated["002_973cc3a6e6c480a0"] == "2025-02-19"


def test_json_dates_keep_their_time_zone(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A livedoor article's `2012-09-04T11:25:00+0900` lost its +09:00 in the index."""
    corpus = tmp_path / "news"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "http://news.example.jp/article/1/\n2012-09-04T11:25:00+0900\n見出し\n本文。\n", "utf-8"
    )
    assert main(["index", "--home", str(home), str(corpus)]) == 0
    capsys.readouterr()
    assert main(["search", "--home", str(home), "--json", "本文"]) == 0
    [hit] = json.loads(capsys.readouterr().out)["hits"]
    assert hit["published"] == "2012-09-04T11:25:00+09:00"


def test_limit_caps_hits_but_not_the_total(
    indexed_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["search", "--home", str(indexed_home), "--json", "--limit", "1", "停戦"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert (result["total"], len(result["hits"])) == (2, 1)


def test_printed_hits_show_title_snippet_and_path(
    indexed_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["search", "--home", str(indexed_home), "--sort", "date", "ゼレンスキー"]) == 0
    out = capsys.readouterr().out
    assert "2 hits for ゼレンスキー" in out
    # newest first: the dated seed, then the undated one
    dated = out.index("/002_973cc3a6e6c480a0.txt")
    undated = out.index("/000_e0ff7e7c06765df1.txt")
    assert dated < undated
    # the seed gives a day, not a time: no 00:00 printed as if it were one
    assert "2025-02-19  " in out and "2025-02-19 00:00" not in out


def test_a_tab_in_a_printed_title_is_one_space_as_in_the_reader(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Rich drew it to 8-cell stops counted with the rank before it: 名前, then 4 spaces.
    (tmp_path / "table.txt").write_text("名前\t年齢\t都市\n表の本文です。\n", "utf-8")
    home = str(tmp_path / "home")
    assert main(["index", "--home", home, str(tmp_path / "table.txt")]) == 0
    capsys.readouterr()
    assert main(["search", "--home", home, "本文"]) == 0
    assert "1. 名前 年齢 都市\n" in capsys.readouterr().out


def _path_apart(hit_lines: list[str]) -> tuple[list[str], str]:
    """A printed hit's lines before its path, and the path its last line prints."""
    at = min(n for n, line in enumerate(hit_lines) if line.strip().startswith("/"))
    return hit_lines[:at], "".join(line.strip() for line in hit_lines[at:])


def test_printed_hits_wrap_under_their_rank_without_trailing_spaces(
    indexed_home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "40")
    capsys.readouterr()
    assert main(["search", "--home", str(indexed_home), "停戦"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "2 hits for 停戦" and lines[1] == ""
    first_hit = lines[2 : lines.index("", 2)]
    assert first_hit[0].startswith("1. ")
    assert len(first_hit) > 4  # a title, a date, a snippet wrapped at 40 columns, a path
    hanging, printed_path = _path_apart(first_hit)
    assert all(line.startswith("   ") and line[3] != " " for line in hanging[1:])
    assert not any(line.endswith(" ") for line in lines)
    assert first_hit[-1] == printed_path  # one line, from column 0 where it is wider
    path = Path(printed_path)
    assert path.is_absolute() and path.is_file()


def test_printed_hits_fit_a_terminal_of_twenty_columns(
    indexed_home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Lines kept at least 20 cells after the indent: below 24 columns they ran past
    the terminal's edge. (The path is never cut: it copies whole.)"""
    from rich.cells import cell_len

    monkeypatch.setenv("COLUMNS", "20")
    capsys.readouterr()
    assert main(["search", "--home", str(indexed_home), "停戦"]) == 0
    lines = capsys.readouterr().out.splitlines()
    wrapped = [line for line in lines if line and not line.strip().startswith("/")]
    assert len(wrapped) > 10
    assert all(cell_len(line) <= 20 for line in wrapped), max(wrapped, key=cell_len)


def test_a_columns_of_zero_prints_the_hits_as_an_unset_one_does(
    indexed_home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """From review: `COLUMNS=0 yomite search …` printed nothing, not even its count,
    and exited 0 (a negative COLUMNS was already ignored)."""
    monkeypatch.delenv("COLUMNS", raising=False)
    capsys.readouterr()
    assert main(["search", "--home", str(indexed_home), "停戦"]) == 0
    unset = capsys.readouterr().out
    monkeypatch.setenv("COLUMNS", "0")
    assert main(["search", "--home", str(indexed_home), "停戦"]) == 0
    printed = capsys.readouterr().out
    assert printed.startswith("2 hits for 停戦") and printed == unset


def test_a_hit_without_a_snippet_prints_no_line_of_spaces(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file of one line is a title without a body: its hit has no snippet, and the
    snippet's line was printed anyway, as the indent alone."""
    corpus = tmp_path / "titles"
    corpus.mkdir()
    (corpus / "tower.txt").write_text("東京タワーの話\n", "utf-8")
    assert main(["index", "--home", str(home), str(corpus)]) == 0
    capsys.readouterr()

    assert main(["search", "--home", str(home), "東京"]) == 0

    assert capsys.readouterr().out.splitlines() == [
        "1 hit for 東京",
        "",
        "1. 東京タワーの話",
        f"   {corpus.resolve() / 'tower.txt'}",
    ]


def test_output_cut_short_by_its_reader_ends_quietly(
    indexed_home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`yomite search --json … | head`: no traceback when head stops reading."""
    import io
    import os

    read_end, write_end = os.pipe()

    class ClosedPipe(io.TextIOBase):
        def write(self, text: str) -> int:
            raise BrokenPipeError(32, "Broken pipe")

        def fileno(self) -> int:
            return write_end

    capsys.readouterr()
    try:
        monkeypatch.setattr("sys.stdout", ClosedPipe())
        assert main(["search", "--home", str(indexed_home), "--json", "停戦"]) == 141
    finally:
        os.close(read_end)
        os.close(write_end)
    assert capsys.readouterr().err == ""


OUTPUT_COMMANDS = {
    "search-json": ["search", "--home", "{home}", "--json", "停戦"],
    "search": ["search", "--home", "{home}", "停戦"],
    "verify": ["verify", "--home", "{home}"],
    "index": ["index", "--home", "{home}"],
    "parse": ["parse", "{seed}"],
}
"""The commands that write their output to stdout (`{home}`, `{seed}` filled in)."""


@pytest.mark.parametrize("buffered", [True, False], ids=["buffered", "unbuffered"])
@pytest.mark.parametrize("argv", list(OUTPUT_COMMANDS.values()), ids=list(OUTPUT_COMMANDS))
def test_a_closed_pipe_ends_the_real_command_quietly_with_141(
    indexed_home: Path, seeds_dir: Path, argv: list[str], buffered: bool
) -> None:
    """The same in a process of its own, where Python's flush at exit would complain too:
    `yomite verify | head -1` exits 141 (128 + SIGPIPE), as the shell's own tools do,
    not 1, which is verify's "inconsistent". Buffered (stdout to a pipe, the usual
    case), the whole output waited in the buffer for the flush at exit: a traceback
    there and exit 120."""
    import os
    import subprocess
    import sys

    seed = next(seeds_dir.glob("*.txt"))
    argv = [arg.format(home=indexed_home, seed=seed) for arg in argv]
    env = {key: value for key, value in os.environ.items() if key != "PYTHONUNBUFFERED"}
    if not buffered:
        env["PYTHONUNBUFFERED"] = "1"
    command = [sys.executable, "-m", "tui", *argv]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # `| head -0`: nobody reads
    err = process.stderr.read().decode()
    assert process.wait(timeout=60) == 141
    assert err == ""


FULL_DISK = Path("/dev/full")


FULL_DISK_COMMANDS = {
    **OUTPUT_COMMANDS,
    "parse-json": ["parse", "--json", "{seed}"],
    "help": ["--help"],
    "version": ["--version"],
    "search-help": ["search", "--help"],
}


@pytest.mark.skipif(not FULL_DISK.exists(), reason="no /dev/full (a disk always full)")
@pytest.mark.parametrize("buffered", [True, False], ids=["buffered", "unbuffered"])
@pytest.mark.parametrize("argv", list(FULL_DISK_COMMANDS.values()), ids=list(FULL_DISK_COMMANDS))
def test_an_output_that_cannot_be_written_is_said_in_one_line(
    indexed_home: Path, seeds_dir: Path, argv: list[str], buffered: bool
) -> None:
    """`yomite search 東京 > /dev/full` (a full disk) ended in an OSError traceback,
    exit 1 (verify's "inconsistent"), and `yomite --help > /dev/full` exited 0 with
    nothing written. One line names the command and why; exit 74 (EX_IOERR)."""
    import subprocess
    import sys

    seed = next(seeds_dir.glob("*.txt"))
    argv = [arg.format(home=indexed_home, seed=seed) for arg in argv]
    env = {key: value for key, value in os.environ.items() if key != "PYTHONUNBUFFERED"}
    if not buffered:
        env["PYTHONUNBUFFERED"] = "1"
    with FULL_DISK.open("w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "tui", *argv],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            timeout=60,
        )
    command = f"yomite {argv[0]}" if argv[0] in {"search", "verify", "index", "parse"} else "yomite"
    assert (done.returncode, done.stderr) == (
        74,
        f"{command}: cannot write output: No space left on device\n",
    )


@pytest.mark.skipif(not FULL_DISK.exists(), reason="no /dev/full (a disk always full)")
@pytest.mark.parametrize("stderr", ["full", "closed"])
def test_messages_that_cannot_be_written_do_not_stop_the_work(
    tmp_path: Path, seeds_dir: Path, stderr: str
) -> None:
    """`yomite index 2>/dev/full` into a new home stopped at its first message (that
    the home is new), exit 1: nothing indexed, no summary. What goes to stderr is said
    to a person; the work, its summary on stdout and its exit code go on without it."""
    import subprocess
    import sys

    home = tmp_path / "home"
    with FULL_DISK.open("w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "tui", "index", "--home", str(home), str(seeds_dir)],
            stdout=subprocess.PIPE,
            stderr=full if stderr == "full" else subprocess.DEVNULL,
            text=True,
            timeout=120,
            preexec_fn=(lambda: os.close(2)) if stderr == "closed" else None,  # `2>&-`
        )
    assert (done.returncode, done.stdout.split(" in ")[0]) == (
        0,
        "2 added, 0 updated, 0 removed, 0 unchanged, 0 failed",
    )
    with Library.open(locations(home), create=False) as library:
        assert library.count() == 2


CLOSED_UNDER_PYTHON = """
import os, sys
from index.commands import STDERR
os.close(2)
STDERR.write("lost\\n")  # EBADF: stderr is pointed at /dev/null
with open(sys.argv[1], "w") as kept:
    kept.write("kept\\n")
    print("said to a person", file=sys.stderr, flush=True)
"""


def test_a_stderr_closed_under_python_is_not_closed_again(tmp_path: Path) -> None:
    """When stderr's descriptor 2 was closed under Python, /dev/null opened as 2 and
    was closed again at once: the next file opened took descriptor 2, and what was said
    to stderr went into that file."""
    import subprocess
    import sys

    kept = tmp_path / "kept.txt"
    done = subprocess.run(
        [sys.executable, "-c", CLOSED_UNDER_PYTHON, str(kept)],
        stderr=subprocess.DEVNULL,
        timeout=60,
    )
    assert (done.returncode, kept.read_text()) == (0, "kept\n")


CLOSED_BEFORE_PYTHON = """
import os, sys
from index.commands import STDERR

def descriptors():
    return [fd for fd in range(1024) if os.path.exists(f"/proc/self/fd/{fd}")]

assert sys.stderr is None
STDERR.write("lost\\n")
before = descriptors()
for _ in range(100):
    STDERR.write("lost\\n")
print(len(descriptors()) - len(before))
"""


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="counts /proc/self/fd")
def test_a_stderr_closed_before_python_leaks_no_descriptor_per_message(tmp_path: Path) -> None:
    """Under `2>&-` sys.stderr is None: each message opened /dev/null to point a
    descriptor it could not name at it, and kept it open: 100 messages, 100 descriptors
    (at a ulimit of 1,024, about a thousand left no file to open)."""
    import subprocess
    import sys

    done = subprocess.run(
        ["sh", "-c", 'exec "$0" -c "$1" 2>&-', sys.executable, CLOSED_BEFORE_PYTHON],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (done.returncode, done.stdout) == (0, "0\n"), done.stderr


SAID_ON_DESCRIPTOR_2 = """
import os, sys
import index.bulk
from tui.cli import main

finish = index.bulk.BulkSegment.finish

def finish_saying(self):
    # What MeCab or Python's fatal-error handler would write, by number, as the
    # segment's files are open
    try:
        os.write(2, b"SAID-ON-2")
    except OSError:  # nothing open there: said to no one
        pass
    return finish(self)

index.bulk.BulkSegment.finish = finish_saying
sys.exit(main(["index", "--home", sys.argv[1], sys.argv[2]]))
"""


def test_a_stderr_closed_before_the_build_lets_no_file_take_its_descriptor(
    tmp_path: Path, seeds_dir: Path
) -> None:
    """Under `2>&-` descriptor 2 was free: the first file the build kept open took it,
    and what wrote to descriptor 2 by its number (MeCab, Python's fatal-error handler,
    a worker's inherited stderr) wrote into the home's files."""
    import subprocess
    import sys

    home = tmp_path / "home"
    script = 'exec "$0" -c "$1" "$2" "$3" 2>&-'
    done = subprocess.run(
        ["sh", "-c", script, sys.executable, SAID_ON_DESCRIPTOR_2, str(home), str(seeds_dir)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout
    written = [p for p in home.rglob("*") if p.is_file() and b"SAID-ON-2" in p.read_bytes()]
    assert written == []
    assert main(["verify", "--home", str(home)]) == 0


@pytest.mark.parametrize(
    "argv",
    [
        ["search", "--home", "{home}", "停戦"],
        ["verify", "--home", "{home}"],
        ["index", "--home", "{home}"],
        ["parse", "{seed}"],
    ],
    ids=["search", "verify", "index", "parse"],
)
def test_a_closed_output_is_said_in_one_line(
    indexed_home: Path, seeds_dir: Path, argv: list[str]
) -> None:
    """`yomite search 停戦 >&-` ended in "AttributeError: 'NoneType' object has no
    attribute 'flush'", exit 1, after the work was done for nothing."""
    import subprocess
    import sys

    seed = next(seeds_dir.glob("*.txt"))
    argv = [arg.format(home=indexed_home, seed=seed) for arg in argv]
    done = subprocess.run(
        [sys.executable, "-m", "tui", *argv],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        timeout=60,
        preexec_fn=lambda: os.close(1),  # `>&-`
    )
    assert (done.returncode, done.stderr) == (
        74,
        f"yomite {argv[0]}: cannot write output: standard output is closed\n",
    )


def _hit_ids(out: str) -> list[str]:
    return sorted(hit["id"] for hit in json.loads(out)["hits"])


@pytest.mark.parametrize(
    "argv",
    [
        ["--home", "{home}", "--json", "停戦", "-電撃"],
        ["--home", "{home}", "停戦", "-電撃", "--json"],
        ["-電撃", "停戦", "--home", "{home}", "--json"],
        ["--json", "-電撃", "--limit", "5", "停戦", "--home={home}", "--sort", "date"],
        ["--json", "--home", "{home}", "--", "-電撃", "停戦"],
    ],
)
def test_an_excluded_word_is_a_query_word_wherever_it_stands(
    indexed_home: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    """`yomite search 東京 -大阪`: the documented `-word` needs no quoting or `--`, and
    the options still work before, between and after the words."""
    capsys.readouterr()
    argv = [arg.format(home=indexed_home) for arg in argv]
    assert main(["search", *argv]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    assert _hit_ids(captured.out) == ["002_973cc3a6e6c480a0"]
    assert json.loads(captured.out)["query"] in ("停戦 -電撃", "-電撃 停戦")


def test_an_excluded_phrase_and_an_abbreviated_option(
    indexed_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    argv = ["search", '-"条件提示"', "停戦", "--js", "--lim", "1", "--home", str(indexed_home)]
    assert main(argv) == 0
    assert _hit_ids(capsys.readouterr().out) == ["000_e0ff7e7c06765df1"]


def test_an_option_written_with_one_dash_is_a_query_word_and_said_so(
    indexed_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`yomite search -json 停戦` printed text, having excluded the word "json" without a
    word. It still does (`-word` is the query syntax), and says so on stderr; after
    `--`, where every word is a query word on purpose, nothing is said."""
    capsys.readouterr()
    home = str(indexed_home)
    assert main(["search", "--home", home, "-json", "停戦", "-limit", "1"]) == 0
    captured = capsys.readouterr()
    said = captured.err.splitlines()
    assert said[:2] == [
        "yomite search: -json excludes the word json; the option is --json",
        "yomite search: -limit excludes the word limit; the option is --limit",
    ]
    assert said[2:] and all(line.startswith("yomite search: hint: ") for line in said[2:])
    assert captured.out.startswith("0 hits for -json 停戦 -limit 1")  # the query as typed

    assert main(["search", "--home", home, "--", "-json", "停戦"]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    assert captured.out.startswith("2 hits for -json 停戦")


def test_particles_left_out_of_the_query_are_said_on_stderr(
    indexed_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """停戦 の 交渉 searched 停戦 交渉 without a word of the の left out; 停戦 から 交渉
    found nothing (から read alone as a conjunction). Said with --json too, where stdout
    holds the JSON alone."""
    home = str(indexed_home)
    capsys.readouterr()
    assert main(["search", "--home", home, "--json", "停戦", "交渉"]) == 0
    both = capsys.readouterr()
    assert both.err == ""
    assert main(["search", "--home", home, "--json", "停戦", "の", "交渉", "から"]) == 0
    captured = capsys.readouterr()
    assert captured.err.splitlines() == [
        "yomite search: ignored の, から: particles and symbols are not searched"
    ]
    assert _hit_ids(captured.out) == _hit_ids(both.out) != []
    assert main(["search", "--home", home, "停戦", "から", "交渉"]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("2 hits for 停戦 から 交渉")
    assert captured.err == "yomite search: ignored から: particles and symbols are not searched\n"


@pytest.mark.parametrize("query", ["", "   "])
def test_an_empty_query_says_what_to_give(
    indexed_home: Path, capsys: pytest.CaptureFixture[str], query: str
) -> None:
    """`yomite search ''` said only "empty query" (review): it says what to type."""
    capsys.readouterr()
    assert main(["search", "--home", str(indexed_home), query]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("yomite search: empty query: give words to search for")
    assert "yomite search 東京" in captured.err


def test_a_query_is_named_in_its_error_as_typed(
    indexed_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """From review: `yomite search '\\'` said "nothing to search for in '\\\\'", the
    backslash doubled as Python writes it: no one typed that. An escape is still shown
    escaped, never sent to the terminal."""
    capsys.readouterr()
    assert main(["search", "--home", str(indexed_home), "\\"]) == 2
    captured = capsys.readouterr()
    assert captured.err.startswith("yomite search: nothing to search for in '\\': symbols")
    # (a control is a space: the date ends before it)
    assert main(["search", "--home", str(indexed_home), "after:\\x\x1b"]) == 2
    captured = capsys.readouterr()
    assert captured.err.startswith("yomite search: bad date '\\x' for after:")
    assert "\x1b" not in captured.err


def test_parentheses_that_would_group_words_are_refused(
    indexed_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`(東京 映画) OR 大阪` was searched as 東京 AND (映画 OR 大阪), without a word."""
    capsys.readouterr()
    assert main(["search", "--home", str(indexed_home), "(東京 記事) OR 大阪"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        "yomite search: parentheses do not group words ('(東京', '記事)'): "
        "OR joins the one word on each side of it; write the query without them\n"
    )


def test_parentheses_around_what_or_joins_are_searched(
    indexed_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`東京 (映画 OR 大阪)` is what `東京 映画 OR 大阪` finds (319 of ldcc): it exited 2."""
    capsys.readouterr()
    home = str(indexed_home)
    assert main(["search", "--home", home, "--json", "トランプ 停戦 OR 東京"]) == 0
    without = capsys.readouterr()
    assert main(["search", "--home", home, "--json", "トランプ （停戦 OR 東京）"]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    assert _hit_ids(captured.out) == _hit_ids(without.out) != []
    assert main(["search", "--home", home, "(停戦 OR 東京) トランプ"]) == 0
    assert capsys.readouterr().out.startswith("2 hits for (停戦 OR 東京) トランプ")


@pytest.mark.parametrize("query", ["( 停戦 OR 東京 ) トランプ", "（ 停戦 OR 東京 ） トランプ"])
def test_parentheses_standing_alone_around_what_or_joins_are_not_said_ignored(
    indexed_home: Path, capsys: pytest.CaptureFixture[str], query: str
) -> None:
    """They are the grouping searched: it said "ignored (, ): particles and symbols are
    not searched" (( 映画 OR 大阪 ): 1,444 hits of ldcc, as (映画 OR 大阪) has)."""
    capsys.readouterr()
    assert main(["search", "--home", str(indexed_home), query]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    assert captured.out.startswith(f"2 hits for {query}")


def test_a_not_with_nothing_to_leave_out_is_said_ignored_whole(
    indexed_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """停戦 NOT 『『 listed 停戦's hits and said "ignored 『『", as if only a word were
    dropped: the NOT went with it."""
    capsys.readouterr()
    assert main(["search", "--home", str(indexed_home), "停戦 NOT 『『"]) == 0
    captured = capsys.readouterr()
    assert (
        captured.err == "yomite search: ignored NOT 『『: particles and symbols are not searched\n"
    )


def test_no_hits_prints_what_to_try_after_0_hits_as_the_reader_does(
    indexed_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """It printed "0 hits for …" and nothing else, where the reader's list says what to
    try: the hints follow, on stderr as the command's other notes, a line each."""
    from tui.notices import no_hits

    capsys.readouterr()
    home = str(indexed_home)
    assert main(["search", "--home", home, "朝顔", "site:example.com"]) == 0
    captured = capsys.readouterr()
    assert captured.out == "0 hits for 朝顔 site:example.com\n"  # stdout: the hits alone
    hints = captured.err.splitlines()
    assert hints == [
        "yomite search: hint: Filters such as site:, person: or after: narrow it: try without them."
    ]  # (not a reading: あさがお site:example.com finds nothing either)
    # The reader's words, but for the keys it has to pick a filter with.
    assert "try without them, or pick one" in no_hits("朝顔 site:example.com").plain
    assert main(["search", "--home", home, "停船"]) == 0  # ていせん finds 停戦
    (reading,) = capsys.readouterr().err.splitlines()
    assert reading == (
        "yomite search: hint: A reading in hiragana finds words written in kanji "
        "(とうきょう: 東京)."
    )
    assert reading.removeprefix("yomite search: hint: ") in no_hits("停船").plain

    url = "https://news.livedoor.com/article/detail/4525942/"
    assert main(["search", "--home", home, url]) == 0
    assert capsys.readouterr().err.splitlines() == [
        "yomite search: hint: Articles are not found by their URL or site: site:news.livedoor.com "
        "lists the articles from its site or citing it in a source card."
    ]
    assert main(["search", "--home", home, "停戦"]) == 0  # hits: no hint
    assert capsys.readouterr().err == ""


def test_romaji_that_finds_nothing_is_told_to_be_typed_in_kana(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """From review: `yomite search toukyou` said 0 hits and nothing else (`hints: []` in
    --json): romaji is searched as Latin letters. It says the kana to type, as the
    reader's empty list does; not for an English word the index holds."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "東京の新名所\n\n東京スカイツリーが開業した。Tokyo news の話題。\n", encoding="utf-8"
    )
    assert main(["index", "--home", str(home), str(corpus)]) == 0
    capsys.readouterr()
    assert main(["search", "--home", str(home), "toukyou"]) == 0
    captured = capsys.readouterr()
    assert captured.out == "0 hits for toukyou\n"
    hint = "Romaji is not read as Japanese: type kana (とうきょう)."
    assert captured.err == f"yomite search: hint: {hint}\n"
    assert main(["search", "--home", str(home), "--json", "sukaitsurii"]) == 0
    assert json.loads(capsys.readouterr().out)["hints"] == [
        "Romaji is not read as Japanese: type kana (スカイツリー)."
    ]
    from tui.notices import no_hits

    assert hint in no_hits("toukyou", finds=NoHitFinds(romaji="とうきょう")).plain
    assert main(["search", "--home", str(home), "--json", "news kaigyou"]) == 0
    assert json.loads(capsys.readouterr().out)["hints"] == [
        "Every word must appear (a space means AND): try fewer, or OR between them."
    ]


def test_a_host_typed_as_a_word_is_told_its_site_filter_after_its_hits(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`news.livedoor.com` found the 41 articles of ldcc that write it out, and nothing
    said `site:news.livedoor.com` (7,367): on stderr after the hits, and in --json."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "http://news.livedoor.com/article/detail/1/\n2012-01-01T00:00:00+0900\n東京の話\n"
        "news.livedoor.comで読んだ東京の話。\n",
        encoding="utf-8",
    )
    assert main(["index", "--home", str(home), str(corpus)]) == 0
    capsys.readouterr()
    assert main(["search", "--home", str(home), "news.livedoor.com"]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("1 hit for news.livedoor.com")
    said = "site:news.livedoor.com lists the articles from its site"
    assert said in captured.err
    assert main(["search", "--home", str(home), "--json", "news.livedoor.com"]) == 0
    [hint] = json.loads(capsys.readouterr().out)["hints"]
    assert said in hint
    assert main(["search", "--home", str(home), "site:news.livedoor.com"]) == 0
    assert capsys.readouterr().err == ""


def test_an_operator_not_in_capitals_is_hinted_after_few_hits_or_none(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`映画 or 大阪` (0 hits of ldcc) was told "Every word must appear (a space means AND):
    try fewer, or OR between them", and `東京 or 大阪` (2) nothing: or, in lower case, is
    a word to find. Both say that operators are written in capitals."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "東京と大阪の旅\n\n東京 and 大阪 の旅の記録。東京から大阪まで新幹線で移動した。\n",
        encoding="utf-8",
    )
    assert main(["index", "--home", str(home), str(corpus)]) == 0
    capsys.readouterr()
    assert main(["search", "--home", str(home), "東京 or 大阪"]) == 0
    captured = capsys.readouterr()
    assert captured.out == "0 hits for 東京 or 大阪\n"
    assert captured.err == (
        "yomite search: hint: Operators are written in capitals: 'or' was searched as a "
        "word (for the operator: 東京 OR 大阪).\n"
    )
    # the reader's empty list says it too
    from tui.notices import no_hits

    said = captured.err.removeprefix("yomite search: hint: ").strip()
    assert said in no_hits("東京 or 大阪").plain
    assert "Every word must appear" not in no_hits("東京 or 大阪").plain
    assert main(["search", "--home", str(home), "東京 and 大阪"]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("1 hit for 東京 and 大阪")
    assert captured.err == (
        "yomite search: hint: Operators are written in capitals: 'and' was searched as a "
        "word (for the operator: 東京 AND 大阪).\n"
    )
    assert main(["search", "--home", str(home), "--json", "東京 and 大阪"]) == 0
    assert json.loads(capsys.readouterr().out)["hints"] == [
        "Operators are written in capitals: 'and' was searched as a word "
        "(for the operator: 東京 AND 大阪)."
    ]


def test_a_site_filter_given_a_pasted_url_finds_its_sites_articles(
    indexed_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`site:` given a URL as the reader's `y` copies it found nothing (0 hits, and a
    hint to try without filters): it takes the URL's host."""
    home = str(indexed_home)
    capsys.readouterr()
    assert main(["search", "--home", home, "--json", "site:cnn.co.jp"]) == 0
    by_host = json.loads(capsys.readouterr().out)
    assert by_host["total"] == 1
    url = "site:https://www.cnn.co.jp/world/35229533.html"
    assert main(["search", "--home", home, "--json", url]) == 0
    by_url = json.loads(capsys.readouterr().out)
    assert [hit["id"] for hit in by_url["hits"]] == [hit["id"] for hit in by_host["hits"]]
    assert by_url["hints"] == []
    # A value that names no host is refused with what site: takes, not 0 hits
    assert main(["search", "--home", home, "site:https://"]) == 2
    assert "site:https:// names no site: site: takes a host" in capsys.readouterr().err


def test_json_of_no_hits_holds_the_hints(
    indexed_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["search", "--home", str(indexed_home), "--json", "停戦 軍備縮小 朝顔"]) == 0
    captured = capsys.readouterr()
    result = json.loads(captured.out)
    assert (result["total"], result["hits"]) == (0, [])
    assert result["hints"] == [
        "Every word must appear (a space means AND): try fewer, or OR between them."
    ]
    assert captured.err == ""  # in the JSON, not said again
    assert main(["search", "--home", str(indexed_home), "--json", "停戦 停船"]) == 0
    assert json.loads(capsys.readouterr().out)["hints"] == [
        "Every word must appear (a space means AND): try fewer, or OR between them.",
        "A reading in hiragana finds words written in kanji (とうきょう: 東京).",
    ]


def test_a_read_only_home_is_said_as_every_message_is(
    indexed_home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The read-only notice lacked the `yomite search:` every other message has."""
    # Root writes anywhere: the write probe fails as on a read-only mount.
    monkeypatch.setattr(index.library, "probe_writable", lambda directory: False)
    capsys.readouterr()
    for command in (["search", "停戦"], ["verify"]):
        main([command[0], "--home", str(indexed_home), *command[1:]])
        assert capsys.readouterr().err.splitlines() == [
            f"yomite {command[0]}: data home {indexed_home} is read-only: opened read-only"
        ]


def test_only_excluded_words_are_still_a_query(
    indexed_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Not "QUERY is required": the query is there, and says what it lacks."""
    capsys.readouterr()
    assert main(["search", "--home", str(indexed_home), "-電撃"]) == 2
    assert capsys.readouterr().err.splitlines() == [
        "yomite search: a query needs something to find, not only words to exclude"
    ]


def test_help_and_unknown_options_are_still_options(
    indexed_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as help_exit:
        main(["search", "停戦", "-電撃", "-h"])
    assert help_exit.value.code == 0
    assert capsys.readouterr().out.startswith("usage: yomite search")

    with pytest.raises(SystemExit) as bad_exit:
        main(["search", "--home", str(indexed_home), "停戦", "--bogus", "-電撃"])
    assert bad_exit.value.code == 2
    err = capsys.readouterr().err
    assert "unrecognized arguments: --bogus" in err
    assert "-電撃" not in err.splitlines()[-1]

    with pytest.raises(SystemExit) as no_query:
        main(["search", "--home", str(indexed_home), "--json"])
    assert no_query.value.code == 2
    assert "QUERY" in capsys.readouterr().err


def test_bad_query_exits_2_with_one_line(
    indexed_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["search", "--home", str(indexed_home), "停戦 OR"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.strip().splitlines() == ["yomite search: OR needs a word on each side"]


def test_a_day_that_does_not_exist_is_said_so_as_the_reader_says_it(
    indexed_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """after:2012-02-30 said "(use YYYY-MM-DD, YYYY-MM or YYYY)", of the right form."""
    capsys.readouterr()
    assert main(["search", "--home", str(indexed_home), "停戦 after:2012-02-30"]) == 2
    assert capsys.readouterr().err.strip().splitlines() == [
        "yomite search: bad date '2012-02-30' for after: February 2012 has 29 days"
    ]
    assert main(["search", "--home", str(indexed_home), "停戦 before:2030/01"]) == 0


@pytest.mark.parametrize(
    ("written", "dashed"),
    [
        ("停戦 after:2025年2月", "停戦 after:2025-02"),
        ("停戦 after:２０２５年２月１９日", "停戦 after:2025-02-19"),
        ("停戦 before:2025年2月19日", "停戦 before:2025-02-19"),
        ("停戦 after：2025年", "停戦 after:2025"),
    ],
)
def test_a_date_written_as_japanese_writes_it_is_the_same_date(
    indexed_home: Path, capsys: pytest.CaptureFixture[str], written: str, dashed: str
) -> None:
    """From review: `yomite search 'after:2012年3月 サッカー'` said "bad date '2012年3月'
    for after: (use YYYY-MM-DD, YYYY-MM or YYYY)", where ２０１２-０３ and 2012/3 were
    taken."""
    found = []
    for query in (written, dashed):
        capsys.readouterr()
        assert main(["search", "--home", str(indexed_home), "--json", query]) == 0, query
        found.append([hit["id"] for hit in json.loads(capsys.readouterr().out)["hits"]])
    assert found[0] == found[1]


@pytest.mark.parametrize(
    ("query", "shown"),
    [
        ("title:zzqq\x1b]0;pwned\x07", "title:zzqq\\x1b]0;pwned\\x07"),
        ("zzqq\x1b[2J", "zzqq\\x1b[2J"),
        ("東京\u202e", "東京\\u202e"),
        ("東京\n大阪", "東京\\x0a大阪"),
    ],
)
def test_the_query_is_echoed_escaped(
    indexed_home: Path, capsys: pytest.CaptureFixture[str], query: str, shown: str
) -> None:
    """`N hits for QUERY` wrote the query as it was: ESC ] 0 … BEL set the terminal's
    title, ESC [ 2J cleared it, U+202E reversed the line."""
    capsys.readouterr()
    assert main(["search", "--home", str(indexed_home), query]) == 0
    out = capsys.readouterr().out
    assert out == f"0 hits for {shown}\n"


def test_a_query_of_control_characters_alone_exits_2_saying_so(
    indexed_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """From review: `yomite search $'\\e[31m'` searched the control as a word (0 hits,
    then "put spaces between them … (31 m)" and "looks unfinished"). Controls are
    spaces, a colour sequence too: nothing is left to search, and the query is named
    as typed, escaped. Between words, a control is the space it stands for."""
    capsys.readouterr()
    for json_option in ([], ["--json"]):
        assert main(["search", "--home", str(indexed_home), *json_option, "\x1b[31m"]) == 2
        captured = capsys.readouterr()
        assert captured.out == ""
        assert captured.err == (
            "yomite search: nothing to search for in '\\x1b[31m': "
            "control characters are read as spaces\n"
        )
    totals = []
    for query in ("停戦\x07交渉", "停戦 交渉", "\x1b[1m停戦\x1b[0m 交渉"):
        assert main(["search", "--home", str(indexed_home), "--json", query]) == 0
        totals.append(json.loads(capsys.readouterr().out)["total"])
    assert totals[0] == totals[1] == totals[2] > 0


def test_a_query_byte_that_is_not_utf8_exits_2_with_one_line(
    indexed_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`yomite search $'東京\\xff'` (a lone surrogate in Python) was a traceback from
    MeCab (UnicodeEncodeError)."""
    capsys.readouterr()
    query = os.fsdecode("東京".encode() + b"\xff")
    for json_option in ([], ["--json"]):
        assert main(["search", "--home", str(indexed_home), *json_option, query]) == 2
        captured = capsys.readouterr()
        assert captured.out == ""
        assert captured.err == ("yomite search: the query holds a byte that is not UTF-8 (\\xff)\n")


def test_a_word_repeated_a_thousand_times_is_searched_once(
    indexed_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`停戦 停戦 …` a thousand times was an AND a thousand deep: RecursionError. It is
    the query `停戦`: the same hits, scores and marks."""
    capsys.readouterr()
    results = []
    for words in (["停戦交渉"], ["停戦交渉"] * 1000):
        assert main(["search", "--home", str(indexed_home), "--json", *words]) == 0
        result = json.loads(capsys.readouterr().out)
        del result["query"]
        results.append(result)
    once, repeated = results
    assert once["total"] == 2
    assert repeated == once


def test_a_query_of_too_many_words_exits_2_with_one_line(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An AND of ~1,000 different words was a RecursionError too: a query holds at most
    MOST_WORDS, and that many are searched (the article holding them all found)."""
    corpus = tmp_path / "words"
    corpus.mkdir()
    words = [f"w{number}" for number in range(MOST_WORDS + 1)]
    (corpus / "many.txt").write_text("多くの語\n" + " ".join(words) + "\n", "utf-8")
    assert main(["index", "--home", str(home), str(corpus)]) == 0
    capsys.readouterr()
    assert main(["search", "--home", str(home), "--json", *words[:MOST_WORDS]]) == 0
    assert json.loads(capsys.readouterr().out)["total"] == 1
    assert main(["search", "--home", str(home), *words]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        f"yomite search: query too long: {MOST_WORDS + 1} words; at most {MOST_WORDS}\n"
    )


def test_an_unspaced_query_too_long_exits_2_with_one_line(
    indexed_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The 200 words are counted by spaces: 東京 pasted 10,000 times was one word, and a
    RecursionError traceback. A query holds at most MOST_CHARACTERS, and that many are
    searched."""
    capsys.readouterr()
    assert main(["search", "--home", str(indexed_home), "東京" * 10_000]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        f"yomite search: query too long: 20,000 characters; at most {MOST_CHARACTERS:,}\n"
    )
    assert main(["search", "--home", str(indexed_home), "東京" * (MOST_CHARACTERS // 2)]) == 0
    assert capsys.readouterr().out.startswith("0 hits")


@pytest.mark.parametrize("as_json", [False, True])
def test_a_home_without_an_index_exits_1_rather_than_finding_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], as_json: bool
) -> None:
    home = tmp_path / "never-indexed"
    assert main(["search", "--home", str(home), *(["--json"] if as_json else []), "東京"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""  # no "0 hits", no JSON a script would take for an answer
    assert captured.err.startswith("yomite search: no index in")
    # The command to run names this home (`yomite index` alone built the default one).
    assert f"run `yomite index --home {home}`" in captured.err
    assert not home.exists()  # searching creates nothing


def test_unknown_field_exits_2(indexed_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["search", "--home", str(indexed_home), "--json", "author:x"]) == 2
    assert "unknown field 'author:'" in capsys.readouterr().err


def test_json_escapes_unprintable_characters_but_keeps_the_data() -> None:
    from index.commands.search import terminal_safe

    raw = json.dumps({"path": "/a/\x1b]0;PWN\x07\u009b\u202e.txt", "title": "東京\u3000都"})
    safe = terminal_safe(json.dumps(json.loads(raw), ensure_ascii=False))
    assert json.loads(safe) == json.loads(raw)
    assert not any(char in safe for char in "\x1b\x07\u009b\u202e")
    assert '"title": "東京\u3000都"' in safe  # a space, shown as it is


@pytest.mark.parametrize(
    ("at_least", "said"), [(True, "at least 2 hits for 停戦"), (False, "about 2 hits for 停戦")]
)
def test_a_total_not_counted_in_full_is_said_as_the_reader_says_it(
    indexed_home: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    at_least: bool,
    said: str,
) -> None:
    """A total counted with a prefix standing for its most frequent words only is a
    lower bound, which the reader shows as `2+`: the command said "about 2" all the
    same, as for an estimate either way (the reader's `≈2`)."""
    import dataclasses

    search = Library.search

    def capped(library: Library, query: str, **options: Any) -> SearchResult:
        result = search(library, query, **options)
        return dataclasses.replace(result, exact_total=False, total_at_least=at_least)

    monkeypatch.setattr(Library, "search", capped)
    capsys.readouterr()
    assert main(["search", "--home", str(indexed_home), "停戦"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == said
    # none found is no count to say at least or about (the reader said "Hits 0+")
    assert main(["search", "--home", str(indexed_home), "停戦 zzqq"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "0 hits for 停戦 zzqq"


def _printed_lines(text: str, width: int) -> list[str]:
    """The lines `yomite search` prints `text` in (a hit's title or snippet) where
    `width` cells are left after the rank, without the indent."""
    import io

    from rich.console import Console
    from rich.text import Text

    from index.commands.search import _print_hanging
    from index.typeset import Typesetting

    printed = io.StringIO()
    out = Console(file=printed, width=width + 3, force_terminal=True, color_system=None)
    _print_hanging(out, "1. ", "   ", Text(text), Typesetting())
    lines = printed.getvalue().splitlines()
    assert lines[0].startswith("1. ") and all(line.startswith("   ") for line in lines[1:])
    return [line[3:] for line in lines]


def test_japanese_hits_wrap_to_fill_their_lines_and_keep_latin_words_whole() -> None:
    # Rich wraps at spaces only: a title holding one space broke there, leaving a
    # short first line (NTTドコモ、「docomo | Wi-Fi」…), and split I DOL J@M apart.
    from rich.cells import cell_len

    title = "NTTドコモ、「docomo Wi-Fi」のサービスエリアを拡大！ローソンなど計2,665ヶ所で"
    lines = _printed_lines(title, 30)
    assert lines[0] == "NTTドコモ、「docomo Wi-Fi」の"
    assert "".join(lines) == title  # nothing lost at the breaks
    assert all(cell_len(line) <= 30 for line in lines)
    # Filled, not cut at a space: at a phrase's start that fills two thirds of the line
    assert lines[1] == "サービスエリアを拡大！" and all(cell_len(line) >= 20 for line in lines[:-1])
    assert not any(line[0] in "、。」！" for line in lines)  # no closing mark starts a line
    assert "2,665" in "".join(lines) and not any(line.endswith("2,") for line in lines)
    # No line ends with an opening mark.
    title = "東京新名所誕生！「東京スカイツリー周辺散策ガイド（Getting around TokyoSkytree）」"
    for width in (26, 28, 50):
        lines = _printed_lines(title, width)
        assert "".join(lines).replace(" ", "") == title.replace(" ", "")  # broken at a space
        assert all(cell_len(line) <= width for line in lines)
        assert not any(line.endswith(("（", "「")) for line in lines)
    # A katakana word is split between its words only (スカイ|ツリー, as the reader
    # breaks it to fill a line), never inside one (東京スカイツ|リー).
    assert _printed_lines("本日、東京スカイツリーもクリスマス", 20) == [
        "本日、東京スカイ",
        "ツリーもクリスマス",
    ]
    # A word is not split where a phrase or a word starts near enough (review: a line
    # ended 快 and the next began 適ドライブ, and 自宅で | はスピーカ).
    assert _printed_lines("自宅ではスピーカを繋げて使っている人もいるだろう。", 12) == [
        "自宅では",
        "スピーカを",
        "繋げて使って",
        "いる人も",
        "いるだろう。",
    ]
    title = "スマホで探してカーナビに転送！ iPhone連動アプリを使って快適ドライブ！"
    lines = _printed_lines(title, 56)
    assert lines == ["スマホで探してカーナビに転送！ iPhone連動アプリを使って", "快適ドライブ！"]


# Titles and snippets yomite search broke elsewhere than the reader, each at one or
# more of 14, 22 and 30 cells (review): its own breaker opened a line with ・
# (ウォロディミル / ・ゼレンスキー) and with a particle (次は2,665か所 / になる予定です。).
_READER_CASES = [
    (
        "ウォロディミル・ゼレンスキー大統領は々の会談で「和平交渉」について語った。",
        "日本代表は27日、ワールドカップ予選でオーストラリアと対戦し、1対1で引き分けた。",
        "ワールドカップ",
    ),
    (
        "東京スカイツリーの展望台から見た景色は、まさに絶景‼と言えるほどだった。",
        "NTTドコモ、「docomo Wi-Fi」のサービスエリアを拡大……。次は2,665か所になる予定です。",
        "サービスエリア",
    ),
]


@pytest.mark.parametrize("columns", [17, 25, 33])
def test_printed_hits_break_lines_where_the_reader_does(
    home: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    columns: int,
) -> None:
    """A hit's title and snippet are broken into the lines the reading view sets them
    in at that width (the terminal's less the rank's indent), matches highlighted."""
    from rich.text import Text

    from index.typeset import typeset  # the reader's (tui.typeset's TypesetText)

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for number, (title, body, _) in enumerate(_READER_CASES):
        (corpus / f"{number}.txt").write_text(f"{title}\n{body}\n", "utf-8")
    assert main(["index", "--home", str(home), str(corpus)]) == 0
    monkeypatch.setenv("COLUMNS", str(columns))
    width = columns - len("1. ")
    for title, body, query in _READER_CASES:
        capsys.readouterr()
        assert main(["search", "--home", str(home), "--json", query]) == 0
        [hit] = json.loads(capsys.readouterr().out)["hits"]
        assert (hit["title"], hit["snippet"]) == (title, body)

        assert main(["search", "--home", str(home), query]) == 0
        lines = capsys.readouterr().out.splitlines()
        first = next(at for at, line in enumerate(lines) if line.startswith("1. "))
        shown, path = _path_apart(lines[first:])
        assert path == hit["path"]
        printed = [line[len("1. ") :] for line in shown]
        reader = [line.plain for text in (title, body) for line in typeset(Text(text), width)]
        assert printed == reader


def test_a_match_broken_across_two_lines_is_highlighted_on_both() -> None:
    import io

    from rich.console import Console
    from rich.text import Text

    from index.commands.search import _print_hanging
    from index.typeset import Typesetting

    snippet = Text("トランプ氏とプーチン氏がウクライナ停戦交渉を協議。")
    match = snippet.plain.index("停戦交渉")
    snippet.stylize("bold reverse", match, match + len("停戦交渉"))
    printed = io.StringIO()
    out = Console(file=printed, width=19, force_terminal=True, color_system="standard")
    _print_hanging(out, "1. ", "   ", snippet, Typesetting())
    assert printed.getvalue().splitlines() == [
        "1. トランプ氏と",
        "   プーチン氏が",
        "   ウクライナ\x1b[1;7m停戦\x1b[0m",
        "   \x1b[1;7m交渉\x1b[0mを協議。",
    ]


def test_a_snippet_indented_before_a_long_word_prints_no_blank_line() -> None:
    """The reader gives the indentation before a word longer than the line a line of
    its own; printed, it was a blank line, which separates hits."""
    import io

    from rich.console import Console
    from rich.text import Text

    from index.commands.search import _print_hanging
    from index.typeset import Typesetting

    printed = io.StringIO()
    out = Console(file=printed, width=15, force_terminal=True, color_system=None)
    _print_hanging(
        out, "   ", "   ", Text("\u3000\u3000supercalifragilisticexpialidocious"), Typesetting()
    )
    assert printed.getvalue().splitlines() == [
        "   supercalifra",
        "   gilisticexpi",
        "   alidocious",
    ]


def test_printed_hits_into_a_pipe_are_not_wrapped(
    indexed_home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Without a terminal or COLUMNS the width is a guess: each line whole, for grep.
    monkeypatch.delenv("COLUMNS", raising=False)
    capsys.readouterr()
    assert main(["search", "--home", str(indexed_home), "停戦"]) == 0
    lines = capsys.readouterr().out.splitlines()
    first_hit = lines[2 : lines.index("", 2)]
    assert len(first_hit) == 4  # the title, the date and outlets, the snippet, the path
    assert max(len(line) for line in first_hit) > 80


def test_the_count_line_of_a_long_query_is_one_line_in_a_pipe_and_wrapped_as_the_reader_wraps(
    indexed_home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """From review: the `N hits for QUERY` line was wrapped at 80 columns into a pipe or
    a file (the query cut mid-word, 到達し / た時, and a trailing space left), where each
    line is printed whole; on a terminal it is wrapped as the hits' lines are."""
    from rich.text import Text

    from index.typeset import typeset

    query = "停戦 " + "世界一の高さ634メートルに到達した時の東京スカイツリーの姿を見上げる人々" * 2
    monkeypatch.delenv("COLUMNS", raising=False)
    capsys.readouterr()
    assert main(["search", "--home", str(indexed_home), query]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"0 hits for {query}"

    monkeypatch.setenv("COLUMNS", "40")
    assert main(["search", "--home", str(indexed_home), query]) == 0
    lines = capsys.readouterr().out.splitlines()
    header = lines[: lines.index("")] if "" in lines else lines
    expected = [line.plain.rstrip() for line in typeset(Text(f"0 hits for {query}"), 40)]
    assert header == expected and len(header) > 1
    assert all(line == line.rstrip() for line in header)


@pytest.mark.parametrize(
    "setting", ["ambiguous_width = 2", "phrase_breaking = false"], ids=["wide", "unphrased"]
)
def test_printed_hits_follow_the_readers_settings(
    home: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    setting: str,
) -> None:
    """`[reader] ambiguous_width` and `phrase_breaking` set a hit's lines as they set
    the reading view's: with ambiguous characters two cells wide, lines measured with
    them one cell ran a cell or more past the terminal's edge."""
    from rich.text import Text

    from index.config import load_config
    from index.locations import locations
    from index.typeset import Typesetting, typeset  # the reader's (as above)

    title = "①東京→②大阪→③名古屋……新幹線で巡る「○○の旅」※要予約、特急券は別途必要です。"
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "trip.txt").write_text(f"{title}\n本文は短い。\n", "utf-8")
    assert main(["index", "--home", str(home), str(corpus)]) == 0
    (home / "config.toml").write_text(f"[reader]\n{setting}\n", encoding="utf-8")
    monkeypatch.setenv("COLUMNS", "25")
    capsys.readouterr()
    assert main(["search", "--home", str(home), "新幹線"]) == 0
    lines = capsys.readouterr().out.splitlines()
    first = next(at for at, line in enumerate(lines) if line.startswith("1. "))
    printed = [line[len("1. ") :] for line in _path_apart(lines[first:])[0]]

    settings = Typesetting.from_config(load_config(locations(str(home))).reader)
    reader = [line.plain for line in typeset(Text(title), 22, settings)]
    assert reader != [line.plain for line in typeset(Text(title), 22)]  # the setting tells
    assert printed == [*reader, "本文は短い。"]


def test_no_hits_hints_leave_out_the_particles_the_search_left_out(
    indexed_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """From review: `朝顔 から` found nothing and was told that every word must appear,
    to try fewer: the から it had left out (and said so) was counted a word."""
    from tui.notices import no_hits

    capsys.readouterr()
    assert main(["search", "--home", str(indexed_home), "朝顔", "から"]) == 0
    said = capsys.readouterr().err.splitlines()
    assert said == ["yomite search: ignored から: particles and symbols are not searched"]
    notice = no_hits("朝顔 から", ignored=("から",)).plain
    assert "Every word must appear" not in notice and "A reading in hiragana" in notice


def test_the_reading_hint_is_given_only_where_a_reading_finds_something(
    indexed_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """From review: over the seeds, `東京` found nothing and was told to try a reading in
    hiragana (とうきょう: 東京), which finds nothing either: the query was the kanji. The
    hint is given where the words typed as read find something (停船: ていせん finds
    停戦), and where their reading is not known (東亰: 亰 has none in UniDic)."""
    from tui.notices import no_hits

    home = str(indexed_home)
    capsys.readouterr()
    for query, hinted in (("東京", False), ("朝顔", False), ("停船", True), ("東亰", True)):
        assert main(["search", "--home", home, "--json", query]) == 0
        result = json.loads(capsys.readouterr().out)
        assert result["total"] == 0
        reading = "A reading in hiragana finds words written in kanji (とうきょう: 東京)."
        assert (reading in result["hints"]) is hinted, query
    # the reader says what the command says (NoHitFinds.readings)
    with Library.open(locations(home)) as library:
        for query, hinted in (("東京", False), ("停船", True)):
            found = library.search(query)
            finds = library.no_hit_finds(query)
            assert finds is not None
            notice = no_hits(query, ignored=found.ignored, finds=finds).plain
            assert ("A reading in hiragana" in notice) is hinted, query


def test_the_spaces_hint_is_for_words_run_together_that_stand_apart(
    indexed_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """From review: "put spaces between them" followed any word of four characters or
    more holding a kanji that found nothing: 新しく足した (kana and kanji, a verb with its
    okurigana), 停戦朝顔 (朝顔 is in no article, apart or not). Only words run together
    that stand apart in the index are told so, with their own words as the example."""
    home = str(indexed_home)
    capsys.readouterr()
    for query in ("新しく足した", "停戦朝顔"):
        assert main(["search", "--home", home, "--json", query]) == 0
        result = json.loads(capsys.readouterr().out)
        assert result["total"] == 0
        assert not any("put spaces" in hint for hint in result["hints"]), query
    assert main(["search", "--home", home, "--json", "停戦和平"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["total"] == 0
    assert result["hints"][0] == (
        "Words typed together must stand together: put spaces between them "
        "to find them apart (停戦 和平)."
    )
    assert main(["search", "--home", home, "--json", "停戦 和平"]) == 0
    assert json.loads(capsys.readouterr().out)["total"] > 0  # as the hint says


def test_a_markdown_task_lists_boxes_are_no_words_in_hits(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """From review: a Markdown task list's `[x]` was indexed (`yomite search x` found the
    note) and its snippet read `・[x] 原稿を送る`: the box is ☑, and no word."""
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "tasks.md").write_text(
        "# 作業\n\n- [ ] 牛乳を買う\n- [x] 原稿を送る\n", encoding="utf-8"
    )
    assert main(["index", "--home", str(home), str(notes)]) == 0
    capsys.readouterr()
    assert main(["search", "--home", str(home), "--json", "原稿"]) == 0
    [hit] = json.loads(capsys.readouterr().out)["hits"]
    assert "☑ 原稿を送る" in hit["snippet"] and "[x]" not in hit["snippet"]
    assert main(["search", "--home", str(home), "--json", "x"]) == 0
    assert json.loads(capsys.readouterr().out)["total"] == 0


def test_a_narrow_terminal_breaks_the_count_line_between_the_querys_words(
    indexed_home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """From review, at 40 columns: `1,111 hits for 東京 OR ぜん` / `だいとうりょう`, a word
    of the query broken in two. A word that fits a line is kept whole; into a pipe the
    line is whole, as before."""
    query = "停戦 OR ぜんだいとうりょうのこうしょう"
    monkeypatch.setenv("COLUMNS", "40")
    capsys.readouterr()
    main(["search", "--home", str(indexed_home), query])
    lines = capsys.readouterr().out.splitlines()
    header = lines[: lines.index("")] if "" in lines else lines
    assert len(header) == 2, header
    assert header[0].endswith("停戦 OR") and header[1] == "ぜんだいとうりょうのこうしょう"
    monkeypatch.delenv("COLUMNS")
    main(["search", "--home", str(indexed_home), query])
    assert capsys.readouterr().out.splitlines()[0].endswith(f"for {query}")


@pytest.mark.parametrize("query", ['停戦 OR outlet:"IT Life Hack"', '停戦 OR "大統領 の交渉"'])
def test_a_narrow_terminal_keeps_a_quoted_value_of_the_query_whole(
    indexed_home: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    query: str,
) -> None:
    """From review, at 30 columns: `19 hits for outlet:"Sports` / `Watch" 東京 五輪`, a
    filter's quoted value broken at its space. A quoted value or phrase is one word of
    the query: kept whole on the next line."""
    monkeypatch.setenv("COLUMNS", "30")
    capsys.readouterr()
    main(["search", "--home", str(indexed_home), query])
    lines = capsys.readouterr().out.splitlines()
    header = lines[: lines.index("")] if "" in lines else lines
    quoted = query.split(" OR ")[1]
    assert len(header) == 2, header
    assert header[0].endswith("停戦 OR") and header[1] == quoted


@pytest.mark.parametrize("columns", [30, 40, 200])
def test_a_path_is_never_broken_across_lines(
    indexed_home: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    columns: int,
) -> None:
    """From a user review, at 40 columns: a hit's path broken after a `/` over two
    lines (`…/ldcc/topic-news/` / `topic-news-5910462.txt`) could not be copied whole.
    A path is one line: under the hit's indent where it fits, else from column 0
    (the terminal folds it if it must, a soft wrap that copies whole); into a pipe too."""
    for env in ({"COLUMNS": str(columns)}, {}):
        monkeypatch.delenv("COLUMNS", raising=False)
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        capsys.readouterr()
        assert main(["search", "--home", str(indexed_home), "停戦"]) == 0
        lines = capsys.readouterr().out.splitlines()
        paths = [line.strip() for line in lines if line.strip().startswith("/")]
        assert len(paths) == 2, lines
        for path in paths:
            assert Path(path).is_file(), (path, lines)
        if env:
            fits = [line for line in lines if line.strip() in paths and len(line) <= columns]
            assert all(line.startswith("   /") for line in fits), lines


def test_a_url_in_a_snippet_is_never_broken_across_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Paths and URLs are copied from the output: a URL in a hit's text, broken after a
    `/` at the line's width, could not be. One that fits a line is kept whole on one;
    one wider than a line stands on a line of its own, whole, the text around it
    wrapped as before."""
    short = "http://news.example.jp/a/1234/"
    long = "http://news.livedoor.com/article/detail/6792863/"  # wider than 50 - 3
    corpus = tmp_path / "texts"
    corpus.mkdir()
    texts = {
        "a.txt": f"見出し\n\n停戦の内容は公式サイト{short}をご覧ください。\n",
        "b.txt": f"別の見出し\n\n停戦交渉の記録は{long}にあります。\n",
    }
    for name, text in texts.items():
        (corpus / name).write_text(text, "utf-8")
    home = str(tmp_path / "home")
    assert main(["index", "--home", home, str(corpus)]) == 0
    for columns in (30, 40, 50):
        monkeypatch.setenv("COLUMNS", str(columns))
        capsys.readouterr()
        assert main(["search", "--home", home, "停戦"]) == 0
        out = capsys.readouterr().out
        for url in (short, long):
            assert any(url in line for line in out.splitlines()), (columns, out)


def test_a_site_or_outlet_begun_is_told_the_values_it_begins(
    indexed_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """From review: `site:livedo` counted 7,367 articles of ldcc as typed (a site's label
    being typed), then 0 at Enter, told only "No article fits the filters: try other
    values". Said first: the site or outlet it begins, with what the query finds so."""
    home = str(indexed_home)
    capsys.readouterr()
    for query, hint in (
        ("site:hokkaido", "No site is named “hokkaido”: site:hokkaido-np finds 1."),
        ("site:cnn.co", "No site is named “cnn.co”: site:cnn.co.jp finds 1."),
        ("停戦 site:newsd", "No site is named “newsd”: 停戦 site:newsdig finds 1."),
        ('outlet:"朝日"', 'No outlet is named “朝日”: outlet:"朝日新聞+" finds 1.'),
    ):
        assert main(["search", "--home", home, "--json", query]) == 0
        result = json.loads(capsys.readouterr().out)
        assert result["total"] == 0, query
        assert result["hints"][0] == hint, query
    for query in ("site:zzz", "-site:hokkaido 停戦", "zzqq site:hokkaido"):
        assert main(["search", "--home", home, "--json", query]) == 0
        result = json.loads(capsys.readouterr().out)
        assert not any(hint.startswith("No site is named") for hint in result["hints"]), query


LONG_URL = "http://news.livedoor.com/article/detail/6792863/?utm_source=feed&utm_medium=rss"
"""79 characters: wider than a snippet's line at 40, 50 and 60 columns."""


def _home_of_one_text(tmp_path: Path, text: str) -> str:
    """A home (its path) indexing one text file, `text` a line under its title 見出し."""
    corpus = tmp_path / "texts"
    corpus.mkdir(exist_ok=True)
    (corpus / "a.txt").write_text(f"見出し\n\n{text}\n", "utf-8")
    home = str(tmp_path / "home")
    assert main(["index", "--home", home, str(corpus)]) == 0
    return home


def _printed_snippet(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    text: str,
    query: str,
    columns: int,
) -> list[str]:
    """The lines `yomite search` prints for the snippet of a text file holding `text` (a
    line under its title), at `columns`."""
    home = _home_of_one_text(tmp_path, text)
    monkeypatch.setenv("COLUMNS", str(columns))
    capsys.readouterr()
    assert main(["search", "--home", home, query]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[2] == "1. 見出し" and lines[-1].endswith("a.txt"), lines
    return lines[3:-1]


@pytest.mark.parametrize("columns", [40, 50, 60])
def test_a_snippet_never_shows_part_of_a_url(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    columns: int,
) -> None:
    """From a user review, at 40 columns: a snippet's window cut a URL, its end printed
    `http://…/6792863/?utm_source=fe` with the `…` on the next line, its start
    `…tm_medium=rss にあります`: neither could be copied or followed. A URL the window's
    end cuts is shown whole where it ends soon after (within 40 characters), else left
    out; one its start cuts is left out, or shown whole where the match is in it."""
    text = (
        "詳しい内容と停戦交渉の記録、関係各国の声明の全文については、こちらのページ "
        f"{LONG_URL} にあります。その後の動きも追っていきます。"
    )
    lines = _printed_snippet(tmp_path, capsys, monkeypatch, text, "停戦交渉", columns)
    assert any(line.startswith(LONG_URL) for line in lines), lines
    lines = _printed_snippet(tmp_path, capsys, monkeypatch, text, "動き", columns)
    assert "".join(line.strip() for line in lines) == "…にあります。その後の動きも追っていきます。"
    # A URL ending far past the window (150 characters long) is left out whole.
    far = "http://example.jp/" + "a" * 150
    text = f"停戦交渉の記録はこちら {far} にあります。"
    lines = _printed_snippet(tmp_path, capsys, monkeypatch, text, "停戦交渉", columns)
    assert "".join(line.strip() for line in lines) == "停戦交渉の記録はこちら…"
    # Where the match is in the URL, the window begins with it, the `…` before it.
    text = f"詳しい内容と停戦交渉の記録、関係各国の声明の全文は {LONG_URL} にあります。"
    lines = _printed_snippet(tmp_path, capsys, monkeypatch, text, "medium", columns)
    assert lines == ["   …" + LONG_URL, "   にあります。"], lines


def test_a_snippet_past_a_url_begins_after_what_closed_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A window moved past the URL its lead-in cut began with the bracket that closed
    the URL (`…）の適用対象`: regression review): it begins after it."""
    text = f"関係各国の声明の全文（{LONG_URL}）の適用対象となる国々"
    lines = _printed_snippet(tmp_path, capsys, monkeypatch, text, "適用", 60)
    assert "".join(line.strip() for line in lines) == "…の適用対象となる国々", lines


def test_the_json_snippet_shows_no_part_of_a_url(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The snippet in `--json` is the one printed: a URL its window cut
    (`…/?utm_source=fe…`) is no URL a script can use."""
    text = (
        "詳しい内容と停戦交渉の記録、関係各国の声明の全文については、こちらのページ "
        f"{LONG_URL} にあります。その後の動きも追っていきます。"
    )
    home = _home_of_one_text(tmp_path, text)
    capsys.readouterr()
    assert main(["search", "--home", home, "--json", "停戦交渉"]) == 0
    [hit] = json.loads(capsys.readouterr().out)["hits"]
    assert hit["snippet"] == text[: text.index(" にあります")] + "…"
    assert main(["search", "--home", home, "--json", "動き"]) == 0
    [hit] = json.loads(capsys.readouterr().out)["hits"]
    assert hit["snippet"] == "…にあります。その後の動きも追っていきます。"


@pytest.mark.parametrize("columns", [40, 50, 60])
def test_a_snippets_ellipsis_stays_on_the_line_of_a_url_wider_than_a_line(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    columns: int,
) -> None:
    """From a user review, at 40 columns: a snippet ending in a URL wider than a line
    printed its closing `…` alone on the line after the URL's; the text after the URL
    began its line with a space, a cell right of the others. The `…` goes with the
    URL, as a `。` after it does (kinsoku), and the text after it starts under the
    others."""
    from index.snippets import SNIPPET_CHARS

    # The window (SNIPPET_CHARS from the match, at the line's start) ends at the URL's end.
    before = "停戦交渉の記録と各国の声明の全文はこちら "
    assert len(before) + len(LONG_URL) == SNIPPET_CHARS
    text = f"{before}{LONG_URL} その後の動きも追っていきます。"
    lines = _printed_snippet(tmp_path, capsys, monkeypatch, text, "停戦交渉", columns)
    assert lines[-1] == LONG_URL + "…", lines
    text = f"記録は {LONG_URL} にあります。その後の動きも追っていきます。"
    lines = _printed_snippet(tmp_path, capsys, monkeypatch, text, "記録", columns)
    assert lines[:2] == ["   記録は", LONG_URL] and lines[2].startswith("   にあります。"), lines


def test_a_url_as_wide_as_a_line_keeps_its_ellipsis_and_its_end(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """At 40 columns a snippet's line is 37 cells: a URL of 37 fitted it, but with the
    `…` a snippet glues to it (its window ended at the URL's end, or began at its start
    for a match in it) or a `。` after it, it did not, and only a URL wider than the
    line was set on a line of its own: the `…` stood alone on the next line, or the
    URL's last character went down with what followed it (`…/medium/wxy`, `z にあり`),
    no longer a URL to copy."""
    from index.snippets import SNIPPET_CHARS

    url = "http://example.jp/abcdefg/medium/wxyz"
    assert len(url) == 40 - len(" 1. ") + 1  # the snippet's indent is 3 cells
    # The window (SNIPPET_CHARS from the match, at the line's start) ends in the URL.
    before = (
        "停戦交渉の記録と各国の声明の全文、その後の経過をまとめた年表と関連する"
        "資料の一覧、詳しい解説と当日の写真、現地の記者による報告はこちら "
    )
    assert len(before) < SNIPPET_CHARS < len(before) + len(url)
    text = f"{before}{url} その後の動きも追っていきます。"
    lines = _printed_snippet(tmp_path, capsys, monkeypatch, text, "停戦交渉", 40)
    assert lines[-1] == url + "…", lines
    text = f"詳しい内容と停戦交渉の記録の全文は {url} にあります。"
    lines = _printed_snippet(tmp_path, capsys, monkeypatch, text, "medium", 40)
    assert lines == ["   …" + url, "   にあります。"], lines
    text = f"記録は{url}。その後の動きも追っていきます。"
    lines = _printed_snippet(tmp_path, capsys, monkeypatch, text, "記録", 40)
    assert lines[:2] == ["   記録は", url + "。"], lines
