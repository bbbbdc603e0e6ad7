# Two commands do everything on a fresh machine:
#   make demo   set up (Debian packages, virtualenv, fazhi[all]) and run `fazhi demo` on the bundled samples
#   make test   set up the same way and run the test suite
VENV ?= .venv
export VENV

.PHONY: setup demo test bench

setup:
	bash scripts/setup.sh

demo: setup
	$(VENV)/bin/fazhi demo

test: setup
	$(VENV)/bin/python -m pytest -q

bench: setup
	for b in benchmarks/*.py; do $(VENV)/bin/python $$b || exit 1; done
