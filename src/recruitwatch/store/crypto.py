"""Field encryption (AES-GCM) and keyed blind indexes, with keys kept outside the database.

A keyring holds generations of keys. Each generation has a data key (AES-256-GCM), an index
key (HMAC-SHA256 for blind indexes) and an audit key (HMAC for the audit chain). New data is
written under the active generation; older generations stay so that old ciphertexts, old
backups and old audit entries can still be read until they are purged.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import stat
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from recruitwatch.errors import RecruitwatchError

ENV_KEYS = "RECRUITWATCH_KEYS"
ENV_KEY_FILE = "RECRUITWATCH_KEY_FILE"
ENV_MODE = "RECRUITWATCH_ENV"
DEFAULT_KEY_FILE = "./recruitwatch.keys"
PREFIX = "rw1"


class KeyringError(RecruitwatchError):
    """A key is missing, malformed or not allowed here."""


@dataclass(frozen=True)
class Generation:
    data: bytes
    index: bytes
    audit: bytes
    retired: bool = False


@dataclass(frozen=True)
class Keyring:
    active: str
    generations: Mapping[str, Generation]
    development: bool = False
    source: str = field(default="", compare=False)

    @property
    def current(self) -> Generation:
        return self.generations[self.active]

    def generation(self, key_id: str) -> Generation:
        try:
            return self.generations[key_id]
        except KeyError:
            raise KeyringError(f"key generation {key_id!r} is not in the keyring") from None


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str, what: str) -> bytes:
    try:
        raw = base64.b64decode(text, validate=True)
    except (ValueError, TypeError):
        raise KeyringError(f"{what} is not valid base64") from None
    if len(raw) != 32:
        raise KeyringError(f"{what} must be 32 bytes, found {len(raw)}")
    return raw


def new_generation() -> Generation:
    return Generation(secrets.token_bytes(32), secrets.token_bytes(32), secrets.token_bytes(32))


def new_keyring(*, development: bool) -> Keyring:
    key_id = "k" + secrets.token_hex(4)
    return Keyring(key_id, {key_id: new_generation()}, development=development)


def keyring_to_json(ring: Keyring) -> str:
    generations = {
        key_id: {
            "data": _b64(g.data),
            "index": _b64(g.index),
            "audit": _b64(g.audit),
            "retired": g.retired,
        }
        for key_id, g in ring.generations.items()
    }
    body = {"active": ring.active, "development": ring.development, "generations": generations}
    return json.dumps(body, indent=2) + "\n"


def keyring_from_json(text: str, source: str) -> Keyring:
    try:
        body = json.loads(text)
        active = str(body["active"])
        raw = body["generations"]
        generations = {
            str(key_id): Generation(
                _unb64(g["data"], f"{source}: data key {key_id}"),
                _unb64(g["index"], f"{source}: index key {key_id}"),
                _unb64(g["audit"], f"{source}: audit key {key_id}"),
                bool(g.get("retired", False)),
            )
            for key_id, g in raw.items()
        }
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise KeyringError(f"{source}: not a recruitwatch keyring ({exc})") from None
    if active not in generations:
        raise KeyringError(f"{source}: active key {active!r} is missing")
    return Keyring(active, generations, bool(body.get("development", False)), source)


def production() -> bool:
    return os.environ.get(ENV_MODE, "development").lower() not in {"development", "dev", "test"}


def key_file_path() -> Path:
    return Path(os.environ.get(ENV_KEY_FILE) or DEFAULT_KEY_FILE)


def load_keyring(*, create: bool = False) -> Keyring:
    """The keyring from RECRUITWATCH_KEYS, else the key file; refuses demo keys in production."""
    if text := os.environ.get(ENV_KEYS):
        ring = keyring_from_json(text, ENV_KEYS)
    else:
        path = key_file_path()
        if not path.exists():
            if not create:
                raise KeyringError(
                    f"no keyring: set {ENV_KEYS} or {ENV_KEY_FILE}, "
                    f"or create one with `recruitwatch keys init` ({path} does not exist)"
                )
            ring = new_keyring(development=not production())
            save_keyring(ring, path)
        ring = keyring_from_json(path.read_text(encoding="utf-8"), str(path))
        if production() and path.stat().st_mode & (stat.S_IRWXG | stat.S_IRWXO):
            raise KeyringError(f"{path}: key file is readable by others; chmod 600 it")
    if production() and ring.development:
        raise KeyringError(f"{ring.source}: a development keyring is refused outside development")
    return ring


def save_keyring(ring: Keyring, path: Path) -> None:
    """Write the keyring atomically, readable by its owner only."""
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(keyring_to_json(ring))
    os.replace(tmp, path)


def rotated(ring: Keyring) -> Keyring:
    """A keyring with a fresh active generation; the old ones stay, retired."""
    key_id = "k" + secrets.token_hex(4)
    generations = {
        k: Generation(g.data, g.index, g.audit, True) for k, g in ring.generations.items()
    }
    generations[key_id] = new_generation()
    return Keyring(key_id, generations, ring.development, ring.source)


def purged(ring: Keyring) -> Keyring:
    """Drop retired data and index keys; audit keys stay so the chain can still be verified."""
    blank = bytes(32)
    generations = {
        k: g if not g.retired else Generation(blank, blank, g.audit, True)
        for k, g in ring.generations.items()
    }
    return Keyring(ring.active, generations, ring.development, ring.source)


def encrypt(ring: Keyring, plaintext: str | None, context: str) -> str | None:
    """AES-GCM under the active key; `context` (field and record) is bound as associated data."""
    if plaintext is None:
        return None
    nonce = secrets.token_bytes(12)
    sealed = AESGCM(ring.current.data).encrypt(nonce, plaintext.encode("utf-8"), context.encode())
    return f"{PREFIX}:{ring.active}:{_b64(nonce + sealed)}"


def decrypt(ring: Keyring, token: str | None, context: str) -> str | None:
    if token is None:
        return None
    try:
        prefix, key_id, body = token.split(":", 2)
        raw = base64.b64decode(body, validate=True)
    except ValueError:
        raise KeyringError(f"{context}: not an encrypted field") from None
    if prefix != PREFIX or len(raw) < 28:
        raise KeyringError(f"{context}: not an encrypted field")
    key = ring.generation(key_id).data
    try:
        return AESGCM(key).decrypt(raw[:12], raw[12:], context.encode()).decode("utf-8")
    except InvalidTag:
        raise KeyringError(f"{context}: cannot decrypt (wrong key or tampered field)") from None


def encrypt_bytes(ring: Keyring, data: bytes, context: str) -> bytes:
    nonce = secrets.token_bytes(12)
    sealed = AESGCM(ring.current.data).encrypt(nonce, data, context.encode())
    return ring.active.encode("ascii") + b":" + nonce + sealed


def decrypt_bytes(ring: Keyring, blob: bytes, context: str) -> bytes:
    key_id, _, rest = blob.partition(b":")
    key = ring.generation(key_id.decode("ascii", "replace")).data
    try:
        return AESGCM(key).decrypt(rest[:12], rest[12:], context.encode())
    except InvalidTag:
        raise KeyringError(f"{context}: cannot decrypt (wrong key or tampered data)") from None


def key_id_of(token: str) -> str:
    return token.split(":", 2)[1]


def blind_index(ring: Keyring, kind: str, value: str) -> str:
    """A keyed digest for exact search: equal values give equal digests, nothing more."""
    mac = hmac.new(ring.current.index, f"{kind}\x1f{value}".encode(), hashlib.sha256)
    return mac.hexdigest()[:32]


def audit_mac(ring: Keyring, key_id: str, payload: bytes) -> str:
    return hmac.new(ring.generation(key_id).audit, payload, hashlib.sha256).hexdigest()


def describe(ring: Keyring) -> dict[str, Any]:
    """What the keyring holds, without any key material."""
    return {
        "active": ring.active,
        "development": ring.development,
        "generations": [
            {"id": k, "retired": g.retired, "active": k == ring.active}
            for k, g in ring.generations.items()
        ],
    }
