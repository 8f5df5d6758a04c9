"""Model files: weights and a JSON card in one NumPy archive, read without pickle.

A model file never runs code when loaded (`allow_pickle=False`), so a file from elsewhere
can be inspected safely. Loading checks the format and the feature fingerprint: a model
trained on other features would score nonsense, so it is refused with what changed.
"""

from __future__ import annotations

import io
import json
import zipfile
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from recruitwatch.detect.classifier import Combiner, LureModel
from recruitwatch.detect.features import FeatureSet, current_features
from recruitwatch.errors import ModelError

FORMAT = "recruitwatch-lure-model"
FORMAT_VERSION = 1
MAX_BYTES = 64 << 20


def packaged_model_path() -> Path:
    return Path(str(resources.files("recruitwatch") / "resources" / "model" / "lure-model.npz"))


def save_model(model: LureModel, path: Path) -> None:
    card = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "features": model.features.to_json(),
        "intercept": model.intercept,
        "combiner": vars(model.combiner),
        "threshold": model.threshold,
        "info": model.info,
    }
    buffer = io.BytesIO()
    meta = np.frombuffer(json.dumps(card, ensure_ascii=False).encode("utf-8"), dtype=np.uint8)
    np.savez_compressed(buffer, weights=model.weights, card=meta)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buffer.getvalue())


def read_card(path: Path) -> tuple[dict[str, Any], np.ndarray[Any, Any]]:
    """The JSON card and the weights of a model file, or a ModelError saying why not."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ModelError(f"{path}: {size / 1e6:.0f} MB is too big for a model file")
        with np.load(path, allow_pickle=False) as archive:
            card = json.loads(bytes(archive["card"]).decode("utf-8"))
            weights = np.asarray(archive["weights"], dtype=np.float32)
    except FileNotFoundError as exc:
        raise ModelError(f"{path}: no such model file") from exc
    except (OSError, EOFError, ValueError, KeyError, zipfile.BadZipFile, UnicodeDecodeError) as exc:
        raise ModelError(f"{path}: not a recruitwatch model file ({exc})") from exc
    if not isinstance(card, dict) or card.get("format") != FORMAT:
        raise ModelError(f"{path}: not a recruitwatch model file")
    if card.get("format_version") != FORMAT_VERSION:
        raise ModelError(
            f"{path}: model format {card.get('format_version')!r}; this build reads "
            f"{FORMAT_VERSION}: retrain with `recruitwatch train`"
        )
    return card, weights


def load_model(path: Path, features: FeatureSet | None = None) -> LureModel:
    """The model in `path`, if it was trained on the features this build computes."""
    card, weights = read_card(path)
    expected = features or current_features()
    saved = card["features"]
    if saved.get("fingerprint") != expected.fingerprint():
        changes = "; ".join(feature_changes(saved, expected)) or "the feature settings"
        raise ModelError(
            f"{path}: the model was trained on other features ({changes} changed); "
            "retrain it with `recruitwatch train` (or `make model` for the packaged one), "
            "or scan with --no-model"
        )
    if weights.shape != (expected.width,):
        raise ModelError(f"{path}: {weights.size} weights for {expected.width} features")
    try:
        combiner = Combiner(**card["combiner"])
        return LureModel(
            expected,
            weights,
            float(card["intercept"]),
            combiner,
            float(card["threshold"]),
            dict(card.get("info") or {}),
        )
    except (TypeError, ValueError, KeyError) as exc:
        raise ModelError(f"{path}: damaged model card ({exc})") from exc


def feature_changes(saved: dict[str, Any], current: FeatureSet) -> list[str]:
    """What differs between a saved feature set and this build's, in words."""
    now = current.to_json()
    changes = []
    old_ids, new_ids = set(saved.get("indicators") or ()), set(current.indicators)
    if added := sorted(new_ids - old_ids):
        changes.append(f"indicators added: {', '.join(added)}")
    if removed := sorted(old_ids - new_ids):
        changes.append(f"indicators removed: {', '.join(removed)}")
    labels = {
        "catalogue": "the catalogue's patterns or weights",
        "version": "the feature code",
        "text_features": "the hashing size",
        "ngram_range": "the n-gram range",
        "kinds": "the document kinds",
    }
    for key, words in labels.items():
        if saved.get(key) != now[key] and not (key == "catalogue" and (added or removed)):
            changes.append(words)
    return changes


@cache
def packaged_model() -> LureModel:
    """The model shipped in the package (cached; ModelError if it no longer fits)."""
    return load_model(packaged_model_path())
