# The README's words: `make run` serves the site, `make test` runs the whole suite.
# Both create .venv and install what they need on first use; nothing else to do.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
DEV_SERVER := 127.0.0.1:8000

.PHONY: run serve test lint format messages makemessages check clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstalled whenever a requirements file changes.
$(VENV)/.installed: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

messages: $(VENV)/.installed
	$(BIN)/pybabel compile --domain=django --directory=locale --statistics

run: messages
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_content
	$(BIN)/python manage.py runserver $(DEV_SERVER)

# Production-like: gunicorn with whitenoise serving the collected static files.
# Needs SECRET_KEY (and DATABASE_URL for PostgreSQL) in the environment.
serve: messages
	@test "$$DEBUG" = false || { echo 'make serve is for production: set DEBUG=false and SECRET_KEY'; exit 1; }
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(BIN)/gunicorn --config gunicorn.conf.py

# pytest-django runs the tests with DEBUG off, as production does.
test: messages
	$(BIN)/pytest $(PYTEST_ARGS)

check: $(VENV)/.installed
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check templates

format: $(VENV)/.installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(BIN)/djhtml templates

makemessages: $(VENV)/.installed
	$(BIN)/python manage.py makemessages --locale=nl --no-location --ignore=.venv --ignore=staticfiles

clean:
	rm -rf $(VENV) staticfiles
	find locale -name '*.mo' -delete
