# Every target builds its own virtualenv in .venv, so a fresh clone needs only python3.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: verify test clean

$(BIN)/dscheck: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

verify: $(BIN)/dscheck
	$(BIN)/dscheck verify claims.yaml

test: $(BIN)/dscheck
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) build *.egg-info
