# Two commands do all set-up on a fresh machine (Python 3.11+, Node.js with npm, make, git):
#   make run    virtual environment, install, migrate SQLite, reference + demo data, serve on :8000
#   make test   install, ruff, the layers contract, the whole suite on every core (SQLite, then PostgreSQL
#               when SCRUTINY_TEST_DATABASE_URL is set)
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
FRONTEND := build/static/scrutiny/scrutiny.css

.PHONY: run test bench install lint lock clean

run: install
	$(BIN)/scrutiny migrate --no-input
	$(BIN)/scrutiny demo
	$(BIN)/scrutiny serve

test: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/pytest
	@if [ -n "$$SCRUTINY_TEST_DATABASE_URL" ]; then \
		echo "== The whole suite again on PostgreSQL ($$SCRUTINY_TEST_DATABASE_URL)"; \
		DATABASE_URL="$$SCRUTINY_TEST_DATABASE_URL" $(BIN)/pytest -p no:cacheprovider; \
	fi

bench: install
	$(BIN)/python bench/run.py

install: $(INSTALLED) $(FRONTEND)

$(BIN)/python:
	python3 -m venv $(VENV)

$(INSTALLED): $(BIN)/python requirements.lock pyproject.toml
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

$(FRONTEND): node_modules/.package-lock.json $(wildcard core/assets/*)
	npm run --silent build

lint: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Regenerate requirements.lock after changing dependencies in pyproject.toml.
lock: $(BIN)/python
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --extra dev --generate-hashes --strip-extras -o requirements.lock pyproject.toml

clean:
	rm -rf $(VENV) node_modules build
