"""Small generated article files for the index tests (fast to analyse, distinct words)."""

from __future__ import annotations

from pathlib import Path

TOPICS = ("東京", "大阪", "選挙", "地震", "野球", "映画", "経済", "料理")


def news_text(number: int, *, extra: str = "") -> str:
    topic = TOPICS[number % len(TOPICS)]
    return (
        f"http://news.example.jp/article/{number}\n"
        f"2012-03-{1 + number % 28:02d}T10:00:00+0900\n"
        f"{topic}の記事{number}号\n"
        f"{topic}について記事番号{number}の本文を書きました。{extra}\n"
    )


LONG_BODY = "".join(
    f"{TOPICS[i % len(TOPICS)]}の関係者は第{i}回の会合で今後の方針を説明し、"
    f"記者の質問に{i % 7 + 2}時間にわたって答えた。"
    for i in range(40)
)
"""About 2,000 characters of prose: articles whose analysis takes measurable time,
for tests that must catch an update in the middle on a fast machine."""


def write_articles(directory: Path, count: int, *, start: int = 0, extra: str = "") -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(start, start + count):
        path = directory / f"n{number:04d}.txt"
        path.write_text(news_text(number, extra=extra), "utf-8")
        paths.append(path)
    return paths
