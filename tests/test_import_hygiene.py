"""The wall: `index` is the domain and must never pull in Textual."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import pytest

import index


def _index_modules() -> list[str]:
    submodules = pkgutil.walk_packages(index.__path__, prefix="index.")
    return ["index", *sorted(m.name for m in submodules)]


@pytest.mark.parametrize("module", _index_modules())
def test_index_module_does_not_import_textual(module: str) -> None:
    code = (
        f"import sys, {module}\n"
        "print(sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", f"{module} imports Textual: {out.stdout.strip()}"
