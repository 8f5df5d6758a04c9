"""`scan --store` on SQLite and PostgreSQL: idempotent, and safe against a SIGKILL."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from recruitwatch.demo import generate_corpus

pytestmark = pytest.mark.slow


def write_corpus(path: Path, n: int) -> int:
    with path.open("w", encoding="utf-8") as out:
        for doc in generate_corpus(n, seed=3):
            out.write(
                json.dumps(
                    {"id": doc.id, "text": doc.text, "source": doc.source}, ensure_ascii=False
                )
                + "\n"
            )
    return n


def stored(url: str) -> tuple[int, int, int]:
    """Documents, assessments, and documents stored more than once."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            docs = conn.execute(text("SELECT count(*) FROM documents")).scalar_one()
            assessed = conn.execute(text("SELECT count(*) FROM assessments")).scalar_one()
            twice = conn.execute(
                text(
                    "SELECT count(*) FROM (SELECT external_id, content_hash FROM documents "
                    "GROUP BY external_id, content_hash HAVING count(*) > 1) AS d"
                )
            ).scalar_one()
    except Exception:  # the tables do not exist yet
        return 0, 0, 0
    finally:
        engine.dispose()
    return docs, assessed, twice


def run_scan(corpus: Path, url: str) -> subprocess.Popen[bytes]:
    cmd = [
        sys.executable,
        "-m",
        "recruitwatch",
        "scan",
        str(corpus),
        "--store",
        "--database",
        url,
        "-o",
        os.devnull,
        "-q",
    ]
    return subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def test_scan_store_survives_sigkill_and_stores_each_record_once(
    store_url: str, tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus.jsonl"
    total = write_corpus(corpus, 6_000)
    proc = run_scan(corpus, store_url)
    partial = 0
    while proc.poll() is None:  # wait for the first committed batches, then kill
        partial = stored(store_url)[0]
        if partial >= 500:
            proc.send_signal(signal.SIGKILL)
            break
        time.sleep(0.05)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL, "the scan finished before it could be killed"
    assert 0 < partial < total
    again = run_scan(corpus, store_url)
    assert again.wait() == 0, again.stderr.read() if again.stderr else ""
    docs, assessed, twice = stored(store_url)
    assert docs == len({(d.id, d.text) for d in generate_corpus(total, seed=3)})
    assert assessed == docs
    assert twice == 0


def test_scanning_the_same_input_twice_adds_nothing(store_url: str, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    write_corpus(corpus, 300)
    assert run_scan(corpus, store_url).wait() == 0
    first = stored(store_url)
    assert run_scan(corpus, store_url).wait() == 0
    assert stored(store_url) == first
    assert first[0] == 300 and first[2] == 0
