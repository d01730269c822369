# workshop: `make run` serves, `make test` tests; both set up everything they need first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
FLASK := $(BIN)/flask --app workshop
CLIENTS ?= 1000
ISLANDS ?= 40
RATE ?= 100
DURATION ?= 60
BENCH_ARGS ?=
PYTEST_ARGS ?=
# Run a second time on a fresh PostgreSQL schema each (skipped where PostgreSQL is absent).
POSTGRES_TESTS = tests/test_database_choice.py tests/test_cards_service.py \
	tests/test_events_service.py tests/test_session_services.py tests/test_sockets.py \
	tests/test_session_sockets.py tests/test_export.py tests/test_participant_limits.py \
	tests/test_forget_me.py tests/test_robustness.py tests/test_import.py tests/test_photos.py

FUZZ_EXAMPLES ?= 1300
.PHONY: setup install run test fuzz bench bench-report bench-network bench-projector lint password screenshots translations clean

setup: $(VENV)/.installed static/build/.built translations

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,bench]'
	touch $@

# --include=dev: axe-core (the accessibility test) even where NODE_ENV=production is set.
NPM_DEV ?= --include=dev
node_modules/.installed: package.json package-lock.json
	npm ci $(NPM_DEV) --no-audit --no-fund --loglevel=error
	touch $@

# A server (docs/deploy.md): the app and what it runs on, without the test and benchmark
# tools; the front-end built once here, so Node is needed for installing and updating only.
install:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	$(MAKE) --no-print-directory NPM_DEV=--omit=dev static/build/.built
	$(BIN)/pybabel -q compile --use-fuzzy -d workshop/translations

# Front-end libraries come from npm and are copied, never committed.
static/vendor/.copied: node_modules/.installed
	mkdir -p static/vendor
	cp node_modules/socket.io-client/dist/socket.io.esm.min.js static/vendor/
	cp node_modules/sortablejs/modular/sortable.esm.js static/vendor/
	touch $@

# One minified file per screen: phones on slow networks load one request, not a module chain.
JS_SOURCES := $(shell find static/js -name '*.js') $(wildcard static/css/*.css)
static/build/.built: static/vendor/.copied $(JS_SOURCES)
	rm -rf static/build/chunks && mkdir -p static/build
	node_modules/.bin/esbuild static/js/projector.js static/js/board/main.js \
		static/js/projector_control.js \
		--bundle --minify --format=esm --target=es2020 --log-level=warning \
		--outbase=static/js --outdir=static/build
	# The phone's script is split once: the Socket.IO client loads after the page is usable.
	node_modules/.bin/esbuild static/js/phone.js \
		--bundle --splitting --minify --format=esm --target=es2020 --log-level=warning \
		--chunk-names=chunks/[name]-[hash] --outbase=static/js --outdir=static/build
	node_modules/.bin/esbuild static/css/phone-page.css --bundle --minify --log-level=warning \
		--outfile=static/build/phone.css
	touch $@

translations: $(VENV)/.installed
	$(BIN)/pybabel -q compile --use-fuzzy -d workshop/translations

run: setup
	$(FLASK) db upgrade
	$(FLASK) seed-demo
	PORT=$(PORT) $(BIN)/python -m gevent.monkey --module workshop.server

test: setup
	$(BIN)/ruff check workshop tests benchmarks
	$(BIN)/python -m pytest $(PYTEST_ARGS)
	$(BIN)/python -m pytest -q --database=postgresql $(POSTGRES_TESTS)

# The fuzz test's long run: FUZZ_EXAMPLES per test, eight tests (>= 10,000 cases); make test
# runs the same tests briefly.
fuzz: setup
	WORKSHOP_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/python -m pytest -q tests/test_fuzz.py

# More knobs (async mode, several workers on PostgreSQL + Redis, --target URL, py-spy):
# make bench BENCH_ARGS="--help"; see docs/performance.md and docs/deploy.md.
bench: setup
	$(BIN)/python benchmarks/load.py --clients $(CLIENTS) --islands $(ISLANDS) \
		--rate $(RATE) --duration $(DURATION) $(BENCH_ARGS)

# The Dokumentation (DOCX, PDF, XLSX) of a usual and of a very big event; docs/performance.md.
bench-report: setup
	$(BIN)/python benchmarks/report.py --islands 8 --cards 40
	$(BIN)/python benchmarks/report.py --islands 40 --cards 100

# Phones on slow 3G and lossy Wi-Fi through the throttling proxy, medians of three runs.
bench-network: setup
	$(BIN)/python benchmarks/network.py $(BENCH_ARGS)

# The projector in Chromium: one arriving card and one phase change with 8x40 and 40x25
# cards, and its memory over a simulated 30 minutes (docs/performance.md).
bench-projector: setup
	$(BIN)/python benchmarks/projector.py $(BENCH_ARGS)

# Re-take the README's screenshots (the browser tests take them as they run).
screenshots: setup
	WORKSHOP_SCREENSHOT_DIR=docs/screenshots $(BIN)/python -m pytest -q tests/browser

password: $(VENV)/.installed
	$(FLASK) reset-password $(EMAIL)

clean:
	rm -rf $(VENV) node_modules static/vendor instance .pytest_cache .hypothesis
