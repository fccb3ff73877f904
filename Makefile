# Two commands do everything on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test install bench docs clean system browser screenshots serve

# System packages the tests need (CI is a fresh Debian machine, as root): PostgreSQL for the store's
# Dask + PostgreSQL test (tests/store/test_dask_postgres.py starts its own server with initdb + pg_ctl).
system:
	@ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || command -v pg_ctl >/dev/null 2>&1 || \
	  { [ "$$(id -u)" = 0 ] && (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) \
	    || echo "postgresql not installed: the PostgreSQL tests will be skipped"; }

# The browser tests (tests/web/test_browser.py) drive Debian's chromium with Playwright (Playwright's own
# browser download cannot work here); CJK fonts so the pages render their Chinese text.
browser:
	@command -v chromium >/dev/null 2>&1 && fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || \
	  { [ "$$(id -u)" = 0 ] && (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	      --no-install-recommends chromium fonts-noto-cjk >/dev/null) \
	    || echo "chromium not installed: the browser tests will be skipped"; }

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

DEMO := examples/wuhan-gxzx-2026.yaml

demo: $(STAMP)
	@echo "== 关键数字：$(DEMO)"
	$(BIN)/yusuan summary $(DEMO)
	@echo "== 一致性检查：$(DEMO)（发现问题时退出码为 1，这里照常继续）"
	-$(BIN)/yusuan check $(DEMO)
	@mkdir -p out
	@echo "== 生成 PDF（情况说明由数字自动生成）：out/wuhan-gxzx-2026.pdf"
	$(BIN)/yusuan render $(DEMO) --to pdf -o out/wuhan-gxzx-2026.pdf --force
	@echo "== 检查生成的 PDF（示例缺少原文档未公开的表2 收入总表，预计只报告这一项）"
	-$(BIN)/yusuan check out/wuhan-gxzx-2026.pdf
	@echo "== 存入预算库：out/demo.sqlite"
	$(BIN)/yusuan ingest $(DEMO) out/wuhan-gxzx-2026.pdf --db sqlite:///out/demo.sqlite
	@echo "== 网页应用：运行下面的命令，然后在浏览器中打开 http://127.0.0.1:8000/"
	@echo "   $(BIN)/yusuan serve --db sqlite:///out/demo.sqlite    （或 make serve）"

serve: $(STAMP)
	$(BIN)/yusuan serve --db sqlite:///out/demo.sqlite

# Screenshots of every page (docs/images/), taken by the browser walk.
screenshots: $(STAMP) browser
	YUSUAN_SCREENSHOTS=docs/images $(BIN)/python -m pytest tests/web/test_browser.py -q

test: $(STAMP) system browser
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	$(BIN)/python bench/run_all.py

docs: $(STAMP)
	$(BIN)/python -m yusuan.docs_gen

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info
