PY := .venv/bin/python

.PHONY: install check lint test bench bench-web demo serve indicators-doc model eval-real

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

# The packaged detector: the kind model (resources/kind_model.yaml), the lure model and its
# card, trained by the recipe in recruitwatch/recipe.py on the real texts in ../shared (lures'
# own words and accounts of lures against genuine ads, warnings and news) and the synthetic
# demo corpus. Deterministic: the same data gives the same weights. The recipe was chosen by
# grouped cross-validation on the real texts (benchmarks/eval_real.py; docs/model.md).
MODEL_DIR := src/recruitwatch/resources/model
REAL ?= ../shared/data/real/real_dev.jsonl
model:
	.venv/bin/recruitwatch train --real $(REAL) --kind-model src/recruitwatch/resources/kind_model.yaml --output $(MODEL_DIR)/lure-model.npz --card $(MODEL_DIR)/MODEL_CARD.md $(foreach f,$(BACKGROUND),--background $(f))

eval-real:
	$(PY) benchmarks/eval_real.py --data $(REAL)
