# Paraat: `make run` serves everything, `make test` checks everything.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8000
WORKERS ?= 2
export NO_MKDOCS_2_WARNING := 1

.PHONY: run test install install-test browser translations site db preview \
        check-content messages bench clean

run: install translations site db
	$(BIN)/gunicorn --workers $(WORKERS) --bind 127.0.0.1:$(PORT) \
		--access-logfile /dev/null 'backend:create_app()'

test: install-test browser translations site check-content
	$(BIN)/pytest

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install -q -e '.[test]'
	touch $@

# The second checkers beside axe: the W3C HTML checker (Java) and HTML_CodeSniffer, from npm.
CHECKERS := build/checkers
$(CHECKERS)/.installed:
	@command -v java >/dev/null || { apt-get update -qq && apt-get install -y -qq default-jre-headless >/dev/null; }
	@command -v npm >/dev/null || { apt-get update -qq && apt-get install -y -qq npm >/dev/null; }
	mkdir -p $(CHECKERS)
	npm install --silent --no-audit --no-fund --prefix $(CHECKERS) html_codesniffer@2.5.1 vnu-jar@26.9.27
	touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test $(CHECKERS)/.installed

# Debian's Chromium where no Chromium is present; Playwright's own as a fallback.
browser: install-test
	@$(BIN)/python -m tests.browser.find_chromium >/dev/null 2>&1 || \
	  { (apt-get update -qq && apt-get install -y -qq chromium >/dev/null) || \
	    $(BIN)/python -m playwright install chromium; }
	@$(BIN)/python -m tests.browser.find_chromium

translations: install
	$(BIN)/pybabel -q compile -d translations

site: install
	$(BIN)/python -m backend.sitebuild build --strict --quiet

db: install
	$(BIN)/flask --app backend init-db

check-content: install
	$(BIN)/python -m backend.content_check

# Editors: the site with live reload on :8001 beside the backend on :$(PORT).
preview: install translations site db
	$(BIN)/python -m backend.sitebuild serve --dev-addr 127.0.0.1:8001 & site=$$!; \
	trap 'kill $$site' EXIT INT TERM; \
	$(BIN)/gunicorn --reload --bind 127.0.0.1:$(PORT) --access-logfile /dev/null 'backend:create_app()'

# Translators: refresh the catalogs after UI strings changed in the code.
messages: install
	$(BIN)/pybabel -q extract -k _l -F translations/babel.cfg -o translations/messages.pot --no-location --sort-output .
	$(BIN)/pybabel -q update -i translations/messages.pot -d translations --no-fuzzy-matching --ignore-obsolete

bench: install-test translations site
	$(BIN)/python -m tests.benchmarks.run

clean:
	rm -rf build instance $(VENV)
