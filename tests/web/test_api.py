"""The JSON API: /api/check equals `yusuan check --format json`, bad uploads refused in Chinese with the
right status, the store endpoints, writes refused without the token."""
from __future__ import annotations

import json
import re

import pytest

from cli_util import run
from conftest import sample

from .conftest import EXAMPLE, example_yaml

CHINESE = re.compile(r"[\u4e00-\u9fff]")


def _post(client, name, data, path="/api/check", **kw):
    return client.post(path, files={"file": (name, data)}, **kw)


def test_check_returns_exactly_the_cli_json(client, monkeypatch):
    monkeypatch.chdir(EXAMPLE.parent)
    cli = run("check", EXAMPLE.name, "--format", "json")
    response = _post(client, EXAMPLE.name, EXAMPLE.read_bytes())
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.json() == json.loads(cli.out)
    assert response.json()["summary"] == {"error": 1, "warning": 0, "notice": 0}  # 表2 收入总表 absent (C002)
    assert response.json()["findings"][0]["code"] == "C002"


def test_check_of_a_sample_pdf_equals_the_cli_json(client, monkeypatch):
    path = sample("sh-czkj-2026-unit-budget.pdf")
    monkeypatch.chdir(path.parent)
    cli = run("check", path.name, "--format", "json")
    response = _post(client, path.name, path.read_bytes())
    assert response.status_code == 200
    assert response.json() == json.loads(cli.out)
    finding = response.json()["findings"][0]
    assert finding["code"] == "K303" and finding["location"]["page"] == 19 and finding["location"]["bbox"]


@pytest.mark.parametrize("name, data, status, words", [
    ("report.pdf", b"this is plain text, not a PDF at all", 415, "不是 PDF"),
    ("report.pdf", b"", 400, "文件为空"),
    ("report.pdf", b"%PDF-1.7\n1 0 obj <</Type /Catalog>> garbage \x00\x01\x02 %%EOF", 422, "report.pdf"),
    ("report.exe", b"MZ\x90\x00", 415, "不支持的文件类型"),
    ("table.xlsx", b"%PDF-1.4 not a zip", 415, "不是 Excel"),
    ("budget.yaml", b"\xff\xfe\x00garbage", 415, "UTF-8"),
])
def test_bad_uploads_are_refused_in_chinese(client, name, data, status, words):
    response = _post(client, name, data)
    assert response.status_code == status, response.text
    detail = response.json()["detail"]
    assert words in detail and CHINESE.search(detail)


def test_a_missing_file_field_is_refused(client):
    response = client.post("/api/check", data={"x": "1"})
    assert response.status_code in (400, 422)
    assert CHINESE.search(response.json()["detail"])


def test_too_big_is_refused_before_reading(client_for, example_pdf):
    client = client_for(max_bytes=10_000)
    assert len(example_pdf) > 10_000
    response = _post(client, "big.pdf", example_pdf)
    assert response.status_code == 413
    assert "超过本服务允许的" in response.json()["detail"]


def test_too_many_pages_is_refused(client_for, example_pdf):
    client = client_for(max_pages=2)
    response = _post(client, "long.pdf", example_pdf)
    assert response.status_code == 413
    detail = response.json()["detail"]
    assert "long.pdf" in detail and "超过本服务允许的 2 页" in detail


def test_a_read_that_takes_too_long_is_stopped(client_for):
    path = sample("xian-tjj-2026-dept-budget.pdf")  # ~60 pages: well over 0.3 s
    client = client_for(timeout=0.3)
    response = _post(client, path.name, path.read_bytes())
    assert response.status_code == 422
    assert "读取超过 0.3 秒，已停止" in response.json()["detail"]


def test_ingest_list_get_and_duplicate(client):
    first = _post(client, "wuhan.yaml", example_yaml(), "/api/budgets")
    assert first.status_code == 201, first.text
    stored = first.json()
    assert stored["status"] == "stored" and stored["budget_id"] == 1 and len(stored["sha256"]) == 64
    again = _post(client, "wuhan.yaml", example_yaml(), "/api/budgets")
    assert again.status_code == 200 and again.json()["status"] == "duplicate" and again.json()["budget_id"] == 1
    other = _post(client, "other.yaml", example_yaml(unit="另一个单位", year=2025), "/api/budgets")
    assert other.status_code == 201

    listed = client.get("/api/budgets").json()
    assert [(r["id"], r["unit_name"], r["year"]) for r in listed] == [(1, "武汉市工业信息化中心", 2026), (2, "另一个单位", 2025)]
    assert listed[0]["totals"]["expenditure_total"] == "7786400"  # exact 元, a string
    assert [r["id"] for r in client.get("/api/budgets", params={"year": 2025}).json()] == [2]
    assert [r["id"] for r in client.get("/api/budgets", params={"q": "工业"}).json()] == [1]
    assert [r["id"] for r in client.get("/api/budgets", params={"region": "武汉市", "level": "单位", "kind": "预算"}).json()] == [1, 2]
    assert client.get("/api/budgets", params={"region": "上海市"}).json() == []
    assert client.get("/api/budgets", params={"level": "部门"}).json() == []

    one = client.get("/api/budgets/1").json()
    assert one["unit_name"] == "武汉市工业信息化中心"
    assert one["summary"]["expenditure_total"] == "7786400" and one["summary"]["basic_total"] == "5686400"
    assert [f["code"] for f in one["findings"]] == ["C002"]
    assert client.get("/api/budgets/99").status_code == 404
    assert "库中没有编号为 99" in client.get("/api/budgets/99").json()["detail"]


def test_ingest_of_an_unreadable_file(client):
    response = _post(client, "bad.pdf", b"%PDF-1.7\n garbage", "/api/budgets")
    assert response.status_code == 422
    assert CHINESE.search(response.json()["detail"])
    assert client.get("/api/budgets").json() == []


def test_compare_two_stored_budgets_equals_the_cli(client, tmp_path):
    _post(client, "a.yaml", example_yaml(), "/api/budgets")
    _post(client, "b.yaml", example_yaml(year=2027), "/api/budgets")
    response = client.get("/api/compare", params={"a": 1, "b": 2})
    assert response.status_code == 200
    data = response.json()
    assert (data["a"]["year"], data["b"]["year"], data["mode"]) == (2026, 2027, "years")
    assert data["figures"][1] == {"key": "expenditure_total", "a": "7786400", "b": "7786400", "change": "0",
                                  "percent": "0.00"}
    cli = run("compare", "1", "2", "--db", f"sqlite:///{tmp_path / 'web.sqlite'}", "--format", "json")
    assert data == json.loads(cli.out)
    missing = client.get("/api/compare", params={"a": 1, "b": 7})
    assert missing.status_code == 404 and "库中没有编号为 7" in missing.json()["detail"]


def test_writes_need_the_token_when_one_is_set(client_for):
    client = client_for(token="s3cret")
    refused = _post(client, "a.yaml", example_yaml(), "/api/budgets")
    assert refused.status_code == 401 and "口令" in refused.json()["detail"]
    wrong = _post(client, "a.yaml", example_yaml(), "/api/budgets", headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401
    assert client.get("/api/budgets").json() == []
    ok = _post(client, "a.yaml", example_yaml(), "/api/budgets", headers={"Authorization": "Bearer s3cret"})
    assert ok.status_code == 201
    # reading stays public, and so does checking (it writes nothing)
    assert len(client.get("/api/budgets").json()) == 1
    assert _post(client, "a.yaml", example_yaml()).status_code == 200


def test_read_only_refuses_every_write(client_for):
    client = client_for(read_only=True)
    response = _post(client, "a.yaml", example_yaml(), "/api/budgets")
    assert response.status_code == 403 and "只读" in response.json()["detail"]


def test_a_post_from_another_site_is_refused(client):
    response = _post(client, "a.yaml", example_yaml(), headers={"Origin": "http://evil.example"})
    assert response.status_code == 403 and "其他网站" in response.json()["detail"]


def test_openapi_documents_every_endpoint(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    assert {"/api/check", "/api/budgets", "/api/budgets/{budget_id}", "/api/compare"} <= set(paths)
    assert set(paths["/api/budgets"]) == {"get", "post"}
    docs = client.get("/api/docs")
    assert docs.status_code == 200 and "swagger" in docs.text.lower()


def test_unknown_api_path_is_a_chinese_404(client):
    response = client.get("/api/nothing")
    assert response.status_code == 404 and response.json()["detail"] == "没有这个页面"


@pytest.mark.parametrize("suffix", ["xlsx", "docx"])
def test_check_of_an_office_file_equals_the_cli_json(client, tmp_path, monkeypatch, suffix):
    """The example rendered to XLSX / DOCX (`yusuan render --to …`), checked through the API and the CLI."""
    rendered = tmp_path / f"example.{suffix}"
    assert run("render", str(EXAMPLE), "--to", suffix, "-o", str(rendered)).code == 0
    monkeypatch.chdir(tmp_path)
    cli = run("check", rendered.name, "--format", "json")
    response = _post(client, rendered.name, rendered.read_bytes())
    assert response.status_code == 200
    assert response.json() == json.loads(cli.out)
    assert response.json()["file"] == f"example.{suffix}"
