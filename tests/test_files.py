"""Discovery of article files and their ids."""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from index.files import assign_ids, discover, path_tag
from tests.conftest import Denier


def test_directories_yield_txt_articles_but_not_hidden_or_license_files(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    (corpus / ".hidden").mkdir()
    for name in ("a.txt", "sub/b.TXT", "LICENSE.txt", "README.txt", "CHANGES.txt", "COPYING.txt"):
        (corpus / name).write_text("x\n")
    # Articles whose names only begin like a corpus's notes are articles.
    (corpus / "changes-in-tokyo.txt").write_text("x\n")
    (corpus / "readmefirst.txt").write_text("x\n")
    (corpus / ".secret.txt").write_text("x\n")
    (corpus / ".hidden" / "c.txt").write_text("x\n")
    # Markdown too (a folder of notes gave "0 added"), but for its own notes
    for name in ("notes.md", "sub/花見.markdown", "x.mkdn", "README.md", "CHANGELOG.md", "x.json"):
        (corpus / name).write_text("x\n")

    found = discover([corpus]).files

    assert [p.relative_to(corpus.resolve()).as_posix() for p in found] == [
        "a.txt", "changes-in-tokyo.txt", "notes.md", "readmefirst.txt", "sub/b.TXT",
        "sub/花見.markdown", "x.mkdn",
    ]  # fmt: skip


def test_a_file_named_explicitly_is_always_an_article(tmp_path: Path) -> None:
    license_file = tmp_path / "LICENSE.txt"
    license_file.write_text("x\n")
    markdown = tmp_path / ".draft.md"
    markdown.write_text("x\n")

    assert discover([license_file, markdown]).files == sorted(
        [license_file.resolve(), markdown.resolve()]
    )


def test_missing_paths_are_reported_not_ignored(tmp_path: Path) -> None:
    result = discover([tmp_path / "nope"])
    assert result.files == []
    assert result.missing == [tmp_path / "nope"]


def test_symlink_loops_and_duplicate_routes_find_each_file_once(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "inner").mkdir(parents=True)
    (corpus / "inner" / "a.txt").write_text("x\n")
    (corpus / "inner" / "loop").symlink_to(corpus, target_is_directory=True)
    (corpus / "again").symlink_to(corpus / "inner", target_is_directory=True)

    found = discover([corpus, corpus / "inner"]).files

    assert found == [(corpus / "inner" / "a.txt").resolve()]


def test_linked_files_and_directories_are_listed_at_their_targets(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "dir").mkdir(parents=True)
    (elsewhere / "dir" / "b.txt").write_text("x\n")
    (elsewhere / "c.txt").write_text("x\n")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("x\n")
    (corpus / "linked-dir").symlink_to(elsewhere / "dir", target_is_directory=True)
    (corpus / "linked.txt").symlink_to(elsewhere / "c.txt")
    (corpus / "broken.txt").symlink_to(tmp_path / "gone.txt")

    found = discover([corpus]).files

    assert found == sorted(
        [
            (corpus / "a.txt").resolve(),
            (elsewhere / "dir" / "b.txt").resolve(),
            (elsewhere / "c.txt").resolve(),
        ]
    )


def test_a_link_to_a_directory_around_the_root_is_not_followed(tmp_path: Path) -> None:
    """`up -> ..` in a corpus indexed everything beside the corpus (879 articles of a
    sibling folder, review); `home -> ~` would have indexed the whole home."""
    (tmp_path / "sibling").mkdir()
    (tmp_path / "sibling" / "other.txt").write_text("x\n")
    corpus = tmp_path / "corpus"
    (corpus / "deep").mkdir(parents=True)
    (corpus / "a.txt").write_text("x\n")
    (corpus / "up").symlink_to("..", target_is_directory=True)
    (corpus / "deep" / "top").symlink_to(tmp_path, target_is_directory=True)
    (corpus / "deep" / "self").symlink_to(corpus, target_is_directory=True)

    assert discover([corpus]).files == [(corpus / "a.txt").resolve()]
    # Indexed itself, the folder around is walked (each file once)
    assert discover([tmp_path]).files == sorted(
        [(corpus / "a.txt").resolve(), (tmp_path / "sibling" / "other.txt").resolve()]
    )


def test_ids_are_stems_and_colliding_stems_get_a_stable_path_tag() -> None:
    paths = ["/x/one/a.txt", "/x/two/a.txt", "/x/two/b.txt"]

    ids = assign_ids(paths)

    assert ids["/x/two/b.txt"] == "b"
    assert ids["/x/one/a.txt"].startswith("a~") and ids["/x/two/a.txt"].startswith("a~")
    assert ids["/x/one/a.txt"] != ids["/x/two/a.txt"]
    assert assign_ids(list(reversed(paths))) == ids


def test_ids_held_are_kept_and_newcomers_never_take_one() -> None:
    held = {"/x/uno2.txt": "uno", "/x/a/same.txt": "same~tag"}
    paths = ["/x/uno2.txt", "/x/uno.txt", "/x/a/same.txt", "/x/b/same.txt", "/x/same~tag.txt"]

    ids = assign_ids(paths, held)

    assert ids["/x/uno2.txt"] == "uno" and ids["/x/a/same.txt"] == "same~tag"
    assert ids["/x/uno.txt"] == f"uno~{path_tag('/x/uno.txt')}"  # "uno" is held
    assert ids["/x/b/same.txt"] == f"same~{path_tag('/x/b/same.txt')}"
    assert ids["/x/same~tag.txt"].startswith("same~tag~")  # named like a held id
    assert len(set(ids.values())) == len(paths)
    assert assign_ids(list(reversed(paths)), held) == ids


def test_the_livedoor_corpus_has_7367_articles(ldcc_dir: Path) -> None:
    found = discover([ldcc_dir]).files
    assert len(found) == 7367
    assert not any(p.name.startswith(("LICENSE", "README", "CHANGES")) for p in found)


def test_a_directory_that_cannot_be_listed_is_reported_not_passed_over(
    tmp_path: Path, unlistable: Denier, unsearchable: Denier
) -> None:
    """Passed over silently, as `os.walk` does, its files were taken for deleted: a
    `chmod 000` on a subdirectory, or an I/O error, took their articles out of the index."""
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "a.txt").write_text("x\n")
    (corpus / "sub" / "b.txt").write_text("x\n")
    (tmp_path / "bare" / "deep").mkdir(parents=True)
    (tmp_path / "bare" / "README.md").write_text("x\n")
    (tmp_path / "outer" / "inner").mkdir(parents=True)
    unlistable(corpus / "sub")
    unsearchable(tmp_path / "outer")

    found = discover([corpus, tmp_path / "bare", tmp_path / "outer" / "inner"])

    assert found.files == [(corpus / "a.txt").resolve()]
    assert found.unreadable == {
        (corpus / "sub").resolve(): "permission denied",
        # Path.exists raised PermissionError: `yomite index` ended in a traceback
        (tmp_path / "outer" / "inner").resolve(): "permission denied",
    }
    assert found.missing == []
    # Listed whole and no article under it (an unmounted disk's mount point looks so)
    assert found.empty == [(tmp_path / "bare").resolve()]
    # Not known to be empty: what it holds could not be seen
    assert discover([corpus / "sub"]).empty == []


def test_a_directory_without_articles_is_empty_and_its_other_files_counted(
    tmp_path: Path,
) -> None:
    """A directory of HTML files is found empty, as one with nothing in it is; the
    files passed over are counted, for the user to be told what is there."""
    html, bare = tmp_path / "html", tmp_path / "bare"
    (html / "sub").mkdir(parents=True)
    for name in ("a.html", "sub/b.csv", "README.txt", ".hidden.txt"):
        (html / name).write_text("x\n")
    (html / "dangling.html").symlink_to(tmp_path / "nowhere")
    (bare / "deep").mkdir(parents=True)
    (bare / ".DS_Store").write_text("x\n")

    found = discover([html, bare])

    assert (found.files, found.unreadable) == ([], {})
    assert found.empty == [html.resolve(), bare.resolve()]
    assert found.passed_over == {html.resolve(): 3}  # not the hidden file or the link


def test_a_directory_gone_during_the_walk_is_not_unreadable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its files were deleted with it: no reason to keep their articles."""
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "a.txt").write_text("x\n")
    real = os.scandir

    def scandir(path: str) -> Iterator[os.DirEntry[str]]:
        if Path(path).name == "sub":
            raise FileNotFoundError(errno.ENOENT, "No such file or directory", path)
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)

    found = discover([corpus])

    assert (found.files, found.unreadable) == ([(corpus / "a.txt").resolve()], {})
