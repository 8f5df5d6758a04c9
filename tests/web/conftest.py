"""Fixtures for the web tests: the site of websupport.py on each database."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest
from websupport import Site, build_site

_counter = itertools.count()


@pytest.fixture
def site(store_url: str) -> Iterator[Site]:
    built = build_site(store_url)
    yield built
    built.engine.dispose()


@pytest.fixture
def sqlite_site(tmp_path: Path) -> Iterator[Site]:
    built = build_site(f"sqlite:///{tmp_path / f'site{next(_counter)}.db'}")
    yield built
    built.engine.dispose()
