"""Messenger handles and links, e-mails and other URLs, with canonical values.

Matching runs on the normalised (lower-cased) text; values that are case-sensitive (invite
codes, URL paths) are read from the original text through the span mapping.
Handle values are `<platform>:<handle>` ("telegram:work_in_russia", "whatsapp:+9647701234567"),
group invitations are `link`s whose value is the canonical URL with its invite code kept.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

from recruitwatch.extract.phones import to_e164
from recruitwatch.model import Entity, EntityType
from recruitwatch.text.normalize import Normalized

_PLATFORM_HOSTS = (
    r"t\.me|telegram\.me|telegram\.dog|wa\.me|chat\.whatsapp\.com|api\.whatsapp\.com"
    r"|invite\.viber\.com|(?:www\.)?instagram\.com|(?:www\.|m\.)?facebook\.com|fb\.com"
    r"|(?:www\.)?tiktok\.com|vk\.com"
)
# Cheap anchors first ("://", "www.", ".me/", ".com/"); the full pattern is then matched
# from the start of the word around each anchor, which is much faster than scanning.
_ANCHOR = re.compile(r"://|www\.|\.(?:me|com|dog)/")
_URL = re.compile(
    r"(?:https?://|www\.|viber://|(?:" + _PLATFORM_HOSTS + r")/)[a-z0-9\-._~:/?#@!$&*+,;=%]+"
)
_URL_WORD = frozenset("abcdefghijklmnopqrstuvwxyz0123456789.-_")
_DOMAIN = re.compile(r"@[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.[a-z]{2,}(?![a-z0-9\-])")
_LOCAL_PART = frozenset("abcdefghijklmnopqrstuvwxyz0123456789._%+-")
_HANDLE = re.compile(r"@([a-z][a-z0-9_]{3,31})(?![a-z0-9_@])")
_TRAILING = ".,;:!?'\"*"
_PROFILE_HOSTS = {
    "instagram.com": "instagram",
    "facebook.com": "facebook",
    "m.facebook.com": "facebook",
    "fb.com": "facebook",
    "vk.com": "vk",
}
# Paths on profile hosts that are not a profile name.
_NOT_PROFILES = {
    "groups",
    "share",
    "p",
    "reel",
    "events",
    "pages",
    "watch",
    "story.php",
    "sharer.php",
    "profile.php",
    "permalink.php",
    "explore",
    "stories",
    "login",
}

Found = tuple[EntityType, str, dict[str, str]]


def canonical_url(url: str) -> str:
    """Scheme and host lower-cased (https when none was written), path kept as written."""
    scheme, sep, rest = url.partition("://")
    if not sep:
        scheme, rest = "https", url
    host, slash, path = rest.partition("/")
    query_host, qmark, query = host.partition("?")
    if qmark:
        host, path, slash = query_host, "?" + query + slash + path, ""
    return f"{scheme.lower()}://{host.lower()}{slash}{path}".rstrip("/")


def classify_url(url: str, region: str = "IQ") -> Found:
    """(type, value, attrs) of a URL as written in the original text."""
    canon = canonical_url(url)
    scheme, _, rest = canon.partition("://")
    host, _, path = rest.partition("/")
    host = host.removeprefix("www.")
    parts = [p for p in path.split("?")[0].split("/") if p]
    if scheme == "viber":
        return _viber(canon, region)
    if host in ("t.me", "telegram.me", "telegram.dog") and parts:
        if parts[0].startswith("+") or parts[0] == "joinchat":
            return "link", f"https://t.me/{'/'.join(parts[:2])}", {"platform": "telegram"}
        name = parts[1] if parts[0] == "s" and len(parts) > 1 else parts[0]
        return "handle", f"telegram:{name.lower()}", {"platform": "telegram"}
    if host in ("wa.me", "api.whatsapp.com"):
        match = re.search(r"(?:^wa\.me/|phone=)\+?(\d{8,15})", f"{host}/{path}")
        phone = to_e164("+" + match.group(1)) if match else None
        if phone:
            return "handle", f"whatsapp:{phone}", {"platform": "whatsapp", "phone": phone}
    if host == "chat.whatsapp.com" and parts:
        return "link", f"https://chat.whatsapp.com/{parts[0]}", {"platform": "whatsapp"}
    if host == "invite.viber.com":
        return "link", canon, {"platform": "viber"}
    if host == "tiktok.com" and parts and parts[0].startswith("@") and len(parts[0]) > 1:
        return "handle", f"tiktok:{parts[0][1:].lower()}", {"platform": "tiktok"}
    if host in _PROFILE_HOSTS and parts:
        return _profile(canon, _PROFILE_HOSTS[host], parts)
    return "url", canon, {}


def _viber(canon: str, region: str) -> Found:
    match = re.search(r"number=([%+\w]+)", canon)
    raw = unquote(match.group(1)) if match else ""
    phone = to_e164(raw if raw.startswith(("+", "0")) else "+" + raw, region) if raw else None
    if phone:
        return "handle", f"viber:{phone}", {"platform": "viber", "phone": phone}
    return "link", canon, {"platform": "viber"}


def _profile(canon: str, platform: str, parts: list[str]) -> Found:
    if parts[0] == "profile.php":
        match = re.search(r"[?&]id=(\d+)", canon)
        if match:
            return "handle", f"{platform}:{match.group(1)}", {"platform": platform}
    if parts[0].lower() in _NOT_PROFILES:
        return "link", canon, {"platform": platform}
    return "handle", f"{platform}:{parts[0].lower()}", {"platform": platform}


def find_links(norm: Normalized, region: str = "IQ") -> list[Entity]:
    """URLs (messenger links and profiles among them), e-mails and bare @handles."""
    found = _urls(norm, region)
    if "@" in norm.text:
        taken = [(e.start, e.end) for e in found]
        found.extend(_emails_and_handles(norm, taken))
    return found


def _urls(norm: Normalized, region: str) -> list[Entity]:
    text = norm.text
    found: list[Entity] = []
    done = 0
    for anchor in _ANCHOR.finditer(text):
        if anchor.start() < done:
            continue
        start = anchor.start()
        while start > done and text[start - 1] in _URL_WORD:
            start -= 1
        m = _URL.match(text, start)
        if m is None:
            m = _URL.match(text, anchor.start())  # "www." after other letters
        if m is None:
            continue
        end = m.start() + len(_strip_trailing(m.group()))
        done = m.end()
        o_start, o_end = norm.original_span(m.start(), end)
        kind, value, attrs = classify_url(norm.original[o_start:o_end], region)
        found.append(_entity(norm, m.start(), end, kind, value, attrs))
    return found


def _emails_and_handles(norm: Normalized, taken: list[tuple[int, int]]) -> list[Entity]:
    """At each "@": an e-mail if a local part runs into it, else a Telegram handle."""
    text = norm.text
    found: list[Entity] = []
    at = text.find("@")
    while at >= 0:
        start = at
        while start > 0 and text[start - 1] in _LOCAL_PART:
            start -= 1
        span = _email_span(text, start, at) if start < at else _handle_span(text, at)
        if span and not _overlaps(span, taken):
            found.append(_contact(norm, *span, is_email=start < at))
        at = text.find("@", at + 1)
    return found


def _email_span(text: str, start: int, at: int) -> tuple[int, int] | None:
    domain = _DOMAIN.match(text, at)
    return (start, domain.end()) if domain else None


def _handle_span(text: str, at: int) -> tuple[int, int] | None:
    if at > 0 and text[at - 1] in "/@":
        return None
    handle = _HANDLE.match(text, at)
    return handle.span() if handle else None


def _contact(norm: Normalized, start: int, end: int, *, is_email: bool) -> Entity:
    if is_email:
        return _entity(norm, start, end, "email", norm.text[start:end], {})
    value = f"telegram:{norm.text[start + 1 : end]}"
    return _entity(norm, start, end, "handle", value, {"platform": "telegram"})


def _strip_trailing(url: str) -> str:
    """Drop the sentence punctuation after a URL."""
    return url.rstrip(_TRAILING)


def _entity(
    norm: Normalized, start: int, end: int, kind: EntityType, value: str, attrs: dict[str, str]
) -> Entity:
    o_start, o_end = norm.original_span(start, end)
    return Entity(kind, value, norm.original[o_start:o_end], o_start, o_end, dict(attrs))


def _overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(s < span[1] and span[0] < e for s, e in taken)
