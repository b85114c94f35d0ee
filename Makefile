# Harbor: `make run` starts the assistant, `make test` runs every check.
# Both build what they need first: virtualenv, packages from the lock, the spaCy
# pipeline, the database, development secrets and (only when data changed) the model.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
VENV := .venv
PY := $(VENV)/bin/python
HARBOR := $(VENV)/bin/harbor
RASA := $(VENV)/bin/rasa
MODEL := models/harbor.tar.gz
export PYTHONDONTWRITEBYTECODE := 1
export SQLALCHEMY_SILENCE_UBER_WARNING := 1

.PHONY: help run test setup system-deps train pytest scaleout validate test-stories eval-nlu eval-crisis eval-redaction clean

help: ## Show the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-13s %s\n", $$1, $$2}'

$(VENV)/.installed: pyproject.toml constraints.txt
	@test -x $(PY) || { echo "Creating $(VENV) with $$(scripts/find-python310)"; "$$(scripts/find-python310)" -m venv $(VENV); }
	$(PY) -m pip install --quiet --upgrade "pip<24.1" "setuptools<71" wheel
	$(PY) -m pip install --progress-bar on -c constraints.txt -e ".[test]"
	@touch $@

setup: $(VENV)/.installed ## Install, create secrets, migrate the database, build the spaCy pipeline
	$(HARBOR) setup

train: setup ## Train the Rasa model, only when training data or config changed
	$(HARBOR) train

run: train ## Start the action server and the Rasa server on localhost (Ctrl-C stops both)
	$(HARBOR) run

system-deps: ## Debian's chromium, postgresql and redis-server for the tests (installed only if missing)
	scripts/system-deps

test: system-deps train ## Every check: pytest (incl. browser and scale-out), validation, test stories, evaluations
	$(MAKE) --no-print-directory pytest scaleout validate test-stories eval-nlu eval-crisis eval-redaction
	@echo "All Harbor checks passed."

pytest: ## Unit, integration and browser tests (real Rasa and action servers, SQLite, PostgreSQL, Chromium)
	$(PY) -m pytest -q -ra -m "not scaleout"

scaleout: ## PostgreSQL + Redis + two Rasa replicas, 200 conversations, one replica stopped mid-run
	$(PY) -m pytest tests/scaleout -m scaleout -q -ra -s

validate: ## rasa data validate
	$(RASA) data validate --data data/nlu data/stories data/rules

test-stories: ## Test stories, failing on any prediction error
	$(RASA) test core --stories tests/stories --model $(MODEL) --fail-on-prediction-errors --out results/core

eval-nlu: ## Intent evaluation on the held-out set (never trained on)
	$(HARBOR) eval nlu

eval-crisis: ## Crisis detection on the held-out set and the blind check sets v16, v17: recall, precision, F2, false escalations
	$(HARBOR) eval crisis
	$(HARBOR) eval crisis --data evaluation/dev/crisis_check16.yml --out results/crisis_check16.json
	$(HARBOR) eval crisis --data evaluation/dev/crisis_check17.yml --out results/crisis_check17.json

eval-redaction: ## Redaction on the held-out set: recall, precision, F2 per kind (fails under target)
	$(HARBOR) eval redaction --enforce

clean: ## Remove trained models, results and run data (keeps the virtualenv)
	rm -rf models results var
