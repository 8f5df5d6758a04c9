"""Property tests: texts written in each format read back equal; any bytes never raise."""

from __future__ import annotations

import csv
import io
import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from recruitwatch.ingest import read_inputs
from recruitwatch.model import Record, Reject

# Printable text in the scripts we read, with the odd control-free symbol; no NUL.
TEXT = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Co", "Cn", "Zl", "Zp")),
    min_size=1,
    max_size=200,
).filter(lambda t: t.strip() != "")
TEXTS = st.lists(TEXT, min_size=1, max_size=8)
SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def read_back(name: str, data: bytes) -> list[Record | Reject]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        return list(read_inputs([str(path)]))


@SETTINGS
@given(TEXTS)
def test_jsonl_round_trip(texts: list[str]) -> None:
    data = "".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in enumerate(texts))
    items = read_back("p.jsonl", data.encode())
    assert [i.text for i in items if isinstance(i, Record)] == texts


@SETTINGS
@given(TEXTS)
def test_csv_round_trip(texts: list[str]) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["id", "text"])
    writer.writerows([i, t] for i, t in enumerate(texts))
    items = read_back("p.csv", buffer.getvalue().encode())
    assert [i.text for i in items if isinstance(i, Record)] == texts


@SETTINGS
@given(TEXTS)
def test_telegram_round_trip(texts: list[str]) -> None:
    messages = [
        {"id": i, "type": "message", "date": "2025-01-01T00:00:00", "text": t}
        for i, t in enumerate(texts)
    ]
    export = {"name": "c", "type": "public_channel", "id": 1, "messages": messages}
    items = read_back("result.json", json.dumps(export).encode())
    assert [i.text for i in items if isinstance(i, Record)] == texts


@SETTINGS
@given(TEXT.filter(lambda t: t == t.strip() and "\r" not in t and not t.startswith("\ufeff")))
def test_text_file_round_trip(text: str) -> None:
    items = read_back("note.txt", text.encode())
    assert [i.text for i in items if isinstance(i, Record)] == [text]


WORDS = st.lists(
    st.sampled_from(["work", "visa", "Moscow", "راتب", "شهريا", "Москва", "работа"]),
    min_size=1,
    max_size=10,
).map(" ".join)


@SETTINGS
@given(st.lists(WORDS, min_size=1, max_size=5))
def test_feed_round_trip(texts: list[str]) -> None:
    items_xml = "".join(
        f"<item><guid>g{i}</guid><title>t</title><description>{t}</description></item>"
        for i, t in enumerate(texts)
    )
    feed = (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>f</title>{items_xml}'
        "</channel></rss>"
    )
    items = read_back("feed.xml", feed.encode())
    assert [i.text for i in items if isinstance(i, Record)] == texts


@settings(max_examples=150, deadline=None)
@given(
    st.binary(max_size=2000),
    st.sampled_from(
        ["x.jsonl", "x.csv", "x.json", "x.txt", "x.html", "x.eml", "x.rss", "x.md", "x.bin"]
    ),
)
def test_arbitrary_bytes_never_raise(data: bytes, name: str) -> None:
    for item in read_back(name, data):
        assert isinstance(item, Record | Reject)
        if isinstance(item, Reject):
            assert item.reason and (item.raw is None or len(item.raw) <= 800)


@SETTINGS
@given(WORDS)
def test_email_round_trip(text: str) -> None:
    message = (
        f"From: a@example.invalid\nSubject: s\nContent-Type: text/plain; charset=utf-8\n\n{text}\n"
    )
    items = read_back("m.eml", message.encode())
    assert [i.text.strip() for i in items if isinstance(i, Record)] == [text]


@SETTINGS
@given(st.lists(WORDS, min_size=1, max_size=5))
def test_html_round_trip(paragraphs: list[str]) -> None:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    page = f"<html><head><title>t</title></head><body><nav>menu</nav>{body}</body></html>"
    items = read_back("page.html", page.encode())
    assert [i.text for i in items if isinstance(i, Record)] == ["\n\n".join(paragraphs)]
