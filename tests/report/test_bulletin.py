"""The public bulletin: approved contacts only, placeholders never filled in by guesswork,
and an Arabic PDF that reads right to left with joined letters."""

from __future__ import annotations

from pdfcheck import first_page

from recruitwatch.report.bulletin import build_bulletin, public_contact
from recruitwatch.report.period import parse_period
from recruitwatch.report.render import bulletin_html, to_pdf
from recruitwatch.store.reporting import BulletinData

APPROVED = {"value": "approved", "by": "admin", "at": "2025-06-01T10:00:00", "note": None}
REJECTED = {**APPROVED, "value": "rejected"}


def data() -> BulletinData:
    return BulletinData(
        parse_period("2025-03-01..2025-05-31"),
        offers=57,
        lures=[
            ("salary_far_above_norm", 40, ["راتب 3000 دولار شهرياً"]),
            ("citizenship_promised", 22, []),
        ],
        places=[("RU:moscow", 12), ("RU:kazan", 7)],
        salaries_usd=[1800.0, 2000.0, 2500.0, 3000.0, 3200.0, 4000.0],
        contacts=[
            {
                "identifier": "phone:+79261112233",
                "offers": 9,
                "networks": ["N-1"],
                "decision": APPROVED,
            },
            {
                "identifier": "handle:telegram:jobs_abroad_x",
                "offers": 7,
                "networks": ["N-1"],
                "decision": REJECTED,
            },
            {
                "identifier": "handle:telegram:pending_one",
                "offers": 5,
                "networks": ["N-2"],
                "decision": None,
            },
        ],
    )


def test_only_approved_contacts_are_named() -> None:
    page = bulletin_html(build_bulletin(data(), "en"))
    assert public_contact("phone:+79261112233") in page
    assert "jobs_abroad_x" not in page and "pending_one" not in page
    assert "[Hotline number and hours]" in page  # a placeholder, never an invented number
    assert "57 flagged offers" in page and "Moscow" in page


def test_no_contact_approved_says_so() -> None:
    quiet = data()
    quiet.contacts = [{**c, "decision": None} for c in quiet.contacts]
    page = bulletin_html(build_bulletin(quiet, "en"))
    assert 'id="contacts-none"' in page and "+7 926" not in page


def test_public_contact_forms() -> None:
    assert public_contact("phone:+79261112233") == "+7 926 111-22-33"
    assert public_contact("handle:telegram:jobs") == "Telegram @jobs"
    assert public_contact("domain:example.invalid") == "example.invalid"


def test_arabic_bulletin_pdf_reads_right_to_left_with_joined_letters() -> None:
    bulletin = build_bulletin(data(), "ar")
    page = bulletin_html(bulletin)
    assert 'dir="rtl"' in page and "موسكو" in page
    rendered = first_page(to_pdf(page))
    assert rendered.ink() > 0.02
    top = min(w.y0 for w in rendered.words)
    title = [w for w in rendered.words if w.y0 <= top + 5]
    assert max(w.x1 for w in title) > rendered.width * 0.85  # starts on the right
    word = next(w for w in rendered.words if w.text in ("تحذير:", ":ريذحت", "ريذحت"))
    assert rendered.gaps(word) <= 2  # ت ح ذ ي ر joined: breaks only after ذ
