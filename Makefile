# The FIGO CMS: `make run` serves the demo site, `make test` runs the whole test suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install install-test lint test-deps benchmark clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=25.1"

install: $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt

install-test: install
	$(BIN)/python -m pip install --quiet --upgrade "pip>=25.1"
	$(BIN)/pip install --quiet --group test

run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo_content
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# Debian's Chromium drives the browser tests and a throwaway redis-server the Redis tests; installed here when
# we may (root with apt-get), otherwise those tests are skipped and say why.
test-deps:
	@if { [ ! -x /usr/bin/chromium ] || ! command -v redis-server >/dev/null; } && [ "$$(id -u)" = 0 ] \
		&& command -v apt-get >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core \
			redis-server >/dev/null; \
	fi

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run

test: lint test-deps
	$(BIN)/pytest

# Benchmark on PostgreSQL: builds the national dataset once (a few minutes), serves it with gunicorn on
# 127.0.0.1 and prints requests/s, p50, p99 and errors per scenario; every load is bounded in time.
BENCHMARK_DATABASE_URL ?= postgres://figo:figo@127.0.0.1:5432/figo_benchmark
benchmark: install
	@command -v wrk >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get install -y -qq wrk redis-server >/dev/null; } || true
	DATABASE_URL=$(BENCHMARK_DATABASE_URL) $(BIN)/python manage.py build_benchmark_data
	DATABASE_URL=$(BENCHMARK_DATABASE_URL) $(BIN)/python manage.py benchmark --cache both

clean:
	rm -rf $(VENV) db.sqlite3 media static_collected test-artifacts
