"""Synthetic demo cases: invented people, no real person. Some are reported twice, in another
script or spelling, so that the duplicate finder has something to find."""

from __future__ import annotations

import random
from typing import Any

from recruitwatch.cases.model import CaseInput, read_case

SYNTHETIC = "SYNTHETIC demo case: invented person, not real."
# (Arabic, Latin) pairs; combinations of them are invented people.
GIVEN = [
    ("محمد", "Mohammed"),
    ("علي", "Ali"),
    ("حسين", "Hussein"),
    ("حيدر", "Haidar"),
    ("مصطفى", "Mustafa"),
    ("عباس", "Abbas"),
    ("كرار", "Karrar"),
    ("مرتضى", "Murtadha"),
    ("سجاد", "Sajjad"),
    ("أحمد", "Ahmed"),
    ("يوسف", "Yousef"),
    ("زيد", "Zaid"),
]
FATHER = [
    ("كاظم", "Kadhim"),
    ("جعفر", "Jafar"),
    ("عبد الله", "Abdullah"),
    ("حسن", "Hassan"),
    ("جاسم", "Jasim"),
    ("صالح", "Salih"),
    ("فاضل", "Fadhil"),
    ("ناصر", "Nasser"),
]
FAMILY = [
    ("الساعدي", "Al-Saadi"),
    ("الموسوي", "Al-Musawi"),
    ("الجبوري", "Al-Jubouri"),
    ("العبيدي", "Al-Obaidi"),
    ("الربيعي", "Al-Rubaie"),
    ("الشمري", "Al-Shammari"),
]
# A second spelling, as another reporter might write the same person's name.
RESPELL = {
    "Mohammed": "Muhammad",
    "Hussein": "Husayn",
    "Haidar": "Hayder",
    "Kadhim": "Kazim",
    "Jafar": "Jaafar",
    "Al-Saadi": "al-Sa'idi",
    "Mustafa": "Mostafa",
    "Ahmed": "Ahmad",
}
PROVINCES = ["IQ-BG", "IQ-BA", "IQ-NA", "IQ-KA", "IQ-DI", "IQ-QA", "IQ-BB", "IQ-MU"]
CHANNELS = ["Telegram", "Facebook", "WhatsApp", "TikTok"]
PROMISES = [
    "وعدوه بعمل حارس أمن في روسيا براتب 3000 دولار",
    "Promised a factory job in Russia and a residence permit",
    "وعدوه بالدراسة في جامعة روسية مع راتب شهري",
]


def _person(rng: random.Random) -> dict[str, Any]:
    given, father, family = rng.choice(GIVEN), rng.choice(FATHER), rng.choice(FAMILY)
    return {
        "names_original": [f"{given[0]} {father[0]} {family[0]}"],
        "names_latin": [f"{given[1]} {father[1]} {family[1]}"],
        "gender": "Masculine",
        "age": rng.randint(18, 34),
        "province": rng.choice(PROVINCES),
        "phones": [f"+9647700{rng.randint(0, 999999):06d}"],
    }


def _respelled(person: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """The same invented person as a second reporter would give him: Latin name respelled,
    Arabic name left out, age one year off, same phone half of the time."""
    latin = " ".join(RESPELL.get(w, w) for w in person["names_latin"][0].split())
    twin = {**person, "names_original": [], "names_latin": [latin], "age": person["age"] + 1}
    if rng.random() < 0.5:
        twin["phones"] = []
    return twin


def demo_cases(count: int = 40, seed: int = 7) -> list[CaseInput]:
    rng = random.Random(seed)
    found: list[dict[str, Any]] = []
    while len(found) < count:
        person = _person(rng)
        found.append(
            {
                **person,
                "reporter_type": rng.choice(["family", "ngo", "authority"]),
                "reporter_relation": "brother",
                "channels": [rng.choice(CHANNELS)],
                "promises": rng.choice(PROMISES),
                "departure_date": f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                "consent": True,
                "share_with": ["ministry", "icrc"] if rng.random() < 0.6 else ["ministry"],
                "notes": SYNTHETIC,
            }
        )
        if rng.random() < 0.2 and len(found) < count:
            found.append({**found[-1], **_respelled(person, rng), "reporter_type": "ngo"})
    return [read_case(raw) for raw in found]


# What became of the invented people: (fate, share of cases); the rest stay "reported".
# A death needs a second person's confirmation, so the demo records none.
FATES = (("missing", 0.35), ("in_contract", 0.2), ("detained", 0.08), ("returned", 0.1))


def demo_fates(count: int = 40, seed: int = 11) -> list[tuple[str, str] | None]:
    """A (fate, date) for each demo case, or None: aligned with `demo_cases(count)`."""
    rng = random.Random(seed)
    found: list[tuple[str, str] | None] = []
    for _ in range(count):
        roll, chosen = rng.random(), None
        for fate, share in FATES:
            if roll < share:
                chosen = (fate, f"2025-{rng.randint(3, 12):02d}-{rng.randint(1, 28):02d}")
                break
            roll -= share
        found.append(chosen)
    return found
