"""Very large articles open and scroll without freezing the reader (issue 6).

A 1 MB article (about 2,000 paragraphs) and one with a single 6,000-character line
(the livedoor corpus holds a 5,758-character one, smax-6909466) are opened in the
real app under Pilot at 80x24; PageDown and End must move the reading view, and a
key pressed afterwards must still be answered (g goes back to the top). No
wall-clock assertion: a frozen UI shows as a test that never gets its answer.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from index.library import Library
from index.locations import locations
from tests.tui_support import reader_app, settle, sync
from tui.screens import MainScreen

pytestmark = pytest.mark.slow

SENTENCE = "東京都の会議で停戦交渉の行方について専門家が長い議論を続けた。"


def megabyte_article() -> str:
    paragraph = SENTENCE * 6
    lines = ["巨大な記事の見出し", "巨大な記事のリード文です。"]
    while sum(len(line.encode("utf-8")) + 1 for line in lines) < 1024 * 1024:
        lines.append(paragraph)
    return "\n".join(lines) + "\n"


def long_line_article() -> str:
    line = (SENTENCE * 200)[:6000]
    return "\n".join(["一行だけの長い記事", line, ""])


@pytest.fixture(scope="module")
def big_home(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("size")
    corpus = folder / "articles"
    corpus.mkdir()
    (corpus / "megabyte.txt").write_text(megabyte_article(), "utf-8")
    (corpus / "long_line.txt").write_text(long_line_article(), "utf-8")
    assert (corpus / "megabyte.txt").stat().st_size >= 1024 * 1024
    with Library.open(locations(folder / "home")) as library:
        report = library.update([corpus])
    assert report.added == 2 and not report.failed
    return folder / "home", corpus


@pytest.mark.parametrize("title", ["巨大な記事の見出し", "一行だけの長い記事"])
@sync
async def test_a_huge_article_opens_and_scrolls(
    big_home: tuple[Path, Path], tmp_path: Path, title: str
) -> None:
    home = tmp_path / "home"  # own state: the last article opened is restored on start
    shutil.copytree(big_home[0], home)
    app = reader_app(home, big_home[1])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        entries = screen.article_list.entries
        screen.article_list.highlighted = next(
            i for i, entry in enumerate(entries) if entry.summary.title == title
        )
        await pilot.press("enter")
        await settle(pilot)
        reader = screen.reader
        assert reader.article is not None and reader.article.title == title
        assert reader.max_scroll_y > 100  # laid out in full, not cut short
        shown = "".join(view.plain for view in reader.block_views)
        assert shown.count(SENTENCE) >= 6000 // len(SENTENCE) - 1

        await pilot.press("pagedown")
        await settle(pilot)
        assert reader.scroll_y > 0
        await pilot.press("end")
        await settle(pilot)
        assert reader.scroll_y == reader.max_scroll_y
        await pilot.press("g")  # still answering keys
        await settle(pilot)
        assert reader.scroll_y == 0
        assert app.is_running


def test_an_article_of_millions_of_characters_is_indexed(tmp_path: Path) -> None:
    """MeCab crashed the process (SIGSEGV) given a text of ~1.5 million characters in
    one call: `yomite index` died with status 139, the reader with it, at every start.
    Run in a process of its own, so a crash fails this test rather than the suite."""
    import subprocess
    import sys

    corpus = tmp_path / "articles"
    corpus.mkdir()
    body = "\n".join(SENTENCE * 6 for _ in range(9000))  # ~1.6 million characters
    (corpus / "novel.txt").write_text("とても長い記録\n" + body + "\n最後の段落に珍しい語句。\n")
    home = tmp_path / "home"
    index = subprocess.run(
        [sys.executable, "-m", "tui", "index", "--home", str(home), str(corpus)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert index.returncode == 0, index.stderr
    assert "1 added" in index.stdout
    with Library.open(locations(home), create=False) as library:
        hits = library.search("珍しい語句").hits
        assert [hit.article.title for hit in hits] == ["とても長い記録"]
