# Set-up and everyday commands. `make demo` and `make test` work on a fresh clone.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# Ray (~600 MB) and the recipes' libraries: installed for the tests only, not for demo
TEST_STAMP := $(VENV)/.test-installed

.PHONY: install demo test test-reimpl lint bench clean ocr-cases

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test,datatrove,parquet]'
	touch $(STAMP)

install: $(STAMP)

$(TEST_STAMP): $(STAMP)
	$(BIN)/python -m pip install -q -e '.[test,datatrove,parquet,ray,recipes]'
	touch $(TEST_STAMP)

demo: install
	rm -rf out
	$(BIN)/cleaner clean seeds -o out --to simplified --explain out/changes.jsonl
	@echo "cleaned files are in out/; every change is in out/changes.jsonl"

test: install $(TEST_STAMP)
	$(BIN)/python -m pytest -q
	scripts/test-reimpl

test-reimpl:
	scripts/test-reimpl

lint: install
	$(BIN)/ruff check cleaner tests bench
	$(BIN)/ruff format --check cleaner tests bench
	$(BIN)/mypy cleaner

# Every bench/*.py (not the helpers bench/_*.py), the comparison table first; BENCH_MB sets
# its corpora's size (`make bench BENCH_MB=2` for a quick run). The arguments below keep
# a default run within about 10 minutes on 2 cores (the scripts' own defaults are larger).
BENCH_MB ?= 20
# issue #13: --engine ray against -j 2 on 100 MB of gzip JSON Lines (the longest run)
ENGINES_MB ?= 100
bench: install $(TEST_STAMP)
	@# byte-compiled as an installed package is (pip compiles a wheel's modules), so that
	@# start-up is not timed compiling sources (PYTHONDONTWRITEBYTECODE keeps it from caching)
	@$(BIN)/python -m compileall -q cleaner
	@for f in bench/compare.py bench/[!_]*.py; do \
	  case $$f in \
	    bench/compare.py) [ -n "$$done_compare" ] && continue; done_compare=1; \
	      args="--mb $(BENCH_MB)";; \
	    bench/corpora.py) args="--mb $(BENCH_MB)";; \
	    bench/convert.py) args="--mb 5 --repeat 3";; \
	    bench/encoding_gbk_shift.py) args="--sizes 3000,10000";; \
	    bench/encoding_text.py) args="--mb 5 --repeat 1 --stage-damaged-mb 0.05";; \
	    bench/layout.py) args="5";; \
	    bench/engines.py) args="--mb $(ENGINES_MB)";; \
	    *) args="";; \
	  esac; \
	  echo "== $$f $$args"; $(BIN)/python $$f $$args || exit 1; \
	done

# Rebuild the real-tool damage set (tests/layout/ocr/pages/): needs the apt packages
# of README "Real-tool damage set"; slow (tesseract), so it runs under nice.
ocr-cases: install
	$(BIN)/python -m pip install -q -e '.[ocr]'
	nice $(BIN)/python scripts/ocr_cases.py

clean:
	rm -rf out build dist .pytest_cache .mypy_cache .ruff_cache
