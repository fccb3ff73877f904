"""The pages: forms need the CSRF token, a document's text is shown escaped, the upload → report →
finding → keep → list → budget page flow over the test client, safety headers."""
from __future__ import annotations

import re

from cli_util import run

from .conftest import csrf_of, example_yaml

SCRIPT_UNIT = "<script>alert('x')</script>测试单位"


def _upload(client, name, data, csrf):
    return client.post("/check", files={"file": (name, data)}, data={"csrf": csrf}, follow_redirects=False)


def _report(client, response):
    assert response.status_code == 303, response.text
    url = response.headers["location"]
    for _ in range(300):  # the progress page refreshes itself until the report is ready
        page = client.get(url)
        if "正在读取" not in page.text:
            return url, page
        import time
        time.sleep(0.1)
    raise AssertionError("the check did not finish")


def test_a_form_without_its_csrf_token_is_refused(client):
    csrf_of(client)
    response = _upload(client, "a.yaml", example_yaml(), csrf="forged")
    assert response.status_code == 403 and "CSRF" in response.text
    client.cookies.clear()
    response = _upload(client, "a.yaml", example_yaml(), csrf="")
    assert response.status_code == 403


def test_upload_report_finding_keep_list(client):
    csrf = csrf_of(client)
    url, page = _report(client, _upload(client, "wuhan.yaml", example_yaml(), csrf))
    assert page.status_code == 200
    assert "武汉市工业信息化中心" in page.text and "C002" in page.text and "缺少版式要求的“表2 收入总表”" in page.text
    assert "778.64" in page.text  # 支出总计 in 万元
    assert 'data-chart="by_class"' in page.text and "表3 支出总表" in page.text
    finding = client.get(f"{url}/finding/0")
    assert finding.status_code == 200 and "required-table-absent" in finding.text
    assert "没有对应的页面图像" in finding.text  # a YAML has no pages
    csv = client.get(f"{url}/download/facts.csv")
    assert csv.status_code == 200 and csv.text.splitlines()[0] == "table,code,item,measure,value_yuan,page,line,value,unit"
    kept = client.post(f"{url}/keep", data={"csrf": csrf}, follow_redirects=False)
    assert kept.status_code == 303 and kept.headers["location"] == "/budgets/1?kept=stored"
    budget = client.get("/budgets/1?kept=stored")
    assert "已保存到预算库" in budget.text and "武汉市工业信息化中心" in budget.text
    listing = client.get("/budgets", params={"q": "工业信息"})
    assert '<a href="/budgets/1">武汉市工业信息化中心</a>' in listing.text
    assert "没有符合条件的预算" in client.get("/budgets", params={"q": "不存在的单位"}).text
    again = client.post(f"{url}/keep", data={"csrf": csrf}, follow_redirects=False)
    assert again.headers["location"] == "/budgets/1?kept=duplicate"


def test_keeping_needs_the_token_when_one_is_set(client_for):
    client = client_for(token="s3cret")
    csrf = csrf_of(client)
    url, page = _report(client, _upload(client, "wuhan.yaml", example_yaml(), csrf))
    assert 'name="token"' in page.text
    refused = client.post(f"{url}/keep", data={"csrf": csrf}, follow_redirects=False)
    assert refused.status_code == 401 and "口令" in refused.text
    kept = client.post(f"{url}/keep", data={"csrf": csrf, "token": "s3cret"}, follow_redirects=False)
    assert kept.status_code == 303


def test_a_unit_name_holding_a_script_is_shown_escaped(client):
    csrf = csrf_of(client)
    url, page = _report(client, _upload(client, "x.yaml", example_yaml(unit=SCRIPT_UNIT), csrf))
    assert "<script>alert" not in page.text
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;测试单位" in page.text
    client.post(f"{url}/keep", data={"csrf": csrf})
    for path in ("/budgets", "/budgets/1", "/compare?a=1&b=1", "/ranking?year=2026",
                 "/series?unit=" + SCRIPT_UNIT):
        text = client.get(path).text
        assert "<script>alert" not in text, path
        assert "&lt;script&gt;" in text, path
    # the ranking chart's data names the unit: inside its JSON block '<' is written \u003c
    block = re.search(r'<script type="application/json" id="chart-data">(.*?)</script>',
                      client.get("/ranking?year=2026").text, re.S).group(1)
    assert "\\u003cscript\\u003ealert" in block and "<" not in block


def test_stored_budget_pages_and_downloads(client):
    csrf = csrf_of(client)
    for year in (2025, 2026):
        url, _ = _report(client, _upload(client, f"w{year}.yaml", example_yaml(year=year), csrf))
        client.post(f"{url}/keep", data={"csrf": csrf})
    page = client.get("/budgets/2")
    assert page.status_code == 200 and "第二部分" in page.text
    for name, kind in (("report.html", "text/html"), ("report.json", "application/json"), ("facts.csv", "text/csv"),
                       ("facts.xlsx", "spreadsheetml"), ("document.pdf", "application/pdf")):
        response = client.get(f"/budgets/2/download/{name}")
        assert response.status_code == 200 and kind in response.headers["content-type"], name
        assert "attachment" in response.headers["content-disposition"]
    assert client.get("/budgets/2/download/document.pdf").content.startswith(b"%PDF")
    assert client.get("/budgets/2/download/../../etc/passwd").status_code == 404
    compare = client.get("/compare", params={"a": 1, "b": 2})
    assert "2025 年" in compare.text and "2026 年" in compare.text and "关键数字" in compare.text
    series = client.get("/series", params={"unit": "武汉市工业信息化中心"})
    assert series.status_code == 200 and 'data-chart="series"' in series.text
    ranking = client.get("/ranking", params={"year": 2026, "figure": "expenditure_total"})
    assert "778.64" in ranking.text
    assert client.get("/budgets/abc").status_code == 404
    assert "库中没有编号为 abc" in client.get("/budgets/abc").text


def test_a_refused_upload_shows_its_reason(client):
    csrf = csrf_of(client)
    response = _upload(client, "a.pdf", b"not a pdf", csrf)
    assert response.status_code == 415 and "不是 PDF" in response.text
    url, page = _report(client, _upload(client, "b.pdf", b"%PDF-1.7\n garbage", csrf))
    assert page.status_code == 422 and "b.pdf" in page.text


def test_pages_send_safety_headers(client):
    response = client.get("/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["x-frame-options"] == "DENY"
    cookie = response.headers["set-cookie"]
    assert "httponly" in cookie.lower() and "samesite=strict" in cookie.lower()
    assert client.get("/nothing").status_code == 404 and "没有这个页面" in client.get("/nothing").text


def test_serve_refuses_a_public_address_without_a_token(monkeypatch):
    monkeypatch.delenv("YUSUAN_TOKEN", raising=False)
    result = run("serve", "--host", "0.0.0.0")
    assert result.code == 2
    assert "YUSUAN_TOKEN" in result.err and "非本机地址" in result.err


def test_a_long_read_shows_its_progress(client):
    from conftest import sample
    pdf = sample("xian-tjj-2026-dept-budget.pdf")
    csrf = csrf_of(client)
    response = _upload(client, pdf.name, pdf.read_bytes(), csrf)
    first = client.get(response.headers["location"])
    assert "正在读取 xian-tjj-2026-dept-budget.pdf" in first.text
    assert '<meta http-equiv="refresh" content="1">' in first.text
    url, page = _report(client, response)
    assert "西安市统计局（汇总）" in page.text and "52 页" in page.text


def test_too_many_waiting_uploads_are_refused(client):
    jobs = client.app.state.jobs
    jobs.queue = 0
    response = client.post("/api/check", files={"file": ("a.yaml", example_yaml())})
    assert response.status_code == 503 and "服务器正忙" in response.json()["detail"]


def test_a_stored_findings_page_image_boxes_its_cell(client):
    """The store keeps a finding's page, not its bbox: the page takes it from the rules run again."""
    from conftest import sample
    pdf = sample("sh-czkj-2026-unit-budget.pdf")
    stored = client.post("/api/budgets", files={"file": (pdf.name, pdf.read_bytes())}).json()
    budget_id = stored["budget_id"]
    page = client.get(f"/budgets/{budget_id}/finding/0")
    assert page.status_code == 200 and "K303" in page.text and "第 19 页（红框为问题所在）" in page.text
    image = client.get(f"/budgets/{budget_id}/image/0.png")
    assert image.status_code == 200 and image.headers["content-type"] == "image/png"
    assert image.content.startswith(b"\x89PNG")
    access = client.app.state.store
    boxed = access.budget(budget_id).boxed[0]
    assert boxed.code == "K303" and boxed.location.source.page == 19 and boxed.location.source.bbox is not None
    assert client.get(f"/budgets/{budget_id}/image/99.png").status_code == 404


def test_compare_and_series_downloads(client):
    csrf = csrf_of(client)
    for year in (2025, 2026):
        url, _ = _report(client, _upload(client, f"w{year}.yaml", example_yaml(year=year), csrf))
        client.post(f"{url}/keep", data={"csrf": csrf})
    data = client.get("/compare/download/json", params={"a": 1, "b": 2})
    assert data.status_code == 200 and data.json()["mode"] == "years"
    assert client.get("/compare/download/xlsx", params={"a": 1, "b": 2}).content.startswith(b"PK")
    assert "<table" in client.get("/compare/download/html", params={"a": 1, "b": 2}).text
    series = client.get("/series/download/json", params={"unit": "武汉市工业信息化中心"}).json()
    assert [d["year"] for d in series["documents"]] == [2025, 2026]
    assert client.get("/series/download/json", params={"unit": "无此单位"}).status_code == 404
    assert client.get("/compare/download/exe", params={"a": 1, "b": 2}).status_code == 404
