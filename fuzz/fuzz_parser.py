"""Coverage-guided fuzzing of the decoder and the parser (atheris; not run in CI).

    .venv/bin/python fuzz/fuzz_parser.py -max_total_time=60 [corpus_dir]

Any bytes must decode, parse into an article whose every field is safe to show, and
give a canonical document; an exception escaping is a crash that atheris reports
with the input that caused it. tests/test_reliability_fuzz.py runs the same
properties with hypothesis in CI.
"""

from __future__ import annotations

import json
import sys

import atheris

with atheris.instrument_imports(include=["index.decoding", "index.parser", "index.sanitize"]):
    from index.decoding import decode_bytes
    from index.parser import parse_text
    from index.sanitize import is_safe


def test_one_input(data: bytes) -> None:
    decoded = decode_bytes(data)
    article = parse_text(decoded.text, path="/fuzz/input.txt", encoding=decoded.encoding)
    shown = json.dumps(article.to_json_dict(), ensure_ascii=False)
    if not is_safe(shown):
        raise AssertionError("an unsafe character reached a parsed field")
    document = article.document()
    if not is_safe(document.text):
        raise AssertionError("an unsafe character reached the document text")


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
