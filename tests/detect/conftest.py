"""A lure model trained once per test process on the demo corpus, for the detect tests."""

from __future__ import annotations

import pytest

from recruitwatch.detect.classifier import LureModel
from recruitwatch.ingest.labelled import Example, read_labelled
from recruitwatch.training import Labelled, prepare, train


@pytest.fixture(scope="session")
def demo_labelled() -> Labelled:
    return prepare([e for e in read_labelled("demo") if isinstance(e, Example)])


@pytest.fixture(scope="session")
def demo_model(demo_labelled: Labelled) -> LureModel:
    return train(demo_labelled)
