# The two commands of the README: `make run` and `make test`. Both need only Python 3.11+ and make.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
export PORT
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run test lint test-fast bench bench-drafts clean

$(VENV)/.runtime: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

## Start the system with demo data on SQLite at http://127.0.0.1:$(PORT)
run: $(VENV)/.runtime
	mkdir -p var
	SHIFAN_DEBUG=1 $(PY) manage.py migrate --no-input -v0
	SHIFAN_DEBUG=1 $(PY) manage.py load_demo
# The demo skips the authenticator app (SHIFAN_REQUIRE_2FA=0); production enforces two factors for staff.
# Background jobs (dossier zips, long list imports) run in a task worker beside the server: the same
# `db_worker` process production runs (not a thread inside runserver, which its autoreloader would kill and
# restart mid-job), started in the background and stopped by the trap when runserver ends (Ctrl-C).
# --no-reload: a reloading worker forks a child that a signal to its parent would leave running.
	SHIFAN_DEBUG=1 $(PY) manage.py db_worker --no-reload -v0 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	SHIFAN_DEBUG=1 SHIFAN_REQUIRE_2FA=0 $(PY) manage.py runserver 127.0.0.1:$(PORT)

## Run every test: checks, unit, view, PostgreSQL-only (when DATABASE_URL points at PostgreSQL) and browser tests
test: $(VENV)/.dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports
	$(PY) -m pytest -n 2 --dist loadgroup $(PYTEST_ARGS)

## Benchmarks (timings live here, never in tests). SCALE=city (default, a few minutes) or province;
## on PostgreSQL: make bench SHIFAN_BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/shifan_bench
## (that database is dropped and created). Results: var/bench/*.json
SCALE ?= city
bench: $(VENV)/.dev
	DJANGO_SETTINGS_MODULE=shifan.settings_test $(PY) benchmarks/bench_xlsx.py
	DJANGO_SETTINGS_MODULE=shifan.settings_test $(PY) benchmarks/bench_docx.py
	$(PY) benchmarks/generate.py $(SCALE)
	$(PY) benchmarks/generate.py list10k
	$(PY) benchmarks/bench_pages.py
	$(PY) benchmarks/bench_ratios.py
	$(PY) benchmarks/bench_load.py

## The draft-save target: USERS applicants autosaving for SECONDS against gunicorn, 0 errors and 0 lost saves.
## Drops and creates SHIFAN_DRAFTS_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/shifan_drafts).
## SERVERS=2: two app servers behind nginx with a shared Redis, as docs/deploy.md (needs Debian's nginx).
SECONDS ?= 600
USERS ?= 300
SERVERS ?= 1
bench-drafts: $(VENV)/.dev
	$(PY) benchmarks/bench_drafts.py --seconds $(SECONDS) --users $(USERS) --servers $(SERVERS)

clean:
	rm -rf $(VENV) var staticfiles test-artifacts
