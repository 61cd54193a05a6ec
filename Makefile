# Paraat: `make run` serves everything, `make test` checks everything.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8000
WORKERS ?= 2
# Local absolute addresses (canonical, hreflang, sitemap, security.txt) follow PORT unless the public one is set.
export PARAAT_SITE_URL ?= http://127.0.0.1:$(PORT)/

.PHONY: run serve test install install-test browser full-browser postgres nginx translations vendor site db preview FORCE \
        check-content definitions messages bench bench-front bench-dashboard bench-weight lock clean

# What a production machine runs (README, "Running in production"): gunicorn (gunicorn.conf.py) behind the
# buffering front, Debian's nginx, both started and stopped by backend/serve.py. PARAAT_BIND is the public
# address (make run: PORT); every documented setting comes from the environment, and a bad one or a busy
# port stops it with one line; a start prints the site's and the dashboard's addresses.
serve: install nginx vendor definitions translations site db
	@PARAAT_BIND=$${PARAAT_BIND:-127.0.0.1:$(PORT)} PARAAT_WORKERS=$${PARAAT_WORKERS:-$(WORKERS)} \
	  $(BIN)/python -m backend.serve

run: serve

# Three workers on a machine of two cores: much of a test is waiting (on a browser, a server, a socket).
TEST_WORKERS ?= 3
test: install-test browser postgres nginx vendor translations site check-content
	$(BIN)/pytest -n $(TEST_WORKERS)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Every installed package is the version and the file the lock names (hashes); `make lock` renews them.
$(VENV)/.installed: pyproject.toml requirements.lock | $(BIN)/python
	$(BIN)/pip install -q --require-hashes -r requirements.lock
	$(BIN)/pip install -q --no-deps -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml requirements-test.lock $(VENV)/.installed
	$(BIN)/pip install -q --require-hashes -r requirements-test.lock
	touch $@

# After a change to the pins in pyproject.toml: the whole tree again, with hashes.
PIP_COMPILE = build/lock-tools/bin/pip-compile -q --generate-hashes --allow-unsafe --strip-extras \
              --no-emit-index-url --no-emit-find-links
lock:
	$(PYTHON) -m venv build/lock-tools && build/lock-tools/bin/pip install -q pip-tools==7.7.0
	$(PIP_COMPILE) -o requirements.lock pyproject.toml
	$(PIP_COMPILE) --extra test -o requirements-test.lock pyproject.toml

# The second checkers beside axe: the W3C HTML checker (Java) and HTML_CodeSniffer, from npm.
CHECKERS := build/checkers
$(CHECKERS)/.installed:
	@command -v java >/dev/null || { apt-get update -qq && apt-get install -y -qq default-jre-headless >/dev/null; }
	@command -v npm >/dev/null || { apt-get update -qq && apt-get install -y -qq npm >/dev/null; }
	mkdir -p $(CHECKERS)
	npm install --silent --no-audit --no-fund --prefix $(CHECKERS) html_codesniffer@2.5.1 vnu-jar@26.9.27
	touch $@

# Debian's PostgreSQL server, which the tests and benchmarks start throwaway copies of (tests/pg.py),
# when none is installed; another install running (apt-get, dpkg) is waited for.
postgres:
	@ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || { \
	  while pgrep -x apt-get >/dev/null || pgrep -x dpkg >/dev/null; do sleep 5; done; \
	  apt-get update -qq && apt-get install -y -qq postgresql >/dev/null; }

# Debian's nginx, the front of `make serve`, when it is missing; never while another install runs.
nginx:
	@command -v nginx >/dev/null || test -x /usr/sbin/nginx || { \
	  while pgrep -x apt-get >/dev/null || pgrep -x dpkg >/dev/null; do sleep 5; done; \
	  apt-get update -qq && apt-get install -y -qq nginx >/dev/null; }

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test $(CHECKERS)/.installed

# Debian's headless Chromium shell (tests/browser/find_chromium.py) where it is missing; where it cannot be
# installed, any Chromium present, else Playwright's own.
browser: install-test
	@test -x /usr/lib/chromium/chromium-headless-shell || { \
	  while pgrep -x apt-get >/dev/null || pgrep -x dpkg >/dev/null; do sleep 5; done; \
	  (apt-get update -qq && apt-get install -y -qq chromium-headless-shell >/dev/null); } || \
	  $(BIN)/python -m tests.browser.find_chromium >/dev/null 2>&1 || \
	  $(BIN)/python -m playwright install chromium-headless-shell
	@$(BIN)/python -m tests.browser.find_chromium

translations: install
	$(BIN)/pybabel -q compile -d translations -D "messages dashboard"

# The vendored chart library is used only as the checksums say it was fetched.
vendor:
	cd backend/static/vendor/chartjs && sha256sum --quiet -c SHA256SUMS

# The site is built again only when its sources or its address (PARAAT_SITE_URL) changed.
SITE_URL_STAMP := build/site-url
$(shell mkdir -p build && [ "$$(cat $(SITE_URL_STAMP) 2>/dev/null)" = "$(PARAAT_SITE_URL)" ] || \
        printf '%s' "$(PARAAT_SITE_URL)" > $(SITE_URL_STAMP))
SITE_SOURCES := $(SITE_URL_STAMP) mkdocs.yml $(shell find content site -type f -not -path 'content/checklists/*') \
                $(wildcard backend/static/*.js)
# The stamp lives beside the site, not in it: whatever is in build/site is served.
SITE_STAMP := build/.site-built
$(shell [ -f build/site/index.html ] || rm -f $(SITE_STAMP))
$(SITE_STAMP): $(SITE_SOURCES) build/.contact $(VENV)/.installed
	$(BIN)/python -m backend.sitebuild build --strict --quiet
	touch $@

# The footer and the accessibility statement carry PARAAT_CONTACT: another address builds the site again.
build/.contact: FORCE
	@mkdir -p build; echo "$$PARAAT_CONTACT" | cmp -s - $@ || echo "$$PARAAT_CONTACT" > $@

FORCE:

site: install $(SITE_STAMP)

# A checklist file that cannot be used stops here, with one line naming file, item and field.
definitions: install
	@$(BIN)/python -m backend.definitions

db: install definitions
	$(BIN)/flask --app backend init-db

check-content: install
	$(BIN)/python -m backend.content_check

# Editors: the whole product on one port (PORT), each saved page rebuilt within seconds.
preview: install definitions translations site db
	$(BIN)/python -m backend.preview --port $(PORT)

# Translators: refresh the catalogs after UI strings changed in the code.
messages: install
	$(BIN)/pybabel -q extract -k _l -F translations/babel.cfg -o translations/messages.pot --no-location --sort-output .
	$(BIN)/pybabel -q update -i translations/messages.pot -d translations --no-fuzzy-matching --ignore-obsolete
	$(BIN)/pybabel -q extract --no-default-keywords -k _d -k _dn:1,2 -k _ -F translations/dashboard.cfg \
	  -o translations/dashboard.pot --no-location --sort-output .
	$(BIN)/pybabel -q update -D dashboard -i translations/dashboard.pot -d translations --no-fuzzy-matching \
	  --ignore-obsolete

# In process: what each request costs; then under load: the production server against a bare Flask app.
bench: install-test postgres translations site db
	$(BIN)/python -m tests.benchmarks.run
	$(BIN)/python -m tests.benchmarks.load

# /healthz while 100 slow uploads and 100 slow readers are held: behind the front, and gunicorn alone.
bench-front: install-test nginx translations site
	$(BIN)/python -m tests.benchmarks.front

# The officials' dashboard at 10 thousand, 100 thousand and a million households (kept in build/bench/).
bench-dashboard: install-test translations site
	$(BIN)/python -m tests.benchmarks.dashboard

# Bytes on the wire per page kind in a fresh Chromium, first and repeat visit; what a CDN may keep.
bench-weight: install-test full-browser translations site db
	$(BIN)/python -m tests.benchmarks.weight

# Debian's whole Chromium for bench-weight: it asks for what a person's browser asks for (the icon).
full-browser: install-test
	@test -x /usr/lib/chromium/chromium || { \
	  while pgrep -x apt-get >/dev/null || pgrep -x dpkg >/dev/null; do sleep 5; done; \
	  (apt-get update -qq && apt-get install -y -qq chromium >/dev/null); } || \
	  $(BIN)/python -m playwright install chromium

clean:
	rm -rf build instance $(VENV)
