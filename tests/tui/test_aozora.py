"""An Aozora Bunko text (Shift_JIS, CRLF) in the reader: shown as an Aozora viewer
shows it, without its notation, a hit marked on its words."""

from __future__ import annotations

from pathlib import Path

from index.library import Library
from index.locations import locations
from tests.test_aozora import AOZORA
from tests.tui_support import (
    open_first_hit,
    open_reader,
    reader_app,
    reader_pane,
    settle,
    sync,
)


def aozora_home(tmp_path: Path) -> tuple[Path, Path]:
    corpus = tmp_path / "books"
    corpus.mkdir()
    (corpus / "neko.txt").write_bytes(AOZORA.replace("\n", "\r\n").encode("cp932"))
    home = tmp_path / "home"
    with Library.open(locations(home)) as library:
        assert not library.update([corpus]).failed
    return home, corpus


@sync
async def test_an_aozora_text_is_shown_without_its_notation_its_rubies_as_furigana(
    tmp_path: Path,
) -> None:
    """Its rubies (`見当《けんとう》`), `｜`, `［＃…］` notes and the block explaining them
    were shown as written, and a phrase across a ruby was not found. The rubies are
    furigana now, shown as the reader shows them (`見当(けんとう)`), furigana on or off."""
    app = reader_app(*aozora_home(tmp_path))
    async with open_reader(app, size=(100, 30)) as (pilot, _):
        screen = await open_first_hit(pilot, app, "見当がつかぬ")
        reader = screen.reader
        assert reader.article is not None and reader.article.title == "吾輩は猫である"
        hit = reader.current_hit
        assert hit is not None and reader.document is not None
        assert reader.document.text[hit[0] : hit[1]].startswith("見当")
        assert not app.typesetting.furigana
        shown = reader_pane(app)
        assert "とんと見当(けんとう)がつかぬ。" in shown
        assert "一番獰悪(どうあく)な種族" in "".join(shown.replace("│", "").split())
        assert "名前はまだ無い" in shown  # no ruby in the file: no reading
        for notation in ("《", "》", "｜", "［＃", "テキスト中に現れる記号", "-----"):
            assert notation not in shown, notation
        await pilot.press("R")  # furigana on: MeCab's where the file gives none
        await settle(pilot)
        shown = reader_pane(app)
        assert "見当(けんとう)がつかぬ" in shown and "(けんとう)(" not in shown
        assert "名前(なまえ)" in shown
