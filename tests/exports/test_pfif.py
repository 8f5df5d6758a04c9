"""PFIF 1.4: what recruitwatch writes reads back, field for field, through an independent
reader that also reads the format's own sample record."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pfif_reader import NOTE, PERSON, PfifError, read_pfif

from recruitwatch.exports.pfif import NOTE_FIELDS, PERSON_FIELDS, Note, Person, pfif_document

STANDARDS = Path(__file__).parents[2] / ".." / "shared" / "standards" / "pfif"


def person(n: int = 1, name: str = "حيدر كاظم", **extra: object) -> Person:
    record = f"registry.example.invalid/person.{n}"
    note = Note(
        note_record_id=f"registry.example.invalid/note.{n}.1",
        person_record_id=record,
        author_name="recruitwatch registry",
        source_date="2025-03-01T00:00:00Z",
        text="Missing (2025-03-01)",
        status="believed_missing",
        entry_date="2025-11-29T10:00:00Z",
    )
    values: dict[str, object] = {
        "person_record_id": record,
        "source_date": "2025-03-02T08:00:00Z",
        "full_name": name,
        "entry_date": "2025-11-29T10:00:00Z",
        "author_name": "recruitwatch registry",
        "alternate_names": ("Haidar Kadhim", "Hayder Kazim"),
        "sex": "male",
        "date_of_birth": "2001-04",
        "age": "24",
        "home_state": "Basra",
        "home_country": "IQ",
        "notes": (note,),
        **extra,
    }
    return Person(**values)  # type: ignore[arg-type]


def test_round_trip_keeps_every_field() -> None:
    written = [person(1), person(2, "Sajjad Ali", sex="other", date_of_birth="2003")]
    read = read_pfif(pfif_document(written))
    assert [p["person_record_id"] for p in read] == [p.person_record_id for p in written]
    first = read[0]
    assert first["full_name"] == "حيدر كاظم"
    assert first["alternate_names"].splitlines() == ["Haidar Kadhim", "Hayder Kazim"]
    assert (first["sex"], first["date_of_birth"], first["age"]) == ("male", "2001-04", "24")
    assert first["notes"][0]["status"] == "believed_missing"
    assert first["notes"][0]["person_record_id"] == first["person_record_id"]
    assert read[1]["sex"] == "other" and read[1]["date_of_birth"] == "2003"


@settings(max_examples=60, deadline=None)
@given(
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=60
    ).filter(lambda s: s.strip() == s and s),
)
def test_any_name_round_trips(name: str) -> None:
    read = read_pfif(pfif_document([person(7, name)]))
    assert read[0]["full_name"] == name


def test_hostile_text_stays_text() -> None:
    hostile = "<pfif:person>&x; </pfif:pfif> \"' ]]>"
    read = read_pfif(pfif_document([person(3, hostile)]))
    assert read[0]["full_name"] == hostile and len(read) == 1


def test_the_reader_refuses_broken_records() -> None:
    broken = pfif_document([person(4)]).replace(b"<pfif:full_name>", b"<pfif:nickname>")
    broken = broken.replace(b"</pfif:full_name>", b"</pfif:nickname>")
    with pytest.raises(PfifError, match="unknown field nickname"):
        read_pfif(broken)
    without = Person(person_record_id="x.invalid/person.1", source_date="2025", full_name="A")
    with pytest.raises(PfifError, match="source_date"):
        read_pfif(pfif_document([without]))


def test_writer_and_reader_agree_with_the_format_field_lists() -> None:
    assert list(PERSON_FIELDS) == PERSON and list(NOTE_FIELDS) == NOTE
    derived = STANDARDS / "pfif_fields_1.1-1.4.DERIVED.json"
    if not derived.exists():
        pytest.skip(f"{derived} is absent (the standards live outside the repository)")
    fields = json.loads(derived.read_text(encoding="utf-8"))["1.4"]["fields"]
    assert fields["person"] == PERSON and fields["note"] == NOTE


def test_the_reader_reads_the_formats_own_sample() -> None:
    sample = STANDARDS / "personfinder_test.pfif-1.4.xml"
    if not sample.exists():
        pytest.skip(f"{sample} is absent (the standards live outside the repository)")
    persons = read_pfif(sample.read_bytes(), strict=False)
    assert persons[0]["person_record_id"] == "test.google.com/person.21009"
    assert persons[0]["home_city"] == "_test_home_city"  # whitespace stripped
    assert len(persons[0]["notes"]) == 4
