"""Telegram Desktop exports (`result.json`): one chat or channel, or a full export."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from recruitwatch.ingest.records import ReadOptions, make_record, reject, too_big
from recruitwatch.model import Record, Reject


def looks_like_telegram(obj: Any) -> bool:
    return isinstance(obj, dict) and (
        isinstance(obj.get("messages"), list) or isinstance(obj.get("chats"), dict)
    )


def flatten_text(value: Any) -> str:
    """Telegram keeps formatted text as a list of strings and entity dicts."""
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return "".join(
            part if isinstance(part, str) else str(part.get("text", ""))
            for part in value
            if isinstance(part, str | dict)
        )
    return ""


def chats(export: dict[str, Any]) -> Iterator[dict[str, Any]]:
    if isinstance(export.get("messages"), list):
        yield export
        return
    for key in ("chats", "left_chats"):
        group = export.get(key)
        if isinstance(group, dict):
            yield from (c for c in group.get("list", []) if isinstance(c, dict))


def read_telegram(
    file: str, export: dict[str, Any], options: ReadOptions
) -> Iterator[Record | Reject]:
    name = Path(file).name
    for chat in chats(export):
        chat_name = str(chat.get("name") or chat.get("id") or "telegram")
        for message in chat.get("messages", []):
            if not isinstance(message, dict):
                yield reject(file, "message ?", "message is not an object", json.dumps(message))
                continue
            yield from _message(file, name, chat, chat_name, message, options)


def _message(
    file: str,
    name: str,
    chat: dict[str, Any],
    chat_name: str,
    message: dict[str, Any],
    options: ReadOptions,
) -> Iterator[Record | Reject]:
    mid = message.get("id")
    locator = f"message {mid}"
    if message.get("type", "message") != "message":
        return  # service messages (joins, pins) are not documents
    entities = message.get("text_entities")
    text = flatten_text(entities if isinstance(entities, list) else message.get("text"))
    if not text.strip():
        return  # a photo or sticker without a caption
    if (why := too_big(len(text.encode("utf-8")), options.max_record_bytes)) is not None:
        yield reject(file, locator, why, text[:200])
        return
    meta = {
        "chat": chat_name,
        "chat_id": chat.get("id"),
        "chat_type": chat.get("type"),
        "message_id": mid,
        "from": message.get("from"),
        "forwarded_from": message.get("forwarded_from"),
    }
    yield make_record(
        file,
        locator,
        f"{name}#M{mid}",
        text,
        id=f"{chat.get('id', chat_name)}:{mid}" if mid is not None else None,
        date=message.get("date"),
        source=chat_name,
        meta={k: v for k, v in meta.items() if v is not None},
    )
