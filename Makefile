# The two commands of the README are `make run` and `make test`.
# .venv is the newest combination that installs together (the whole suite, browser included,
# runs on it): Python 3.13, with the newest Django and Wagtail that pyproject.toml allows.
PYTHON ?= $(or $(call find_python,3.13),python3)
VENV ?= .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python sandbox/manage.py
PORT ?= 8000
WORKERS ?= 3
LANGUAGES := fr en
# The package's own gettext catalogues, which makemessages finds beside the code.
CATALOGUES := wagtail_charte/locale
# The tests about the database: migrations, constraints, sync, import/export, query counts,
# and the audit's report and the migrations that hand its tables over to its app.
POSTGRES_TESTS := tests/test_migrations.py tests/register/test_register.py tests/test_sandbox.py \
	tests/register/test_transfer.py tests/register/test_import_admin.py tests/page/test_page.py \
	tests/register/test_register_admin.py tests/register/test_import_drafts.py \
	tests/audit/test_audit_admin.py tests/audit/test_audit_migrations.py \
	tests/consent_log/test_recording.py \
	tests/consent_log/test_statistics.py tests/consent_log/test_purge.py \
	tests/consent_log/test_log_admin.py
# The consent log in a database of its own (CONSENT_LOG_DATABASE), with its own settings.
LOG_DATABASE_TESTS := --ds=tests.settings_log_database tests/consent_log/database
MAKEMESSAGES_IGNORE := --ignore=.venv --ignore=.venv-* --ignore=sandbox --ignore=tests --ignore=benchmarks \
	--ignore=build --ignore=dist --ignore=docs --ignore=node_modules

.PHONY: help run serve test test-suite test-browser test-servers test-js test-localize test-log-database \
	test-host test-host-monolingual test-host-localize dsfr-terms \
	test-postgres test-matrix test-wagtail7 test-wagtail74 migrations lint format messages \
	compilemessages system-deps benchmarks assets
.DEFAULT_GOAL := help

help: ## this list
	@awk 'BEGIN {FS = ":.*## "} /^[a-z][a-z0-9 -]*:.*## / {printf "  %-32s %s\n", $$1, $$2}' \
		$(MAKEFILE_LIST)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.run-deps: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[sandbox]"
	touch $@

$(VENV)/.test-deps: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[test,localize]"
	touch $@ $(VENV)/.run-deps

# `make run THEME=dsfr`: the banner in the DSFR theme, with DSFR's stylesheet (from npm).
THEME ?= default
run: export CHARTE_DEMO_THEME = $(THEME)
run: $(VENV)/.run-deps ## the sandbox on http://127.0.0.1:8000 with its demo content (THEME=dsfr for the DSFR theme)
	$(if $(filter dsfr,$(THEME)),$(MAKE) --no-print-directory dsfr-terms)
	$(MANAGE) migrate --noinput
	$(MANAGE) charte_demo
	$(MANAGE) runserver 127.0.0.1:$(PORT)

# The sandbox as in production: several gunicorn workers on Redis and PostgreSQL
# (docs/deploy.md). Set REDIS_URL and DATABASE_URL to use yours; else private ones are started.
serve: $(VENV)/.run-deps system-deps ## the sandbox as in production: gunicorn workers on Redis and PostgreSQL
	$(BIN)/python -m sandbox.servers --port $(PORT) --workers $(WORKERS)

# Browser tests need Debian's chromium, catalogues need gettext, the multi-process test and
# `make serve` need redis-server: install them when we can.
system-deps: ## installs chromium, gettext, java, node and redis with apt when root
	@missing=""; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	command -v msgfmt >/dev/null || missing="$$missing gettext"; \
	command -v java >/dev/null || missing="$$missing default-jre-headless"; \
	command -v npm >/dev/null || missing="$$missing nodejs npm"; \
	command -v redis-server >/dev/null || missing="$$missing redis-server"; \
	if [ -n "$$missing" ]; then \
		if command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
		else echo "Not installed (no apt-get as root):$$missing"; fi; \
	fi

# The DSFR is reserved to the French State's own sites, and its terms of use ask each project
# to accept them: its own check (skipped by `npm ci --ignore-scripts`), which reads the
# acceptance from .dsfr.yml or DSFR_ACCEPT_LICENSE=1. Asked in a terminal, never assumed.
DSFR := node_modules/@gouvfr/dsfr
DSFR_PROJECT ?= $(CURDIR)
dsfr-terms: node_modules/.package-lock.json
	@INIT_CWD="$(DSFR_PROJECT)" node $(DSFR)/scripts/preinstall.js >/dev/null 2>&1 && exit 0; \
	version=$$(sed -n "s/^cguVersion: *'\(.*\)'/\1/p" $(DSFR)/doc/legal/cgu.md); \
	echo "The DSFR, the French State's design system, is reserved to the State's own websites."; \
	echo "Its terms of use ($(DSFR)/doc/legal/cgu.md, version $$version) ask each project to accept them."; \
	if [ -t 0 ]; then \
		printf "Do you accept them for this project? [y/N] "; read answer; \
		case "$$answer" in [yYoO]*) echo "accept-license: $$version" > "$(DSFR_PROJECT)/.dsfr.yml"; \
			echo "Recorded in .dsfr.yml."; exit 0;; esac; \
	fi; \
	echo "Not accepted. Read them; to accept, answer y in a terminal," \
		"or write \"accept-license: $$version\" in .dsfr.yml." >&2; \
	exit 1

# Test-only tools from npm: the W3C HTML checker and the DSFR stylesheet.
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund

# The banner's served files, minified from the readable sources (committed; a test checks
# that they are not stale): one script (terser, which packs it tighter than esbuild) and one
# stylesheet (esbuild). consent.js and banner.js share one function's scope, so the minifier
# shortens the names banner.js uses from consent.js. The sources are ES2021 at most, which
# every browser with <dialog> runs (docs/banner.md).
STATIC := wagtail_charte/static/wagtail_charte
ASSETS_OUT ?= $(STATIC)
TERSER := node_modules/.bin/terser --ecma 2020 --compress passes=2 --mangle
ESBUILD := node_modules/.bin/esbuild --minify --legal-comments=none --log-level=warning
assets: node_modules/.package-lock.json ## minifies the banner's script and stylesheet
	{ echo "(() => {"; cat $(STATIC)/consent.js $(STATIC)/banner.js; echo "})();"; } \
		| $(TERSER) > $(ASSETS_OUT)/charte.min.js
	$(ESBUILD) $(STATIC)/banner.css > $(ASSETS_OUT)/banner.min.css

# The hooks of .pre-commit-config.yaml, on every file, with the venv's tools first on PATH.
lint: $(VENV)/.test-deps node_modules/.package-lock.json ## ruff, eslint and hygiene checks (pre-commit, offline)
	PATH="$(abspath $(BIN)):$$PATH" $(BIN)/pre-commit run --all-files

format: $(VENV)/.test-deps ## ruff's fixes and formatting
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages: $(VENV)/.run-deps ## extracts the msgids into wagtail_charte/locale
	$(BIN)/django-admin makemessages $(addprefix -l ,$(LANGUAGES)) --add-location=file \
		--no-obsolete $(MAKEMESSAGES_IGNORE) --settings=sandbox.settings --pythonpath=.

compilemessages: ## compiles the catalogues (.mo, committed)
	for lang in $(LANGUAGES); do \
		msgfmt --check -o $(CATALOGUES)/$$lang/LC_MESSAGES/django.mo $(CATALOGUES)/$$lang/LC_MESSAGES/django.po || exit 1; \
	done

# Longest first: make starts the jobs in this order, and the browser tests are the critical path.
TEST_JOBS_LIST := test-browser test-servers test-postgres test-wagtail7 test-wagtail74 test-suite test-host \
	test-localize test-host-localize test-host-monolingual test-log-database lint test-js
test: $(VENV)/.test-deps node_modules/.package-lock.json system-deps ## lint and every test, side by side: the suite, the browser, the version matrix, PostgreSQL
	rm -rf $(RESULTS) $(COVERAGE) && mkdir -p $(RESULTS) $(COVERAGE)
	$(MAKE) -j$(TEST_JOBS) --output-sync=target $(TEST_JOBS_LIST)
	$(BIN)/python .ci/count-tests $(RESULTS)
	$(BIN)/python -m slipcover --branch --merge $(COVERAGE)/*.json --out $(COVERAGE)/merged.json \
		--skip-covered --fail-under $(COVERAGE_FLOOR) \
		|| { echo "Branch coverage is below the floor of $(COVERAGE_FLOOR)%" >&2; exit 1; }

# Each suite writes its results there (JUnit XML), for the count at the end of `make test`.
RESULTS := test-artifacts/results
# The jobs of `make test` that run at once: their output is printed job by job as each ends.
# Four on two cores: the two browser jobs idle while Chromium and the servers work, and more
# jobs only slow each other down (from a fresh clone, six took 15 min 14 s and a quarter more
# CPU time than three, 12 min 36 s, before the browser tests were split in two).
TEST_JOBS ?= 4
# Branch coverage by slipcover, which measures through sys.monitoring: coverage.py's tracer
# doubled the suite's time. Each job writes its JSON, merged at the end of `make test`.
COVERAGE := test-artifacts/coverage
# What `make test` reached when set (97.6%, lines and branches): a change that tests less fails.
COVERAGE_FLOOR := 97
# slipcover can also measure the tests (we do not): its warnings about them are noise.
PYTEST_RUN = $(BIN)/python -W "ignore:Unable to activate pytest branch coverage" \
	-m slipcover --branch --source wagtail_charte --json --out $(COVERAGE)/$@.json \
	-m pytest -p no:cacheprovider \
	-W "ignore:Module already imported so cannot be rewritten; slipcover:pytest.PytestAssertRewriteWarning"
# The tests that need more than Python and SQLite: headless Chromium, a built wheel, gunicorn.
WITHOUT_BROWSER := not browser and not wheel and not multiprocess

test-suite: $(VENV)/.test-deps ## the suite without the browser, wheel and multi-process tests, on .venv
	@echo "The suite in $(VENV): $$($(call versions,$(VENV)))"
	$(PYTEST_RUN) -m "$(WITHOUT_BROWSER)" --durations=25 --junitxml=$(RESULTS)/suite.xml

# The browser tests in two jobs side by side: each waits on Chromium and its servers more than
# it computes. The audit's, the wheel's, the multi-process and the fault tests in one, the rest in the other.
SERVER_TESTS := tests/audit tests/test_wheel.py tests/test_multiprocess.py tests/test_faults.py
test-browser: $(VENV)/.test-deps ## the browser tests but the audit's, on .venv
	@echo "The browser tests in $(VENV): $$($(call versions,$(VENV)))"
	$(PYTEST_RUN) -m "not ($(WITHOUT_BROWSER))" $(addprefix --ignore=,$(SERVER_TESTS)) \
		--durations=25 --junitxml=$(RESULTS)/browser.xml

test-servers: $(VENV)/.test-deps ## the audit's browser tests, the wheel and several gunicorn workers, on .venv
	@echo "The audit in Chromium, the wheel and the multi-process tests in $(VENV): $$($(call versions,$(VENV)))"
	$(PYTEST_RUN) -m "not ($(WITHOUT_BROWSER))" --durations=25 \
		--junitxml=$(RESULTS)/servers.xml $(SERVER_TESTS)

test-js: ## the banner script's unit tests, with node
	node --test tests/js/

test-localize: $(VENV)/.test-deps ## the wagtail-localize suite
	$(PYTEST_RUN) --ds=tests.settings_localize --junitxml=$(RESULTS)/localize.xml tests/localize

# The package in a host site that is not the sandbox (tests/host): LANGUAGE_CODE "en-us", a
# base template of its own, dark; then as a one-language site, and with wagtail-localize.
test-host: HOST_SETTINGS := tests.host.settings
test-host-monolingual: HOST_SETTINGS := tests.host.settings_monolingual
test-host-localize: HOST_SETTINGS := tests.host.settings_localize
# Chromium on the host once: the variants change languages and apps, not the page's looks.
test-host-monolingual test-host-localize: HOST_MARKS := -m "not browser"
test-host test-host-monolingual test-host-localize: $(VENV)/.test-deps ## the package in a host laid out like a real site
	$(PYTEST_RUN) --ds=$(HOST_SETTINGS) $(HOST_MARKS) --junitxml=$(RESULTS)/$@.xml tests/host

test-log-database: $(VENV)/.test-deps ## the consent log in a database of its own
	$(PYTEST_RUN) --junitxml=$(RESULTS)/log-database.xml $(LOG_DATABASE_TESTS)

test-postgres: $(VENV)/.test-deps ## the database tests again on PostgreSQL, when a server can be started
	@url="$$(.ci/postgres-url)"; \
	if [ -n "$$url" ]; then \
		echo "Running the database tests again on PostgreSQL"; \
		DATABASE_URL="$$url" $(BIN)/pytest -p no:cacheprovider -q \
			--junitxml=$(RESULTS)/postgres.xml $(POSTGRES_TESTS) && \
		DATABASE_URL="$$url" $(BIN)/pytest -p no:cacheprovider -q \
			--junitxml=$(RESULTS)/postgres-log-database.xml $(LOG_DATABASE_TESTS); \
	elif [ -n "$$CHARTE_REQUIRE_POSTGRES" ]; then \
		echo "PostgreSQL is required but could not be started" >&2; exit 1; \
	else echo "PostgreSQL not available: database tests ran on SQLite only"; fi

# The version matrix: the suite without the browser, wheel and multi-process tests (same front
# end, same package, same servers) on each supported combination. Each venv is built once,
# quietly (its pip output goes to install.log), and again when pyproject.toml changes.
# pyenv's shims stand for versions that may not be selected: take the interpreter itself.
versions = $(1)/bin/python -c 'import sys, django, wagtail; \
	print(f"Python {sys.version.split()[0]}, Django {django.__version__}, Wagtail {wagtail.__version__}")'
find_python = $(firstword $(wildcard $(HOME)/.pyenv/versions/$(1).*/bin/python$(1) \
	/usr/local/bin/python$(1) /usr/bin/python$(1)))

# $(1) the venv, $(2) its Python version, $(3) what to pin (~=: no comma to trip make).
define matrix_venv
$(1)/.test-deps: pyproject.toml
	@test -n "$(call find_python,$(2))" || { echo "No Python $(2) here, for $(1)" >&2; exit 1; }
	@echo "Installing $(3) on Python $(2) in $(1)"
	@$(call find_python,$(2)) -m venv $(1)
	@{ $(1)/bin/python -m pip install --quiet --upgrade pip && \
	   $(1)/bin/pip install --quiet $(3) -e ".[test,localize]"; } >$(1)/install.log 2>&1 \
	   || { cat $(1)/install.log >&2; exit 1; }
	@touch $$@
endef

# Besides .venv (the newest): the oldest (migrations are made with it, so that they import
# nothing Wagtail 8 alone has) and the other LTS.
WAGTAIL7 := $(VENV)-wagtail7
$(eval $(call matrix_venv,$(WAGTAIL7),3.11,"Django~=5.2.0" "wagtail~=7.0.0"))
$(eval $(call matrix_venv,$(VENV)-wagtail74,3.12,"Django~=6.0.0" "wagtail~=7.4.0"))

migrations: $(WAGTAIL7)/.test-deps ## makemigrations, with the oldest Wagtail of the matrix
	$(WAGTAIL7)/bin/python sandbox/manage.py makemigrations wagtail_charte wagtail_charte_audit home

test-wagtail7 test-wagtail74: test-%: $(VENV)-%/.test-deps ## the suite without the browser on an older combination
	@echo "Suite without the browser in $(VENV)-$*: $$($(call versions,$(VENV)-$*))"
	$(VENV)-$*/bin/pytest -q -m "$(WITHOUT_BROWSER)" -p no:cacheprovider --junitxml=$(RESULTS)/$*.xml

test-matrix: test-wagtail7 test-wagtail74 ## both older combinations

$(VENV)/.bench-deps: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[test,localize,benchmarks]"
	touch $@ $(VENV)/.test-deps $(VENV)/.run-deps

benchmarks: $(VENV)/.bench-deps system-deps ## the benchmarks, in one table
	$(BIN)/python benchmarks/run.py
