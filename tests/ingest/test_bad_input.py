"""Bad input: every problem is one clear reject naming file, record and reason; the good
records around it are still read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from recruitwatch.errors import InvalidInput
from recruitwatch.ingest import ReadOptions, read_inputs, reject_to_json
from recruitwatch.model import Record, Reject

GOOD = '{"id": "ok", "text": "good record"}\n'


def read(path: Path, options: ReadOptions | None = None) -> tuple[list[Record], list[Reject]]:
    items = list(read_inputs([str(path)], options))
    return (
        [i for i in items if isinstance(i, Record)],
        [i for i in items if isinstance(i, Reject)],
    )


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        (b'{"id": "x", "text": "unterminated', "line 2: invalid JSON: "),
        (b"[1, 2, 3]", "line 2: expected a JSON object, got list"),
        (b'{"id": "x"}', 'line 2: missing field "text"'),
        (b'{"id": "x", "text": 42}', 'line 2: field "text" is int, not a string'),
        (b'{"id": "x", "text": "  "}', 'line 2: field "text" is empty'),
        (b'{"id": "x", "text": "caf\xe9 \xff\xfe broken"}', "line 2: cannot decode as"),
        (b"[" * 100_000, "line 2: invalid JSON"),
    ],
)
def test_bad_json_line_is_rejected_between_good_ones(
    tmp_path: Path, line: bytes, reason: str
) -> None:
    path = write(tmp_path, "posts.jsonl", GOOD.encode() + line + b"\n" + GOOD.encode())
    good, bad = read(path)
    assert len(good) == 2
    (reject,) = bad
    assert reject.message().startswith(f"{path}: ") and reason in reject.message()
    assert len(reject.raw or "") <= 200


def test_truncated_last_line(tmp_path: Path) -> None:
    path = write(tmp_path, "cut.jsonl", GOOD.encode() + b'{"id": "cut", "te')
    good, (reject,) = read(path)
    assert len(good) == 1 and reject.provenance.locator == "line 2"
    assert "invalid JSON" in reject.reason


def test_a_5_mb_record_is_rejected_without_losing_the_rest(tmp_path: Path) -> None:
    big = json.dumps({"id": "big", "text": "x" * 5_000_000}).encode()
    path = write(tmp_path, "big.jsonl", GOOD.encode() + big + b"\n" + GOOD.encode())
    good, (reject,) = read(path)
    assert len(good) == 2
    assert reject.reason == "record is 5.0 MB, over the 1.0 MB limit"


def test_a_2_gb_file_read_whole_is_rejected_without_being_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.json"
    with path.open("wb") as handle:
        handle.truncate(2 * 1024**3)  # sparse: costs nothing on disk
    _, (reject,) = read(path)
    assert reject.reason == "file is 2.1 GB, over the 1.1 GB limit"


def test_json_lines_over_the_file_limit_stream_record_by_record(tmp_path: Path) -> None:
    path = write(tmp_path, "export.jsonl", GOOD.encode() * 40)
    good, rejects = read(path, ReadOptions(max_file_bytes=100))
    assert len(good) == 40 and rejects == []


def test_a_binary_file_is_rejected(tmp_path: Path) -> None:
    path = write(tmp_path, "posts.jsonl", b"\x00\x01\x02\x03" * 1000)
    _, (reject,) = read(path)
    assert reject.reason.startswith("binary file")


@pytest.mark.parametrize(
    ("magic", "what"), [(b"%PDF-1.7", "PDF document"), (b"PK\x03\x04", "ZIP archive")]
)
def test_binary_files_are_named(tmp_path: Path, magic: bytes, what: str) -> None:
    _, (reject,) = read(write(tmp_path, "ad.txt", magic + bytes(range(256))))
    assert reject.reason == f"binary file ({what}), not text"


def test_an_empty_file_is_rejected(tmp_path: Path) -> None:
    _, (reject,) = read(write(tmp_path, "empty.jsonl", b""))
    assert (reject.provenance.locator, reject.reason) == ("file", "empty file")


def test_csv_with_no_text_column_says_which_columns_exist(tmp_path: Path) -> None:
    _, (reject,) = read(write(tmp_path, "a.csv", b"a,b\n1,2\n"))
    assert "no text column" in reject.reason and "a, b" in reject.reason


def test_csv_row_with_bad_bytes_is_rejected_alone(tmp_path: Path) -> None:
    data = "text\nгодный текст\n".encode() + b"bad \xff\xfe row\n" + "ещё один\n".encode()
    good, (reject,) = read(write(tmp_path, "a.csv", data))
    assert [g.text for g in good] == ["годный текст", "ещё один"]
    assert reject.provenance.locator == "row 2" and "cannot decode" in reject.reason


def test_csv_oversized_field(tmp_path: Path) -> None:
    data = b"text\n" + b"y" * 2_000_000 + b"\nsmall\n"
    good, (reject,) = read(write(tmp_path, "a.csv", data))
    assert [g.text for g in good] == ["small"] and "over the 1.0 MB limit" in reject.reason


def test_broken_telegram_export(tmp_path: Path) -> None:
    _, (reject,) = read(write(tmp_path, "result.json", b'{"messages": [1, 2'))
    assert reject.reason.startswith("invalid JSON")


def test_unsupported_extension(tmp_path: Path) -> None:
    _, (reject,) = read(write(tmp_path, "sheet.xlsx", b"just some text"))
    assert reject.reason == "unsupported file type .xlsx"


def test_missing_path_raises_invalid_input(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="no such file"):
        list(read_inputs([str(tmp_path / "nope.jsonl")]))


def test_reject_json_shape(tmp_path: Path) -> None:
    _, (reject,) = read(write(tmp_path, "empty.txt", b""))
    assert set(reject_to_json(reject)) == {"file", "locator", "reason", "raw"}


def test_truncated_utf16_csv(tmp_path: Path) -> None:
    _, (reject,) = read(write(tmp_path, "x.csv", b"\x00 \x00 \x00"))
    assert reject.reason == "cannot decode as utf-16-be: truncated data"
