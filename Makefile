# The two commands a newcomer needs: `make run` and `make test`.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
export LEGALOPS_ENV ?= development

.PHONY: run test setup lint bench translations

setup:
	@scripts/setup.sh

run: setup
	@$(BIN)/legalops db upgrade
	@$(BIN)/legalops demo
	@echo "Sign in with one of the demo logins above."
	@$(BIN)/legalops run

test: setup
	@$(BIN)/ruff check legalops tests benchmarks
	@$(BIN)/pytest -n auto --maxprocesses=4

lint: setup
	@$(BIN)/ruff check legalops tests benchmarks
	@$(BIN)/lint-imports

bench: setup
	@for b in benchmarks/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

translations: setup
	@$(BIN)/pybabel extract --no-location -F babel.cfg -k N_ -k _l -o legalops/translations/messages.pot legalops legalops/templates/_macros
	@$(BIN)/pybabel update -i legalops/translations/messages.pot -d legalops/translations --no-fuzzy-matching
