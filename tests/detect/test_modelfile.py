"""Model files: a round trip, refusal when the features changed, no pickle, bad files."""

from __future__ import annotations

import dataclasses
import io
import json
import zipfile
from pathlib import Path

import numpy as np
import pytest

from recruitwatch.detect.classifier import LureModel
from recruitwatch.detect.features import current_features
from recruitwatch.detect.modelfile import (
    FORMAT,
    load_model,
    packaged_model,
    packaged_model_path,
    save_model,
)
from recruitwatch.errors import ModelError
from recruitwatch.modelcard import known_datasets
from recruitwatch.training import Labelled, score_examples


def test_round_trip_keeps_every_part(
    demo_model: LureModel, demo_labelled: Labelled, tmp_path: Path
) -> None:
    path = tmp_path / "m.npz"
    save_model(demo_model, path)
    loaded = load_model(path)
    assert np.array_equal(loaded.weights, demo_model.weights)
    assert loaded.combiner == demo_model.combiner
    assert loaded.threshold == demo_model.threshold
    assert loaded.info == json.loads(json.dumps(demo_model.info))
    before = [v.score for v in score_examples(demo_model, demo_labelled)]
    after = [v.score for v in score_examples(loaded, demo_labelled)]
    assert before == after


def test_a_changed_catalogue_is_refused_with_what_changed(
    demo_model: LureModel, tmp_path: Path
) -> None:
    path = tmp_path / "m.npz"
    save_model(demo_model, path)
    features = current_features()
    grown = dataclasses.replace(
        features, indicators=(*features.indicators, "new_lure"), catalogue="0" * 16
    )
    with pytest.raises(ModelError, match="indicators added: new_lure") as caught:
        load_model(path, grown)
    assert "recruitwatch train" in str(caught.value)
    reweighted = dataclasses.replace(features, catalogue="f" * 16)
    with pytest.raises(ModelError, match="catalogue's patterns or weights"):
        load_model(path, reweighted)
    recoded = dataclasses.replace(features, version=features.version + 1)
    with pytest.raises(ModelError, match="the feature code"):
        load_model(path, recoded)


@pytest.mark.parametrize(
    "content",
    [b"", b"not a zip at all", b"PK\x03\x04" + b"\x00" * 40, b'{"format": "x"}'],
    ids=["empty", "text", "broken-zip", "json"],
)
def test_files_that_are_not_models(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "bad.npz"
    path.write_bytes(content)
    with pytest.raises(ModelError, match="not a recruitwatch model file"):
        load_model(path)


def test_truncated_model_file(demo_model: LureModel, tmp_path: Path) -> None:
    path = tmp_path / "m.npz"
    save_model(demo_model, path)
    path.write_bytes(path.read_bytes()[:-300])
    with pytest.raises(ModelError, match="not a recruitwatch model file"):
        load_model(path)


def test_pickled_objects_are_never_loaded(tmp_path: Path) -> None:
    path = tmp_path / "evil.npz"
    card = np.array([{"format": FORMAT}], dtype=object)  # needs pickle to read back
    buffer = io.BytesIO()
    np.savez(buffer, weights=np.zeros(3, dtype=np.float32), card=card)
    path.write_bytes(buffer.getvalue())
    with pytest.raises(ModelError, match="not a recruitwatch model file"):
        load_model(path)


def test_another_format_version_is_refused(demo_model: LureModel, tmp_path: Path) -> None:
    path = tmp_path / "m.npz"
    save_model(demo_model, path)
    with zipfile.ZipFile(path) as archive:
        card = json.loads(bytes(np.load(io.BytesIO(archive.read("card.npy")))).decode())
    card["format_version"] = 99
    buffer = io.BytesIO()
    raw = np.frombuffer(json.dumps(card).encode(), dtype=np.uint8)
    np.savez(buffer, weights=demo_model.weights, card=raw)
    path.write_bytes(buffer.getvalue())
    with pytest.raises(ModelError, match="model format 99"):
        load_model(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="no such model file"):
        load_model(tmp_path / "absent.npz")


def test_the_packaged_model_fits_this_build_and_credits_only_trainable_data() -> None:
    # Fails after a catalogue change until `make model` retrains the packaged model.
    model = packaged_model()
    assert packaged_model_path().stat().st_size < 2_000_000
    assert model.combiner.trusted
    names = [d["name"] for d in model.info["data"]]
    assert "demo" in names
    for name in names:
        assert known_datasets()[name]["training"], f"{name} may not train a shipped model"
    card = (packaged_model_path().parent / "MODEL_CARD.md").read_text(encoding="utf-8")
    assert model.version in card
