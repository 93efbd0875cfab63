# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000

.PHONY: run test test-production lint format clean bench bench-search bench-digests chromium

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.run-deps: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.test-deps: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.run-deps

## Serve the portal with its starting content on http://127.0.0.1:$(PORT), and its email worker
run: $(VENV)/.run-deps
	$(BIN)/python manage.py compile_translations
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py load_content --if-empty
	PORT=$(PORT) $(BIN)/python manage.py run_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	PORT=$(PORT) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

## The browser tests need Debian's Chromium: installed here when we are root, else say so at once
chromium:
	@if [ -n "$$CHROMIUM_PATH" ] || command -v chromium >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "== installing Debian's chromium for the browser tests"; \
		(apt-get install -y -qq chromium >/dev/null 2>&1 || \
		 (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null)); \
	else \
		echo "The browser tests need Chromium: run 'sudo apt-get install chromium' (or set CHROMIUM_PATH), then 'make test' again." >&2; \
		exit 1; \
	fi

## Run the whole test suite (SQLite, or the database in DATABASE_URL) in TEST_WORKERS parallel
## processes (pytest-xdist; transactional tests all in one, in order), then the browser tests
TEST_WORKERS ?= 2
test: chromium $(VENV)/.test-deps
	$(BIN)/python manage.py compile_translations
	$(BIN)/pytest -n $(TEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)
	[ -n "$(SKIP_BROWSER_TESTS)" ] || BROWSER_TESTS=1 $(BIN)/pytest tests/browser $(PYTEST_ARGS)

## Faults, scale-out and load against real servers: private PostgreSQL and Redis, an SMTP
## server, 2 gunicorn servers and 2 workers on loopback (needs PostgreSQL, Redis and wrk installed)
test-production: $(VENV)/.test-deps
	$(BIN)/python manage.py compile_translations
	PRODUCTION_TESTS=1 $(BIN)/pytest tests/production $(PYTEST_ARGS)

## Lint, check formatting and the import layers (pyproject.toml)
lint: $(VENV)/.test-deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

format: $(VENV)/.test-deps
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) staticfiles

## Benchmark every public page under gunicorn and wrk; writes bench/RESULTS.md (SQLite, or DATABASE_URL)
bench: $(VENV)/.run-deps
	$(BIN)/python bench/run.py

## Search latency with 100,000 insights; needs DATABASE_URL=postgres://… (a database it may empty)
bench-search: $(VENV)/.run-deps
	$(BIN)/python bench/search.py

## Time to queue a digest for 5,000 subscribers (SQLite, or DATABASE_URL, which it may empty)
bench-digests: $(VENV)/.run-deps
	$(BIN)/python bench/digests.py
