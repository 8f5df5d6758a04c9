import pytest

from recruitwatch.extract.handles import canonical_url, find_links
from recruitwatch.text.normalize import normalize


def links(text: str) -> list[tuple[str, str, str]]:
    found = find_links(normalize(text))
    for e in found:
        assert e.text == text[e.start : e.end]
    return [(e.type, e.value, e.text) for e in found]


@pytest.mark.parametrize(
    ("text", "kind", "value", "written"),
    [
        ("انضم t.me/Work_In_Russia", "handle", "telegram:work_in_russia", "t.me/Work_In_Russia"),
        (
            "https://telegram.me/JobsAbroad_IQ.",
            "handle",
            "telegram:jobsabroad_iq",
            "https://telegram.me/JobsAbroad_IQ",
        ),
        (
            "https://t.me/s/work_ru_iq/125",
            "handle",
            "telegram:work_ru_iq",
            "https://t.me/s/work_ru_iq/125",
        ),
        (
            "https://t.me/+AbCdEf123xyz",
            "link",
            "https://t.me/+AbCdEf123xyz",
            "https://t.me/+AbCdEf123xyz",
        ),
        (
            "T.me/joinchat/AAAAAEqwErTy",
            "link",
            "https://t.me/joinchat/AAAAAEqwErTy",
            "T.me/joinchat/AAAAAEqwErTy",
        ),
        ("واتساب wa.me/9647701234567", "handle", "whatsapp:+9647701234567", "wa.me/9647701234567"),
        (
            "https://api.whatsapp.com/send?phone=79123456789&text=hi",
            "handle",
            "whatsapp:+79123456789",
            "https://api.whatsapp.com/send?phone=79123456789&text=hi",
        ),
        (
            "group: https://chat.whatsapp.com/AbCdEfGh12Ij",
            "link",
            "https://chat.whatsapp.com/AbCdEfGh12Ij",
            "https://chat.whatsapp.com/AbCdEfGh12Ij",
        ),
        (
            "viber://chat?number=%2B9647701234567",
            "handle",
            "viber:+9647701234567",
            "viber://chat?number=%2B9647701234567",
        ),
        (
            "https://invite.viber.com/?g2=AQBcDeFgH",
            "link",
            "https://invite.viber.com/?g2=AQBcDeFgH",
            "https://invite.viber.com/?g2=AQBcDeFgH",
        ),
        (
            "instagram.com/Work.Abroad.IQ/",
            "handle",
            "instagram:work.abroad.iq",
            "instagram.com/Work.Abroad.IQ/",
        ),
        (
            "https://www.facebook.com/WorkAbroadIQ",
            "handle",
            "facebook:workabroadiq",
            "https://www.facebook.com/WorkAbroadIQ",
        ),
        (
            "m.facebook.com/jobs.russia.iq",
            "handle",
            "facebook:jobs.russia.iq",
            "m.facebook.com/jobs.russia.iq",
        ),
        (
            "fb.com/profile.php?id=100012345",
            "handle",
            "facebook:100012345",
            "fb.com/profile.php?id=100012345",
        ),
        (
            "https://www.facebook.com/groups/1234567",
            "link",
            "https://www.facebook.com/groups/1234567",
            "https://www.facebook.com/groups/1234567",
        ),
        (
            "https://www.TikTok.com/@Jobs_Ru",
            "handle",
            "tiktok:jobs_ru",
            "https://www.TikTok.com/@Jobs_Ru",
        ),
        ("пишите @Rabota_V_Rossii", "handle", "telegram:rabota_v_rossii", "@Rabota_V_Rossii"),
        ("تواصل معنا @work_ru_iq", "handle", "telegram:work_ru_iq", "@work_ru_iq"),
        (
            "mail Jobs.Abroad@Example.com!",
            "email",
            "jobs.abroad@example.com",
            "Jobs.Abroad@Example.com",
        ),
        (
            "см. HTTPS://Example.COM/Path/Offer).",
            "url",
            "https://example.com/Path/Offer",
            "HTTPS://Example.COM/Path/Offer",
        ),
        (
            "visit www.example.org/jobs!",
            "url",
            "https://www.example.org/jobs",
            "www.example.org/jobs",
        ),
    ],
)
def test_contact_is_found_with_its_canonical_value(
    text: str, kind: str, value: str, written: str
) -> None:
    assert links(text) == [(kind, value, written)]


def test_whatsapp_link_carries_its_phone() -> None:
    (entity,) = find_links(normalize("wa.me/9647701234567"))
    assert entity.attrs == {"platform": "whatsapp", "phone": "+9647701234567"}


def test_email_domain_is_not_a_telegram_handle() -> None:
    assert [k for k, _, _ in links("write to recruit@mailbox.com or @recruit_iq")] == [
        "email",
        "handle",
    ]


def test_at_sign_inside_a_url_is_not_a_separate_handle() -> None:
    assert links("https://www.tiktok.com/@jobs_ru") == [
        ("handle", "tiktok:jobs_ru", "https://www.tiktok.com/@jobs_ru")
    ]


@pytest.mark.parametrize(
    "text", ["a@b", "price 5 @ 10", "@ab is short", "e-mail me", "example.com", "3.5 m/s"]
)
def test_no_contact_in_plain_text(text: str) -> None:
    assert links(text) == []


def test_canonical_url_lowercases_scheme_and_host_only() -> None:
    assert canonical_url("HTTP://Example.ORG/A/B?x=Y") == "http://example.org/A/B?x=Y"
    assert canonical_url("www.Example.org/") == "https://www.example.org"
