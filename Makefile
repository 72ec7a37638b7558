# The README's commands. Everything runs from the project's own virtualenv in .venv.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test lint format clean code bench worker

# (Re)install whenever pyproject.toml changes.
$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
		|| { echo "Python 3.11 of nieuwer is nodig ($(PYTHON))."; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

# Local demo: SQLite unless DATABASE_URL is set; fictional data; accounts printed.
# Another port: make run PORT=8001
PORT ?= 8000
run: export DEBUG ?= true
run: $(STAMP)
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo --poort $(PORT)
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# A worker with the scheduler (beat) for a local setup with Redis, e.g.
# CELERY_BROKER_URL=redis://127.0.0.1:6379/0 make worker (and the same variable for make run).
# Production runs worker and beat as separate services: see the README.
worker: $(STAMP)
	@test -n "$$CELERY_BROKER_URL" || { echo "Zet CELERY_BROKER_URL (bijv. redis://127.0.0.1:6379/0)."; exit 1; }
	$(BIN)/celery -A pga worker --beat --loglevel=INFO --concurrency=2 \
		--schedule=$(VENV)/celerybeat-schedule

# The whole suite; PostgreSQL when DATABASE_URL is set, SQLite otherwise.
test: $(STAMP)
	$(BIN)/pytest $(PYTEST_ARGS)

# City-scale benchmark and load test, on its own database (PostgreSQL when DATABASE_URL is
# set, else SQLite); prints a table and writes bench/results/. BENCH_ARGS=--reuse measures
# again without seeding.
BENCH_STAMP := $(VENV)/.installed-bench
$(BENCH_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	touch $@

bench: $(BENCH_STAMP)
	$(BIN)/python -m bench $(BENCH_ARGS)

# The current second-factor code of a demo account: make code user=sanne
code: export DEBUG ?= true
# (A refusal is its one Dutch line, without make's own error line after it.)
code: $(STAMP)
	@$(BIN)/python manage.py demo_code "$(user)" || true

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/vulture

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache *.egg-info
