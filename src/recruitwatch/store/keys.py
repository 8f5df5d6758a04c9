"""Key rotation: every encrypted field and attachment re-encrypted under the new active key,
every blind index recomputed with the new index key, in one transaction."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import select
from sqlalchemy.orm import Session

from recruitwatch.store import audit
from recruitwatch.store.cases import CASE_FIELDS, _context, _reindex, person_of
from recruitwatch.store.crypto import Keyring, decrypt, decrypt_bytes, encrypt, encrypt_bytes
from recruitwatch.store.models import Case, CaseAction, CaseAttachment, CaseEvent

# Encrypted columns of the tables below a case, with the table name bound into their context.
CHILD_FIELDS: dict[type, tuple[str, tuple[str, ...]]] = {
    CaseEvent: ("case_events", ("enc_note",)),
    CaseAction: ("case_actions", ("enc_charge", "enc_outcome", "enc_details")),
}


def _again(ring: Keyring, token: str | None, context: str) -> str | None:
    return encrypt(ring, decrypt(ring, token, context), context)


def reencrypt(session: Session, ring: Keyring, actor: str) -> Counter[str]:
    """Re-encrypt under `ring`'s active generation (older ones must still be in `ring`)."""
    done: Counter[str] = Counter()
    uids: dict[int, str] = {}
    for case in session.scalars(select(Case).execution_options(yield_per=500)):
        uids[case.id] = case.uid
        person = person_of(ring, case)
        for column in CASE_FIELDS:
            setattr(
                case,
                column,
                _again(ring, getattr(case, column), _context("cases", column, case.uid)),
            )
        _reindex(session, ring, case, person)
        done["cases"] += 1
    for model, (table, columns) in CHILD_FIELDS.items():
        rows: list[CaseEvent | CaseAction] = list(session.scalars(select(model)))
        for row in rows:
            for column in columns:
                context = _context(table, column, uids[row.case_id])
                setattr(row, column, _again(ring, getattr(row, column), context))
            done[table] += 1
    for file in session.scalars(select(CaseAttachment)):
        uid = uids[file.case_id]
        name_context, blob_context = (
            _context("attach", "name", uid),
            _context("attach", "blob", uid),
        )
        file.enc_filename = _again(ring, file.enc_filename, name_context) or ""
        file.blob = encrypt_bytes(ring, decrypt_bytes(ring, file.blob, blob_context), blob_context)
        done["case_attachments"] += 1
    session.flush()
    audit.record(
        session,
        ring,
        actor=actor,
        action="rotate_keys",
        record_type="keyring",
        record_id=ring.active,
        detail=dict(done),
    )
    return done
