"""The watchlist: shipped entries are sourced organisations, and a mention in any script or
spelling is found with its span in the original."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from recruitwatch.detect import find_indicators, load_catalogue
from recruitwatch.detect.watchlist import (
    build_watchlist,
    find_mentions,
    packaged_watchlist,
)
from recruitwatch.detect.watchlist_entries import (
    Entry,
    Source,
    entries_from,
    packaged_entries,
    parse_entry,
    parse_import,
)
from recruitwatch.errors import ConfigError
from recruitwatch.pipeline import Scoring
from recruitwatch.text import normalize

REAL = Path(__file__).parents[2] / ".." / "shared" / "data" / "real" / "real_dev.jsonl"
WATCHLIST = packaged_watchlist()


def entry(entry_id: str, *names: str, schema: str = "Organization") -> Entry:
    return Entry(
        entry_id,
        schema,
        {"name": names[:1], "alias": names[1:]},
        (Source("https://example.org/report", "A report", "2025-01-01"),),
        "synthetic",
    )


def mentioned(text: str) -> list[tuple[str, str]]:
    return [(m.entry.id, m.span.text) for m in find_mentions(normalize(text), WATCHLIST)]


def test_every_shipped_entry_is_a_sourced_organisation() -> None:
    entries = packaged_entries()
    assert len(entries) >= 5
    for found in entries:
        assert found.schema != "Person", found.id
        assert found.note, found.id
        assert found.sources and all(
            s.url.startswith("https://") and s.title and s.date for s in found.sources
        ), found.id


def test_every_shipped_entry_is_valid_followthemoney() -> None:
    from followthemoney import model

    for found in packaged_entries():
        again = parse_entry(found.to_json(), "test", packaged=True, strict=True)
        assert again.properties == found.properties
        proxy = model.get_proxy(found.to_ftm())
        assert proxy.caption == found.caption


def test_shipped_aliases_cover_latin_arabic_and_cyrillic() -> None:
    alabuga = WATCHLIST.get("rw-alabuga-start")
    assert alabuga is not None
    every = " ".join(alabuga.aliases)
    assert any("a" <= c <= "z" for c in every.lower())
    assert any("\u0600" <= c <= "\u06ff" for c in every)
    assert any("\u0400" <= c <= "\u04ff" for c in every)


@pytest.mark.parametrize(
    ("text", "entry_id", "evidence"),
    [
        ("Join the Alabuga Start programme today", "rw-alabuga-start", "Alabuga Start programme"),
        ("ALABUGA-START: apply now", "rw-alabuga-start", "ALABUGA-START"),
        ("follow #AlabugaStart for news", "rw-alabuga-start", "AlabugaStart"),
        ("Набор в программу «Алабуга Старт»", "rw-alabuga-start", "Алабуга Старт"),
        ("برنامج «ألابوغا ستارت» للشابات", "rw-alabuga-start", "ألابوغا ستارت"),
        ("برنامج الابوجا ستارت", "rw-alabuga-start", "الابوجا ستارت"),
        ("работа в ОЭЗ «Алабуга»", "rw-alabuga-sez", "ОЭЗ «Алабуга"),
        ("студентки из Алабуги", "rw-alabuga-sez", "Алабуги"),
        ("Alabuga Polytech students", "rw-alabuga-polytech", "Alabuga Polytech"),
        ("контракт с ЧВК «Вагнер»", "rw-wagner-group", "ЧВК «Вагнер"),
        ("бойцы группы Вагнера", "rw-wagner-group", "группы Вагнера"),
        ("the Wagner Group's recruiters", "rw-wagner-group", "Wagner Group"),
        ("للعمل مع قوات ڤاغنر", "rw-wagner-group", "قوات ڤاغنر"),
        ("وبمجموعة فاجنر", "rw-wagner-group", "مجموعة فاجنر"),
        ("انضم للفيلق الأفريقي", "rw-africa-corps", "لفيلق الأفريقي"),
        ("Африканский корпус объявил набор", "rw-africa-corps", "Африканский корпус"),
        ("an O.S.D. Bros Travels agent", "rw-in-cbi-2024-osd-bros", "O.S.D. Bros Travels"),
    ],
)
def test_a_mention_in_any_script_or_spelling_is_found(
    text: str, entry_id: str, evidence: str
) -> None:
    assert (entry_id, evidence) in mentioned(text)


@pytest.mark.parametrize(
    "text",
    [
        "Richard Wagner wrote operas.",  # a surname alone is not the group
        "A start-up programme in Kazan",
        "В Елабуге открылся детский сад",  # the town, not the zone
        "Alabugastan is not a place",  # inside another word
        "malabuga start",
        "الفيلق الخامس",
        "",
    ],
)
def test_no_mention_where_none_is_named(text: str) -> None:
    assert mentioned(text) == []


def test_the_fullest_name_wins() -> None:
    assert mentioned("the Alabuga Start scheme") == [("rw-alabuga-start", "Alabuga Start")]


def test_spans_map_back_through_diacritics_and_tatweel() -> None:
    text = "انضمي إلى برنامج أَلابـــوغا سْتارت الآن"
    found = find_mentions(normalize(text), WATCHLIST)
    assert [m.entry.id for m in found] == ["rw-alabuga-start"]
    span = found[0].span
    assert text[span.start : span.end] == span.text == "أَلابـــوغا سْتارت"


ALIASES = [a for e in packaged_entries() for a in e.aliases]
FILLER = st.text(
    alphabet=st.sampled_from(list("abc xyz.,-«»\n\u0640\u064e") + list("ابتсдо")), max_size=30
)


@given(st.lists(st.tuples(FILLER, st.sampled_from(ALIASES)), max_size=4), FILLER)
def test_spans_are_always_the_original_text(parts: list[tuple[str, str]], tail: str) -> None:
    text = " ".join(f"{before} {alias}" for before, alias in parts) + " " + tail
    for mention in find_mentions(normalize(text), WATCHLIST):
        span = mention.span
        assert text[span.start : span.end] == span.text and span.text.strip()


@given(st.sampled_from(ALIASES))
def test_every_alias_finds_its_own_entry(alias: str) -> None:
    found = find_mentions(normalize(f"… {alias} …"), WATCHLIST)
    owners = {m.entry.id for m in found}
    assert any(alias in e.aliases for e in packaged_entries() if e.id in owners), alias


def test_the_indicator_names_the_entry_and_its_source() -> None:
    text = "Girls 18-22: apply to Alabuga Start, salary and flights paid."
    hits = {h.id: h for h in find_indicators(normalize(text), load_catalogue())}
    hit = hits["known_scheme_or_actor"]
    assert [s.text for s in hit.evidence] == ["Alabuga Start"]
    start = WATCHLIST.get("rw-alabuga-start")
    assert start is not None and hit.note == f"Alabuga Start — listed: {start.sources[0].url}"


def test_an_analysts_watchlist_replaces_the_packaged_one() -> None:
    own = build_watchlist([entry("db-1", "Golden Gate Recruiting", "البوابة الذهبية للتوظيف")])
    norm = normalize("تواصل مع البوابة الذهبية للتوظيف أو Alabuga Start")
    hits = {h.id: h for h in find_indicators(norm, load_catalogue(), watchlist=own)}
    assert [s.text for s in hits["known_scheme_or_actor"].evidence] == ["البوابة الذهبية للتوظيف"]
    empty = build_watchlist([])
    assert "known_scheme_or_actor" not in {
        h.id for h in find_indicators(norm, load_catalogue(), watchlist=empty)
    }


def test_scoring_with_a_watchlist_pickles() -> None:
    own = build_watchlist([entry("db-1", "Golden Gate Recruiting")])
    scoring = pickle.loads(pickle.dumps(Scoring(watchlist=own)))
    found = find_mentions(normalize("golden-gate recruiting"), scoring.watchlist)
    assert [m.entry.id for m in found] == ["db-1"]


def _folder(tmp_path: Path, entries: list[dict[str, object]]) -> Path:
    (tmp_path / "bad.yaml").write_text(yaml.safe_dump(entries, allow_unicode=True), "utf-8")
    return tmp_path


GOOD: dict[str, object] = {
    "id": "x-1",
    "schema": "Organization",
    "properties": {"name": ["Some Agency"]},
    "sources": [{"url": "https://example.org/a", "title": "A", "date": "2025"}],
    "note": "synthetic",
}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"sources": []}, "needs at least one source URL"),
        ({"sources": [{"url": "ftp://x"}]}, "is not an http(s) URL"),
        ({"sources": [{"url": "https://example.org/a"}]}, "needs a title and a date"),
        ({"schema": "Person"}, "no private person"),
        ({"schema": "Vessel"}, "schema 'Vessel'"),
        ({"properties": {"alias": ["Agency"]}}, "needs a name"),
        ({"properties": {"name": ["AB"]}}, "too short"),
        ({"note": ""}, "needs a note"),
    ],
)
def test_loader_names_file_and_entry(
    tmp_path: Path, change: dict[str, object], message: str
) -> None:
    with pytest.raises(ConfigError) as error:
        entries_from(_folder(tmp_path, [GOOD | change]))
    assert "watchlist/bad.yaml: entry x-1" in str(error.value) and message in str(error.value)


def test_duplicate_ids_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="used twice"):
        entries_from(_folder(tmp_path, [GOOD, GOOD]))


def test_import_keeps_good_entities_and_names_bad_ones() -> None:
    lines = [
        {
            "id": "ok-1",
            "schema": "Company",
            "properties": {
                "name": ["Northern Star Visa"],
                "sourceUrl": ["https://example.org/n"],
                "country": ["Iraq"],
            },
        },
        {"id": "bad-1", "schema": "Company", "properties": {"name": ["No Source Ltd"]}},
        {
            "id": "bad-2",
            "schema": "Company",
            "properties": {
                "name": ["Odd"],
                "colour": ["red"],
                "sourceUrl": ["https://example.org/o"],
            },
        },
    ]
    text = "\n".join(json.dumps(line) for line in lines) + "\nnot json\n"
    good, bad = parse_import(text, "in.jsonl")
    assert [e.id for e in good] == ["ok-1"] and good[0].properties["country"] == ("iq",)
    assert len(bad) == 3
    assert "in.jsonl: line 2: entry bad-1: needs at least one source URL" in bad[0]
    assert "entry bad-2: Company has no property 'colour'" in bad[1]
    assert "line 4: not JSON" in bad[2]


def test_real_alabuga_advertorials_produce_the_indicator() -> None:
    if not REAL.exists():
        pytest.skip(f"real texts absent: {REAL} (see ../shared/data/real/README.md)")
    rows = [json.loads(line) for line in REAL.read_text("utf-8").splitlines() if line.strip()]
    adverts = [r for r in rows if r["kind"] == "offer_verbatim" and "alabuga" in r["text"].lower()]
    assert adverts, "the real set holds Alabuga advertorials"
    for row in adverts:
        hits = find_indicators(normalize(row["text"]), load_catalogue())
        assert "known_scheme_or_actor" in {h.id for h in hits}, row["id"]
