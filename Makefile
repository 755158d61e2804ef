# Every target is idempotent: the venv is created once and reinstalled only when
# pyproject.toml changes.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test bench lint screenshots clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/digit-lab

# The whole suite (slow tests included; `pytest -m "not slow"` for a quick pass), after
# the same checks as `make lint`. The import contract runs in tests/test_architecture.py.
test: lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

bench: $(STAMP)
	for b in bench/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# The README's figures (English, Chinese), then every tab and sub-page at 1024x576, at
# 1920x1080 in presentation mode and at 200% scaling, each set under an Xvfb of its own
# (needs xvfb-run), into docs/screenshots/{1024x576,presentation,scale200}/.
screenshots: $(STAMP)
	$(BIN)/python scripts/screenshots.py
	$(BIN)/python scripts/screenshots.py --language zh_CN
	$(BIN)/python scripts/screenshots.py --set 1024x576
	$(BIN)/python scripts/screenshots.py --set presentation
	$(BIN)/python scripts/screenshots.py --set scale200

clean:
	rm -rf $(VENV) build *.egg-info
