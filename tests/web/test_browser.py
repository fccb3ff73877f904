"""The browser walk (Playwright driving Debian's chromium): upload a sample → see its findings → open one
finding's page image → keep it → find it in the list → compare with another → download the facts CSV.

The server is the real `yusuan serve` over a fresh store holding one other budget. Screenshots of each
page are written to $YUSUAN_SCREENSHOTS when set (`make screenshots` writes docs/images/)."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import sample

from .conftest import EXAMPLE

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
YUSUAN = [sys.executable, "-m", "yusuan"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("web")
    db = f"sqlite:///{folder / 'web.sqlite'}"
    env = {**os.environ, "YUSUAN_DB": db}
    env.pop("YUSUAN_TOKEN", None)
    subprocess.run([*YUSUAN, "ingest", str(EXAMPLE), "--db", db], check=True, capture_output=True, env=env)
    port = _free_port()
    process = subprocess.Popen([*YUSUAN, "serve", "--db", db, "--port", str(port)], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            if process.poll() is not None:
                raise AssertionError(process.stderr.read().decode())
            time.sleep(0.1)
    yield url
    process.terminate()
    process.wait(10)


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        if os.environ.get("CI"):  # `make test` installs it: under CI its absence is a failure
            pytest.fail("/usr/bin/chromium absent: the Makefile's browser step should have installed it")
        pytest.skip("/usr/bin/chromium absent (make test installs Debian's chromium)")
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


def _shot(page, name: str) -> None:
    folder = os.environ.get("YUSUAN_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.wait_for_timeout(400)  # charts draw their labels on the next frames
        tall = page.evaluate("document.documentElement.scrollHeight") > 2400  # long pages: the first screen
        page.screenshot(path=str(Path(folder) / f"web-{name}.png"), full_page=not tall)


def _charts_drawn(page) -> None:
    if page.locator("[data-chart]").count():
        page.wait_for_selector("html[data-charts-ready]", timeout=10_000)
        assert page.locator("[data-chart] svg").count() == page.locator("[data-chart]").count()


def test_upload_finding_keep_list_compare_download(server, browser, tmp_path):
    pdf = sample("xian-tjj-2026-dept-budget.pdf")
    page = browser.new_page(viewport={"width": 1280, "height": 900}, accept_downloads=True, locale="zh-CN")
    page.set_default_timeout(60_000)
    elsewhere = []  # nothing is fetched from another site (ECharts is vendored)
    page.on("request", lambda request: elsewhere.append(request.url) if not request.url.startswith(server) else None)
    page.goto(server + "/")
    assert page.title() == "检查文件 · yusuan"
    _shot(page, "home")

    # upload → the report, findings grouped by table
    page.set_input_files("input[name=file]", str(pdf))
    page.click("#upload button[type=submit]")
    page.wait_for_load_state("domcontentloaded")
    if page.locator(".bar").count():  # the progress page, until the report replaces it
        assert "正在读取 xian-tjj-2026-dept-budget.pdf" in page.inner_text("h1")
        _shot(page, "progress")
    page.wait_for_selector("#findings")
    assert page.locator("h1").first.inner_text() == "西安市统计局（汇总）2026年部门预算公开说明"
    groups = page.locator("details.group summary").all_inner_texts()
    assert any(g.startswith("表14 部门专项业务经费绩效目标表") for g in groups)
    assert page.locator("li.finding").count() == 2
    assert page.locator("#figures").inner_text().count("6210.93") == 3  # 收入、支出总计，财政拨款
    _charts_drawn(page)
    _shot(page, "report")

    # a finding → its page, the cell boxed
    page.click("li.finding.notice a")
    image = page.locator("#page-image")
    image.wait_for()
    for _ in range(100):  # (wait_for_function evaluates a string: the pages' CSP forbids that)
        if page.evaluate("document.getElementById('page-image').complete"):
            break
        page.wait_for_timeout(100)
    assert page.evaluate("document.getElementById('page-image').naturalWidth") > 500
    assert "K303" in page.locator("h1").inner_text() and "第 34 页" in page.inner_text("main")
    _shot(page, "finding")
    page.go_back()

    # keep it → its page in the store
    page.click("#keep button[type=submit]")
    page.wait_for_selector("#flash")
    assert page.inner_text("#flash") == "已保存到预算库。"
    stored_url = page.url.split("?")[0]
    _charts_drawn(page)
    _shot(page, "budget")
    page.locator("#charts").scroll_into_view_if_needed()
    if os.environ.get("YUSUAN_SCREENSHOTS"):
        page.wait_for_timeout(400)
        page.screenshot(path=str(Path(os.environ["YUSUAN_SCREENSHOTS"]) / "web-budget-charts.png"))
    assert page.locator("table.budget").count() >= 9  # every table as printed
    page.locator("h3.table-title").nth(2).scroll_into_view_if_needed()
    if os.environ.get("YUSUAN_SCREENSHOTS"):
        page.evaluate("window.scrollBy(0, -60)")
        page.screenshot(path=str(Path(os.environ["YUSUAN_SCREENSHOTS"]) / "web-budget-tables.png"))

    # find it in the list
    page.goto(server + "/budgets")
    page.fill("input[name=q]", "统计局")
    page.click(".filters button[type=submit]")
    rows = page.locator("#budget-list tbody tr")
    assert rows.count() == 1 and "西安市统计局（汇总）" in rows.first.inner_text()
    page.goto(server + "/budgets")
    assert page.locator("#budget-list tbody tr").count() == 2
    _shot(page, "budgets")

    # compare with the other budget
    page.locator("#budget-list tbody tr", has_text="西安市统计局").locator("text=比较…").click()
    page.select_option("select[name=b]", label="1 · 武汉市工业信息化中心 2026 年单位预算")
    page.click("#compare-form button[type=submit]")
    page.wait_for_selector("#cmp-figures")
    first = page.locator("#cmp-figures tbody tr").first.inner_text()
    assert first.split("\t")[:3] == ["收入总计", "6,210.92972", "778.64"]
    _charts_drawn(page)
    _shot(page, "compare")

    page.goto(server + "/series?unit=武汉市工业信息化中心")
    _charts_drawn(page)
    _shot(page, "series")
    page.goto(server + "/ranking?year=2026&figure=three_public_total&kind=预算")
    _charts_drawn(page)
    assert page.locator("table.list tbody tr").count() == 2
    _shot(page, "ranking")

    # download the facts CSV from the stored budget's page
    page.goto(stored_url)
    with page.expect_download() as info:
        page.click("text=数据（CSV）")
    path = tmp_path / "facts.csv"
    info.value.save_as(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "table,code,item,measure,value_yuan,page,line,value,unit"
    assert len(lines) > 100
    assert info.value.suggested_filename == "xian-tjj-2026-dept-budget-facts.csv"
    assert elsewhere == []
    page.close()


def test_api_docs_render_from_the_vendored_swagger_ui(server, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(server + "/api/docs")
    page.wait_for_selector(".swagger-ui .opblock", timeout=30_000)
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert {"/api/check", "/api/budgets", "/api/budgets/{budget_id}", "/api/compare"} <= {p.strip() for p in paths}
    _shot(page, "api-docs")
    page.goto(server + "/budgets")
    assert requested and all(url.startswith(server) or url.startswith("data:") for url in requested), \
        [url for url in requested if not url.startswith(server)]
    page.close()
