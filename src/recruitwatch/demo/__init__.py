"""A seeded generator of synthetic documents with planted recruiter networks.

Everything it writes is invented: phone numbers are valid in form but made up, handles and
employers are made up, and the texts are written for testing a detector. The same generator
makes the demo corpus shipped in the package (`write_demo`) and the large corpora of the
benchmarks (`generate_corpus(1_000_000)`), so both have the same shape.
"""

from __future__ import annotations

import csv
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from recruitwatch.demo.templates import (
    CHATTER,
    CITIES,
    CONTACT_ONLY,
    EMPLOYER_KINDS,
    EMPLOYER_WORDS,
    IQ_CITIES,
    IQ_CITIES_EN,
    JOBS,
    LEGIT,
    LURES,
    NEWS,
    PROVINCES_AR,
    RU_CITIES,
    WARNINGS,
)

LABEL_SHARES = (
    ("deceptive", 0.45),
    ("legitimate", 0.20),
    ("news", 0.12),
    ("warning", 0.10),
    ("other", 0.13),
)
KIND_OF = {
    "deceptive": "offer",
    "legitimate": "offer",
    "news": "news",
    "warning": "warning",
    "other": "other",
}
HOTLINE = "+964 780 000 1122"  # the planted hub: a (synthetic) ministry hotline
ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


@dataclass(frozen=True, slots=True)
class DemoDoc:
    id: str
    text: str
    title: str | None
    url: str | None
    date: str
    source: str
    lang: str
    label: str
    kind: str
    network: str | None
    template: str | None


@dataclass(frozen=True)
class Network:
    id: str
    templates: tuple[str, ...]
    phones: tuple[str, ...]
    handles: tuple[str, ...]
    sources: tuple[str, ...]


def _iq_phone(rng: random.Random) -> str:
    prefix = f"07{rng.choice('5789')}{rng.randint(0, 9)}"
    return f"{prefix} {rng.randint(100, 999)} {rng.randint(1000, 9999)}"


def _ru_phone(rng: random.Random) -> str:
    return (
        f"+7 9{rng.randint(10, 99)} {rng.randint(100, 999)} {rng.randint(10, 99)} "
        f"{rng.randint(10, 99)}"
    )


def plant_networks(seed: int) -> tuple[Network, ...]:
    """The planted networks: each a few templates sharing a pool of contacts."""
    rng = random.Random(seed * 7919)
    plan = (
        ("N1", ("ar-guard", "ar-contract"), "iq"),
        ("N2", ("ar-iq-dialect",), "iq"),
        ("N3", ("en-warehouse", "en-europe"), "mixed"),
        ("N4", ("en-drone", "ar-study"), "ru"),
        ("N5", ("ru-guard", "ru-svo"), "ru"),
        ("N6", ("ru-foreign",), "ru"),
    )
    networks = []
    for number, (nid, templates, kind) in enumerate(plan, start=1):
        makers = {"iq": [_iq_phone] * 3, "ru": [_ru_phone] * 2, "mixed": [_iq_phone, _ru_phone]}
        phones = tuple(make(rng) for make in makers[kind])
        handles = tuple(
            f"@{w}_{number}{i}"
            for i, w in enumerate(
                rng.sample(
                    [
                        "work_abroad",
                        "jobs_russia",
                        "safar_job",
                        "rabota_tut",
                        "visa_fast",
                        "shughl_zain",
                    ],
                    2,
                )
            )
        )
        sources = (f"synthetic-tg-{nid.lower()}-a", f"synthetic-fb-{nid.lower()}-b")
        networks.append(Network(nid, templates, phones, handles, sources))
    return tuple(networks)


def _salary(rng: random.Random, lang: str) -> str:
    usd = rng.choice([2000, 2200, 2500, 2800, 3000, 3500, 4000])
    if lang == "ru":
        return rng.choice(
            [
                f"{rng.choice([190, 210, 250, 300])} тысяч рублей",
                f"{rng.choice([190, 210, 250])} 000 ₽",
                f"${usd:,}",
            ]
        )
    if lang == "ar":
        written = rng.choice([f"{usd} دولار", f"${usd:,}", f"{usd}$"])
        return written.translate(ARABIC_DIGITS) if rng.random() < 0.4 else written
    return rng.choice([f"${usd:,}", f"{usd} USD", f"USD {usd}"])


def _slots(rng: random.Random, lang: str, net: Network) -> dict[str, str]:
    lo, hi = rng.choice([(18, 35), (18, 40), (20, 35), (18, 45)])
    return {
        "phone": rng.choice(net.phones),
        "handle": rng.choice(net.handles),
        "salary": _salary(rng, lang),
        "city": rng.choice(CITIES[lang]),
        "job": rng.choice(JOBS[lang]),
        "province": rng.choice(PROVINCES_AR),
        "age": f"{lo}-{hi}" if lang != "ar" else rng.choice([f"{lo}-{hi}", f"{lo} الى {hi}"]),
        "days": str(rng.choice([3, 5, 7, 10])),
        "bonus": rng.choice(["$5,000", "5000 دولار", "400 тысяч рублей", "$4,000"]),
    }


EXTRA = {
    "ar": ["📌 العدد محدود", "شاركوا المنشور مع اصدقائكم", "✅ فرصة حقيقية"],
    "en": ["📌 Share with your friends", "✅ 100% real offer", "Few places left"],
    "ru": ["📌 Поделитесь с друзьями", "✅ Реальное предложение", "Осталось мало мест"],
}


def _vary(rng: random.Random, text: str, lang: str) -> str:
    """A line dropped or added, as reposters do; the contact line always stays."""
    lines = text.split("\n")
    if len(lines) > 3 and rng.random() < 0.3:
        del lines[rng.randrange(1, len(lines) - 1)]
    if rng.random() < 0.3:
        lines.insert(rng.randrange(1, len(lines)), rng.choice(EXTRA[lang]))
    return "\n".join(lines)


def _employer(rng: random.Random, i: int) -> dict[str, str]:
    name = f"{rng.choice(EMPLOYER_WORDS)} {rng.choice(EMPLOYER_KINDS)} {i}"
    slug = name.lower().replace(" ", "-")
    return {
        "employer": name,
        "email": f"hr@{slug}.example",
        "site": f"https://{slug}.example/jobs",
        "office_phone": f"+964 1 {rng.randint(500, 799)} {rng.randint(1000, 9999)}",
        "legit_salary": f"{rng.choice([600, 750, 900, 1200])},000",
    }


def _fill(template: str, values: dict[str, str]) -> str:
    for key, value in values.items():
        template = template.replace("{" + key + "}", value)
    return template


def _pick(rng: random.Random, shares: tuple[tuple[str, float], ...]) -> str:
    roll, total = rng.random(), 0.0
    for name, share in shares:
        total += share
        if roll < total:
            return name
    return shares[-1][0]


def _common(rng: random.Random) -> dict[str, str]:
    return {
        "iq_city": rng.choice(IQ_CITIES),
        "ru_city": rng.choice(RU_CITIES),
        "province": rng.choice(PROVINCES_AR),
        "hotline": HOTLINE,
        "date": (date(2024, 1, 1) + timedelta(days=rng.randrange(900))).isoformat(),
    }


def _deceptive(
    rng: random.Random, networks: tuple[Network, ...]
) -> tuple[str, str, str, str | None, str]:
    net = rng.choice(networks)
    if rng.random() < 0.12:  # tied to the network only through a shared contact
        lang = LURES[net.templates[0]][0]
        text = _fill(CONTACT_ONLY[lang][1], _slots(rng, lang, net))
        return text, lang, net.id, None, rng.choice(net.sources)
    template = rng.choice(net.templates)
    lang, body = LURES[template]
    text = _vary(rng, _fill(body, _slots(rng, lang, net)), lang)
    if lang == "ar" and rng.random() < 0.06:  # quotes the ministry hotline to look official
        text += f"\nللتأكد اتصل بالخط الساخن {HOTLINE}"
    return text, lang, net.id, template, rng.choice(net.sources)


def generate_corpus(n: int, *, seed: int = 7) -> Iterator[DemoDoc]:
    """`n` synthetic documents, the same for the same seed."""
    rng = random.Random(seed)
    networks = plant_networks(seed)
    for i in range(n):
        label = _pick(rng, LABEL_SHARES)
        values = _common(rng)
        network = template = None
        if label == "deceptive":
            text, lang, network, template, source = _deceptive(rng, networks)
        elif label == "legitimate":
            key = rng.choice(sorted(LEGIT))
            lang, body = LEGIT[key]
            values |= _employer(rng, i)
            if lang == "en":
                values["iq_city"] = rng.choice(IQ_CITIES_EN)
            text, source = _fill(body, values), "synthetic-jobs-board"
        else:
            pool = {"news": NEWS, "warning": WARNINGS, "other": CHATTER}[label]
            lang, body = rng.choice(pool)
            if lang == "en":
                values["iq_city"] = rng.choice(IQ_CITIES_EN)
            text, source = _fill(body, values), f"synthetic-{label}-feed"
        yield DemoDoc(
            f"demo-{i:05d}",
            text,
            None,
            None,
            values["date"],
            source,
            lang,
            label,
            KIND_OF[label],
            network,
            template,
        )


def write_demo(folder: Path, n: int = 360, seed: int = 7) -> None:
    """Write corpus.jsonl and labels.csv for the demo corpus."""
    folder.mkdir(parents=True, exist_ok=True)
    docs = list(generate_corpus(n, seed=seed))
    with (folder / "corpus.jsonl").open("w", encoding="utf-8") as out:
        for d in docs:
            row = {"id": d.id, "text": d.text, "date": d.date, "source": d.source, "lang": d.lang}
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    with (folder / "labels.csv").open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["id", "label", "kind", "lang", "network", "template"])
        for d in docs:
            writer.writerow([d.id, d.label, d.kind, d.lang, d.network or "", d.template or ""])
