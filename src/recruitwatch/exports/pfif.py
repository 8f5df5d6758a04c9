"""Missing persons as PFIF 1.4 XML (People Finder Interchange Format), for partner tracing
services. Elements follow the 1.4 field order; notes are nested in their person."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from lxml import etree

NS = "http://zesty.ca/pfif/1.4"
PERSON_FIELDS = (
    "person_record_id",
    "entry_date",
    "expiry_date",
    "author_name",
    "author_email",
    "author_phone",
    "source_name",
    "source_date",
    "source_url",
    "full_name",
    "given_name",
    "family_name",
    "alternate_names",
    "description",
    "sex",
    "date_of_birth",
    "age",
    "home_street",
    "home_neighborhood",
    "home_city",
    "home_state",
    "home_postal_code",
    "home_country",
    "photo_url",
    "profile_urls",
)
NOTE_FIELDS = (
    "note_record_id",
    "person_record_id",
    "linked_person_record_id",
    "entry_date",
    "author_name",
    "author_email",
    "author_phone",
    "source_date",
    "author_made_contact",
    "status",
    "email_of_found_person",
    "phone_of_found_person",
    "last_known_location",
    "text",
    "photo_url",
)
SEX = {"Masculine": "male", "Feminine": "female"}
# The person's fate as a PFIF note status.
STATUS = {
    "missing": "believed_missing",
    "located": "believed_alive",
    "returned": "believed_alive",
    "in_contract": "believed_alive",
    "detained": "believed_alive",
    "injured": "believed_alive",
    "killed": "believed_dead",
}


@dataclass(frozen=True)
class Note:
    note_record_id: str
    person_record_id: str
    author_name: str
    source_date: str
    text: str
    status: str | None = None
    entry_date: str | None = None


@dataclass(frozen=True)
class Person:
    person_record_id: str
    source_date: str
    full_name: str
    entry_date: str | None = None
    author_name: str | None = None
    source_name: str | None = None
    alternate_names: tuple[str, ...] = ()
    description: str | None = None
    sex: str | None = None
    date_of_birth: str | None = None
    age: str | None = None
    home_city: str | None = None
    home_state: str | None = None
    home_country: str | None = None
    notes: tuple[Note, ...] = field(default_factory=tuple)


def _value(item: object, name: str) -> str | None:
    value = getattr(item, name, None)
    if isinstance(value, tuple):
        return "\n".join(value) or None  # PFIF lists are one per line
    return value if isinstance(value, str) and value else None


def _append(parent: etree._Element, item: object, names: Sequence[str]) -> None:
    for name in names:
        value = _value(item, name)
        if value is not None:
            etree.SubElement(parent, f"{{{NS}}}{name}").text = value


def pfif_document(persons: Sequence[Person]) -> bytes:
    """A PFIF 1.4 document: one <pfif:person> per person with its notes inside."""
    root = etree.Element(f"{{{NS}}}pfif", nsmap={"pfif": NS})
    for person in persons:
        node = etree.SubElement(root, f"{{{NS}}}person")
        _append(node, person, PERSON_FIELDS)
        for note in person.notes:
            _append(etree.SubElement(node, f"{{{NS}}}note"), note, NOTE_FIELDS)
    document: bytes = etree.tostring(
        root, xml_declaration=True, encoding="UTF-8", pretty_print=True
    )
    return document
