"""Full-text search over offers, the same query on SQLite (FTS5) and PostgreSQL (tsvector).

Both sides index the text folded by `text.normalize` (Arabic letter variants, diacritics,
digits, case), so a query typed with or without hamza or tashkeel finds the same offers.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Select, func, literal_column, select, text
from sqlalchemy.orm import Session

from recruitwatch.store.models import DocumentSearch
from recruitwatch.text.normalize import normalize_text
from recruitwatch.text.tokens import tokens

MAX_TERMS = 12


def search_body(raw: str) -> str:
    return " ".join(tokens(normalize_text(raw)))


def query_terms(query: str) -> list[str]:
    """The query's words, folded like the index; punctuation and operators are dropped, so a
    query can never be read as FTS syntax."""
    return tokens(normalize_text(query))[:MAX_TERMS]


def matching_documents(session: Session, query: str) -> Select[Any] | None:
    """A select of the ids of documents holding every word of the query (None: no words)."""
    terms = query_terms(query)
    if not terms:
        return None
    if session.get_bind().dialect.name == "sqlite":
        expression = " ".join('"' + t.replace('"', "") + '"' for t in terms)
        fts = text("SELECT rowid FROM document_fts WHERE document_fts MATCH :q").bindparams(
            q=expression
        )
        return select(literal_column("rowid")).select_from(fts.columns().subquery())
    # The configuration is written out, not bound as a parameter: only then does the
    # expression match the GIN index on to_tsvector('simple', body).
    simple: ColumnElement[Any] = literal_column("'simple'::regconfig")
    condition: ColumnElement[bool] = func.to_tsvector(simple, DocumentSearch.body).op("@@")(
        func.plainto_tsquery(simple, " ".join(terms))
    )
    return select(DocumentSearch.document_id).where(condition)
