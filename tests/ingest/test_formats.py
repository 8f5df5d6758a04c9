"""Each reader on a small fixture: records, provenance, ids, metadata."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

from recruitwatch.ingest import ReadOptions, content_hash, read_inputs
from recruitwatch.model import Record, Reject

DATA = Path(__file__).parents[1] / "data" / "ingest"


def records(*paths: Path | str, options: ReadOptions | None = None) -> list[Record]:
    items = list(read_inputs([str(p) for p in paths], options))
    assert all(isinstance(i, Record) for i in items), [i for i in items if isinstance(i, Reject)]
    return items  # type: ignore[return-value]


def test_jsonl_fields_meta_and_provenance(tmp_path: Path) -> None:
    path = tmp_path / "posts.jsonl"
    path.write_text(
        '{"id": 7, "text": "t1", "url": "https://x.invalid", "channel": "c"}\n\n'
        '{"text": "t2", "lang": "ar", "source": "s"}\n',
        encoding="utf-8",
    )
    first, second = records(path)
    assert (first.id, first.url, first.meta, first.provenance.locator) == (
        "7",
        "https://x.invalid",
        {"channel": "c"},
        "line 1",
    )
    assert (second.id, second.lang, second.source, second.provenance.locator) == (
        "posts.jsonl#L3",
        "ar",
        "s",
        "line 3",
    )
    assert first.content_hash == content_hash("t1")


def test_gzipped_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "posts.jsonl.gz"
    path.write_bytes(gzip.compress(b'{"id": "a", "text": "hello"}\n'))
    assert [r.text for r in records(path)] == ["hello"]


def test_stdin_reads_json_lines() -> None:
    stream = io.BytesIO('{"id": "s1", "text": "من المدخل"}\n'.encode())
    (record,) = list(read_inputs(["-"], stdin=stream))
    assert isinstance(record, Record) and record.text == "من المدخل"
    assert record.provenance.file == "<stdin>"


def test_csv_windows_1256_with_default_columns() -> None:
    rows = records(DATA / "ads_cp1256.csv")
    assert [r.id for r in rows] == ["1", "2"]
    assert rows[0].title == "وظيفة" and rows[0].text.startswith("مطلوب شباب")
    assert rows[1].provenance.locator == "row 2"


def test_csv_semicolons_and_column_mapping() -> None:
    rows = records(
        DATA / "semicolon.csv", options=ReadOptions(text_columns=("body",), id_column="ref")
    )
    assert [(r.id, r.text, r.lang) for r in rows] == [
        ("A1", "Работа в Казани", "ru"),
        ("A2", "Job in Erbil", "en"),
    ]


def test_csv_joins_several_text_columns(tmp_path: Path) -> None:
    path = tmp_path / "jobs.csv"
    path.write_text("job_id,title,description,benefits\n9,Guard,Work in Minsk,Visa paid\n")
    (row,) = records(path, options=ReadOptions(text_columns=("description", "benefits")))
    assert row.text == "Work in Minsk\n\nVisa paid" and row.id == "9" and row.title == "Guard"


def test_folder_reads_supported_files_and_rejects_the_rest() -> None:
    items = list(read_inputs([str(DATA / "folder")]))
    texts = [i.text for i in items if isinstance(i, Record)]
    assert texts == [
        "Plain text note about a job in Minsk",
        "# Markdown\n\nA markdown document",
        "Nested page",
    ]
    (bad,) = [i for i in items if isinstance(i, Reject)]
    assert bad.reason == "binary file (PNG image), not text"
    assert bad.provenance.file.endswith("image.png")
    assert [i.id for i in items if isinstance(i, Record)][2] == "sub/page.htm"


def test_html_page_is_reduced_to_its_main_text() -> None:
    (page,) = records(DATA / "page.html")
    assert page.title == "Synthetic job page"
    assert page.text == (
        "Security guards wanted\n\nWork in Moscow, salary $2,500 a month.\n\nCall +7 912 345 67 89"
    )


def test_telegram_channel_flattens_entities_keeps_ids_and_forwards() -> None:
    first, second = records(DATA / "telegram_channel.json")
    assert first.text == "مطلوب شباب للعمل في روسيا راتب ٣٠٠٠ دولار للتواصل @synthetic_jobs"
    assert (first.id, first.provenance.locator, first.source) == (
        "1001:11",
        "message 11",
        "Synthetic Jobs Channel",
    )
    assert first.date == "2025-01-02T09:30:00"
    assert second.meta["forwarded_from"] == "Synthetic Other Channel"


def test_telegram_full_export_reads_every_chat() -> None:
    rows = records(DATA / "result.json")
    assert [(r.source, r.meta["message_id"]) for r in rows] == [
        ("Synthetic Group", 1),
        ("Synthetic Group", 2),
        ("Synthetic Chat", 7),
    ]
    assert rows[1].text == "https://t.me/+SyntheticInvite1 join here"


def test_email_plain_part_headers_and_id() -> None:
    (mail,) = records(DATA / "message.eml")
    assert mail.text.strip() == "Work in Russia, $3,000 a month. Reply on WhatsApp only."
    assert mail.title == "عرض عمل" and mail.id == "<synthetic-1@example.invalid>"
    assert mail.date == "2025-03-04T10:00:00+03:00"
    assert mail.meta["from"].endswith("<recruiter@example.invalid>")


def test_email_with_only_html() -> None:
    (mail,) = records(DATA / "html_only.eml")
    assert mail.text == "Only HTML here"


def test_rss_and_atom_feeds() -> None:
    news = records(DATA / "feed.rss")
    assert [(n.id, n.title, n.url) for n in news] == [
        ("news-1", "Court sentences recruiter", "https://news.example.invalid/1"),
        ("news-2", "Ministry warns", "https://news.example.invalid/2"),
    ]
    assert news[0].text == "The court sentenced an intermediary." and news[0].source == (
        "Synthetic News"
    )
    assert news[0].date == "2025-03-03T10:00:00+00:00"
    (atom,) = records(DATA / "feed.atom")
    assert atom.text == "Посольство предупреждает о мошенниках"
    assert atom.url == "https://atom.example.invalid/1"


def test_format_is_sniffed_from_content(tmp_path: Path) -> None:
    path = tmp_path / "posts.txt"  # JSON Lines behind a misleading name
    path.write_text('{"id": "x", "text": "hidden jsonl"}\n', encoding="utf-8")
    assert [r.text for r in records(path)] == ["hidden jsonl"]


def test_exact_duplicates_share_a_hash(tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl"
    path.write_text('{"id": 1, "text": "same  text"}\n{"id": 2, "text": "same text "}\n')
    first, second = records(path)
    assert first.content_hash == second.content_hash
