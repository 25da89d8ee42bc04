# The two commands (see README): `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
ADDRESS := 127.0.0.1:8000
# The suite runs on every core (pytest-xdist); PYTEST_ARGS="-n0 ..." runs it in one process.
PYTEST_ARGS ?= -n auto
# gettext: compilemessages; fonts and pango: WeasyPrint PDFs in Chinese (Noto CJK
# for 小标宋/仿宋/黑体, AR PL UKai and KaitiM GB for 楷体, see static/css/print.css).
RUN_PACKAGES := gettext fonts-noto-cjk fonts-arphic-ukai fonts-arphic-gkai00mp \
	libpango-1.0-0 libpangoft2-1.0-0
# Browser tests drive Debian's Chromium, never a downloaded one.
TEST_PACKAGES := $(RUN_PACKAGES) chromium

.PHONY: run test setup lint format messages lock

run: setup
	@scripts/system-packages.sh $(RUN_PACKAGES)
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	@echo "人大街道工委门户: http://$(ADDRESS)/"
	$(PY) manage.py runserver $(ADDRESS)

test: setup
	@scripts/system-packages.sh $(TEST_PACKAGES)
	$(PY) -m pytest $(PYTEST_ARGS)

setup: $(VENV)/.installed node_modules/.installed
	@scripts/system-packages.sh gettext
	$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules -v0

$(VENV)/.installed: requirements-dev.lock
	@$(PYTHON) -c "import ensurepip" 2>/dev/null || scripts/system-packages.sh python3-venv
	test -x $(PY) || $(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); exit 1; }
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q --require-hashes -r requirements-dev.lock
	touch $@

node_modules/.installed: package-lock.json
	@command -v npm >/dev/null || scripts/system-packages.sh nodejs npm
	npm ci --no-audit --no-fund
	touch $@

lint: setup
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: setup
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

messages: setup
	$(PY) manage.py makemessages -l zh_Hans --ignore=.venv --ignore=node_modules --ignore=staticfiles --no-location

lock:
	$(PY) -m uv pip compile -q --generate-hashes --python-version 3.11 pyproject.toml -o requirements.lock
	$(PY) -m uv pip compile -q --generate-hashes --python-version 3.11 --extra dev pyproject.toml -o requirements-dev.lock
