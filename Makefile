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
	$(PIP) install -e '.[test,ray]'
	@touch $@

# System packages the tests need: a real PostgreSQL server (initdb/pg_ctl) for the store tests and
# Chromium for the dashboard tests. Installed only when missing.
$(SYSTEM_STAMP): | $(PY)
	@missing=""; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing postgresql"; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	if [ -n "$$missing" ]; then \
	  echo "installing system packages:$$missing (apt)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
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
