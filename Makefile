PY := .venv/bin/python

.PHONY: install check lint test bench bench-web demo serve indicators-doc model

install:
	python3 -m venv .venv && $(PY) -m pip install -q -e '.[dev]'

lint:
	$(PY) -m ruff check src tests benchmarks
	$(PY) -m ruff format --check src tests benchmarks
	$(PY) -m mypy

test:
	$(PY) -m pytest -n 2 -q

check: lint test

bench:
	$(PY) benchmarks/bench_scan.py

bench-web:
	$(PY) benchmarks/bench_web.py --documents 100000 --cases 10000 --users 50 --seconds 60

demo:
	.venv/bin/recruitwatch demo

serve:
	.venv/bin/recruitwatch serve

indicators-doc:
	$(PY) -m recruitwatch.detect.docs > docs/indicators.md

# The packaged lure model and its card, from the demo corpus (deterministic: the same data
# gives the same weights). Out-of-domain sets lowered the held-out figures on the demo
# corpus (see docs/model.md), so none is used by default; add some with
# `make model BACKGROUND="path/to/emscad.csv ..."`.
MODEL_DIR := src/recruitwatch/resources/model
model:
	.venv/bin/recruitwatch train --output $(MODEL_DIR)/lure-model.npz --card $(MODEL_DIR)/MODEL_CARD.md $(foreach f,$(BACKGROUND),--background $(f))
