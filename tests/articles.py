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


def write_articles(directory: Path, count: int, *, start: int = 0) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(start, start + count):
        path = directory / f"n{number:04d}.txt"
        path.write_text(news_text(number), "utf-8")
        paths.append(path)
    return paths
