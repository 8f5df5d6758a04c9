"""Template text: an ad with its variable slots (contacts, amounts, places, numbers) masked,
so reposts of one template look alike whatever phone, salary or city they carry."""

from __future__ import annotations

import re

from recruitwatch.model import Entity
from recruitwatch.text import normalize_text, shingles, tokens

SLOT_TYPES = {"phone", "handle", "link", "email", "url", "money", "age", "place"}
_DIGITS = re.compile(r"\d+")


def template_text(text: str, entities: tuple[Entity, ...]) -> str:
    """The text with every slot replaced by its type in angle brackets."""
    parts, pos = [], 0
    for entity in sorted(entities, key=lambda e: e.start):
        if entity.type in SLOT_TYPES and entity.start >= pos:
            parts += [text[pos : entity.start], f" {entity.type}slot "]
            pos = entity.end
    parts.append(text[pos:])
    return _DIGITS.sub("0", normalize_text("".join(parts)))


def template_shingles(text: str, entities: tuple[Entity, ...], k: int = 3) -> set[int]:
    return shingles(tokens(template_text(text, entities)), k)
