"""The store: SQLAlchemy models, migrations and the functions that read and write them."""

from recruitwatch.store.db import database_url, make_engine, migrate
from recruitwatch.store.repository import BatchResult, FlaggedOffer, counts, save_batch, top_flagged

__all__ = [
    "BatchResult",
    "FlaggedOffer",
    "counts",
    "database_url",
    "make_engine",
    "migrate",
    "save_batch",
    "top_flagged",
]
