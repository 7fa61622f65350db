"""Files that are not files: FIFOs, devices, dangling links, link loops (issue 6, bad input).

A user can name anything on the command line, and a corpus directory can hold
anything. None of it may hang the indexer (a FIFO without a writer blocks `open`,
`/dev/zero` never ends) or stop the good files from being indexed; what was named
explicitly and cannot be read is reported in one line, naming the file.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from index.library import Library
from index.locations import locations
from index.parser import ParseError, parse_file
from tests.articles import write_articles

ROOT = Path(__file__).resolve().parent.parent
HANG = 20  # seconds: far beyond what indexing two small files takes, even on a busy machine

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")


@pytest.fixture
def odd_corpus(tmp_path: Path) -> dict[str, Path]:
    corpus = tmp_path / "corpus"
    good = write_articles(corpus, 2)
    odd = {
        "fifo": corpus / "fifo.txt",
        "device": corpus / "zero.txt",
        "dangling": corpus / "dangling.txt",
        "loop": corpus / "sub" / "loop",
    }
    os.mkfifo(odd["fifo"])
    odd["device"].symlink_to("/dev/zero")
    odd["dangling"].symlink_to(tmp_path / "nowhere.txt")
    odd["loop"].parent.mkdir()
    odd["loop"].symlink_to(corpus)
    return {"good0": good[0], "good1": good[1], **odd}


def index(home: Path, *paths: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui.cli", "index", "--home", str(home), *map(str, paths)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=HANG,
    )


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_the_parser_refuses_special_files_without_blocking(
    odd_corpus: dict[str, Path], kind: str
) -> None:
    with pytest.raises(ParseError, match="not a regular file"):
        parse_file(odd_corpus[kind])


def test_a_corpus_directory_holding_special_files_is_indexed(
    odd_corpus: dict[str, Path], tmp_path: Path
) -> None:
    done = index(tmp_path / "home", odd_corpus["good0"].parent)

    assert done.returncode == 0, done.stderr
    # Skipped, each said and counted, as when named (rsync: "skipping non-regular
    # file"), but no failure: they were passed over without a word ("0 failed").
    assert done.stdout.startswith("2 added, 0 updated, 0 removed, 0 unchanged, 0 failed in ")
    assert done.stdout.endswith(" s; 3 skipped (not regular files)\n")
    special = "not a regular file (a FIFO, device or socket), skipped"
    assert done.stderr.splitlines() == [
        f"yomite index: new data home {tmp_path / 'home'}",
        f"yomite index: {odd_corpus['dangling']}: broken symbolic link: "
        f"{tmp_path / 'nowhere.txt'} is not there, skipped",
        f"yomite index: {odd_corpus['fifo']}: {special}",
        f"yomite index: {odd_corpus['device']}: {special}",
    ]
    with Library.open(locations(tmp_path / "home")) as library:
        assert {Path(p).name for p in library.indexed_files()} == {"n0000.txt", "n0001.txt"}
        assert library.verify().consistent


def test_links_in_a_loop_in_a_directory_are_named_and_counted_as_a_link_to_nothing_is(
    tmp_path: Path,
) -> None:
    """`b.txt -> c.txt -> b.txt`, `self.txt -> self.txt` and a link through a file in a
    directory walked: each skipped, named and counted as the link to nothing beside
    them. They were passed over without a word ("1 skipped" for the dangling link
    alone): stat raises ELOOP (or ENOTDIR) for them where it says "no such file" of a
    link to nothing."""
    corpus = tmp_path / "corpus"
    write_articles(corpus, 1)
    (corpus / "c.txt").symlink_to("b.txt")
    (corpus / "b.txt").symlink_to("c.txt")
    (corpus / "self.txt").symlink_to("self.txt")
    (corpus / "through.txt").symlink_to("n0000.txt/x")
    (corpus / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    done = index(tmp_path / "home", corpus)

    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("1 added, 0 updated, 0 removed, 0 unchanged, 0 failed in ")
    assert done.stdout.endswith(" s; 5 skipped (not regular files)\n")
    loop = "broken symbolic link: a loop (too many levels of links), skipped"
    assert done.stderr.splitlines() == [
        f"yomite index: new data home {tmp_path / 'home'}",
        f"yomite index: {corpus / 'b.txt'}: {loop}",
        f"yomite index: {corpus / 'c.txt'}: {loop}",
        f"yomite index: {corpus / 'dangling.txt'}: broken symbolic link: "
        f"{tmp_path / 'nowhere.txt'} is not there, skipped",
        f"yomite index: {corpus / 'self.txt'}: {loop}",
        f"yomite index: {corpus / 'through.txt'}: broken symbolic link: "
        "n0000.txt/x is not there, skipped",
    ]


@pytest.mark.parametrize("kind", ["fifo", "device", "dangling"])
def test_a_special_file_named_on_the_command_line_is_reported_not_waited_for(
    odd_corpus: dict[str, Path], tmp_path: Path, kind: str
) -> None:
    done = index(tmp_path / "home", odd_corpus[kind], odd_corpus["good0"])

    # A dangling link given is a path that is not there: status 2, as for a typo; a FIFO
    # or a device is no article, refused so too (it does not join the home).
    assert done.returncode == 2, done.stderr
    assert str(odd_corpus[kind].name) in done.stderr
    assert "1 added" in done.stdout
    if kind == "dangling":
        assert "0 failed" in done.stdout and "1 path not there" in done.stdout
    else:
        assert "1 failed" in done.stdout
