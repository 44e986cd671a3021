# Two entry points on a fresh machine: `make demo` and `make test`. Both install everything.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test clean system-deps browser student-dist

# Debian packages the grader uses when it can: bubblewrap sandboxes the kernels.
system-deps:
	@command -v bwrap >/dev/null || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null && \
	  (apt-get update -qq && apt-get install -y -qq bubblewrap); } || \
	  echo "note: bubblewrap is not installed; kernels run with weaker isolation (see docs/security.md)"

$(STAMP): pyproject.toml Makefile
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet torch==2.14.1 torchvision==0.29.1
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP) system-deps
	$(BIN)/grade assignments/*/examples --out reports --allow-weak-isolation

# The browser tests drive Debian's chromium (no browser download), and the Korean pages need a
# Korean font to be read in their screenshots: install both when missing (as root).
browser:
	@command -v chromium >/dev/null || { [ "$$(id -u)" = 0 ] && (apt-get update && apt-get install -y chromium); } \
		|| { echo "make test needs Debian's chromium: apt-get install chromium (as root)"; exit 1; }
	@fc-list :lang=ko | grep -q . || { [ "$$(id -u)" = 0 ] && (apt-get update && apt-get install -y fonts-nanum); } \
		|| echo "no Korean font: Korean screenshots will show boxes (apt-get install fonts-nanum)"

test: $(STAMP) system-deps browser
	$(BIN)/python -m pytest

# The students' wheel: engine, rubrics, templates and public references (PyTorch's own ops, locks
# built here from solutions/), without solutions/, examples or mistakes; see README "For students".
student-dist: $(STAMP)
	$(BIN)/python -m grader.student_dist --out dist/student

clean:
	rm -rf $(VENV) reports .pytest_cache
