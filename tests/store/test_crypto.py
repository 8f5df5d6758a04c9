"""Field encryption, blind indexes and the keyring."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from recruitwatch.store import crypto
from recruitwatch.store.crypto import KeyringError

RING = crypto.new_keyring(development=True)


@given(st.text(max_size=300), st.text(min_size=1, max_size=40))
def test_encrypt_round_trips_any_text(plain: str, context: str) -> None:
    token = crypto.encrypt(RING, plain, context)
    assert token is not None and token.startswith(f"rw1:{RING.active}:")
    assert crypto.decrypt(RING, token, context) == plain


def test_same_text_encrypts_differently_each_time() -> None:
    first = crypto.encrypt(RING, "Mohammed Kadhim", "c") or ""
    assert first != crypto.encrypt(RING, "Mohammed Kadhim", "c")
    assert "Mohammed" not in first and "TW9oYW1tZWQ" not in first  # nor its base64


def test_ciphertext_is_bound_to_its_field_and_record() -> None:
    token = crypto.encrypt(RING, "Ali Hussein", "cases.enc_names_latin:uid-1")
    with pytest.raises(KeyringError, match="cannot decrypt"):
        crypto.decrypt(RING, token, "cases.enc_names_latin:uid-2")


def test_tampered_ciphertext_is_refused() -> None:
    token = crypto.encrypt(RING, "Ali Hussein", "ctx") or ""
    body = token.rsplit(":", 1)
    flipped = body[1][:-4] + ("AAAA" if body[1][-4:] != "AAAA" else "BBBB")
    with pytest.raises(KeyringError):
        crypto.decrypt(RING, body[0] + ":" + flipped, "ctx")


def test_a_foreign_key_cannot_decrypt() -> None:
    other = crypto.new_keyring(development=True)
    token = crypto.encrypt(RING, "secret", "ctx")
    with pytest.raises(KeyringError):
        crypto.decrypt(other, token, "ctx")


def test_blind_index_is_deterministic_and_keyed() -> None:
    other = crypto.new_keyring(development=True)
    a = crypto.blind_index(RING, "phone", "+9647701234567")
    assert a == crypto.blind_index(RING, "phone", "+9647701234567")
    assert a != crypto.blind_index(RING, "phone", "+9647701234568")
    assert a != crypto.blind_index(RING, "name", "+9647701234567")
    assert a != crypto.blind_index(other, "phone", "+9647701234567")
    assert "9647701234567" not in a


def test_rotation_keeps_old_ciphertexts_readable_and_writes_new_ones() -> None:
    token = crypto.encrypt(RING, "old", "ctx")
    new = crypto.rotated(RING)
    assert new.active != RING.active and new.generations[RING.active].retired
    assert crypto.decrypt(new, token, "ctx") == "old"
    assert crypto.key_id_of(crypto.encrypt(new, "x", "ctx") or "") == new.active
    purged = crypto.purged(new)
    with pytest.raises(KeyringError):
        crypto.decrypt(purged, token, "ctx")


def test_keyring_file_round_trip_and_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "keys"
    crypto.save_keyring(RING, path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    loaded = crypto.keyring_from_json(path.read_text(), str(path))
    assert loaded.active == RING.active and loaded.current == RING.current
    assert "data" not in str(crypto.describe(loaded))


@pytest.mark.parametrize(
    "text",
    [
        "",
        "not json",
        "{}",
        '{"active": "k1", "generations": {}}',
        '{"active": "k1", "generations": {"k1": {"data": "short", "index": "", "audit": ""}}}',
    ],
)
def test_malformed_keyrings_are_refused_with_a_reason(text: str) -> None:
    with pytest.raises(KeyringError, match=r"keyring|key"):
        crypto.keyring_from_json(text, "test")


def test_production_refuses_development_keys_and_open_key_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "keys"
    monkeypatch.setenv(crypto.ENV_KEY_FILE, str(path))
    monkeypatch.delenv(crypto.ENV_KEYS, raising=False)
    monkeypatch.setenv(crypto.ENV_MODE, "development")
    assert crypto.load_keyring(create=True).development
    monkeypatch.setenv(crypto.ENV_MODE, "production")
    with pytest.raises(KeyringError, match="development keyring is refused"):
        crypto.load_keyring()
    crypto.save_keyring(crypto.new_keyring(development=False), path)
    assert not crypto.load_keyring().development
    os.chmod(path, 0o644)
    with pytest.raises(KeyringError, match="readable by others"):
        crypto.load_keyring()


def test_missing_keyring_is_explained(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(crypto.ENV_KEY_FILE, str(tmp_path / "none"))
    monkeypatch.delenv(crypto.ENV_KEYS, raising=False)
    with pytest.raises(KeyringError, match="keys init"):
        crypto.load_keyring()


def test_keys_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(crypto.ENV_KEYS, crypto.keyring_to_json(RING))
    assert crypto.load_keyring().current == RING.current
