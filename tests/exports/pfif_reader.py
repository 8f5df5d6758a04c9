"""An independent PFIF 1.4 reader for the tests, written from the format's field lists (not
from recruitwatch's writer): it parses, strips whitespace, and refuses what 1.4 forbids."""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

NS = "http://zesty.ca/pfif/1.4"
PERSON = (
    "person_record_id entry_date expiry_date author_name author_email author_phone "
    "source_name source_date source_url full_name given_name family_name alternate_names "
    "description sex date_of_birth age home_street home_neighborhood home_city home_state "
    "home_postal_code home_country photo_url profile_urls"
).split()
NOTE = (
    "note_record_id person_record_id linked_person_record_id entry_date author_name "
    "author_email author_phone source_date author_made_contact status email_of_found_person "
    "phone_of_found_person last_known_location text photo_url"
).split()
MANDATORY = {
    "person": ["person_record_id", "source_date", "full_name"],
    "note": ["note_record_id", "author_name", "source_date", "text"],
}
SEX = {"female", "male", "other"}
STATUS = {
    "information_sought",
    "is_note_author",
    "believed_alive",
    "believed_missing",
    "believed_dead",
}
UTC = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
RECORD_ID = re.compile(r"^[^/\s]+/\S+$")
BIRTH = re.compile(r"^\d{4}(-\d\d(-\d\d)?)?$")
AGE = re.compile(r"^\d+(-\d+)?$")


class PfifError(ValueError):
    pass


def _fields(node: Any, allowed: list[str], kind: str, strict: bool) -> dict[str, str]:
    found: dict[str, str] = {}
    for child in node:
        if not isinstance(child.tag, str):
            continue  # comments
        namespace, _, name = child.tag[1:].partition("}")
        if namespace != NS:
            raise PfifError(f"{kind}: element {child.tag} outside the PFIF 1.4 namespace")
        if name == "note" and kind == "person":
            continue
        if name not in allowed:
            raise PfifError(f"{kind}: unknown field {name}")
        if name in found:
            raise PfifError(f"{kind}: {name} given twice")
        found[name] = (child.text or "").strip()
    for name in MANDATORY[kind] if strict else ():
        if not found.get(name):
            raise PfifError(f"{kind}: missing mandatory {name}")
    for name in ("source_date", "entry_date", "expiry_date"):
        if found.get(name) and not UTC.match(found[name]):
            raise PfifError(f"{kind}: {name} {found[name]!r} is not UTC YYYY-MM-DDTHH:MM:SSZ")
    return found


def read_pfif(data: bytes, *, strict: bool = True) -> list[dict[str, Any]]:
    """Persons with their notes (a list under "notes"), as plain dicts of stripped text.
    `strict` also requires the mandatory fields (PFIF's own test files leave some out)."""
    root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    if root.tag != f"{{{NS}}}pfif":
        raise PfifError(f"root is {root.tag}, not pfif:pfif of PFIF 1.4")
    persons = []
    for node in root.findall(f"{{{NS}}}person"):
        person: dict[str, Any] = _fields(node, PERSON, "person", strict)
        if not RECORD_ID.match(person["person_record_id"]):
            raise PfifError(f"person_record_id {person['person_record_id']!r} is not domain/name")
        if person.get("sex") and person["sex"] not in SEX:
            raise PfifError(f"sex {person['sex']!r}")
        if person.get("date_of_birth") and not BIRTH.match(person["date_of_birth"]):
            raise PfifError(f"date_of_birth {person['date_of_birth']!r}")
        if person.get("age") and not AGE.match(person["age"]):
            raise PfifError(f"age {person['age']!r}")
        notes = []
        for child in node.findall(f"{{{NS}}}note"):
            note = _fields(child, NOTE, "note", strict)
            owner = note.get("person_record_id", person["person_record_id"])
            if owner != person["person_record_id"]:
                raise PfifError("a nested note names another person")
            if note.get("status") and note["status"] not in STATUS:
                raise PfifError(f"status {note['status']!r}")
            notes.append(note)
        person["notes"] = notes
        persons.append(person)
    return persons
