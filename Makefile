# Two commands: `make run` serves the library, `make test` checks everything.
VENV ?= .venv
PYTHON ?= python3
PY := $(VENV)/bin/python
PORT ?= 8000
CHROMIUM ?= /usr/bin/chromium

.PHONY: run test lint check install install-test browser migrate seed clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml
	$(VENV)/bin/pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

# Browser tests drive Debian's Chromium; install it when it is missing (the machines run as root).
browser:
	@test -x $(CHROMIUM) || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium)

migrate: install
	DJANGO_DEBUG=$${DJANGO_DEBUG-1} $(PY) manage.py migrate --noinput

seed: migrate
	DJANGO_DEBUG=$${DJANGO_DEBUG-1} $(PY) manage.py load_seed

run: seed
	@echo ""
	@echo "CSX Library: http://127.0.0.1:$(PORT)/"
	@echo "Editor login: run '$(PY) manage.py create_editor YOUR-NAME' in another terminal,"
	@echo "then sign in at http://127.0.0.1:$(PORT)/admin/"
	@echo ""
	DJANGO_DEBUG=$${DJANGO_DEBUG-1} $(PY) manage.py runserver 127.0.0.1:$(PORT)

lint: install-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

check: install-test
	DJANGO_SETTINGS_MODULE=csx.test_settings $(PY) manage.py check
	DJANGO_SETTINGS_MODULE=csx.test_settings $(PY) manage.py makemigrations --check --dry-run

test: lint check browser
	$(VENV)/bin/pytest

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
