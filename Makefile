# Two commands for a new user: `make run` starts the whole product, `make test` runs the tests.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test lint install lock worker web clean

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP)

## Start web (Daphne, HTTP + WebSocket) and a Celery worker with embedded defaults.
run: $(STAMP)
	$(PY) scripts/run.py

## Run the whole test suite (integration tests need DATABASE_URL and REDIS_URL; see README).
test: $(STAMP)
	$(PY) -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check .

lock: $(STAMP)
	$(PY) -m pip install --quiet -r requirements.in && $(PY) -m pip freeze > /tmp/requirements.lock && echo "review /tmp/requirements.lock"

clean:
	rm -rf $(VENV) var
