# The README's words: `make run` serves the site, `make test` runs the whole suite.
# Both create .venv and install what they need on first use; nothing else to do.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
DEV_SERVER := 127.0.0.1:8000

.PHONY: run serve test lint format messages makemessages check clean vendor bench deploy-check

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstalled whenever a requirements file changes.
$(VENV)/.installed: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

messages: $(VENV)/.installed
	$(BIN)/pybabel compile --domain=django --directory=locale --statistics

# createcachetable: without REDIS_URL the rate limits count in a database table. The mail
# worker sends what the site queues (printed here, on the console) beside the server, and
# stops with it.
run: messages
	$(BIN)/python manage.py createcachetable
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_content
	@$(BIN)/python manage.py worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT; trap 'exit 130' INT TERM; \
	$(BIN)/python manage.py runserver $(DEV_SERVER)

# Production-like: gunicorn with whitenoise serving the collected static files.
# Needs SECRET_KEY (and DATABASE_URL for PostgreSQL) in the environment.
serve: messages
	@test "$$DEBUG" = false || { echo 'make serve is for production: set DEBUG=false and SECRET_KEY'; exit 1; }
	$(BIN)/python manage.py createcachetable
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	@$(BIN)/python manage.py worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT; trap 'exit 130' INT TERM; \
	$(BIN)/gunicorn --config gunicorn.conf.py

# The benchmark (README, "Benchmark"): a database of its own at full size, served by
# `make serve`'s gunicorn with production settings and by make deploy-check's nginx in
# front of it; bench/bench.sh runs it, bench_run measures and writes bench/results.md.
bench: messages
	BIN=$(BIN) bench/bench.sh

# The production set-up on loopback (README, "Production"): nginx from deploy/nginx with a
# certificate made for the run, in front of two gunicorn instances sharing a PostgreSQL
# database of their own (DEPLOY_CHECK_DATABASE, recreated) and a Redis database
# (DEPLOY_CHECK_REDIS_DB, emptied), checked by deploy/check.py. nginx, wrk and openssl are
# installed with apt where they can be. Everything it starts is stopped however it ends.
DEPLOY_CHECK_DATABASE ?= pauseai_deploy_check
DEPLOY_CHECK_REDIS_DB ?= 10

deploy-check: messages
	BIN=$(BIN) DEPLOY_CHECK_DATABASE=$(DEPLOY_CHECK_DATABASE) \
		DEPLOY_CHECK_REDIS_DB=$(DEPLOY_CHECK_REDIS_DB) deploy/check.sh

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
	$(BIN)/lint-imports --no-cache

format: $(VENV)/.installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(BIN)/djhtml templates

# Every language of settings.LANGUAGES but English, the source's (tests/test_languages.py
# checks the two lists agree): each catalog in locale/<code>/ refreshed, a new one created.
LOCALES := nl fr de

makemessages: $(VENV)/.installed
	$(BIN)/python manage.py makemessages $(addprefix --locale=,$(LOCALES)) \
		--no-location --ignore=.venv --ignore=staticfiles

# Leaflet and its marker-cluster plugin for the communities map, pinned and copied
# from the npm registry into static/vendor/. The copies are committed, so `make run`
# needs no npm; only changing a version needs `make vendor` (and npm). The source
# maps are left out, so their comment goes too: collectstatic's hashed storage
# refuses a reference to a file that is not there.
LEAFLET_VERSION := 1.9.4
MARKERCLUSTER_VERSION := 1.5.3

vendor:
	@set -eu; packages=$$(mktemp -d); trap 'rm -rf "$$packages"' EXIT; \
	leaflet=static/vendor/leaflet; cluster=static/vendor/leaflet.markercluster; \
	(cd "$$packages" && npm pack --silent \
		leaflet@$(LEAFLET_VERSION) leaflet.markercluster@$(MARKERCLUSTER_VERSION) >/dev/null); \
	mkdir "$$packages/leaflet" "$$packages/cluster"; \
	tar -xzf "$$packages/leaflet-$(LEAFLET_VERSION).tgz" -C "$$packages/leaflet"; \
	tar -xzf "$$packages/leaflet.markercluster-$(MARKERCLUSTER_VERSION).tgz" -C "$$packages/cluster"; \
	rm -rf "$$leaflet" "$$cluster"; mkdir -p "$$leaflet" "$$cluster"; \
	cp -R "$$packages"/leaflet/package/dist/leaflet.js "$$packages"/leaflet/package/dist/leaflet.css \
		"$$packages"/leaflet/package/dist/images "$$leaflet"/; \
	cp "$$packages"/leaflet/package/LICENSE "$$leaflet"/LICENSE.txt; \
	cp "$$packages"/cluster/package/dist/leaflet.markercluster.js \
		"$$packages"/cluster/package/dist/MarkerCluster.css \
		"$$packages"/cluster/package/dist/MarkerCluster.Default.css "$$cluster"/; \
	cp "$$packages"/cluster/package/MIT-LICENCE.txt "$$cluster"/LICENSE.txt; \
	for script in "$$leaflet"/leaflet.js "$$cluster"/leaflet.markercluster.js; do \
		grep -v '^//# sourceMappingURL=' "$$script" > "$$script.tmp"; mv "$$script.tmp" "$$script"; \
	done; \
	find "$$leaflet" "$$cluster" -type f -exec chmod 644 {} +; \
	echo "Leaflet $(LEAFLET_VERSION) and Leaflet.markercluster $(MARKERCLUSTER_VERSION) in static/vendor/"

clean:
	rm -rf $(VENV) staticfiles
	find locale -name '*.mo' -delete
