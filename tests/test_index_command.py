"""`yomite index` and `yomite verify` as a user runs them."""

from __future__ import annotations

import errno
import io
import json
import os
import pickle
import shlex
import signal
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

import index.build
import index.home
import index.library
import index.maintenance
from index.library import IndexUnavailable, Library
from index.locations import locations
from index.store import atomic_write, current_generation
from tests.articles import news_text, write_articles
from tui.cli import main

if TYPE_CHECKING:
    from rich.console import Console

    from index.commands.build import FittedProgress

ROOT = Path(__file__).resolve().parent.parent


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_index_adds_then_reports_nothing_to_do(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_articles(tmp_path / "corpus", 3)

    code, out, _ = run(capsys, "index", "--home", str(home), str(tmp_path / "corpus"))
    assert code == 0
    assert out.startswith("3 added, 0 updated, 0 removed, 0 unchanged, 0 failed in ")

    code, out, _ = run(capsys, "index", "--home", str(home), str(tmp_path / "corpus"))
    assert code == 0
    assert out.startswith("0 added, 0 updated, 0 removed, 3 unchanged, 0 failed in ")


def test_index_lists_failed_files_with_their_reason_and_indexes_the_rest(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "corpus"
    write_articles(corpus, 2)
    bad = corpus / "bad\x1b[31m　ニュース.txt"
    bad.write_bytes(b"\x00\x00binary\x00" * 10)

    code, out, err = run(capsys, "index", "--home", str(home), str(corpus))

    assert code == 2  # the others indexed, one failed: a script can tell
    assert "2 added" in out and "1 failed" in out
    [line] = [line for line in err.splitlines() if "bad" in line]
    # ESC shown escaped; the ideographic space (U+3000) of a Japanese name as it is
    shown = str(corpus.resolve() / "bad\\x1b[31m　ニュース.txt")
    assert line.startswith("yomite index: " + shown + ": ")
    assert "\x1b" not in err  # the file name's escape sequence is shown, not sent


def test_index_exits_2_when_a_file_failed_with_every_good_file_indexed(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """From review: `yomite index` exited 0 with files that could not be parsed or
    decoded, said on stderr and counted in the summary, but a script could not tell.
    It exits 2, as for a PATH given that was not indexed (and as `yomite parse` for a
    file that failed), once every good file is indexed; 0 again once none fails."""
    corpus = tmp_path / "corpus"
    write_articles(corpus, 3)
    binary = corpus / "binary.txt"
    binary.write_bytes(b"\x00\x01 not text")

    code, out, err = run(capsys, "index", "--home", str(home), str(corpus))
    assert code == 2
    assert out.startswith("3 added, 0 updated, 0 removed, 0 unchanged, 1 failed in ")
    assert f"yomite index: {binary.resolve()}: binary file" in err
    with Library.open(locations(home)) as library:
        assert len(library.articles()) == 3
    # unchanged since, counted only: still failed
    code, out, err = run(capsys, "index", "--home", str(home))
    assert code == 2 and " 1 failed (told before: `yomite verify` lists it) in " in out
    binary.unlink()
    code, out, _ = run(capsys, "index", "--home", str(home))
    assert code == 0 and " 0 failed in " in out


def test_files_deleted_while_indexing_are_said_gone_not_failed(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Files deleted as `yomite index` ran were each "No such file or directory" and
    counted as failed ("288 added … 243 failed", ~150 of them only gone); one indexed
    before kept its old article until the next run said "1 removed". They are said
    gone, counted apart, and the index holds what is there."""
    corpus = tmp_path / "corpus"
    write_articles(corpus, 5)
    (corpus / "bin.txt").write_bytes(b"\x00\x01 not text")  # a failure indeed
    doomed: set[str] = set()
    safe_document = index.build._safe_document

    def deleted_first(path: str, article_id: str) -> index.build.Outcome:
        if Path(path).name in doomed:  # deleted between the walk and its reading
            Path(path).unlink()
        return safe_document(path, article_id)

    monkeypatch.setattr(index.build, "_safe_document", deleted_first)
    gone = "gone while indexing (deleted or moved away), skipped"

    doomed.add("n0002.txt")
    code, out, err = run(capsys, "index", "--home", str(home), str(corpus))
    assert code == 2  # bin.txt failed (a file gone is no failure)
    assert out.startswith("4 added, 0 updated, 0 removed, 0 unchanged, 1 failed in ")
    assert out.endswith(" s; 1 file gone while indexing\n")
    assert err.splitlines()[1:] == [
        f"yomite index: {corpus / 'bin.txt'}: binary file (contains NUL bytes), not an article",
        f"yomite index: {corpus / 'n0002.txt'}: {gone}",
    ]

    (corpus / "bin.txt").unlink()
    (corpus / "n0001.txt").write_text(news_text(1, extra="書き直した。"), "utf-8")
    write_articles(corpus, 1, start=5)
    doomed.update({"n0001.txt", "n0005.txt"})  # changed, indexed before; new
    code, out, err = run(capsys, "index", "--home", str(home), str(corpus))
    assert code == 0
    assert out.startswith("0 added, 0 updated, 1 removed, 3 unchanged, 0 failed in ")
    assert out.endswith(" s; 2 files gone while indexing\n")
    assert err.splitlines() == [
        f"yomite index: {corpus / 'n0001.txt'}: {gone}",
        f"yomite index: {corpus / 'n0005.txt'}: {gone}",
    ]

    # The next run and `yomite verify` find the index holding what is there.
    code, out, err = run(capsys, "index", "--home", str(home), str(corpus))
    assert (code, err) == (0, "")
    assert out.startswith("0 added, 0 updated, 0 removed, 3 unchanged, 0 failed in ")
    code, out, _ = run(capsys, "verify", "--home", str(home))
    assert code == 0 and "consistent: 3 articles match the files" in out


def test_a_directory_moved_away_as_indexing_runs_keeps_its_articles(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """From review: a directory moved away (or a disk unmounted) as an update read its
    changed files had every file not yet read "gone while indexing", and their articles
    left the index (474 of 770) until it was back. Out of reach is not deleted: they
    are kept, as for a directory away when the update starts."""
    corpus = tmp_path / "corpus"
    write_articles(corpus, 4)
    assert run(capsys, "index", "--home", str(home), str(corpus))[0] == 0
    for path in sorted(corpus.glob("*.txt")):
        path.write_text(path.read_text("utf-8") + "追記。\n", "utf-8")
    safe_document = index.build._safe_document

    def moved_away_first(path: str, article_id: str) -> index.build.Outcome:
        if corpus.exists():
            corpus.rename(tmp_path / "away")
        return safe_document(path, article_id)

    monkeypatch.setattr(index.build, "_safe_document", moved_away_first)
    _, out, err = run(capsys, "index", "--home", str(home), str(corpus))
    assert "gone while indexing" not in out + err
    assert out.startswith("0 added, 0 updated, 0 removed, 0 unchanged, 4 failed in ")
    monkeypatch.undo()
    with Library.open(locations(home)) as library:
        assert len(library.articles()) == 4


def test_a_file_that_failed_is_named_once_then_counted_until_it_changes(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A binary or empty file in a directory of the home was named on stderr at every
    `yomite index`, though it was not read again (it had not changed): named when it
    fails first, or anew (changed), then counted in the summary, where to find the
    list said. Named on the command line, it is named each time."""
    corpus = tmp_path / "corpus"
    write_articles(corpus, 2)
    binary = corpus / "bin.txt"
    binary.write_bytes(b"\x00\x01 not text")

    code, out, err = run(capsys, "index", "--home", str(home), str(corpus))
    assert code == 2 and "1 failed in " in out
    assert "bin.txt: binary file" in err

    code, out, err = run(capsys, "index", "--home", str(home))
    assert code == 2 and err == ""
    assert " 2 unchanged, 1 failed (told before: `yomite verify` lists it) in " in out

    (corpus / "empty.txt").write_bytes(b"")  # a new one: named, the other counted
    code, out, err = run(capsys, "index", "--home", str(home))
    assert "empty.txt: empty file" in err and "bin.txt" not in err
    assert " 2 failed (1 told before: `yomite verify` lists it) in " in out

    binary.write_bytes(b"\x00\x01 changed, still not text")  # changed: named again
    code, out, err = run(capsys, "index", "--home", str(home))
    assert "bin.txt: binary file" in err and "empty.txt" not in err
    assert " 2 failed (1 told before: `yomite verify` lists it) in " in out

    code, out, err = run(capsys, "index", "--home", str(home), str(binary))
    assert "bin.txt: binary file" in err  # asked for by name: named
    code, out, _ = run(capsys, "verify", "--home", str(home))
    assert "bin.txt: binary file" in out and "empty.txt: empty file" in out


def _not_utf8_name(directory: Path, name: bytes) -> Path:
    """A path in `directory` whose last name is the bytes `name` (not UTF-8), as Python
    reads it back; the test skips where the file system refuses such a name (macOS)."""
    path = directory / os.fsdecode(name)
    try:
        path.touch()
    except (OSError, UnicodeEncodeError):
        pytest.skip("this file system takes UTF-8 names only")
    path.unlink()
    return path


def test_a_file_name_not_utf8_is_refused_and_the_rest_indexed(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "corpus"
    write_articles(corpus, 2)
    # 記事 in Shift_JIS, as an archive made on Windows unzips; a directory likewise
    sjis = _not_utf8_name(corpus, "記事".encode("cp932") + b".txt")
    sjis.write_text("記事の題\n東京の話。\n", encoding="utf-8")
    folder = _not_utf8_name(corpus, b"d\xe9")
    folder.mkdir()
    (folder / "inside.txt").write_text("中の題\n大阪の話。\n", encoding="utf-8")

    code, out, err = run(capsys, "index", "--home", str(home), str(corpus))
    assert code == 2, err  # the rest indexed
    assert "Traceback" not in err
    assert "2 failed in" in out
    refused = sorted(line for line in err.splitlines() if "not UTF-8" in line)
    assert len(refused) == 2, err
    assert "\\x8b" in refused[0] + refused[1] and "d\\xe9" in refused[0] + refused[1]
    # The update after it too (one such name stopped every update): told before, counted
    code, out, err = run(capsys, "index", "--home", str(home), str(corpus))
    assert code == 2 and "Traceback" not in err and "not UTF-8" not in err
    assert "2 failed (told before" in out
    with Library.open(locations(home)) as library:
        assert sorted(Path(p).name for p in library.indexed_files()) == ["n0000.txt", "n0001.txt"]
        assert library.verify().consistent
    # Named on the command line, such a directory is refused the same way
    code, out, err = run(capsys, "index", "--home", str(home), str(folder))
    assert code == 2 and "not UTF-8" in err and "Traceback" not in err


def test_a_file_name_not_utf8_is_named_once_then_counted_as_failures_are(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """From review: with 東京.txt in Shift_JIS beside files that failed, each `yomite
    index` named it again and said `4 failed (3 told before…)`, where the others were
    not listed again. It is named when first found, or found anew (renamed, changed),
    then counted; named on the command line, it is named each time."""
    corpus = tmp_path / "corpus"
    write_articles(corpus, 2)
    (corpus / "bin.txt").write_bytes(b"\x00\x01 not text")
    sjis = _not_utf8_name(corpus, b"\x93\x8c\x8b\x9e.txt")  # 東京.txt in Shift_JIS
    sjis.write_text("東京\n東京の話。\n", encoding="utf-8")

    code, out, err = run(capsys, "index", "--home", str(home), str(corpus))
    assert code == 2 and " 2 failed in " in out
    assert "not UTF-8" in err and "bin.txt: binary file" in err

    code, out, err = run(capsys, "index", "--home", str(home))
    assert code == 2 and err == ""
    assert " 2 failed (told before: `yomite verify` lists them) in " in out

    other = _not_utf8_name(corpus, b"\x91\xe5\x8d\xe3.txt")  # 大阪.txt, new: named
    other.write_text("大阪\n大阪の話。\n", encoding="utf-8")
    code, out, err = run(capsys, "index", "--home", str(home))
    assert err.count("not UTF-8") == 1 and "\\x91\\xe5" in err
    assert " 3 failed (2 told before: `yomite verify` lists them) in " in out

    sjis.write_text("東京\n東京の話、書き直した。\n", encoding="utf-8")  # changed: named again
    code, out, err = run(capsys, "index", "--home", str(home))
    assert err.count("not UTF-8") == 1 and "\\x93\\x8c" in err

    code, out, err = run(capsys, "index", "--home", str(home), str(sjis))
    assert "not UTF-8" in err  # asked for by name: named
    code, out, _ = run(capsys, "verify", "--home", str(home))
    assert out.count("file name is not UTF-8") == 2


def test_verify_names_a_file_whose_name_is_not_utf8_as_index_refused_it(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`yomite index` refuses it (1 failed, named); verify said only "consistent: 1
    article matches the files", as if the directory held nothing else. It is named as
    refused for its name: "failed to parse" said it was read, and was no article."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "ok.txt").write_text("題\n東京の話。\n", encoding="utf-8")
    (corpus / "binary.txt").write_bytes(b"\x00\x01\x02")
    sjis = _not_utf8_name(corpus, b"\x93\x8c\x8b\x9e.txt")  # 東京.txt in Shift_JIS
    sjis.write_text("東京\n東京の話。\n", encoding="utf-8")
    code, out, _ = run(capsys, "index", "--home", str(home), str(corpus))
    assert code == 2 and "2 failed" in out

    code, out, _ = run(capsys, "verify", "--home", str(home))

    assert code == 0  # the index holds what can be indexed
    shown = str(corpus.resolve() / "\\x93\\x8c\\x8b\\x9e.txt")
    assert f"refused: {shown}: file name is not UTF-8, not read: rename it" in out
    assert f"failed to parse: {corpus.resolve() / 'binary.txt'}: binary file" in out
    assert "failed to parse: " + shown not in out
    assert out.rstrip().endswith(
        "consistent: 1 article matches the files; 1 file is no article, 1 refused for its "
        "name (not indexed, listed above)"
    )


def test_index_without_paths_indexes_the_configured_corpus(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_articles(tmp_path / "mine", 4)
    home.mkdir(mode=0o700)
    (home / "config.toml").write_text(f'[library]\npaths = ["{tmp_path / "mine"}"]\n')

    code, out, _ = run(capsys, "index", "--home", str(home))

    assert code == 0
    assert out.startswith("4 added")


def test_a_config_saved_with_a_byte_order_mark_is_read(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Saved by Notepad (UTF-8 with a BOM): refused as "not valid TOML: Invalid
    statement (at line 1, column 1)", exit 2 (review)."""
    write_articles(tmp_path / "mine", 2)
    home.mkdir(mode=0o700)
    text = f'[library]\npaths = ["{tmp_path / "mine"}"]\n'
    (home / "config.toml").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))

    code, out, err = run(capsys, "index", "--home", str(home))

    assert (code, err) == (0, "")
    assert out.startswith("2 added")


def test_index_defaults_to_the_seeds(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "index")  # YOMITE_HOME points at the test's home
    assert code == 0
    assert out.startswith("2 added")


def test_a_home_built_from_a_directory_keeps_to_it(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without paths, a home is about the directories its index was built from: the
    checkout's seeds/ is the default of a new home only (it was added to every home the
    reader opened, and from a second checkout the same articles were listed twice)."""
    from tui.app import create_app

    write_articles(tmp_path / "mine", 3)
    run(capsys, "index", "--home", str(home), str(tmp_path / "mine"))
    write_articles(tmp_path / "mine", 4)  # one more file

    code, out, _ = run(capsys, "index", "--home", str(home))
    assert code == 0
    assert out.startswith("1 added, 0 updated, 0 removed, 3 unchanged")  # not the seeds
    app = create_app(home, [], update_on_start=False)
    assert app.setup.corpus == ((tmp_path / "mine").resolve(),)


def test_a_directory_out_of_the_config_is_still_kept_up_to_date(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A directory the home holds but config.toml does not name is listed and searched,
    so a plain `yomite index` (and the reader) keeps it up to date: its deleted files
    were dropped, but its changed and new ones ignored (a hit's text from the index,
    the file opened from disk, disagreed)."""
    from tui.app import create_app

    first, second = tmp_path / "a", tmp_path / "b"
    write_articles(first, 1)
    edited = write_articles(second, 1, start=100)[0]
    run(capsys, "index", "--home", str(home), str(first), str(second))
    (home / "config.toml").write_text(f'[library]\npaths = ["{first}"]\n')
    edited.write_text(news_text(100, extra="メロン"), "utf-8")
    write_articles(second, 1, start=200)

    code, out, _ = run(capsys, "index", "--home", str(home))
    assert (code, out.split(" in ")[0]) == (
        0, "1 added, 1 updated, 0 removed, 1 unchanged, 0 failed"
    )  # fmt: skip
    code, out, _ = run(capsys, "search", "--home", str(home), "メロン")
    assert code == 0 and "1 hit" in out

    # The reader keeps the same directories up to date, and with a PATH given, that too.
    assert create_app(home, [], update_on_start=False).setup.corpus == (first, second.resolve())
    third = tmp_path / "c"
    write_articles(third, 1, start=300)
    assert create_app(home, [third], update_on_start=False).setup.corpus == (
        third, first, second.resolve()
    )  # fmt: skip


def test_a_first_build_stopped_before_its_commit_keeps_to_its_directory(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """q in the reader or Ctrl-C in `yomite index` during a new home's first build: the
    next plain `yomite index` builds that directory, not the checkout's seeds/."""
    from index.library import Library
    from index.locations import locations

    write_articles(tmp_path / "mine", 3)
    with Library.open(locations(home)) as library:
        report = library.update([tmp_path / "mine"], cancelled=lambda: True)
    assert report.cancelled

    code, out, _ = run(capsys, "index", "--home", str(home))
    assert code == 0
    assert out.startswith("3 added")  # the seeds are 2


def test_a_stopped_first_builds_directory_stays_once_another_is_indexed(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A new home's first build of a directory stopped, then another directory indexed:
    the first was dropped from the home with that commit (roots.json, which alone named
    it, was rewritten with the commit's roots), and a plain `yomite index` or the reader
    never indexed it, though it was asked for and never finished."""
    from tui.app import create_app

    mine, other = tmp_path / "mine", tmp_path / "other"
    write_articles(mine, 3)
    write_articles(other, 2, start=10)
    with Library.open(locations(home)) as library:
        assert library.update([mine], cancelled=lambda: True).cancelled
    code, out, _ = run(capsys, "index", "--home", str(home), str(other))  # a first build
    assert code == 0 and out.startswith("2 added")
    code, out, _ = run(capsys, "index", "--home", str(home), str(other))  # an update
    assert code == 0 and out.startswith("0 added, 0 updated, 0 removed, 2 unchanged")
    assert mine.resolve() in create_app(home, [], update_on_start=False).setup.corpus

    code, out, _ = run(capsys, "index", "--home", str(home))
    assert (code, out.split(" in ")[0]) == (
        0, "3 added, 0 updated, 0 removed, 2 unchanged, 0 failed"
    )  # fmt: skip
    code, out, _ = run(capsys, "verify", "--home", str(home))
    assert code == 0 and out.splitlines()[-1] == "consistent: 5 articles match the files"


def test_a_stopped_first_builds_directory_can_be_forgotten_before_it_is_indexed(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The directory of a stopped first build is the home's until indexed: `--forget`
    drops it as any other, and the next plain `yomite index` leaves it out."""
    mine, other = tmp_path / "mine", tmp_path / "other"
    write_articles(mine, 3)
    write_articles(other, 2, start=10)
    with Library.open(locations(home)) as library:
        assert library.update([mine], cancelled=lambda: True).cancelled
    run(capsys, "index", "--home", str(home), str(other))

    code, out, _ = run(capsys, "index", "--home", str(home), "--forget", str(mine))
    assert code == 0 and out.startswith(f"forgotten: {mine.resolve()}\n")
    code, out, _ = run(capsys, "index", "--home", str(home))
    assert code == 0 and out.startswith("0 added, 0 updated, 0 removed, 2 unchanged")


def test_an_update_stopped_before_its_commit_adds_no_directory(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Unlike a new home's first build, an update of a home with an index stopped (Ctrl-C:
    "the index is unchanged") leaves the directory it was adding out of the home."""
    mine, other = tmp_path / "mine", tmp_path / "other"
    write_articles(mine, 3)
    write_articles(other, 2, start=10)
    run(capsys, "index", "--home", str(home), str(other))
    with Library.open(locations(home)) as library:
        assert library.update([mine], cancelled=lambda: True).cancelled

    code, out, _ = run(capsys, "index", "--home", str(home))
    assert code == 0 and out.startswith("0 added, 0 updated, 0 removed, 2 unchanged")


NEVER_INDEXED = "never indexed (the build that was to index it did not finish)"


def test_an_update_stopped_before_its_commit_says_what_it_did_not_add(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C (or SIGTERM, a full disk) before an update's commit said only "interrupted;
    the index is unchanged", and the directory it was adding was not in the home (by
    design: it joins with the commit), which nothing said (review). It names what was
    not added and how to add it. A new home's first build keeps its directories: no
    such line; nor of a path the home already holds."""
    mine, other = tmp_path / "mine", tmp_path / "other"
    write_articles(mine, 3)
    write_articles(other, 2, start=10)

    def stopped(*args: object, **kwargs: object) -> None:  # Ctrl-C while files are read
        raise KeyboardInterrupt

    with monkeypatch.context() as patched:
        patched.setattr(index.maintenance, "apply_plan", stopped)
        code, _, err = run(capsys, "index", "--home", str(home), str(other))  # a first build
    assert err.splitlines() == [  # the home was made: said, as its first build is
        f"yomite index: new data home {home}",
        "yomite index: interrupted; the index is unchanged",
    ]
    assert code == 130
    run(capsys, "index", "--home", str(home), str(other))

    with monkeypatch.context() as patched:
        patched.setattr(index.maintenance, "apply_plan", stopped)
        code, _, err = run(capsys, "index", "--home", str(home), str(mine), str(other))
    assert code == 130
    assert err.splitlines() == [
        "yomite index: interrupted; the index is unchanged",
        f"yomite index: {mine.resolve()} was not added to the home: "
        f"`yomite index {mine.resolve()}` adds it",
    ]
    code, out, _ = run(capsys, "index", "--home", str(home))  # as it says: not in the home
    assert code == 0 and out.startswith("0 added, 0 updated, 0 removed, 2 unchanged")

    def disk_full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    with monkeypatch.context() as patched:
        patched.setattr(index.maintenance, "apply_plan", disk_full)
        code, _, err = run(capsys, "index", "--home", str(home), str(mine))
    assert code == 1
    assert err.splitlines()[-1] == (
        f"yomite index: {mine.resolve()} was not added to the home: "
        f"`yomite index {mine.resolve()}` adds it"
    )
    code, out, _ = run(capsys, "index", "--home", str(home), str(mine))
    assert code == 0 and out.startswith("3 added")


def _stopped_then_deleted(home: Path, directory: Path) -> None:
    """A build of `directory` stopped before its commit (Ctrl-C, q in the reader), then
    the directory deleted."""
    paths = write_articles(directory, 3)
    with Library.open(locations(home)) as library:
        assert library.update([directory], cancelled=lambda: True).cancelled
    for path in paths:
        path.unlink()
    directory.rmdir()


@pytest.mark.parametrize("rebuild", [False, True])
def test_a_directory_gone_before_its_first_build_finished_is_said_never_indexed_and_let_go(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], rebuild: bool
) -> None:
    """A new home's first build of a directory stopped, the directory then deleted:
    every `yomite index` said "no such file or directory" of it, as of a path typed,
    for good: neither an update nor `--rebuild` let it go (`--forget` said it was not
    one of the home's paths), and `yomite verify` called it "a directory of the home,
    not there; none of its articles is in the index until it is back" (exit 1), as of
    an unmounted disk's."""
    mine, other = tmp_path / "mine", tmp_path / "other"
    _stopped_then_deleted(home, mine)
    argv = ["index", "--home", str(home)] + (["--rebuild"] if rebuild else [])
    code, out, err = run(capsys, *argv)
    assert code == 0 and out.endswith("; 1 path not there\n")
    said = f"directory not found, {NEVER_INDEXED}: the home forgets it"
    assert err == f"yomite index: {mine}: {said}\n"

    # Another, while the index records none: verify says what it is.
    _stopped_then_deleted(home, other)
    code, out, _ = run(capsys, "verify", "--home", str(home))
    assert code == 1
    assert out.splitlines()[1] == (
        f"unavailable: {other}: not there, {NEVER_INDEXED}; `yomite index` indexes it "
        "if it is back, else the home forgets it"
    )
    code, out, err = run(capsys, "index", "--home", str(home))
    assert code == 0 and f"{other}: directory not found, {NEVER_INDEXED}" in err

    # Told once: the home holds neither, and indexes nothing (not the seeds, as a new
    # home: they came back).
    code, out, err = run(capsys, "index", "--home", str(home))
    assert (code, out, err) == (1, "", HOLDS_NONE)
    code, out, _ = run(capsys, "verify", "--home", str(home))
    assert code == 0 and str(mine) not in out and str(other) not in out


HOLDS_NONE = "yomite index: this home indexes no directory: add one with `yomite index DIR`\n"


def test_the_commands_a_home_other_than_the_default_is_told_to_run_name_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`yomite index --home H` told its user to run `yomite index DIR` or `yomite index
    --rebuild`, which, typed so, changed the default home (review). They name the home,
    quoted for a shell; one from YOMITE_HOME too, as the variable may be unset where the
    command is typed. The default home's stay bare (`HOLDS_NONE`)."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))  # the default home: not H
    monkeypatch.delenv("YOMITE_HOME", raising=False)
    home, mine, other = tmp_path / "my home", tmp_path / "mine", tmp_path / "other"
    named = f"--home '{home}'"
    write_articles(mine, 1)
    run(capsys, "index", "--home", str(home), str(mine))
    run(capsys, "index", "--home", str(home), "--forget", str(mine))
    holds_none = (
        f"yomite index: this home indexes no directory: add one with `yomite index {named} DIR`\n"
    )
    assert run(capsys, "index", "--home", str(home)) == (1, "", holds_none)

    run(capsys, "index", "--home", str(home), str(mine))
    mine.rename(tmp_path / "unmounted")
    kept = (
        f"yomite index: {mine}: directory not found: its 1 article is kept until it is back "
        f"(`yomite index --rebuild {named}` forgets it)\n"
    )
    code, _, err = run(capsys, "index", "--home", str(home))
    assert (code, err) == (0, kept)
    monkeypatch.setenv("YOMITE_HOME", str(home))
    code, _, err = run(capsys, "index")
    assert (code, err) == (0, kept)

    write_articles(other, 1)
    (other / "bin.txt").write_bytes(b"\x00\x01")
    run(capsys, "index", str(other))
    code, out, _ = run(capsys, "index", str(other))
    assert code == 2 and f" 1 failed (told before: `yomite verify {named}` lists it) " in out
    code, _, err = run(capsys, "search", " ")
    assert (code, err) == (
        2,
        f"yomite search: empty query: give words to search for (yomite search {named} 東京)\n",
    )


@pytest.mark.parametrize("route", ["a directory, deleted, rebuilt", "a file, deleted"])
def test_a_home_whose_directories_were_all_let_go_stays_empty(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], route: str
) -> None:
    """A home that let its last directory go (gone, then `--rebuild`; a file indexed by
    name, deleted) was indexed from the checkout's seeds/ again, as a new home: the
    next `yomite index` said "2 added", and the reader listed the seeds. It indexes
    nothing, and says how to give it a directory; config.toml's paths still count."""
    from tui.app import create_app

    [article] = write_articles(tmp_path / "mine", 1)
    given = article if route == "a file, deleted" else tmp_path / "mine"
    run(capsys, "index", "--home", str(home), str(given))
    article.unlink()
    (tmp_path / "mine").rmdir()
    argv = ["index", "--home", str(home)] + (["--rebuild"] if "rebuilt" in route else [])
    code, out, _ = run(capsys, *argv)
    assert code == 0 and "1 removed" in out

    for argv in (["index"], ["index", "--rebuild"]):
        code, out, err = run(capsys, *argv, "--home", str(home))
        assert (code, out, err) == (1, "", HOLDS_NONE)
    assert create_app(home, [], update_on_start=False).setup.corpus == ()

    write_articles(tmp_path / "listed", 2, start=10)
    (home / "config.toml").write_text(f'[library]\npaths = ["{tmp_path / "listed"}"]\n')
    code, out, _ = run(capsys, "index", "--home", str(home))
    assert code == 0 and out.startswith("2 added")  # the configured directory's


def test_a_new_homes_first_build_of_nothing_leaves_it_new(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A new home's first build that takes no directory (one given empty, refused) lets
    none go: the home is still new, and a plain `yomite index` indexes the seeds."""
    (tmp_path / "empty").mkdir()
    code, _, _ = run(capsys, "index", "--home", str(home), str(tmp_path / "empty"))
    assert code == 2
    code, out, _ = run(capsys, "index", "--home", str(home))
    assert code == 0 and out.startswith("2 added")


def test_verify_passes_then_fails_then_repairs(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "corpus"
    paths = write_articles(corpus, 3)
    run(capsys, "index", "--home", str(home), str(corpus))

    code, out, _ = run(capsys, "verify", "--home", str(home))
    assert code == 0
    assert "consistent: 3 articles match the files" in out

    paths[0].write_text(news_text(0, extra="書き換え"), "utf-8")
    paths[1].unlink()
    code, out, _ = run(capsys, "verify", "--home", str(home))
    assert code == 1
    assert f"changed: {paths[0].resolve()}" in out
    assert f"missing: {paths[1].resolve()}" in out
    assert "inconsistent: 1 missing, 1 changed (of 3 indexed)" in out

    before = current_generation(home / "index")
    code, out, _ = run(capsys, "verify", "--home", str(home), "--repair")
    assert code == 0
    assert out.rstrip().endswith("consistent: 2 articles match the files")
    assert current_generation(home / "index") != before  # rebuilt beside, then switched


UPDATES = "yomite verify: `yomite index` updates the index from the files\n"
"""What `yomite verify` says after finding files added, changed or deleted (the tests'
home is the default one: no `--home`)."""


def test_verify_found_out_of_step_says_the_command_that_mends_it(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """ "inconsistent: 1 changed (of 9 indexed)" and no word of what to do (review): the
    command named, typed as said, brings the index in step with its files, for the
    home and for a PATH given."""
    corpus, other = tmp_path / "corpus", tmp_path / "other"
    paths = write_articles(corpus, 3)
    run(capsys, "index", "--home", str(other), str(corpus))
    for where in (home, other):
        run(capsys, "index", "--home", str(where), str(corpus))
        for given in ((), (str(corpus),)):
            paths[0].write_text(news_text(0, extra=f"書き換え{where.name}{len(given)}"), "utf-8")
            code, out, err = run(capsys, "verify", "--home", str(where), *given)
            assert code == 1 and "inconsistent: 1 changed" in out
            step = err.removeprefix("yomite verify: `").removesuffix(
                "` updates the index from the files\n"
            )
            assert step.startswith("yomite index"), err
            assert ("--home" in step) == (where == other), step
            code, _, _ = run(capsys, *shlex.split(step)[1:])
            assert code == 0
            code, out, err = run(capsys, "verify", "--home", str(where), *given)
            assert (code, err) == (0, ""), out
            assert out.endswith(" match the files\n"), out


def test_verify_names_a_path_that_begins_with_a_dash_as_typed(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`yomite verify ./-news` (a directory named so, typed as no option) named
    `yomite index -news` (Path("./-news") is Path("-news")), which `yomite index`
    refused, exit 2: "unrecognized arguments: -news". Typed as said, it mends the index."""
    paths = write_articles(tmp_path / "-news", 2)
    monkeypatch.chdir(tmp_path)
    assert run(capsys, "index", "./-news")[0] == 0
    paths[0].write_text(news_text(0, extra="書き換え"), "utf-8")
    code, _, err = run(capsys, "verify", "./-news")
    step = err.removeprefix("yomite verify: `").removesuffix("` updates the index from the files\n")
    assert code == 1 and step == "yomite index ./-news", err
    code, out, _ = run(capsys, *shlex.split(step)[1:])
    assert code == 0 and out.startswith("0 added, 1 updated"), out
    assert run(capsys, "verify", "./-news")[0] == 0


def test_verify_says_what_files_were_not_indexed_beside_consistent(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "corpus"
    write_articles(corpus, 2)
    (corpus / "binary.txt").write_bytes(b"\x00\x01" * 50)
    run(capsys, "index", "--home", str(home), str(corpus))

    code, out, _ = run(capsys, "verify", "--home", str(home))
    assert code == 0  # the index holds what the files hold
    assert f"failed to parse: {(corpus / 'binary.txt').resolve()}: binary file" in out
    assert out.rstrip().endswith(
        "consistent: 2 articles match the files; 1 file is no article (not indexed, listed above)"
    )


def test_verify_of_one_article_says_article(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_articles(tmp_path / "one", 1)
    run(capsys, "index", "--home", str(home), str(tmp_path / "one"))
    code, out, _ = run(capsys, "verify", "--home", str(home))
    assert (code, out.splitlines()) == (
        0,
        ["index: 1 article; checksums OK", "consistent: 1 article matches the files"],
    )


def test_verify_compares_every_directory_an_update_covers(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """verify compared the roots the index recorded only: a directory config.toml names
    that was never indexed passed for consistent, its files not reported new (while
    `verify c` reported them)."""
    dirs = [tmp_path / name for name in ("a", "b", "c")]
    for number, directory in enumerate(dirs):
        write_articles(directory, 1, start=number)
    run(capsys, "index", "--home", str(home), str(dirs[0]), str(dirs[1]))
    listed = ", ".join(f'"{directory}"' for directory in dirs)
    (home / "config.toml").write_text(f"[library]\npaths = [{listed}]\n")

    code, out, _ = run(capsys, "verify", "--home", str(home))
    assert (code, out.splitlines()[1:]) == (
        1, [f"new: {(dirs[2] / 'n0002.txt').resolve()}", "inconsistent: 1 new (of 2 indexed)"]
    )  # fmt: skip
    code, out, _ = run(capsys, "verify", "--home", str(home), "--repair")
    assert (code, out.splitlines()[-1]) == (0, "consistent: 3 articles match the files")


@pytest.mark.parametrize(
    ("config", "problem"),
    [
        ('[library]\npaths = ["unterminated]\n', "not valid TOML: "),
        ('[library]\npaths = "news"\n', "[library] paths must be a list of strings"),
        ("[reader]\nfurigna = true\n", "unknown setting [reader] furigna"),
        (
            '[library]\npaths = ["~nonexistentuser/x"]\n',
            '[library] paths: cannot expand "~nonexistentuser/x": no user named "nonexistentuser"',
        ),
    ],
    ids=["invalid-toml", "paths-a-string", "unknown-setting", "unknown-user"],
)
def test_every_command_refuses_a_config_it_cannot_use(
    config: str, problem: str, home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`yomite index` and the reader refused it (exit 2); search and verify went on as
    if it were right. A `~user` the system does not know ended all of them, the
    reader too, in a traceback (RuntimeError from pathlib)."""
    import argparse

    from tui.app import run_reader

    write_articles(tmp_path / "corpus", 1)
    run(capsys, "index", "--home", str(home), str(tmp_path / "corpus"))
    (home / "config.toml").write_text(config)

    for command in (["index"], ["verify"], ["verify", "--repair"], ["search", "東京"]):
        code, out, err = run(capsys, command[0], "--home", str(home), *command[1:])
        assert (code, out) == (2, ""), command
        assert err.startswith(f"yomite {command[0]}: {home / 'config.toml'}: {problem}")
        assert len(err.splitlines()) == 1
    code = run_reader(argparse.Namespace(home=str(home), paths=[], no_mouse=False))
    err = capsys.readouterr().err
    assert code == 2 and err.startswith(f"yomite: {home / 'config.toml'}: {problem}")
    assert len(err.splitlines()) == 1


def test_verify_detects_a_damaged_index_and_repair_rebuilds_it(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_articles(tmp_path / "corpus", 3)
    run(capsys, "index", "--home", str(home), str(tmp_path / "corpus"))
    _damage(home)

    code, _, err = run(capsys, "verify", "--home", str(home))
    assert code == 1
    assert "damaged" in err and "fails its checksum" in err

    code, out, _ = run(capsys, "verify", "--home", str(home), "--repair")
    assert code == 0
    assert "consistent: 3 articles" in out
    # What the index held cannot be read: it said "3 added" of the 3 it held.
    [summary] = [line for line in out.splitlines() if " failed in " in line]
    assert summary.startswith("rebuilt from the files: 3 articles, 0 failed in ")
    assert "added" not in out


def test_index_over_a_damaged_index_says_it_rebuilt_from_the_files(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`yomite index` rebuilds a damaged index too, and said "2 added" of the 2 it held
    and of a third new since: nobody can tell which are new."""
    write_articles(tmp_path / "corpus", 2)
    run(capsys, "index", "--home", str(home), str(tmp_path / "corpus"))
    _damage(home)
    write_articles(tmp_path / "corpus", 1, start=2)
    code, out, err = run(capsys, "index", "--home", str(home))
    assert code == 0
    assert "rebuilding the index from the article files" in err
    assert out.startswith("rebuilt from the files: 3 articles, 0 failed in ")
    # An index that can be read is counted against, as before.
    write_articles(tmp_path / "corpus", 1, start=3)
    code, out, _ = run(capsys, "index", "--home", str(home), "--rebuild")
    assert out.startswith("1 added, 0 updated, 0 removed, 3 unchanged, 0 failed in ")


def test_verify_of_a_path_says_what_it_compared(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """verify PATH counted every indexed article as matching, listed the failures of
    the whole home, and over a path that is not there said `consistent` (exit 0)."""
    first, second = tmp_path / "first", tmp_path / "second"
    write_articles(first, 3)
    write_articles(second, 2, start=100)
    (second / "binary.txt").write_bytes(b"\x00 not text \x00" * 10)
    run(capsys, "index", "--home", str(home), str(first), str(second))

    code, out, _ = run(capsys, "verify", "--home", str(home), str(first))
    assert (code, out.splitlines()[1:]) == (0, ["consistent: 3 articles match the files"])

    code, out, _ = run(capsys, "verify", "--home", str(home), str(tmp_path / "absent"))
    assert code == 2
    assert out.splitlines()[1:] == [
        f"unavailable: {tmp_path / 'absent'}: no such file or directory; "
        "nothing under it was checked",
        "inconsistent: 0 of 5 indexed articles checked; 1 path given not there",
    ]
    # A link in a loop, told as `yomite index` tells it (it said "no such file").
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    code, out, _ = run(capsys, "verify", "--home", str(home), str(loop))
    assert code == 2
    assert out.splitlines()[1] == (
        f"unavailable: {loop}: broken symbolic link: a loop (too many levels of links); "
        "nothing under it was checked"
    )

    # A file that stops parsing: its last version stays indexed, and verify says so.
    victim = first / "n0000.txt"
    victim.write_bytes(victim.read_bytes() + b"\x00")
    run(capsys, "index", "--home", str(home), str(first), str(second))
    code, out, _ = run(capsys, "verify", "--home", str(home))
    assert code == 0
    assert out.splitlines()[1:3] == [
        f"failed to parse: {victim}: binary file (contains NUL bytes), not an article; "
        "the version indexed before is kept",
        f"failed to parse: {second / 'binary.txt'}: binary file (contains NUL bytes), "
        "not an article",
    ]


def test_verify_of_a_path_compares_only_the_articles_under_it(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file deleted from another directory of the home was reported by `verify PATH`
    (`missing: …/mixed/euc_copy.txt`, "inconsistent: 1 missing (of 16 indexed)", exit 1)
    of a PATH whose articles all match their files, and of a file given (review)."""
    mixed, evil = tmp_path / "odd" / "mixed", tmp_path / "odd" / "evil"
    gone, *_ = write_articles(mixed, 3)
    kept = write_articles(evil, 2, start=100)
    run(capsys, "index", "--home", str(home), str(mixed), str(evil))
    gone.unlink()

    for given, count in ((evil, "2 articles match"), (kept[0], "1 article matches")):
        code, out, err = run(capsys, "verify", "--home", str(home), str(given))
        assert (code, err, out.splitlines()) == (
            0, "", ["index: 5 articles; checksums OK", f"consistent: {count} the files"]
        )  # fmt: skip

    # Counted among the articles compared, not the whole index's.
    kept[1].write_text(news_text(101, extra="書き換え"), "utf-8")
    code, out, _ = run(capsys, "verify", "--home", str(home), str(evil))
    assert (code, out.splitlines()[1:]) == (
        1,
        [
            f"changed: {kept[1].resolve()}",
            "inconsistent: 1 changed (of 2 indexed under the path given)",
        ],
    )
    code, out, _ = run(capsys, "verify", "--home", str(home), str(mixed), str(kept[0]))
    assert (code, out.splitlines()[1:]) == (
        1,
        [
            f"missing: {gone.resolve()}",
            "inconsistent: 1 missing (of 4 indexed under the paths given)",
        ],
    )
    # Without PATHs, the whole home: both, of every article.
    code, out, _ = run(capsys, "verify", "--home", str(home))
    assert (code, out.splitlines()[-1]) == (1, "inconsistent: 1 missing, 1 changed (of 5 indexed)")


def test_verify_of_a_directory_compares_a_file_indexed_by_its_name_there(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`yomite index DIR/data.csv` then `yomite verify DIR` said `missing: DIR/data.csv`,
    "inconsistent: 1 missing", exit 1, of a file that is there: DIR's walk reads
    `*.txt` and Markdown files only. `verify` of the whole home found it consistent; a
    verify of DIR now agrees, and still sees the file changed or deleted."""
    odd = tmp_path / "odd"
    write_articles(odd, 1)
    named = odd / "data.csv"
    named.write_text(news_text(50), "utf-8")
    run(capsys, "index", "--home", str(home), str(named))
    run(capsys, "index", "--home", str(home), str(odd))

    for given in ((odd,), ()):
        code, out, err = run(capsys, "verify", "--home", str(home), *map(str, given))
        assert (code, err, out.splitlines()) == (
            0, "", ["index: 2 articles; checksums OK", "consistent: 2 articles match the files"]
        )  # fmt: skip

    named.write_text(news_text(50, extra="書き換え"), "utf-8")
    code, out, _ = run(capsys, "verify", "--home", str(home), str(odd))
    assert (code, out.splitlines()[1]) == (1, f"changed: {named.resolve()}")
    named.unlink()
    code, out, _ = run(capsys, "verify", "--home", str(home), str(odd))
    assert (code, out.splitlines()[1]) == (1, f"missing: {named.resolve()}")


def test_verify_of_the_home_says_a_file_indexed_by_name_and_deleted_is_missing_once(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """It said `missing: …/data.csv` and then `unavailable: …/data.csv: a directory of the
    home, not there; none of its articles is in the index until it is back`: a file, in
    the index, reported twice, and "1 directory of the home not there" in the verdict."""
    odd = tmp_path / "odd"
    write_articles(odd, 1)
    named = tmp_path / "data.csv"
    named.write_text(news_text(50), "utf-8")
    run(capsys, "index", "--home", str(home), str(odd), str(named))
    named.unlink()

    code, out, err = run(capsys, "verify", "--home", str(home))
    assert (code, err, out.splitlines()[1:]) == (
        1, UPDATES, [f"missing: {named.resolve()}", "inconsistent: 1 missing (of 2 indexed)"]
    )  # fmt: skip


def test_counts_are_written_one_way_in_every_line() -> None:
    """`yomite verify` of the 7,367 ldcc articles printed "index: 7,367 articles" and
    then "consistent: 7367 articles match the files"; `yomite index` "7367 added" under
    a progress bar counting "1745/7367". Every count is thousands separated."""
    from rich.progress import Progress

    from index.build import UpdateReport
    from index.commands.build import CountColumn, summary_line
    from index.commands.verify import verdict
    from index.library import VerifyReport

    assert verdict(VerifyReport(indexed=7367, compared=7367)) == (
        "consistent: 7,367 articles match the files"
    )
    gone = [f"/news/{number}.txt" for number in range(1200)]
    assert verdict(VerifyReport(indexed=7367, compared=7367, missing=gone)) == (
        "inconsistent: 1,200 missing (of 7,367 indexed)"
    )
    scoped = VerifyReport(roots=["/news"], indexed=7367, compared=2400, missing=gone, scope=2400)
    assert verdict(scoped) == "inconsistent: 1,200 missing (of 2,400 indexed under the path given)"
    update = UpdateReport(added=7367, unchanged=1200, seconds=21.0)
    assert summary_line(update, locations()) == (
        "7,367 added, 0 updated, 0 removed, 1,200 unchanged, 0 failed in 21.0 s"
    )
    progress = Progress()
    task = progress.add_task("indexing", total=7367, completed=1745)
    assert CountColumn().render(progress.tasks[task]).plain == "1,745/7,367"


def test_repairing_or_rebuilding_one_directory_keeps_the_homes_others(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # `verify --repair PATH` and `index --rebuild PATH` rebuilt the index from PATH
    # alone: every other directory's articles were gone, reported as "0 removed".
    first, second = tmp_path / "first", tmp_path / "second"
    write_articles(first, 2)
    changed = write_articles(second, 2, start=100)[0]
    run(capsys, "index", "--home", str(home), str(first))
    run(capsys, "index", "--home", str(home), str(second))
    changed.write_text(news_text(100, extra="書き換え"), "utf-8")

    code, out, _ = run(capsys, "verify", "--home", str(home), "--repair", str(second))
    assert code == 0
    assert "0 added, 1 updated, 0 removed, 3 unchanged" in out
    # the articles compared: those under the path given
    assert out.rstrip().endswith("consistent: 2 articles match the files")
    code, out, _ = run(capsys, "verify", "--home", str(home))
    assert (code, out.splitlines()[-1]) == (0, "consistent: 4 articles match the files")

    (first / "n0000.txt").unlink()
    code, out, _ = run(capsys, "index", "--home", str(home), "--rebuild", str(second))
    assert (code, out.splitlines()[-1].split(" in ")[0]) == (
        0, "0 added, 0 updated, 1 removed, 3 unchanged, 0 failed"
    )  # fmt: skip
    with Library.open(locations(home)) as library:
        assert library.count() == 3
        assert sorted(library.roots) == sorted(str(p.resolve()) for p in (first, second))


def test_verify_says_so_when_there_is_no_index_or_its_first_build_failed(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # A mistyped --home, or a first build that never committed, passed as
    # "consistent: 0 articles match the files", exit 0.
    code, out, err = run(capsys, "verify", "--home", str(tmp_path / "typo"))
    assert (code, out) == (1, "")
    # named as its other messages are (it had no `yomite verify:`; search's has)
    assert err.startswith(f"yomite verify: no index in {tmp_path / 'typo'} yet: run ")

    corpus = tmp_path / "corpus"
    write_articles(corpus, 3)

    def fail(*args: object, **kwargs: object) -> None:
        raise index.library.LibraryError("an indexing worker process died")

    monkeypatch.setattr(index.maintenance, "apply_plan", fail)
    code, _, _ = run(capsys, "index", "--home", str(home), str(corpus))
    assert code == 1
    monkeypatch.undo()
    # No index was made: said as for a new home (it said "inconsistent: 3 new (of 0
    # indexed)" of an empty index left live, which `yomite search` searched).
    code, out, err = run(capsys, "verify", "--home", str(home))
    assert (code, out) == (1, "")
    assert err.startswith(f"yomite verify: no index in {home} yet: run ")
    code, out, _ = run(capsys, "index", "--home", str(home))  # what it was asked for
    assert code == 0 and out.startswith("3 added")


def test_search_and_verify_during_another_process_first_build_say_to_wait(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """While `yomite index` builds a home's first index (its write lock held, nothing
    committed yet), search and verify said "no index in HOME yet: run `yomite index
    --home HOME`": to run what was running. They say another process is building it,
    as a second `yomite index` says the index is being updated."""
    from index.store import write_lock

    index_dir = home / "index"
    index_dir.mkdir(parents=True, mode=0o700)
    waiting = (
        f"no index in {home} yet: another process is building it; try again when it has finished"
    )
    with write_lock(index_dir):  # as the first build holds it, in another process
        for command in (["search", "東京"], ["verify"]):
            code, out, err = run(capsys, command[0], "--home", str(home), *command[1:])
            assert (code, out) == (1, "")
            assert err.strip() == f"yomite {command[0]}: {waiting}"
    # The build gone (stopped, or it failed): what to run, as before.
    code, _, err = run(capsys, "search", "--home", str(home), "東京")
    assert code == 1 and err.startswith(f"yomite search: no index in {home} yet: run ")


def test_a_directory_gone_as_a_whole_keeps_its_articles_until_a_rebuild(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # An unmounted disk looked like every article under it deleted: the next update
    # (the reader runs one at start) emptied that part of the index.
    mounted, local = tmp_path / "usb", tmp_path / "local"
    write_articles(mounted, 3)
    note = write_articles(local, 1, start=100)[0]
    run(capsys, "index", "--home", str(home), str(mounted), str(local))
    (tmp_path / "usb").rename(tmp_path / "usb-unplugged")

    code, out, err = run(capsys, "index", "--home", str(home))
    assert code == 0  # not given: a directory of the home, away for now
    assert out.startswith("0 added, 0 updated, 0 removed, 1 unchanged, 0 failed in ")
    assert out.endswith(" s; 1 path not there\n")
    assert f"{mounted}: directory not found: its 3 articles are kept until it is back" in err
    with Library.open(locations(home)) as library:
        assert library.count() == 4

    (tmp_path / "usb-unplugged").rename(tmp_path / "usb")
    code, out, err = run(capsys, "index", "--home", str(home))
    assert (code, err) == (0, "")
    assert "0 added, 0 updated, 0 removed, 4 unchanged" in out

    # A file asked for that is gone was deleted: it goes, and is not asked for again.
    run(capsys, "index", "--home", str(home), str(tmp_path / "single.txt"))  # not there
    single = tmp_path / "single.txt"
    single.write_text(news_text(200), "utf-8")
    run(capsys, "index", "--home", str(home), str(single))
    single.unlink()
    code, out, err = run(capsys, "index", "--home", str(home))
    assert "1 removed" in out and "single.txt: no such file or directory" in err
    code, out, err = run(capsys, "index", "--home", str(home))
    assert err == ""

    # A rebuild forgets a directory that is gone.
    (tmp_path / "usb").rename(tmp_path / "usb-unplugged")
    code, out, err = run(capsys, "index", "--home", str(home), "--rebuild")
    with Library.open(locations(home)) as library:
        assert library.count() == 1 and note.resolve().name in library.articles()[0].path
        assert library.roots == [str(local.resolve())]


def test_an_unmounted_disks_empty_mount_point_keeps_its_articles(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An unmounted disk leaves its mount point, empty: `yomite index` removed all its
    articles as deleted, and `verify` said "consistent" of what was left."""
    disk, local = tmp_path / "mnt" / "disk", tmp_path / "local"
    write_articles(disk, 3)
    write_articles(local, 1, start=100)
    run(capsys, "index", "--home", str(home), str(disk), str(local))
    disk.rename(tmp_path / "mnt" / "disk.away")
    disk.mkdir()

    code, out, err = run(capsys, "index", "--home", str(home))

    assert code == 0
    assert out.startswith("0 added, 0 updated, 0 removed, 1 unchanged, 0 failed in ")
    assert out.endswith(" s; 1 directory empty\n")
    assert err == (
        f"yomite index: {disk}: directory empty (an unmounted disk?): its 3 articles are "
        f"kept until files are back (`yomite index --forget {disk}` drops them)\n"
    )
    code, out, _ = run(capsys, "search", "--home", str(home), "--json", "記事番号2")
    assert [Path(hit["path"]).parent for hit in json.loads(out)["hits"]] == [disk]
    code, out, err = run(capsys, "verify", "--home", str(home))
    assert (code, err) == (1, "")
    assert out.splitlines()[1:] == [
        f"empty: {disk}: no article file under it (an unmounted disk?); its 3 articles are "
        "kept, not checked",
        "inconsistent: 1 of 4 indexed articles checked; 1 directory empty",
    ]
    # A rebuild would leave them out: the repair updates from the files that are there.
    code, out, err = run(capsys, "verify", "--home", str(home), "--repair")
    assert code == 1
    assert err.splitlines() == [
        "yomite verify: nothing to repair in the files that are there",
        f"yomite verify: empty: {disk}; what is under it is checked once files are back",
    ]
    with Library.open(locations(home)) as library:
        assert library.count() == 4

    disk.rmdir()
    (tmp_path / "mnt" / "disk.away").rename(disk)
    code, out, err = run(capsys, "index", "--home", str(home))
    assert (code, err) == (0, "")
    assert out.startswith("0 added, 0 updated, 0 removed, 4 unchanged, 0 failed in ")
    code, out, _ = run(capsys, "verify", "--home", str(home))
    assert (code, out.splitlines()[-1]) == (0, "consistent: 4 articles match the files")

    # Emptied on purpose: kept all the same, until `--forget` drops them with it.
    for path in disk.iterdir():
        path.unlink()
    code, out, _ = run(capsys, "index", "--home", str(home))
    assert (code, out.split(" in ")[0]) == (
        0,
        "0 added, 0 updated, 0 removed, 1 unchanged, 0 failed",
    )
    code, out, _ = run(capsys, "index", "--home", str(home), "--forget", str(disk))
    assert (code, out.splitlines()[-1].split(" in ")[0]) == (
        0, "0 added, 0 updated, 3 removed, 0 unchanged, 0 failed"
    )  # fmt: skip
    code, out, _ = run(capsys, "verify", "--home", str(home))
    assert (code, out.splitlines()[-1]) == (0, "consistent: 1 article matches the files")


def test_a_rebuild_while_a_disks_mount_point_is_empty_leaves_its_articles_out_and_says_so(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--rebuild` reads the files: it cannot keep an absent disk's articles. It names
    the directory, which stays in the home, and `yomite index` brings them back."""
    disk, local = tmp_path / "mnt" / "disk", tmp_path / "local"
    write_articles(disk, 2)
    write_articles(local, 1, start=100)
    run(capsys, "index", "--home", str(home), str(disk), str(local))
    disk.rename(tmp_path / "mnt" / "disk.away")
    disk.mkdir()

    code, out, err = run(capsys, "index", "--home", str(home), "--rebuild")

    assert code == 0
    assert out.startswith("0 added, 0 updated, 2 removed, 1 unchanged, 0 failed in ")
    assert out.endswith(" s; 1 directory empty\n")
    assert err == (
        f"yomite index: {disk}: directory empty (an unmounted disk?): its 2 articles are "
        "left out of the rebuilt index; `yomite index` brings them in once files are back\n"
    )
    # Said again while they wait, as verify says them and as an update says a directory
    # that cannot be listed: "0 added, … 1 unchanged, 0 failed" and nothing more.
    code, out, err = run(capsys, "index", "--home", str(home))
    assert code == 0 and out.endswith(" s; 1 directory empty\n")
    assert err == (
        f"yomite index: {disk}: directory empty (an unmounted disk?): its 2 articles are "
        "left out until files are back, when `yomite index` brings them in\n"
    )
    # verify said "consistent: 1 article matches the files", exit 0, of them.
    code, out, _ = run(capsys, "verify", "--home", str(home))
    assert (code, out.splitlines()[1:]) == (
        1,
        [
            f"empty: {disk}: no article file under it (an unmounted disk?); its 2 articles "
            "are left out until files are back, when `yomite index` brings them in",
            "inconsistent: 1 of 1 indexed articles checked; 1 directory empty",
        ],
    )
    code, out, err = run(capsys, "verify", "--home", str(home), "--repair")
    assert code == 1
    assert err.splitlines()[-1] == (
        f"yomite verify: empty: {disk}; what is under it is checked once files are back"
    )
    disk.rmdir()
    (tmp_path / "mnt" / "disk.away").rename(disk)
    code, out, _ = run(capsys, "index", "--home", str(home))
    assert (code, out.split(" in ")[0]) == (
        0,
        "2 added, 0 updated, 0 removed, 1 unchanged, 0 failed",
    )
    code, out, _ = run(capsys, "verify", "--home", str(home))
    assert (code, out.splitlines()[-1]) == (0, "consistent: 3 articles match the files")


def test_a_repair_while_a_disks_mount_point_is_empty_keeps_it_as_not_there(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A rebuild for a new schema (or a repair) cannot keep the articles of an empty
    mount point either: the directory is kept as one not there, told of until files are
    back, and its files' ids are kept for them (read marks and bookmarks go by id)."""
    disk, other = tmp_path / "mnt" / "disk", tmp_path / "other"
    disk.mkdir(parents=True)
    other.mkdir()
    (disk / "x.txt").write_text("記事\n京都の話です。\n", "utf-8")
    run(capsys, "index", "--home", str(home), str(disk))
    monkeypatch.setattr(index.library, "schema_fingerprint", lambda: "a later schema")
    disk.rename(tmp_path / "mnt" / "disk.away")
    disk.mkdir()
    (other / "x.txt").write_text("別記事\n大阪の話です。\n", "utf-8")

    code, out, err = run(capsys, "index", "--home", str(home), str(other))

    left_out = (
        f"yomite index: {disk}: directory empty: it stays in the home, but its articles are "
        "not in the index until files are back; `yomite index` then brings them in "
        f"(`yomite index --forget {disk}` drops it)\n"  # (it named no PATH, which it needs)
    )
    assert code == 0 and err.endswith("rebuilding the index from the article files\n" + left_out)
    assert out.endswith(" s; 1 directory empty\n")
    code, out, err = run(capsys, "index", "--home", str(home))
    assert (code, err) == (0, left_out)
    code, out, _ = run(capsys, "verify", "--home", str(home))
    assert code == 1
    assert out.splitlines()[-2:] == [
        f"empty: {disk}: no article file under it; none of its articles is in the index "
        "until files are back (then `yomite index`)",
        "inconsistent: 1 of 1 indexed articles checked; 1 directory empty",
    ]
    # Another directory forgotten meanwhile: the ids held for the disk's files stay held.
    third = tmp_path / "third"
    third.mkdir()
    (third / "x.txt").write_text("三つ目\n神戸の話です。\n", "utf-8")
    assert run(capsys, "index", "--home", str(home), "--forget", str(other))[0] == 0
    run(capsys, "index", "--home", str(home), str(third))

    disk.rmdir()
    (tmp_path / "mnt" / "disk.away").rename(disk)
    code, out, err = run(capsys, "index", "--home", str(home))
    assert (code, err) == (0, "")
    with Library.open(locations(home)) as library:
        ids = {Path(f.path).parent.name: f.id for f in library.indexed_files().values()}
    assert ids["disk"] == "x"
    assert ids["third"].startswith("x~") and "other" not in ids


def _damage(home: Path) -> None:
    """Flip a byte in the middle of the index's largest segment file."""
    generation = current_generation(home / "index")
    assert generation is not None
    segment = max(generation.glob("MAIN_*.*"), key=lambda p: p.stat().st_size)
    data = bytearray(segment.read_bytes())
    data[len(data) // 3] ^= 0xFF
    segment.write_bytes(bytes(data))


@pytest.mark.parametrize("problem", ["damaged", "outdated"])
def test_a_repair_while_a_directory_of_the_home_is_not_there_keeps_it_in_the_home(
    problem: str,
    home: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`verify --repair` (or `yomite index`) rebuilding while a disk is unmounted dropped
    that directory from the home without a word, and said "consistent": once it was
    back, `yomite index` added nothing."""
    here, usb = tmp_path / "d1", tmp_path / "d2"
    write_articles(here, 1)
    write_articles(usb, 2, start=100)
    run(capsys, "index", "--home", str(home), str(here), str(usb))
    if problem == "damaged":
        _damage(home)
    else:
        monkeypatch.setattr(index.library, "schema_fingerprint", lambda: "a later schema")
    usb.rename(tmp_path / "d2.gone")

    code, out, err = run(capsys, "verify", "--home", str(home), "--repair")

    left_out = (
        f"yomite verify: {usb}: directory not found: it stays in the home, but its articles "
        "are not in the index until it is back; `yomite index` then brings them in"
    )
    assert code == 1
    assert left_out in err
    assert out.splitlines()[-2:] == [
        f"unavailable: {usb}: a directory of the home, not there; none of its articles is "
        "in the index until it is back (then `yomite index`)",
        "inconsistent: 1 of 1 indexed articles checked; 1 directory of the home not there",
    ]
    # Still one of the home's while it is away: an update does not forget it.
    code, out, err = run(capsys, "index", "--home", str(home))
    assert code == 0 and left_out.replace("verify", "index") in err
    with Library.open(locations(home)) as library:
        assert library.roots == [str(here.resolve()), str(usb)]

    (tmp_path / "d2.gone").rename(usb)
    code, out, err = run(capsys, "index", "--home", str(home))
    assert (code, err, out.split(" in ")[0]) == (
        0, "", "2 added, 0 updated, 0 removed, 1 unchanged, 0 failed"
    )  # fmt: skip
    code, out, _ = run(capsys, "verify", "--home", str(home))
    assert (code, out.splitlines()[-1]) == (0, "consistent: 3 articles match the files")


def test_verify_while_a_directory_of_the_home_is_not_there_names_it_and_repairs_the_rest(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """It said "1 path given not there" when no path was given, exit 2, and `--repair`
    repaired nothing without saying why."""
    here, usb = tmp_path / "d1", tmp_path / "d2"
    edited = write_articles(here, 1)[0]
    write_articles(usb, 1, start=100)
    run(capsys, "index", "--home", str(home), str(here), str(usb))
    usb.rename(tmp_path / "d2.gone")
    edited.write_text(news_text(0, extra="書き換え"), "utf-8")

    code, out, err = run(capsys, "verify", "--home", str(home))
    assert (code, err) == (1, UPDATES)
    assert out.splitlines()[1:] == [
        f"changed: {edited.resolve()}",
        f"unavailable: {usb}: a directory of the home, not there (an unmounted disk?); "
        "its 1 article is kept, not checked",
        "inconsistent: 1 changed (of 2 indexed); 1 directory of the home not there",
    ]

    code, out, err = run(capsys, "verify", "--home", str(home), "--repair")
    assert code == 1
    assert out.splitlines()[4:] == [
        "updating the index from the files that are there (a rebuild would leave out the "
        f"articles of {usb})...",
        out.splitlines()[5],
        "inconsistent: 1 of 2 indexed articles checked; 1 directory of the home not there",
    ]
    assert out.splitlines()[5].startswith("0 added, 1 updated, 0 removed, 0 unchanged")
    assert err.splitlines() == [
        f"yomite verify: {usb}: directory not found: its 1 article is kept until it is back "
        "(`yomite index --rebuild` forgets it)",
        f"yomite verify: not there: {usb}; what is under it is checked once it is back",
    ]
    code, out, err = run(capsys, "verify", "--home", str(home), "--repair")
    assert code == 1
    assert "nothing to repair in the files that are there" in err
    code, out, err = run(capsys, "verify", "--home", str(home), "--repair", str(usb))
    assert code == 2
    assert err == "yomite verify: not repaired: a PATH given is not there\n"


def test_a_broken_link_given_says_what_is_wrong_with_it(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A link in a loop, given to index, was "no such file or directory" (review)."""
    (tmp_path / "loop.txt").symlink_to("loop.txt")
    (tmp_path / "dangling.txt").symlink_to("gone.txt")
    code, _, err = run(
        capsys,
        "index",
        "--home",
        str(home),
        str(tmp_path / "loop.txt"),
        str(tmp_path / "dangling.txt"),
    )
    assert code == 2
    assert "loop.txt: broken symbolic link: a loop (too many levels of links)" in err
    assert "dangling.txt: broken symbolic link: gone.txt is not there" in err


def test_the_data_home_given_as_articles_is_refused(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`yomite index --home h9 h9` was taken without a word, the home a root of itself."""
    write_articles(tmp_path / "corpus", 2)
    run(capsys, "index", "--home", str(home), str(tmp_path / "corpus"))
    (home / "config.toml").write_text("")  # there: one not there is said so (the next test)

    code, out, err = run(capsys, "index", "--home", str(home), str(home), str(home / "config.toml"))

    assert code == 2
    assert err.splitlines() == [
        f"yomite index: {home}: the data home itself (yomite's index, config and state), "
        "not articles: not indexed",
        f"yomite index: {home / 'config.toml'}: in the data home, one of yomite's own files, "
        "not an article: not indexed",
    ]
    assert out.startswith("0 added, 0 updated, 0 removed, 0 unchanged, 2 failed")
    with Library.open(locations(home)) as library:
        assert library.roots == [str((tmp_path / "corpus").resolve())]
    # A directory inside the home is not the home: `paths = ["news"]` is under it.
    write_articles(home / "news", 1, start=50)
    code, out, err = run(capsys, "index", "--home", str(home), str(home / "news"))
    assert (code, err) == (0, "") and out.startswith("1 added")


def test_a_mistyped_directory_of_the_home_is_said_not_there(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`[library] paths = ["nwes"]` (news, mistyped) is under the home, and was refused
    as "in the data home, one of yomite's own files, not an article", counted failed
    and exit 2; a typo elsewhere is not there, as this one is."""
    write_articles(tmp_path / "corpus", 1)
    run(capsys, "index", "--home", str(home), str(tmp_path / "corpus"))
    (home / "config.toml").write_text('[library]\npaths = ["nwes"]\n')

    code, out, err = run(capsys, "index", "--home", str(home))

    assert err == f"yomite index: {home / 'nwes'}: no such file or directory\n"
    assert out.startswith("0 added, 0 updated, 0 removed, 1 unchanged, 0 failed in ")
    assert out.endswith(" s; 1 path not there\n") and code == 0


def test_index_exits_2_when_a_path_given_is_not_there(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A typo in a path exited 0: a script could not tell it from success.
    write_articles(tmp_path / "corpus", 2)
    typo = tmp_path / "corpsu"
    code, out, err = run(capsys, "index", "--home", str(home), str(typo), str(tmp_path / "corpus"))
    assert code == 2
    assert f"{typo}: no such file or directory" in err
    # The rest is indexed, and the path is said to be not there: it was counted as a
    # file that failed ("1 failed"), as if one had been read and was no article.
    assert out.startswith("2 added, 0 updated, 0 removed, 0 unchanged, 0 failed in ")
    assert out.endswith(" s; 1 path not there\n")
    code, _, _ = run(capsys, "index", "--home", str(home), str(tmp_path / "corpus"))
    assert code == 0


def test_index_of_only_a_typo_on_a_new_home_makes_no_index(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An empty index went live: `yomite search` then answered "0 hits" (exit 0) where
    a new home says it has no index yet (review)."""
    typo = tmp_path / "corpsu"
    code, out, err = run(capsys, "index", "--home", str(home), str(typo))
    assert code == 2 and f"{typo}: no such file or directory" in err
    assert out.startswith("0 added, 0 updated, 0 removed, 0 unchanged, 0 failed in ")
    assert out.endswith(" s; 1 path not there\n")
    code, _, err = run(capsys, "search", "--home", str(home), "東京")
    assert code == 1 and "no index in" in err
    write_articles(tmp_path / "corpus", 2)  # the path typed right: built as ever
    code, out, _ = run(capsys, "index", "--home", str(home), str(tmp_path / "corpus"))
    assert code == 0 and out.startswith("2 added")


def test_a_directory_of_notes_alone_says_they_are_not_articles(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A directory holding only README.txt was "empty of article files (*.txt, …): 1
    other file not read": a .txt said to be read, and one said not read, with no why."""
    notes, mixed = tmp_path / "notes", tmp_path / "mixed"
    notes.mkdir()
    (notes / "README.txt").write_text("このディレクトリについて\n", "utf-8")
    (mixed / "sub").mkdir(parents=True)
    (mixed / "LICENSE.txt").write_text("MIT\n", "utf-8")
    (mixed / "sub" / "readme.md").write_text("# 説明\n", "utf-8")
    (mixed / "page.html").write_text("<p>記事</p>\n", "utf-8")
    read = "(*.txt, *.md, *.markdown…, not README, LICENSE, CHANGES, CHANGELOG or COPYING)"

    code, out, err = run(capsys, "index", "--home", str(home), str(notes))
    assert (code, err.splitlines()) == (
        2,
        [
            f"yomite index: new data home {home}",
            f"yomite index: {notes}: directory empty of article files {read}: README.txt "
            "not read; nothing to index",
        ],
    )
    assert out.endswith(" s; 1 directory with no article file\n")
    code, out, err = run(capsys, "index", "--home", str(home), str(mixed))
    assert err.splitlines() == [
        f"yomite index: {mixed}: directory empty of article files {read}: 2 notes files "
        "(LICENSE.txt, readme.md) and 1 other file not read; nothing to index"
    ]
    code, out, _ = run(capsys, "verify", "--home", str(home), str(notes))
    assert (code, out.splitlines()[1]) == (
        0,
        f"no articles: {notes}: directory empty of article files {read}: README.txt not "
        "read; nothing to compare",
    )


def test_a_directory_with_no_article_file_says_there_is_nothing_to_index(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A directory of HTML and CSV files, or an empty one, said "0 added, 0 updated, 0
    removed, 0 unchanged, 0 failed", exit 0, and `verify` "consistent: 0 articles match
    the files": read as if its articles were all indexed (review). Given, it is an error
    as a path that is not there is (exit 2); a directory of the home found so is said."""
    html, empty, corpus = tmp_path / "htmlonly", tmp_path / "empty", tmp_path / "corpus"
    html.mkdir()
    (html / "a.html").write_text("<p>記事</p>\n")
    (html / "b.csv").write_text("a,b\n")
    (html / ".hidden.txt").write_text("隠れた記事\n")  # a hidden file is no article either
    empty.mkdir()
    (empty / ".DS_Store").write_bytes(b"\0")  # not counted: the walk never reads it
    write_articles(corpus, 2)
    read = "(*.txt, *.md, *.markdown…)"
    html_line = (
        f"yomite index: {html}: directory empty of article files {read}: 2 other files not "
        "read; nothing to index"
    )
    empty_line = (
        f"yomite index: {empty}: directory empty: no article file {read} under it; nothing to index"
    )

    code, out, err = run(capsys, "index", "--home", str(home), str(html))
    assert (code, err.splitlines()) == (2, [f"yomite index: new data home {home}", html_line])
    assert out.startswith("0 added, 0 updated, 0 removed, 0 unchanged, 0 failed in ")
    assert out.endswith(" s; 1 directory with no article file\n")

    code, out, err = run(capsys, "index", "--home", str(home), str(empty), str(corpus))
    assert (code, err.splitlines()) == (2, [empty_line])
    assert out.startswith("2 added, 0 updated, 0 removed, 0 unchanged, 0 failed in ")
    assert out.endswith(" s; 1 directory empty\n")

    # Directories of the home (refused when given, they do not join it: named in its
    # config): said each time, as a directory not there is; no error.
    (home / "config.toml").write_text(f'[library]\npaths = ["{html}", "{empty}"]\n')
    code, out, err = run(capsys, "index", "--home", str(home))
    assert (code, sorted(err.splitlines())) == (0, sorted([html_line, empty_line]))
    assert out.endswith(" s; 1 directory empty; 1 directory with no article file\n")

    code, out, err = run(capsys, "verify", "--home", str(home))
    assert (code, err) == (0, "")
    assert out.splitlines()[1:] == [
        f"no articles: {html}: directory empty of article files {read}: 2 other files not "
        "read; nothing to compare",
        f"no articles: {empty}: directory empty: no article file {read} under it; nothing "
        "to compare",
        "consistent: 2 articles match the files; 2 directories hold no article file (listed above)",
    ]
    code, out, _ = run(capsys, "verify", "--home", str(home), str(html))
    assert code == 0
    assert out.splitlines()[-1] == (
        "consistent: 0 articles match the files; 1 directory holds no article file (listed above)"
    )

    # A directory given whose files are gone while its articles are kept (an unmounted
    # disk's mount point): exit 2 as well, as when the directory is not there at all.
    for path in corpus.iterdir():
        path.unlink()
    code, _, err = run(capsys, "index", "--home", str(home), str(corpus))
    assert code == 2
    assert err.startswith(f"yomite index: {corpus}: directory empty (an unmounted disk?): ")


def test_a_directory_refused_when_given_does_not_join_the_home(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A directory given that holds no article file is refused (exit 2, "nothing to
    index"), and yet it joined the home: every later `yomite index` said "1 directory
    empty", `verify` "no articles: …" and the reader "1 path could not be indexed",
    until `--forget` (review). As a path not there, it is not taken in. (One the home
    held that is emptied later stays: test_an_unmounted_disks_empty_mount_point_….)"""
    from tui.app import create_app

    empty, html, corpus = tmp_path / "empty", tmp_path / "htmlonly", tmp_path / "corpus"
    empty.mkdir()
    html.mkdir()
    (html / "a.html").write_text("<p>記事</p>\n")
    write_articles(corpus, 2)

    code, out, _ = run(capsys, "index", "--home", str(home), str(empty))  # a new home
    assert code == 2
    code, out, _ = run(capsys, "index", "--home", str(home), str(corpus), str(html))
    assert code == 2
    assert out.startswith("2 added, 0 updated, 0 removed, 0 unchanged, 0 failed in ")
    code, out, _ = run(capsys, "index", "--home", str(home), "--rebuild", str(empty))
    assert code == 2

    code, out, err = run(capsys, "index", "--home", str(home))
    assert (code, err) == (0, "")
    assert out.startswith("0 added, 0 updated, 0 removed, 2 unchanged, 0 failed in ")
    assert out.endswith(" s\n")  # no "; 1 directory empty"
    code, out, err = run(capsys, "verify", "--home", str(home))
    assert (code, err, out.splitlines()[1:]) == (0, "", ["consistent: 2 articles match the files"])
    assert create_app(home, [], update_on_start=False).setup.corpus == (corpus.resolve(),)

    # Given again once it holds an article, it joins the home as any directory does.
    write_articles(empty, 1, start=100)
    code, out, err = run(capsys, "index", "--home", str(home), str(empty))
    assert (code, err, out.split(" in ")[0]) == (
        0, "", "1 added, 0 updated, 0 removed, 0 unchanged, 0 failed"
    )  # fmt: skip
    with Library.open(locations(home)) as library:
        assert sorted(library.roots) == sorted([str(corpus.resolve()), str(empty.resolve())])


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_file_given_that_is_no_article_does_not_join_the_home(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file given that is no article (a PNG named .txt, an empty file, a FIFO, a link
    to /dev/zero) joined the home (exit 0), and every later `yomite index` said it had
    failed ("1 failed", "/dev/zero: not a regular file") until `--forget` (review). As a
    directory with no article file, it is refused (exit 2) and not taken in, by a first
    build, an update and a rebuild alike; one that is an article joins, as before."""
    from tui.app import create_app

    corpus, odd = tmp_path / "corpus", tmp_path / "odd"
    write_articles(corpus, 2)
    odd.mkdir()
    image = odd / "image.txt"
    image.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    empty = odd / "empty.txt"
    empty.write_text(" \n\n")
    fifo = odd / "fifo.txt"
    os.mkfifo(fifo)
    zero = odd / "zero.txt"
    zero.symlink_to("/dev/zero")
    write_articles(odd / "good", 1, start=50)
    good = odd / "good" / "n0050.txt"

    code, out, err = run(capsys, "index", "--home", str(home), str(image), str(corpus))
    assert code == 2
    assert out.startswith("2 added, 0 updated, 0 removed, 0 unchanged, 1 failed in ")
    assert err.splitlines() == [
        f"yomite index: new data home {home}",
        f"yomite index: {image}: binary file (contains NUL bytes), not an article; "
        "not added to the home",
    ]
    for named in (empty, fifo, zero):
        code, out, err = run(capsys, "index", "--home", str(home), str(named))
        assert code == 2, named
        assert err.startswith(f"yomite index: {named}: ") and "not added to the home" in err
    code, _, _ = run(capsys, "index", "--home", str(home), "--rebuild", str(image))
    assert code == 2

    code, out, err = run(capsys, "index", "--home", str(home))
    assert (code, err) == (0, "")
    assert out.startswith("0 added, 0 updated, 0 removed, 2 unchanged, 0 failed in ")
    assert create_app(home, [], update_on_start=False).setup.corpus == (corpus.resolve(),)

    # An article file given joins the home, as it did.
    code, out, err = run(capsys, "index", "--home", str(home), str(good))
    assert (code, err, out.split(" in ")[0]) == (
        0, "", "1 added, 0 updated, 0 removed, 0 unchanged, 0 failed"
    )  # fmt: skip
    with Library.open(locations(home)) as library:
        assert sorted(library.roots) == sorted([str(corpus.resolve()), str(good.resolve())])


def test_a_file_that_joined_the_home_as_no_article_is_let_go(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A home an earlier version let such a file join: the next update lets it go, said
    once, and the update after says nothing of it. A file of the home that still has
    its article indexed (it became empty later) stays, its last version kept (said
    once too, then counted)."""
    corpus = tmp_path / "corpus"
    write_articles(corpus, 2)
    image = tmp_path / "image.txt"
    image.write_bytes(b"\x00PNG" * 100)
    kept = tmp_path / "kept.txt"
    kept.write_text(news_text(0))
    with monkeypatch.context() as patched:  # as an earlier version took it in
        patched.setattr(index.maintenance, "refused_files", lambda *_: {})
        run(capsys, "index", "--home", str(home), str(corpus), str(kept), str(image))
    roots = home / "index" / "roots.json"
    assert str(image.resolve()) in json.loads(roots.read_text())
    kept.write_text("")

    code, out, err = run(capsys, "index", "--home", str(home))
    assert code == 2 and out.startswith("0 added, 0 updated, 0 removed, 2 unchanged, 2 failed")
    assert f"{image}: binary file (contains NUL bytes), not an article; the home lets it go" in err
    assert f"{kept}: empty file (no text), not an article; the version indexed before is kept\n" in err  # fmt: skip  # noqa: E501
    code, out, err = run(capsys, "index", "--home", str(home))
    assert code == 2 and str(image) not in err
    assert str(kept) not in err and "1 failed (told before" in out  # unchanged: counted
    assert sorted(json.loads(roots.read_text())) == sorted(
        [str(corpus.resolve()), str(kept.resolve())]
    )


def test_a_file_given_that_is_no_article_in_a_directory_of_the_home_is_said_the_homes(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An empty file in the home's own directory, named: "not an article; not added to
    the home", though the home holds it (review). It is said in the home already, and
    read again once it changes; one outside the home's directories is not added."""
    corpus = tmp_path / "corpus"
    write_articles(corpus, 2)
    empty = corpus / "empty.txt"
    empty.write_text(" \n")
    outside = tmp_path / "outside.txt"
    outside.write_bytes(b"")
    run(capsys, "index", "--home", str(home), str(corpus))

    code, _, err = run(capsys, "index", "--home", str(home), str(empty), str(outside))
    assert code == 2
    in_home = "in a directory of the home already: read again once it changes"
    assert f"{empty}: empty file (no text), not an article; {in_home}\n" in err
    assert f"{outside}: empty file (no text), not an article; not added to the home\n" in err
    empty.write_text(news_text(3))  # as it says
    code, out, err = run(capsys, "index", "--home", str(home))
    assert (code, err) == (0, "") and out.startswith("1 added, 0 updated, 0 removed")


def test_verify_refuses_an_index_others_can_write(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_articles(tmp_path / "corpus", 1)
    run(capsys, "index", "--home", str(home), str(tmp_path / "corpus"))
    (home / "index").chmod(0o777)

    code, _, err = run(capsys, "verify", "--home", str(home), "--repair")

    assert code == 1
    assert f"chmod -R go-w {home / 'index'}" in err


def test_index_while_another_process_indexes_says_busy(home: Path, tmp_path: Path) -> None:
    write_articles(tmp_path / "corpus", 1)
    (home / "index").mkdir(parents=True, mode=0o700)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\nfrom pathlib import Path\nfrom index.store import write_lock\n"
            "with write_lock(Path(sys.argv[1])):\n    print('locked', flush=True)\n"
            "    time.sleep(60)\n",
            str(home / "index"),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        result = subprocess.run(
            [sys.executable, "-m", "tui.cli", "index", "--home", str(home), str(tmp_path)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        holder.kill()
        holder.wait()
    assert result.returncode == 1
    assert "being updated by another process" in result.stderr
    assert "Traceback" not in result.stderr


def test_index_rebuilds_an_index_made_by_another_version(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write_articles(tmp_path / "one", 2)
    write_articles(tmp_path / "two", 1, start=7)
    run(capsys, "index", "--home", str(home), str(tmp_path / "one"))
    monkeypatch.setattr(index.library, "schema_fingerprint", lambda: "a later schema")
    with pytest.raises(IndexUnavailable, match="different version") as caught:
        Library.open(locations(home))
    assert caught.value.repairable

    code, out, err = run(capsys, "index", "--home", str(home), str(tmp_path / "two"))

    assert code == 0
    assert "rebuilding" in err
    # the new path; what was indexed before is there as it was
    assert out.startswith("1 added, 0 updated, 0 removed, 2 unchanged")
    with Library.open(locations(home)) as library:
        assert library.count() == 3


def _truncate_a_segment(home: Path) -> Path:
    """Truncate a segment of the live index (a disk error, a copy cut short); its
    generation."""
    generation = current_generation(home / "index")
    assert generation is not None
    segment = next(generation.glob("*.seg"))
    with segment.open("r+b") as handle:
        handle.truncate(10)
    return generation


@pytest.mark.parametrize(
    ("damage", "argv"),
    [
        ("another version", ["index"]),
        ("another version", ["index", "--rebuild"]),
        ("another version", ["verify", "--repair"]),
        ("a truncated segment", ["index"]),
        ("a truncated segment", ["verify", "--repair"]),
    ],
    ids=[
        "outdated-index",
        "outdated-rebuild",
        "outdated-repair",
        "damaged-index",
        "damaged-repair",
    ],
)
def test_a_rebuild_says_what_is_wrong_not_to_run_itself(
    home: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    damage: str,
    argv: list[str],
) -> None:
    """`yomite verify --repair` began "the index … is damaged (…); rebuild it with
    `yomite verify --repair`", and `yomite index --rebuild` over an index of another
    version "rebuild it with `yomite index` or `yomite verify --repair`", before
    rebuilding it themselves. Where nothing rebuilds it, the advice stays."""
    write_articles(tmp_path / "corpus", 3)
    run(capsys, "index", "--home", str(home), str(tmp_path / "corpus"))
    if damage == "another version":
        monkeypatch.setattr(index.library, "schema_fingerprint", lambda: "a later schema")
        problem = f"the index in {home / 'index'} was built by a different version of yomite"
        advice = "rebuild it with `yomite index` or `yomite verify --repair`"
    else:
        generation = _truncate_a_segment(home)
        problem = f"the index in {generation} is damaged ("
        advice = "rebuild it with `yomite verify --repair`"

    code, _, err = run(capsys, "verify", "--home", str(home))  # nothing rebuilds it
    assert (code, err.count(problem), err.strip().endswith(f"; {advice}")) == (1, 1, True)

    code, _, err = run(capsys, argv[0], "--home", str(home), *argv[1:])

    assert code == 0
    first = err.splitlines()[0]
    assert first.startswith(f"yomite {argv[0]}: {problem}"), err
    assert "`yomite" not in err  # no command to run: it is running
    code, _, err = run(capsys, "verify", "--home", str(home))
    assert (code, err) == (0, "")


@pytest.mark.parametrize(
    ("signum", "said", "status"),
    [
        (signal.SIGTERM, "terminated", 143),
        (signal.SIGINT, "interrupted", 130),
        (signal.SIGHUP, "hung up", 129),
    ],
    ids=["SIGTERM", "Ctrl-C", "SIGHUP"],
)
def test_a_repair_stopped_by_a_signal_says_so_as_index_does(
    home: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    signum: signal.Signals,
    said: str,
    status: int,
) -> None:
    """`kill -TERM` of `yomite verify --repair` as it rebuilt: exit 143 with no word
    (`yomite index` says "terminated; the index is unchanged"), and the half-built
    generation was left behind; Ctrl-C said "yomite: interrupted". SIGHUP (the SSH
    connection dropped) likewise: 129, "hung up"."""
    write_articles(tmp_path / "corpus", 4)
    run(capsys, "index", "--home", str(home), str(tmp_path / "corpus"))
    generation = _truncate_a_segment(home)
    before = sorted(path.name for path in (home / "index").iterdir())
    analysed = []
    safe_document = index.build._safe_document

    def signalled(path: str, article_id: str) -> index.build.Outcome:
        analysed.append(path)
        if len(analysed) == 2:  # the repair is under way
            os.kill(os.getpid(), signum)
        return safe_document(path, article_id)

    monkeypatch.setattr(index.build, "_safe_document", signalled)

    class Killed(BaseException):
        """What Python's default (the process gone) is here, lest pytest die too."""

    def killed(signum: int, frame: object) -> None:
        raise Killed

    previous = {each: signal.signal(each, killed) for each in (signal.SIGTERM, signal.SIGHUP)}
    try:
        code, out, err = run(capsys, "verify", "--home", str(home), "--repair")
    finally:
        for each, handler in previous.items():
            signal.signal(each, handler)

    assert len(analysed) == 2  # stopped there
    assert out == "rebuilding the index from the article files...\n"
    assert (code, err.splitlines()[1:]) == (
        status,
        [f"yomite verify: {said}; the index is unchanged"],
    )
    assert current_generation(home / "index") == generation
    assert sorted(path.name for path in (home / "index").iterdir()) == before


@pytest.mark.parametrize("command", ["index", "verify", "search"])
@pytest.mark.parametrize(
    ("home_at", "problem"),
    [
        ("afile", "is not a directory"),
        ("afile/sub", "is inside {afile}, which is not a directory"),
        ("loop", "cannot be opened: Too many levels of symbolic links"),
    ],
    ids=["a-file", "under-a-file", "a-symlink-loop"],
)
def test_a_home_that_cannot_be_a_directory_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str, home_at: str, problem: str
) -> None:
    """`--home` naming a file (a slip of the shell's completion) printed a traceback."""
    afile = tmp_path / "afile"
    afile.write_text("not a home\n")
    (tmp_path / "loop").symlink_to("loop")
    write_articles(tmp_path / "corpus", 1)
    home = tmp_path / home_at
    arguments = {"index": [str(tmp_path / "corpus")], "verify": [], "search": ["東京"]}

    code, out, err = run(capsys, command, "--home", str(home), *arguments[command])

    assert (code, out) == (1, "")
    assert err.splitlines() == [f"yomite {command}: data home {home} {problem.format(afile=afile)}"]
    assert afile.read_text() == "not a home\n"


@pytest.mark.parametrize("command", ["index", "reader"])
def test_a_home_that_is_a_file_is_said_alike_with_no_path_given(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    """`yomite index --home FILE` (no PATH: the home's own, read from its config) and the
    reader said "FILE/config.toml: cannot read: Not a directory", where `search` says
    "data home FILE is not a directory"."""
    import argparse

    from tui.app import run_reader

    afile = tmp_path / "afile"
    afile.write_text("not a home\n")

    if command == "reader":  # as `yomite --home FILE` runs it, once on a terminal
        code = run_reader(argparse.Namespace(home=str(afile), paths=[], no_mouse=False))
        prefix = "yomite"
    else:
        code = main(["index", "--home", str(afile)])
        prefix = "yomite index"

    captured = capsys.readouterr()
    assert (code, captured.out) == (1, "")
    assert captured.err.splitlines() == [f"{prefix}: data home {afile} is not a directory"]
    assert afile.read_text() == "not a home\n"


def test_a_home_that_cannot_be_created_is_not_called_read_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`yomite index --home RO/h` under a read-only mount (or a parent the user cannot
    write to) said "data home RO/h is read-only", of a home that is not there."""
    write_articles(tmp_path / "corpus", 1)
    home = tmp_path / "ro" / "h"

    def read_only_mount(path: Path) -> None:  # root writes anywhere: as the mount refuses
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))

    monkeypatch.setattr(index.library, "make_private_dir", read_only_mount)

    code, out, err = run(capsys, "index", "--home", str(home), str(tmp_path / "corpus"))

    assert (code, out) == (1, "")
    assert err.splitlines() == [
        f"yomite index: data home {home} does not exist and cannot be created: "
        "Read-only file system"
    ]


@pytest.mark.parametrize("command", ["index", "verify", "search"])
@pytest.mark.parametrize("link", ["home", "home/index"])
def test_a_link_to_nothing_as_home_or_index_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str, link: str
) -> None:
    """`yomite index` printed a traceback (the write lock could not be made), and the
    others said there was no index yet, or that the home was read-only."""
    if link != "home":
        (tmp_path / "home").mkdir()
    (tmp_path / link).symlink_to(tmp_path / "gone")
    write_articles(tmp_path / "corpus", 1)
    arguments = {"index": [str(tmp_path / "corpus")], "verify": [], "search": ["東京"]}

    code, out, err = run(capsys, command, "--home", str(tmp_path / "home"), *arguments[command])

    assert (code, out) == (1, "")
    assert err.splitlines() == [
        f"yomite {command}: {tmp_path / link} is a symbolic link to {tmp_path / 'gone'}, "
        "which is not there; make that directory, or remove the link"
    ]
    assert not (tmp_path / "gone").exists()


@pytest.mark.parametrize("command", ["index", "verify", "search", "repair"])
def test_a_file_where_the_index_belongs_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    """It was reported as a damaged index, and `verify --repair` as a read-only home."""
    home = tmp_path / "home"
    home.mkdir()
    (home / "index").write_text("mine\n")
    write_articles(tmp_path / "corpus", 1)
    arguments = {
        "index": ["index", str(tmp_path / "corpus")],
        "verify": ["verify"],
        "repair": ["verify", "--repair"],
        "search": ["search", "東京"],
    }[command]

    code, out, err = run(capsys, arguments[0], "--home", str(home), *arguments[1:])

    assert (code, out) == (1, "")
    assert err.splitlines() == [
        f"yomite {arguments[0]}: {home / 'index'} is not a directory: yomite keeps its index "
        "there; move it away, or use another data home (--home)"
    ]
    assert (home / "index").read_text() == "mine\n"


def test_forget_drops_a_directory_and_an_update_does_not_bring_it_back(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A directory once indexed stayed in the home for good: taking it out of
    config.toml or indexing another one kept its articles searchable."""
    write_articles(tmp_path / "old", 2)
    write_articles(tmp_path / "new", 3)
    assert run(capsys, "index", "--home", str(home), str(tmp_path / "old"))[0] == 0
    assert run(capsys, "index", "--home", str(home), str(tmp_path / "new"))[0] == 0

    code, out, _ = run(capsys, "index", "--home", str(home), "--forget", str(tmp_path / "old"))

    assert code == 0
    assert out.splitlines()[0] == f"forgotten: {(tmp_path / 'old').resolve()}"
    assert "2 removed" in out
    assert run(capsys, "index", "--home", str(home))[1].startswith("0 added")  # not back
    with Library.open(locations(home), create=False) as library:
        assert library.count() == 3
        assert library.roots == [str((tmp_path / "new").resolve())]


def test_forget_when_the_home_list_cannot_be_written_forgets_nothing_and_says_so(
    home: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """roots.json not written (disk full) while its directory was forgotten: the
    command said "forgotten: …, 2 removed", and the next `yomite index` took the
    directory roots.json still listed for one a build had not finished, and indexed it
    again without a word."""
    write_articles(tmp_path / "old", 2)
    write_articles(tmp_path / "new", 3)
    assert run(capsys, "index", "--home", str(home), str(tmp_path / "old"))[0] == 0
    assert run(capsys, "index", "--home", str(home), str(tmp_path / "new"))[0] == 0
    write = atomic_write

    def roots_disk_full(path: Path, data: bytes) -> None:
        if path.name == index.home.ROOTS_FILE:
            raise OSError(errno.ENOSPC, "No space left on device")
        write(path, data)

    with monkeypatch.context() as patched:
        patched.setattr(index.home, "atomic_write", roots_disk_full)
        code, out, err = run(
            capsys, "index", "--home", str(home), "--forget", str(tmp_path / "old")
        )

    assert (code, out) == (1, "")
    assert err.splitlines() == [
        f"yomite index: could not write the index in {home / 'index'}: "
        "No space left on device; the index is unchanged"
    ]
    code, out, _ = run(capsys, "index", "--home", str(home))
    assert code == 0 and out.startswith("0 added, 0 updated, 0 removed, 5 unchanged")
    # Forgotten once it can be written, and not brought back.
    code, out, _ = run(capsys, "index", "--home", str(home), "--forget", str(tmp_path / "old"))
    assert code == 0 and "2 removed" in out
    assert run(capsys, "index", "--home", str(home))[1].startswith("0 added, 0 updated")
    with Library.open(locations(home), create=False) as library:
        assert library.count() == 3


def test_forget_refuses_what_the_home_cannot_drop(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_articles(tmp_path / "only", 2)
    assert run(capsys, "index", "--home", str(home), str(tmp_path / "only"))[0] == 0
    forget = ("index", "--home", str(home), "--forget")

    code, _, err = run(capsys, *forget, str(tmp_path / "elsewhere"))
    assert code == 2 and "is not one of this home's paths" in err
    (home / "config.toml").write_text(f'[library]\npaths = ["{tmp_path / "only"}"]\n')
    code, _, err = run(capsys, *forget, str(tmp_path / "only"))
    assert code == 2 and "remove it there" in err
    with Library.open(locations(home), create=False) as library:
        assert library.count() == 2  # nothing was dropped


def test_forget_of_the_last_directory_leaves_a_home_of_none(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The home's last directory was refused ("would leave this home no paths"), as such a
    home went back to seeds/: now it is dropped, and the home indexes nothing until given
    a directory, saying so."""
    write_articles(tmp_path / "only", 2)
    assert run(capsys, "index", "--home", str(home), str(tmp_path / "only"))[0] == 0

    code, out, _ = run(capsys, "index", "--home", str(home), "--forget", str(tmp_path / "only"))

    assert code == 0 and "2 removed" in out
    code, _, err = run(capsys, "index", "--home", str(home))
    assert code == 1 and "this home indexes no directory" in err
    with Library.open(locations(home), create=False) as library:
        assert library.count() == 0 and library.roots == []
    write_articles(tmp_path / "next", 3)
    assert run(capsys, "index", "--home", str(home), str(tmp_path / "next"))[0] == 0
    with Library.open(locations(home), create=False) as library:
        assert library.count() == 3


def _ids_by_path(capsys: pytest.CaptureFixture[str], home: Path, word: str) -> dict[str, str]:
    """Path -> id of the articles `yomite search --json WORD` finds."""
    capsys.readouterr()
    assert main(["search", "--home", str(home), "--json", word]) == 0
    return {hit["path"]: hit["id"] for hit in json.loads(capsys.readouterr().out)["hits"]}


def _same_named(tmp_path: Path) -> str:
    """d1/same.txt and d2/same.txt, both holding 本文; the path of the first."""
    for name, title in (("d1", "一つ目"), ("d2", "二つ目")):
        (tmp_path / name).mkdir()
        (tmp_path / name / "same.txt").write_text(f"{title}\n本文です。\n", "utf-8")
    return str((tmp_path / "d1" / "same.txt").resolve())


def test_a_same_named_file_indexed_later_leaves_the_first_ones_id_and_bookmark(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """d2/same.txt coming in made d1/same.txt `same~<tag>` (reported as updated,
    although it had not changed): its bookmark, kept under `same`, named nothing."""
    from index.state import UserState

    first = _same_named(tmp_path)
    run(capsys, "index", "--home", str(home), str(tmp_path / "d1"))
    assert _ids_by_path(capsys, home, "本文") == {first: "same"}
    state = UserState.open(locations(home))
    state.set_bookmark("same", True)
    state.close()

    code, out, _ = run(capsys, "index", "--home", str(home), str(tmp_path / "d2"))

    assert code == 0
    assert out.startswith("1 added, 0 updated, 0 removed, 0 unchanged, 0 failed")
    ids = _ids_by_path(capsys, home, "本文")
    assert ids[first] == "same"
    assert len(set(ids.values())) == 2
    state = UserState.open(locations(home))
    assert state.bookmarks() == ["same"]
    state.close()


@pytest.mark.parametrize("how", ["--rebuild", "verify --repair", "index"])
def test_every_rebuild_says_an_article_whose_file_is_gone_was_removed(
    home: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    how: str,
) -> None:
    """After a file was deleted, `--rebuild` said "2 added, 0 updated, 1 removed, 0
    unchanged", and the repair of an index made by an older yomite (`verify --repair`,
    or `yomite index` rebuilding it) "2 added, 0 updated, 0 removed": the article gone
    went unsaid, and the two the user had were new. Each now says what an update says."""
    corpus = tmp_path / "corpus"
    gone, *_ = write_articles(corpus, 3)
    run(capsys, "index", "--home", str(home), str(corpus))
    gone.unlink()

    if how == "--rebuild":
        code, out, _ = run(capsys, "index", "--home", str(home), "--rebuild")
    else:
        monkeypatch.setattr(index.library, "schema_fingerprint", lambda: "a later schema")
        code, out, _ = run(capsys, *how.split(), "--home", str(home))

    summary = [line for line in out.splitlines() if " failed in " in line]
    assert (code, [line.split(" in ")[0] for line in summary]) == (
        0, ["0 added, 0 updated, 1 removed, 2 unchanged, 0 failed"]
    )  # fmt: skip


@pytest.mark.parametrize("how", ["--rebuild", "a new schema"])
def test_a_rebuild_keeps_the_ids_the_index_gave(
    home: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    how: str,
) -> None:
    """Built afresh, d1/same.txt (indexed first, as `same`) became `same~<tag>`: a new
    version of yomite rebuilding its index lost the bookmark all the same."""
    first = _same_named(tmp_path)
    run(capsys, "index", "--home", str(home), str(tmp_path / "d1"))
    run(capsys, "index", "--home", str(home), str(tmp_path / "d2"))
    before = _ids_by_path(capsys, home, "本文")
    assert before[first] == "same" and len(before) == 2

    if how == "--rebuild":
        code, out, _ = run(capsys, "index", "--home", str(home), "--rebuild")
    else:
        monkeypatch.setattr(index.library, "schema_fingerprint", lambda: "a later schema")
        code, out, _ = run(capsys, "index", "--home", str(home))

    assert (code, out[: len("0 added")]) == (0, "0 added")
    assert _ids_by_path(capsys, home, "本文") == before


@pytest.mark.parametrize(
    "error",
    [
        pickle.UnpicklingError("invalid load key"),
        OSError(errno.EIO, "I/O error"),
        TypeError("a bug"),
    ],
    ids=["damaged", "unreadable", "a bug"],
)
def test_a_rebuild_starts_from_the_file_names_only_when_the_old_index_is_damaged(
    home: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    error: Exception,
) -> None:
    """What the index a rebuild replaces held failing as it is read: damage is repaired
    from the file names, and said so. A bug was taken for damage too: `--rebuild` of a
    sound index gave d1/same.txt a new id (its bookmark and read mark named nothing),
    and said only "rebuilt from the files"."""
    first = _same_named(tmp_path)
    run(capsys, "index", "--home", str(home), str(tmp_path / "d1"))
    run(capsys, "index", "--home", str(home), str(tmp_path / "d2"))
    before = _ids_by_path(capsys, home, "本文")
    assert before[first] == "same"

    def failing(meta: object) -> dict[str, str]:
        raise error

    monkeypatch.setattr(index.maintenance, "away_ids", failing)
    if isinstance(error, TypeError):
        with pytest.raises(TypeError, match="a bug"):
            run(capsys, "index", "--home", str(home), "--rebuild")
        monkeypatch.undo()
        assert _ids_by_path(capsys, home, "本文") == before  # the index is as it was
    else:
        code, out, _ = run(capsys, "index", "--home", str(home), "--rebuild")
        assert (code, out[: len("rebuilt from the files: 2 articles")]) == (
            0, "rebuilt from the files: 2 articles"
        )  # fmt: skip


def test_a_renamed_file_keeps_its_id_and_its_bookmark(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`mv a/uno.txt a/uno2.txt` was one article removed and one added under `uno2`:
    the bookmark and read mark stayed under `uno`, naming nothing."""
    from index.state import UserState

    corpus = tmp_path / "a"
    corpus.mkdir()
    (corpus / "uno.txt").write_text("一つ目\n本文です。\n", "utf-8")
    (corpus / "dos.txt").write_text("二つ目\n本文です。\n", "utf-8")
    run(capsys, "index", "--home", str(home), str(corpus))
    state = UserState.open(locations(home))
    state.set_bookmark("uno", True)
    state.set_read("uno")
    state.close()
    (corpus / "uno.txt").rename(corpus / "uno2.txt")

    code, out, _ = run(capsys, "index", "--home", str(home), str(corpus))

    assert code == 0
    assert out.startswith("0 added, 0 updated, 0 removed, 1 renamed, 1 unchanged, 0 failed")
    renamed = str((corpus / "uno2.txt").resolve())
    assert _ids_by_path(capsys, home, "本文")[renamed] == "uno"
    state = UserState.open(locations(home))
    assert state.bookmarks() == ["uno"] and state.read_ids() == {"uno"}
    state.close()


def test_the_ids_of_a_directory_away_in_a_rebuild_are_kept_for_its_files(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A rebuild (a new schema) while a disk was unmounted left its files' ids to anyone:
    a same-named file indexed meanwhile took x, with x's read mark and bookmark, and the
    file back got x~<tag>."""
    usb, other = tmp_path / "usb", tmp_path / "other"
    usb.mkdir()
    other.mkdir()
    (usb / "x.txt").write_text("記事\n京都の話です。\n", "utf-8")
    run(capsys, "index", "--home", str(home), str(usb))
    monkeypatch.setattr(index.library, "schema_fingerprint", lambda: "a later schema")
    usb.rename(tmp_path / "usb.gone")
    run(capsys, "verify", "--home", str(home), "--repair")
    (other / "x.txt").write_text("別記事\n大阪の話です。\n", "utf-8")
    run(capsys, "index", "--home", str(home), str(other))
    (tmp_path / "usb.gone").rename(usb)
    code, _, _ = run(capsys, "index", "--home", str(home))
    assert code == 0
    with Library.open(locations(home)) as library:
        ids = {Path(f.path).parent.name: f.id for f in library.indexed_files().values()}
    assert ids["usb"] == "x"
    assert ids["other"].startswith("x~")


def test_the_ids_of_a_disk_whose_mount_point_a_rebuild_found_empty_are_kept_for_its_files(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--rebuild` while a disk's mount point was empty left its files' ids to anyone, as
    for a directory away: a same-named file indexed meanwhile took x, and the file back
    got x~<tag>."""
    disk, other = tmp_path / "mnt" / "disk", tmp_path / "other"
    disk.mkdir(parents=True)
    other.mkdir()
    (disk / "x.txt").write_text("記事\n京都の話です。\n", "utf-8")
    run(capsys, "index", "--home", str(home), str(disk))
    disk.rename(tmp_path / "mnt" / "disk.away")
    disk.mkdir()
    assert run(capsys, "index", "--home", str(home), "--rebuild")[0] == 0
    (other / "x.txt").write_text("別記事\n大阪の話です。\n", "utf-8")
    run(capsys, "index", "--home", str(home), str(other))
    disk.rmdir()
    (tmp_path / "mnt" / "disk.away").rename(disk)

    code, out, err = run(capsys, "index", "--home", str(home))

    assert (code, err, out.split(" in ")[0]) == (
        0, "", "1 added, 0 updated, 0 removed, 1 unchanged, 0 failed"
    )  # fmt: skip
    with Library.open(locations(home)) as library:
        ids = {Path(f.path).parent.name: f.id for f in library.indexed_files().values()}
    assert ids["disk"] == "x"
    assert ids["other"].startswith("x~")


def test_index_given_paths_with_a_broken_config_indexes_them_without_a_traceback(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`yomite index PATH` reads no setting of config.toml: it indexed PATH, whatever the
    file held. Since the home's unfinished roots are looked for (`unindexed_roots`), an
    update read it, and a setting above the tables ended in a Python traceback, its last
    line the config's key written raw (an escape sequence in a quoted key reached the
    terminal). (From a review.)"""
    write_articles(tmp_path / "corpus", 2)
    argv = ["index", "--home", str(home), str(tmp_path / "corpus")]
    assert main(argv) == 0
    write_articles(tmp_path / "corpus" / "more", 1)
    capsys.readouterr()
    (home / "config.toml").write_text('"\\u001b]52;c;aGk=\\u0007x" = 1\n', "utf-8")
    assert main(argv) == 0
    captured = capsys.readouterr()
    assert "\x1b" not in captured.out + captured.err
    assert "1 added" in captured.err + captured.out


def test_a_new_data_home_is_said_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`--home` mistyped made the directories and indexed seeds/ into them without a word:
    a new home is said (once, on stderr), an existing one says nothing new."""
    typo = tmp_path / "no" / "such" / "home"
    code, out, err = run(capsys, "index", "--home", str(typo))
    assert code == 0 and out.startswith("2 added")
    assert err.splitlines() == [f"yomite index: new data home {typo} (indexing seeds/)"]
    code, out, err = run(capsys, "index", "--home", str(typo))
    assert code == 0 and out.startswith("0 added") and err == ""


def test_a_new_data_home_given_a_directory_is_said(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Also before the reader's options (`yomite --home DIR index PATH`), and an empty
    directory made beforehand is new too; the directory given is not called seeds/."""
    write_articles(tmp_path / "corpus", 2)
    (tmp_path / "made").mkdir()
    for home in (tmp_path / "typo", tmp_path / "made"):
        code, out, err = run(capsys, "--home", str(home), "index", str(tmp_path / "corpus"))
        assert code == 0 and out.startswith("2 added")
        assert err.splitlines() == [f"yomite index: new data home {home}"]
        code, out, err = run(capsys, "--home", str(home), "index", str(tmp_path / "corpus"))
        assert code == 0 and err == ""


def _progress_at(width: int, *, writing: bool = False) -> tuple[str, FittedProgress]:
    """`yomite index`'s progress drawn once on a terminal `width` columns wide: 1,715 of
    7,367 files read at 245 a second, or all read and the index being written."""
    from rich.console import Console

    from index.commands.build import FittedProgress

    console = Console(width=width, file=io.StringIO(), force_terminal=True, color_system=None)
    clock = [0.0]
    progress = FittedProgress(console, get_time=lambda: clock[0])
    task = progress.add_task("indexing", total=7367)
    for second in range(8):
        clock[0] = float(second)
        done = 7367 if writing and second == 7 else 245 * second
        progress.update(task, completed=done, writing=writing and second == 7)
    console.print(progress.get_renderable())
    return _written(console), progress


def _written(console: Console) -> str:
    assert isinstance(console.file, io.StringIO)
    return console.file.getvalue()


@pytest.mark.parametrize("width", [80, 60, 40, 30, 25, 20])
@pytest.mark.parametrize("writing", [False, True])
def test_the_progress_bar_fits_the_terminal(width: int, writing: bool) -> None:
    """At 40 columns `docs/s` wrapped onto a second line and the count was cut
    ("600/7,…"); a terminal narrowed mid-run left the bar's lines on the screen. One
    line, never wider than the terminal, at any width from 20: the rate goes first,
    then the word "indexing", then the time left; the count, and "writing the index…"
    once every file is read, stay whole."""
    from rich.cells import cell_len

    shown, _ = _progress_at(width, writing=writing)
    lines = shown.rstrip("\n").split("\n")
    assert len(lines) == 1, shown
    assert cell_len(lines[0]) <= width, shown
    if writing:
        assert "writing the index…" in lines[0], shown
    else:
        assert "1,715/7,367" in lines[0], shown
    if width >= 40 and not writing:
        assert "0:00:" in lines[0], shown  # the time left, as long as there is room
    if width >= 80:  # whole
        assert "docs/s" in lines[0] and lines[0].startswith("indexing "), shown


def test_the_progress_bar_narrowed_mid_run_is_erased_whole() -> None:
    """A terminal narrowed from 40 to 30 columns rewraps the 40-cell line drawn onto two
    rows: both are erased before the bar is drawn again (Rich erased the last one
    only, and what was drawn stayed on the screen, a row at each narrowing)."""
    _, progress = _progress_at(40)
    console = progress.console
    progress.start()
    try:
        console.width = 30
        before = len(_written(console))
        progress.refresh()
        frame = _written(console)[before:]
    finally:
        progress.stop()
    up_and_erase = "\x1b[1A\x1b[2K"
    assert frame.count(up_and_erase) == 1, repr(frame)
    assert frame.index(up_and_erase) < frame.index("1,715/7,367"), repr(frame)


STDIN_REFUSED = (
    "yomite index: - is standard input, which is not indexed (the index keeps each "
    "article by its file's path): `yomite parse -` reads it; a file named - is ./-\n"
)


@pytest.mark.parametrize("forget", [False, True])
def test_a_dash_is_refused_as_standard_input_and_nothing_is_written(
    home: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    forget: bool,
) -> None:
    """`yomite index -` said "/work/main/-: no such file or directory" and "1 path not
    there", as of a typo (review). The index keeps files by path: standard input cannot
    be indexed, said in one line naming what reads it, exit 2, the home left unmade."""
    monkeypatch.chdir(tmp_path)
    other = tmp_path / "other"
    for argv in (["index", "-"], ["index", "--home", str(other), "-"]):
        if forget:
            argv.insert(1, "--forget")
        code, out, err = run(capsys, *argv)
        assert (code, out, err) == (2, "", STDIN_REFUSED), argv
    assert not other.exists()
    assert not home.exists()  # the default one (YOMITE_HOME, conftest)


def test_verify_refuses_a_dash_as_standard_input(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`yomite verify -` compared a path named `-` in the current directory, "not
    there", as a typo (review). As `yomite index` refuses it: one line, exit 2; `./-`
    is a file of that name, compared."""
    monkeypatch.chdir(tmp_path)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(news_text(1), encoding="utf-8")
    assert run(capsys, "index", "--home", str(home), str(corpus))[0] == 0
    code, out, err = run(capsys, "verify", "--home", str(home), "-")
    assert (code, out) == (2, "")
    assert err.startswith("yomite verify: - is standard input, "), err
    assert err.count("\n") == 1 and "a file named - is ./-" in err, err
    (tmp_path / "-").write_text(news_text(1), encoding="utf-8")
    code, out, err = run(capsys, "verify", "--home", str(home), "./-")
    assert f"new: {tmp_path / '-'}" in out and "standard input" not in err, (out, err)


def test_a_file_named_dash_is_indexed_as_dot_slash_dash(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The refusal of `-` names `./-` for a file of that name: it is indexed."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "-").write_text(news_text(1), encoding="utf-8")
    code, out, err = run(capsys, "index", "--home", str(home), "./-")
    assert code == 0
    assert err == f"yomite index: new data home {home}\n"
    assert out.startswith("1 added, 0 updated, 0 removed, 0 unchanged, 0 failed in ")


def test_a_damaged_index_names_the_command_that_repairs_its_home(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A damaged index of a home given by `--home` said "rebuild it with `yomite verify
    --repair`": copied, it rebuilt the default home (review). It names the home, as the
    advice for an index of another version does; the default home's needs no --home."""
    from index.store import POINTER

    corpus = tmp_path / "corpus"
    write_articles(corpus, 2)
    other = tmp_path / "other"
    for where in (other, home):
        run(capsys, "index", "--home", str(where), str(corpus))
        _damage(where)
    for argv in (["verify", "--home", str(other)], ["search", "--home", str(other), "記事"]):
        code, out, err = run(capsys, *argv)
        assert (code, out) == (1, ""), argv
        assert err.endswith(f"; rebuild it with `yomite verify --repair --home {other}`\n"), err
    code, _, err = run(capsys, "verify")  # the default home (YOMITE_HOME)
    assert code == 1
    assert err.endswith("; rebuild it with `yomite verify --repair`\n"), err
    (other / "index" / POINTER).write_text("nonsense", "ascii")  # names no generation
    code, _, err = run(capsys, "search", "--home", str(other), "記事")
    assert code == 1
    assert err.endswith(f"; rebuild with `yomite verify --repair --home {other}`\n"), err
    code, out, _ = run(capsys, "verify", "--repair", "--home", str(other))  # as copied
    assert code == 0 and "consistent: 2 articles" in out


def test_a_damaged_saved_list_names_the_commands_for_its_home(home: Path, tmp_path: Path) -> None:
    """`yomite verify --home H` of a damaged saved list named `yomite index` and `yomite
    verify --repair`, which write the default home's (review)."""
    from index.commands.verify import report_lines
    from index.library import VerifyReport

    report = VerifyReport(indexed=2, compared=2, damaged=["/h/summaries-1.json"])
    other = tmp_path / "other"
    [line] = report_lines(report, locations(other))
    assert line.endswith(
        f"until `yomite index --home {other}` or `yomite verify --repair --home {other}` writes it"
    ), line
    [line] = report_lines(report, locations(home))  # the default home (YOMITE_HOME)
    assert line.endswith("until `yomite index` or `yomite verify --repair` writes it"), line


def test_verify_names_yomite_index_for_its_home(home: Path, tmp_path: Path) -> None:
    """`yomite verify --home H` said that a directory away, empty or unreadable comes
    back with `yomite index`, which updates the default home (review)."""
    from index.commands.verify import report_lines
    from index.library import VerifyReport

    report = VerifyReport(
        indexed=2,
        compared=2,
        away={"/gone": 0},
        empty={"/bare": 0},
        unreadable={"/locked": ("permission denied", 0)},
        left_out={"/locked": 2},
    )
    other = tmp_path / "other"
    lines = report_lines(report, locations(other))
    assert len(lines) == 3, lines
    for line in lines:
        assert f"`yomite index --home {other}`" in line, line
    for line in report_lines(report, locations(home)):  # the default home (YOMITE_HOME)
        assert "`yomite index`" in line, line


def test_a_path_whose_name_is_too_long_is_not_there(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A name the system refuses (ENAMETOOLONG: 294 bytes, over the 255 of a name) was
    "cannot be read", exit 0, and kept in the home: every verify after exited 1. No
    file can have it: it is not there, as a short name mistyped is (exit 2, not kept)."""
    corpus = tmp_path / "corpus"
    write_articles(corpus, 1)
    long = tmp_path / ("東京都知事選挙の結果について" * 7)
    code, out, err = run(capsys, "index", "--home", str(home), str(corpus), str(long))
    assert code == 2 and out.endswith(" s; 1 path not there\n")
    assert err.endswith(f"yomite index: {long}: no such file or directory (the name is too long for one)\n")  # fmt: skip  # noqa: E501
    assert json.loads((home / "index" / "roots.json").read_text()) == [str(corpus)]
    code, out, _ = run(capsys, "verify", "--home", str(home))
    assert (code, out.splitlines()[-1]) == (0, "consistent: 1 article matches the files")


@pytest.mark.parametrize("entry", ["a" * 5000, "a/" * 2500], ids=["one-name", "whole-path"])
def test_a_configured_path_too_long_to_be_a_name_is_a_directory_not_there(
    entry: str, home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A config.toml entry over PATH_MAX (4,096 bytes) stopped every update: "could not
    write the index in …/index: File name too long; the index is unchanged" (exit 1),
    and the other directories' new files went unindexed. Now it is a configured
    directory not there, named; the others are updated."""
    corpus = tmp_path / "corpus"
    write_articles(corpus, 1)
    run(capsys, "index", "--home", str(home), str(corpus))
    (home / "config.toml").write_text(f'[library]\npaths = ["{corpus}", "{entry}"]\n')
    write_articles(corpus, 1, start=1)
    code, out, err = run(capsys, "index", "--home", str(home))
    assert code == 0
    assert out.startswith("1 added, 0 updated, 0 removed, 1 unchanged, 0 failed in ")
    assert out.endswith(" s; 1 path not there\n")
    too_long = home / entry.rstrip("/")
    assert err == f"yomite index: {too_long}: no such file or directory (the name is too long for one)\n"  # fmt: skip  # noqa: E501
