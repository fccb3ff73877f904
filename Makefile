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
# The published Wuhan text the example's figures come from (present next to the repository in the
# shared samples; the demo says so and goes on without it).
PUBLISHED ?= ../shared/samples/wuhan-gxzx-2026-unit-budget.txt

# Each step prints what it shows; `check` exits 1 when it finds errors, which the published text is
# expected to do (`|| test $$? -eq 1`: any other exit code still stops make).
demo: $(STAMP)
	@echo "== 关键数字：$(DEMO)"
	$(BIN)/yusuan summary $(DEMO)
	@echo
	@echo "== 检查已公开的武汉市工业信息化中心 2026 年单位预算：应找出三处真实问题（表2 列入目录却没有表、公开了个人手机号码、情况说明中的项目名称与表10 不一致）"
	@if [ -f $(PUBLISHED) ]; then $(BIN)/yusuan check $(PUBLISHED) || test $$? -eq 1; \
	else echo "（未找到 $(PUBLISHED)，跳过这一步）"; fi
	@echo
	@mkdir -p out
	@echo "== 由同样的数字生成 PDF：先检查，有错误时不生成；表2 收入总表按定义由表3 补齐，情况说明由数字写出"
	$(BIN)/yusuan render $(DEMO) --to pdf -o out/wuhan-gxzx-2026.pdf --force
	@echo
	@echo "== 检查生成的 PDF：应没有任何问题"
	$(BIN)/yusuan check out/wuhan-gxzx-2026.pdf
	@echo
	@echo "== 存入预算库：out/demo.sqlite"
	$(BIN)/yusuan ingest $(DEMO) out/wuhan-gxzx-2026.pdf --db sqlite:///out/demo.sqlite
	@echo
	@echo "== 完成：生成的文件在 out/wuhan-gxzx-2026.pdf"
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
