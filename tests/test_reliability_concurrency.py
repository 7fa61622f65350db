"""One process indexing while two readers search (issue 6).

The writer is the real `yomite index` command, run batch after batch (one of them a
`--rebuild`, which switches generations under the readers); the two readers are
separate processes using `Library` as the reader app does: search, list, refresh,
in a tight loop. Each reader checks, on every round, that:

- no call raises (any exception is a reader error);
- what it sees never goes backwards (articles are only added, so after a refresh the
  count can only grow);
- once the test has announced a finished batch, the next `refresh()` shows it: its
  probe article is found by search and listed.

tests/test_crash.py (helper-3) runs readers against an in-process writer with
deletions and rebuilds; this one drives the command and checks visibility per batch.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.articles import write_articles

ROOT = Path(__file__).resolve().parent.parent
BATCHES = 6
BATCH = 15

pytestmark = pytest.mark.slow

READER = """
import json, sys
from pathlib import Path
from index.library import Library
from index.locations import locations

home, announced_file, stop = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
batch = int(sys.argv[4])
errors, rounds, seen_count, checked = [], 0, 0, set()
library = Library.open(locations(home))
while True:
    finished = stop.exists()
    try:
        announced = int(announced_file.read_text()) if announced_file.exists() else -1
        library.refresh()
        count = library.count()
        listed = {summary.id for summary in library.articles()}
        if count < seen_count:
            errors.append(f"went backwards: {count} after {seen_count}")
        if len(listed) != count:
            errors.append(f"listed {len(listed)} of {count}")
        seen_count = max(seen_count, count)
        for done in range(announced + 1):
            probe = 1000 * (done + 1) + done % batch
            if done in checked:
                continue
            hits = library.search(f"記事番号{probe}").total
            if hits != 1 or f"n{probe:04d}" not in listed:
                errors.append(f"batch {done} announced but {hits} hits after refresh")
            checked.add(done)
        library.search("記事", live=True)
        library.search("東京 OR 大阪", sort="date")
        rounds += 1
    except Exception as error:
        errors.append(f"{type(error).__name__}: {error}")
    if finished:
        break
library.close()
print(json.dumps({"errors": errors, "rounds": rounds, "seen": seen_count,
                  "checked": sorted(checked)}))
"""


def test_two_readers_search_without_errors_while_yomite_index_runs(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    home = tmp_path / "home"
    announced = tmp_path / "announced"
    stop = tmp_path / "stop"
    write_articles(corpus / "b0", 20)
    index = [sys.executable, "-m", "tui.cli", "index", "--home", str(home)]
    assert subprocess.run([*index, str(corpus / "b0")], cwd=ROOT, timeout=120).returncode == 0

    readers = [
        subprocess.Popen(
            [sys.executable, "-c", READER, str(home), str(announced), str(stop), str(BATCH)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    try:
        for done in range(BATCHES):
            batch = corpus / f"b{done + 1}"
            write_articles(batch, BATCH, start=1000 * (done + 1))
            argv = [*index, "--rebuild", str(corpus)] if done == 3 else [*index, str(batch)]
            finished = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, timeout=120)
            assert finished.returncode == 0, finished.stderr
            scratch = tmp_path / "announced.tmp"
            scratch.write_text(str(done))
            scratch.replace(announced)  # readers see the whole number or the old one
    finally:
        stop.touch()
    outputs = [reader.communicate(timeout=120) for reader in readers]

    total = 20 + BATCHES * BATCH
    for reader, (out, err) in zip(readers, outputs, strict=True):
        assert reader.returncode == 0, err
        result = json.loads(out)
        assert result["errors"] == []
        assert result["rounds"] > BATCHES
        assert result["seen"] == total
        assert result["checked"] == list(range(BATCHES))
