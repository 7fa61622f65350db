"""The homes the reader's Pilot tests run over, indexed once where they can be.

`indexed` is the seeds and the hostile article (3 articles), a fresh copy of the home
for each test; `plain_indexed` and `many_hits` are small plain-text homes made for
one test. Helpers that are no fixtures are in tests/tui_support.py.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.tui_support import build_home


# Built once for the whole package: no test writes to it. `indexed` copies the home
# (state, config and index are each test's own), and the articles are only read.
@pytest.fixture(scope="session")
def indexed_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return build_home(tmp_path_factory.mktemp("reader"))


@pytest.fixture
def indexed(indexed_template: tuple[Path, Path], tmp_path: Path) -> tuple[Path, Path]:
    """A fresh copy of the indexed home (own state file), over the shared articles."""
    template_home, corpus = indexed_template
    home = tmp_path / "home"
    shutil.copytree(template_home, home)
    return home, corpus


@pytest.fixture
def plain_indexed(tmp_path: Path) -> tuple[Path, Path]:
    """Two plain-text articles (no cards: the panes keep their sizes when one opens),
    one long, with a word (蓄電池) only near its end."""
    from index.library import Library
    from index.locations import locations

    corpus = tmp_path / "plain"
    corpus.mkdir()
    paragraphs = [f"第{n}段落。今日も東京の天気は晴れで、街は静かだった。" for n in range(120)]
    paragraphs.insert(110, "最後に蓄電池の話をしよう。")
    (corpus / "long.txt").write_text("長い記事\n\n" + "\n\n".join(paragraphs), encoding="utf-8")
    (corpus / "short.txt").write_text("短い記事\n\n東京の話。\n", encoding="utf-8")
    home = tmp_path / "home"
    with Library.open(locations(home)) as library:
        assert not library.update([corpus]).failed
    return home, corpus


@pytest.fixture
def many_hits(tmp_path: Path) -> tuple[Path, Path]:
    """One article of 60 paragraphs, each holding 東京 three times (181 hits with the title's)."""
    from index.library import Library
    from index.locations import locations

    corpus = tmp_path / "many"
    corpus.mkdir()
    paragraphs = [f"第{n}段落。東京の朝、東京の昼、東京の夜。" for n in range(60)]
    (corpus / "many.txt").write_text("東京の記事\n\n" + "\n\n".join(paragraphs), encoding="utf-8")
    home = tmp_path / "home"
    with Library.open(locations(home)) as library:
        assert not library.update([corpus]).failed
    return home, corpus
