# Two commands do all set-up on a fresh machine (Python 3.11+, Node.js with npm, make, git):
#   make run    virtual environment, install, migrate SQLite, reference + demo data, serve on :8000
#               (or on the port named by PORT=, e.g. `make run PORT=8080`)
#   make test   install, ruff, the layers contract, the whole suite on every core (SQLite, then the tests
#               that depend on the database on PostgreSQL when SCRUTINY_TEST_DATABASE_URL is set)
SHELL := /bin/bash
PYTHON ?= python3
PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
FRONTEND := build/static/scrutiny/scrutiny.css

.PHONY: run test bench install lint lock clean

# A port another program holds is refused in one line before the wait for migrate and the demo, not after.
run: install
	@$(BIN)/python -c 'import sys; from scrutiny.cli import check_port; check_port("127.0.0.1", sys.argv[1])' '$(PORT)'
	$(BIN)/scrutiny migrate --no-input
	$(BIN)/scrutiny demo --base-url http://127.0.0.1:$(PORT)
	$(BIN)/scrutiny serve --port $(PORT)

# The second pass runs again on PostgreSQL every test whose outcome can depend on the database: the
# others cannot reach it (readers, extraction, rules, settings) or check what the browser makes of a
# page (conftest.py says why), so they would only repeat the first pass's answer.
test: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/pytest
	@if [ -n "$$SCRUTINY_TEST_DATABASE_URL" ]; then \
		echo "== The tests that depend on the database, again on PostgreSQL ($$SCRUTINY_TEST_DATABASE_URL)"; \
		DATABASE_URL="$$SCRUTINY_TEST_DATABASE_URL" $(BIN)/pytest -p no:cacheprovider --database-tests-only; \
	fi

bench: install
	$(BIN)/python bench/run.py

install: $(INSTALLED) $(FRONTEND)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# The installer is part of the lock: whatever pip the machine's Python brings (old ones reject parts of
# requirements.lock), the environment's pip, setuptools and wheel are first brought to the versions and
# hashes in requirements-bootstrap.lock, and the project is then built with those, never fetched ones.
$(INSTALLED): $(BIN)/python requirements-bootstrap.lock requirements.lock pyproject.toml
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps \
		-r requirements-bootstrap.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	@# setuptools tells every editable install of a flat layout to mind same-named folders: not news here
	PYTHONWARNINGS=ignore::UserWarning \
		$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

$(FRONTEND): node_modules/.package-lock.json $(wildcard core/assets/*)
	npm run --silent build

lint: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Regenerate both locks: the installer (the newest pip, setuptools and wheel) first, then
# requirements.lock from pyproject.toml, resolved by that installer. Neither names this machine's indexes.
LOCK_OPTIONS := --quiet --generate-hashes --strip-extras --no-emit-index-url --no-emit-find-links
lock: $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check pip-tools
	printf 'pip\nsetuptools\nwheel\n' | CUSTOM_COMPILE_COMMAND="make lock" \
		$(BIN)/pip-compile $(LOCK_OPTIONS) --allow-unsafe --upgrade -o requirements-bootstrap.lock -
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps \
		-r requirements-bootstrap.lock
	CUSTOM_COMPILE_COMMAND="make lock" \
		$(BIN)/pip-compile $(LOCK_OPTIONS) --extra dev -o requirements.lock pyproject.toml

clean:
	rm -rf $(VENV) node_modules build
