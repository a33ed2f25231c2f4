# heron — two commands on a fresh machine: `make demo`, `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check -q
STAMP := $(VENV)/.heron-installed
SYSTEM_STAMP := $(VENV)/.heron-system

.PHONY: install system-deps demo test bench clean

install: $(STAMP) $(SYSTEM_STAMP)

$(PY):
	$(PYTHON) -m venv $(VENV)

# Re-install only when the project's dependency list changes.
$(STAMP): pyproject.toml | $(PY)
	$(PIP) install -e '.[test]'
	@touch $@

# System packages the tests need: a real PostgreSQL server (initdb/pg_ctl) for the store tests.
$(SYSTEM_STAMP): | $(PY)
	@if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then \
	  echo "installing PostgreSQL (apt)"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) \
	  || echo "warning: could not install postgresql; PostgreSQL tests will be skipped"; \
	fi
	@touch $@

demo: install
	$(VENV)/bin/heron demo

test: install
	$(VENV)/bin/pytest

bench: install
	$(PY) benchmarks/throughput.py
	$(PY) benchmarks/accuracy.py

clean:
	rm -rf $(VENV) heron-data .pytest_cache
