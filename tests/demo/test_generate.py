"""The synthetic corpus generator and the committed demo corpus."""

from __future__ import annotations

import re
from collections import Counter
from importlib import resources
from pathlib import Path

import phonenumbers

from recruitwatch.demo import HOTLINE, LABEL_SHARES, generate_corpus, write_demo

SHIPPED = Path(str(resources.files("recruitwatch") / "resources" / "demo"))
PHONE = re.compile(r"(?:\+\d[\d ]{9,16}\d|0\d{3} \d{3} \d{4})")
HANDLE = re.compile(r"@\w+")


def contacts(text: str) -> set[str]:
    return set(PHONE.findall(text)) | set(HANDLE.findall(text))


def test_same_seed_same_corpus() -> None:
    assert list(generate_corpus(200, seed=5)) == list(generate_corpus(200, seed=5))
    assert list(generate_corpus(50, seed=5)) != list(generate_corpus(50, seed=6))


def test_committed_files_equal_a_fresh_run(tmp_path: Path) -> None:
    write_demo(tmp_path)
    for name in ("corpus.jsonl", "labels.csv"):
        assert (tmp_path / name).read_bytes() == (SHIPPED / name).read_bytes(), name


def test_shares_of_labels_and_languages() -> None:
    docs = list(generate_corpus(360))
    assert len(docs) >= 360 and len({d.id for d in docs}) == len(docs)
    labels = Counter(d.label for d in docs)
    for label, share in LABEL_SHARES:
        assert abs(labels[label] / len(docs) - share) < 0.06, label
    langs = Counter(d.lang for d in docs)
    assert set(langs) == {"ar", "en", "ru"} and langs["ar"] > langs["en"]


def test_large_corpus_keeps_the_shares() -> None:
    docs = list(generate_corpus(10_000, seed=1))
    labels = Counter(d.label for d in docs)
    for label, share in LABEL_SHARES:
        assert abs(labels[label] / len(docs) - share) < 0.02, label


def test_networks_have_templates_and_never_share_contacts() -> None:
    docs = [d for d in generate_corpus(360) if d.network]
    by_network: dict[str, set[str]] = {}
    templates = Counter(d.template for d in docs if d.template)
    for doc in docs:
        by_network.setdefault(doc.network or "", set()).update(contacts(doc.text) - {HOTLINE})
    assert len(by_network) >= 6
    assert all(n >= 3 for n in templates.values())
    names = sorted(by_network)
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            assert not by_network[a] & by_network[b], (a, b)


def test_the_hub_is_quoted_by_warnings_and_a_lure() -> None:
    docs = list(generate_corpus(360))
    quoting = {d.label for d in docs if HOTLINE in d.text}
    assert {"warning", "deceptive"} <= quoting


def test_phones_are_valid() -> None:
    for doc in generate_corpus(360):
        for phone in PHONE.findall(doc.text):
            number = phonenumbers.parse(phone, "IQ")
            assert phonenumbers.is_valid_number(number), (doc.id, phone)
