# The two commands that set everything up on a fresh machine:
#   make run    serve the site on http://127.0.0.1:$(PORT), SQLite, migrated and loaded with the curated data
#   make test   lint, migration check, and the whole test suite (set DATABASE_URL to test on PostgreSQL,
#               REDIS_URL to run the cache tests against a Redis server; the tests empty its database)

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000

.PHONY: run test lint format browser messages bench soak lock clean

# The whole dependency tree, pinned with hashes in requirements.lock (made by `make lock` from the direct
# dependencies in requirements.txt and requirements-dev.txt): every machine, CI included, installs exactly it.
$(BIN)/.installed: requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	touch $@

# Run after changing a pin in requirements.txt or requirements-dev.txt; commit requirements.lock with it.
PIP_TOOLS := pip-tools==7.6.2
lock:
	$(PYTHON) -m venv $(VENV)-lock
	$(VENV)-lock/bin/pip install --quiet --disable-pip-version-check $(PIP_TOOLS)
	$(VENV)-lock/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url \
		--no-emit-find-links --no-emit-trusted-host --output-file requirements.lock requirements-dev.txt

run: $(BIN)/.installed messages
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py load_content
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: $(BIN)/.installed messages browser node_modules/.package-lock.json lint
	$(BIN)/python manage.py makemigrations --check --dry-run
	REDIS_URL="$(REDIS_URL)" $(BIN)/python -m pytest --durations=15

lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(BIN)/.installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# The interface translations (locale/*/LC_MESSAGES/django.po) compiled with GNU gettext's msgfmt.
messages: $(BIN)/.installed
	@if ! command -v msgfmt >/dev/null && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext >/dev/null; \
	fi
	$(BIN)/python manage.py compilemessages --ignore=.venv --ignore=node_modules -v0

# The browser tests drive Debian's Chromium; it is installed here when missing and we may install it.
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
		else \
			echo "No /usr/bin/chromium: install Debian's chromium package to run the browser tests."; \
		fi; \
	fi

# axe-core, injected into pages by the accessibility tests (package.json pins it).
node_modules/.package-lock.json: package.json package-lock.json
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund --silent; \
	else echo "No npm: the accessibility tests will be skipped (they fail under CI)."; fi

# The load benchmarks against PostgreSQL on 127.0.0.1:5432 (bench/RESULTS.md; wrk and Datasette are
# installed by the script). `soak` fails on any error or a worker above 300 MB.
bench: $(BIN)/.installed
	$(BIN)/python bench/load_bench.py

# Then a flood of FLOOD_URLS unique URLs on the same database (bench/flood_soak.py), under the same 300 MB.
SOAK_SECONDS ?= 60
FLOOD_URLS ?= 2000
soak: $(BIN)/.installed
	$(BIN)/python bench/load_bench.py --soak $(SOAK_SECONDS)
	$(BIN)/python bench/flood_soak.py --load-bench-data --urls $(FLOOD_URLS)

clean:
	rm -rf $(VENV) $(VENV)-lock db.sqlite3 staticfiles .pytest_cache node_modules
