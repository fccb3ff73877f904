"""`yusuan compare` through the real CLI: a document against next year's made from it (`new --from`,
figures changed, `render`), two units of one year, the JSON shape, text/html/xlsx outputs, and the
cross-year rule Y802 (a stated prior that does not match last year's document is reported)."""
from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from cli_util import run
from conftest import EXAMPLES, sample
from yusuan.api import load_budget
from yusuan.render.yaml_out import budget_to_yaml

EXAMPLE = EXAMPLES / "wuhan-gxzx-2026.yaml"
LINE_KEYS = {"a", "b", "change", "percent"}


def _bump(rows: list[dict], codes: set[str], delta: Decimal) -> None:
    """Add `delta` to the lines of `codes` and the 合计 line, on every amount they print."""
    for row in rows:
        if row.get("code") in codes or ("code" not in row and row.get("name") == "合计"):
            for measure in ("total", "basic", "personnel"):
                if row.get(measure) is not None:
                    row[measure] = str(Decimal(str(row[measure])) + delta)


def next_year(tmp_path: Path, last: Path, *, to: str = "html", prior_total: str | None = None,
              prior_code: tuple[str, str] | None = None) -> Path:
    """Next year's document of `last`: `yusuan new --from` gives the YAML with last year's figures as
    `prior:`; this year's figures are last year's with 2210201 住房公积金 +2.00 万元 (and its 款, 类 and
    the 合计) and 公务接待费 1.50 万元 (三公 4.50); rendered with `yusuan render`. `prior_total` /
    `prior_code` plant a wrong prior-year figure, which the generated narrative then states."""
    tmp_path = tmp_path / f"next{len(list(tmp_path.glob('next*')))}"
    tmp_path.mkdir()
    template = tmp_path / "next.yaml"
    result = run("new", "--from", last, "--year", "2027", "-o", template)
    assert result.code == 0, result.err
    new = yaml.safe_load(template.read_text(encoding="utf-8"))
    budget, _ = load_budget(last)
    doc = yaml.safe_load(budget_to_yaml(budget))
    doc.update(year=2027, title=new["title"], prior=new["prior"], reasons={k: "工作需要" for k in new["reasons"]})
    for figure in doc["prior"]["figures"]:
        if prior_total is not None and figure["subject"] == "total":
            figure["amount"] = prior_total
        if prior_code is not None and figure.get("code") == prior_code[0]:
            figure["amount"] = prior_code[1]
    for table in ("general_budget_by_function", "expenditure_summary"):
        _bump(doc["tables"][table]["rows"], {"221", "22102", "2210201"}, Decimal(2))
    doc["tables"]["three_public"].update(reception="1.50", three_public_total="4.50")
    filled = tmp_path / "filled.yaml"
    filled.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    out = tmp_path / f"next.{to}"
    # Only 表3, 表5-1 and the 三公 table are changed, so the other tables no longer agree with them:
    # `render` refuses such a YAML unless asked for a draft (issue 15), which is what this test needs.
    result = run("render", filled, "--to", to, "-o", out, "--draft")
    assert result.code in (0, 1) and out.exists(), result.err  # 1: the draft lists its open findings
    return out


def _by(lines: list[dict], field: str) -> dict:
    return {line[field]: line for line in lines}


def _compare_json(a: Path, b: Path) -> tuple[int, dict]:
    result = run("compare", a, b, "--format", "json")
    assert result.code in (0, 1), result.err
    return result.code, json.loads(result.out)


def test_next_year_side_by_side(tmp_path: Path):
    b = next_year(tmp_path, EXAMPLE)
    code, data = _compare_json(EXAMPLE, b)
    assert code == 0 and data["findings"] == []
    assert set(data) >= {"a", "b", "figures", "by_class", "by_economic", "three_public", "projects", "findings"}
    assert {k: data["a"][k] for k in ("unit", "year", "kind")} == {"unit": "武汉市工业信息化中心", "year": 2026, "kind": "预算"}
    assert (data["b"]["year"], data["mode"]) == (2027, "years")
    figures = _by(data["figures"], "key")
    assert figures["basic_total"] == {"key": "basic_total", "a": "5686400", "b": "5706400", "change": "20000",
                                      "percent": "0.35"}
    assert figures["income_total"]["change"] == "0" and figures["income_total"]["percent"] == "0.00"
    classes = _by(data["by_class"], "code")
    assert classes["2210201"] == {"code": "2210201", "name": "住房公积金", "level": "项", "a": "300000",
                                  "b": "320000", "change": "20000", "percent": "6.67"}
    assert classes["221"]["level"] == "类" and classes["22102"]["level"] == "款"
    assert classes["221"]["change"] == "20000" and classes["2150899"]["change"] == "0"
    assert data["tables"]["by_class"] == "expenditure_summary"
    economic = _by(data["by_economic"], "code")
    assert economic["30113"]["a"] == economic["30113"]["b"] == "300000"
    three = _by(data["three_public"], "key")
    assert three["three_public_total"] == {"key": "three_public_total", "a": "30000", "b": "45000",
                                           "change": "15000", "percent": "50.00"}
    # Not printed last year (a blank cell): null, not 0, and no change.
    assert three["three_public_reception"] == {"key": "three_public_reception", "a": None, "b": "15000",
                                               "change": None, "percent": None}
    projects = _by(data["projects"], "code")
    assert projects["42010026301T000000114"]["a"] == projects["42010026301T000000114"]["b"] == "1380000"
    assert len(data["projects"]) == 4
    for section in ("figures", "by_class", "by_economic", "three_public", "projects"):
        for line in data[section]:
            assert LINE_KEYS <= set(line)
            assert all(line[k] is None or isinstance(line[k], str) for k in LINE_KEYS)


def test_stated_prior_that_does_not_match_last_year_is_reported(tmp_path: Path):
    """Mutation: next year's prior total planted at 788.64 (last year printed 778.64); the generated
    narrative states '比 2026 年预算减少 10.00 万元', which implies 788.64: Y802, pinned in B."""
    b = next_year(tmp_path, EXAMPLE, to="pdf", prior_total="788.64")
    result = run("compare", EXAMPLE, b, "--format", "json")
    assert result.code == 1, result.err
    findings = json.loads(result.out)["findings"]
    assert [f["code"] for f in findings] == ["Y802"]
    f = findings[0]
    assert f["severity"] == "error" and f["location"]["file"] == str(b) and f["location"]["page"]
    assert "比 2026 年预算减少 10.00 万元" in f["message"] and "推算 2026 年数 788.64 万元" in f["message"]
    assert "778.64 万元，相差 10.00 万元" in f["message"]
    assert (f["expected"], f["actual"]) == ("778.64", "788.64")
    text = run("compare", EXAMPLE, b)
    assert text.code == 1 and "Y802 错误 第" in text.out and "跨文件检查：1 个问题" in text.out


def test_stated_prior_of_a_function_line(tmp_path: Path):
    b = next_year(tmp_path, EXAMPLE, prior_code=("2210202", "6.00"))
    code, data = _compare_json(EXAMPLE, b)
    assert code == 1
    assert [(f["code"], f["location"]["row"]) for f in data["findings"]] == [("Y802", "2210202 提租补贴")]
    assert "推算 2026 年数 6.00 万元" in data["findings"][0]["message"]


def test_next_year_of_a_sample(tmp_path: Path):
    """The Wuhan sample (text) against next year's made from it, as a PDF: its matching priors are silent."""
    last = sample("wuhan-gxzx-2026-unit-budget.txt")
    b = next_year(tmp_path, last, to="pdf")
    code, data = _compare_json(last, b)
    assert code == 0 and data["findings"] == [] and data["mode"] == "years"
    assert _by(data["by_class"], "code")["2210201"]["change"] == "20000"
    assert _by(data["figures"], "key")["three_public_total"]["percent"] == "50.00"
    planted = next_year(tmp_path, last, to="pdf", prior_total="800.00")
    code, data = _compare_json(last, planted)
    assert code == 1 and [f["code"] for f in data["findings"]] == ["Y802"]
    assert data["findings"][0]["location"]["page"] is not None


def test_two_units_of_one_year():
    a = sample("wuhan-gxzx-2026-unit-budget.txt")
    b = sample("sh-czkj-2026-unit-budget.pdf")
    code, data = _compare_json(a, b)
    assert code == 0 and data["mode"] == "units" and data["findings"] == []
    figures = _by(data["figures"], "key")
    # Both printed on the pages (figures.yaml): Wuhan 778.64 万元, Shanghai 21,443,300 元.
    assert figures["income_total"] == {"key": "income_total", "a": "7786400", "b": "21443300", "change": "13656900",
                                       "percent": "175.39"}
    assert figures["three_public_total"]["b"] == "47000"
    classes = _by(data["by_class"], "code")
    assert classes["201"]["a"] is None and classes["201"]["change"] is None  # Wuhan prints no class 201
    assert classes["2080505"]["a"] == "315000"


def test_text_and_html_are_readable(tmp_path: Path):
    b = next_year(tmp_path, EXAMPLE)
    text = run("compare", EXAMPLE, b)
    assert text.code == 0, text.err
    for label in ("关键数字", "收入总计", "2026 年", "2027 年", "增减率", "2210201 住房公积金（项）",
                  "“三公”经费", "公务接待费", "金额单位：万元", "跨文件检查：未发现问题"):
        assert label in text.out, label
    assert "6.67%" in text.out and "—" in text.out
    out = tmp_path / "c.html"
    result = run("compare", EXAMPLE, b, "--format", "html", "-o", out)
    assert result.code == 0, result.err
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and '<html lang="zh-CN">' in page
    assert "<caption>支出功能分类科目（类、款、项）</caption>" in page and "住房公积金" in page and "6.67%" in page


def test_xlsx_holds_the_numbers(tmp_path: Path):
    from openpyxl import load_workbook

    b = next_year(tmp_path, EXAMPLE)
    out = tmp_path / "c.xlsx"
    result = run("compare", EXAMPLE, b, "--format", "xlsx", "-o", out)
    assert result.code == 0, result.err
    wb = load_workbook(out)
    assert wb.sheetnames == ["说明", "关键数字", "功能分类", "经济分类", "三公经费", "项目支出", "检查发现"]
    rows = {r[0]: r for r in wb["功能分类"].iter_rows(min_row=2, values_only=True)}
    code, name, level, a, b_, change, percent = rows["2210201"]
    assert (name, level) == ("住房公积金", "项")
    assert (a, b_, change) == (pytest.approx(30), pytest.approx(32), pytest.approx(2)) and float(percent) == 6.67
    figures = {r[0]: r for r in wb["关键数字"].iter_rows(min_row=2, values_only=True)}
    assert figures["基本支出"][1:4] == (pytest.approx(568.64), pytest.approx(570.64), pytest.approx(2))
    three = {r[0]: r for r in wb["三公经费"].iter_rows(min_row=2, values_only=True)}
    assert three["公务接待费"][1] is None and three["公务接待费"][2] == pytest.approx(1.5)


def test_refusals(tmp_path: Path):
    result = run("compare", EXAMPLE)
    assert result.code == 2 and "请给出两份文件" in result.err
    result = run("compare", EXAMPLE, EXAMPLE, "--format", "xlsx")
    assert result.code == 2 and "-o" in result.err
    result = run("compare", EXAMPLE, tmp_path / "missing.pdf")
    assert result.code == 2 and "Traceback" not in result.err


# --- the store: stored ids and a unit's series (yusuan ingest) ----------------------------------------


def test_stored_ids_and_series(tmp_path: Path):
    db = f"sqlite:///{tmp_path / 'store.sqlite'}"
    b = next_year(tmp_path, EXAMPLE, prior_total="788.64")
    result = run("ingest", EXAMPLE, b, "--db", db, "--format", "json")
    assert result.code == 0, result.err
    ids = {Path(r["path"]).name: r["budget_id"] for r in json.loads(result.out)}
    result = run("compare", str(ids[EXAMPLE.name]), str(ids[b.name]), "--db", db, "--format", "json")
    assert result.code == 1, result.err  # the planted prior, found from the stored models too
    data = json.loads(result.out)
    assert data["a"]["id"] == str(ids[EXAMPLE.name]) and data["b"]["year"] == 2027
    assert [f["code"] for f in data["findings"]] == ["Y802"]
    assert _by(data["by_class"], "code")["2210201"]["change"] == "20000"
    result = run("compare", "--unit", "武汉市工业信息化中心", "--db", db, "--format", "json")
    assert result.code == 0, result.err
    series = json.loads(result.out)
    assert [(d["year"], d["kind"]) for d in series["documents"]] == [(2026, "预算"), (2027, "预算")]
    three = next(f for f in series["figures"] if f["key"] == "three_public_total")
    assert three["values"] == ["30000", "45000"] and three["changes"] == [None, "15000"]
    assert three["percents"] == [None, "50.00"]
    reception = next(f for f in series["figures"] if f["key"] == "three_public_reception")
    assert reception["values"] == [None, "15000"] and reception["changes"] == [None, None]
    text = run("compare", "--unit", "武汉市工业信息化中心", "--db", db)
    assert text.code == 0 and "各年度关键数字" in text.out and "2027 年预算" in text.out and "50.00%" in text.out
    page = tmp_path / "series.html"
    assert run("compare", "--unit", "武汉市工业信息化中心", "--db", db, "--format", "html", "-o", page).code == 0
    assert "各年度关键数字" in page.read_text(encoding="utf-8") and "<th>2027 年预算</th>" in page.read_text(encoding="utf-8")
    book = tmp_path / "series.xlsx"
    assert run("compare", "--unit", "武汉市工业信息化中心", "--db", db, "--format", "xlsx", "-o", book).code == 0
    from openpyxl import load_workbook
    rows = {r[0]: r for r in load_workbook(book)["各年度"].iter_rows(values_only=True)}
    assert rows["项目"] == ("项目", "2026 年预算", "2027 年预算")
    assert rows["“三公”经费合计"][1:] == (pytest.approx(3), pytest.approx(4.5))
    assert rows["公务接待费"][1] is None
    missing = run("compare", "--unit", "没有的单位", "--db", db)
    assert missing.code == 2 and "库中没有单位“没有的单位”" in missing.err
    unknown = run("compare", "999", str(ids[b.name]), "--db", db)
    assert unknown.code == 2 and "库中没有编号为 999 的预算" in unknown.err


def test_json_follows_the_schema(tmp_path: Path):
    import jsonschema

    schema = json.loads((Path(__file__).resolve().parents[1] / "docs/schema/compare.schema.json").read_text())
    b = next_year(tmp_path, EXAMPLE, prior_total="788.64")
    result = run("compare", EXAMPLE, b, "--format", "json")
    jsonschema.validate(json.loads(result.out), schema)


def test_a_department_printed_per_unit_is_compared_by_class():
    """Shenzhen 人社局 prints its 支出总表 per unit (each code once per unit): its classes are those of its
    收支总表 (page 57: 教育支出 113,716.97, 科学技术支出 298,461.45 万元), 类 only, never a sum over units."""
    a = sample("shenzhen-rsj-2026-dept-budget.pdf")
    b = sample("shenzhen-tjj-2026-dept-budget.pdf")
    code, data = _compare_json(a, b)
    assert code == 0 and data["tables"]["by_class"] == "expenditure_by_class"
    classes = _by(data["by_class"], "code")
    assert classes["205"]["a"] == "1137169700" and classes["206"]["a"] == "2984614500"
    assert classes["206"]["b"] is None and classes["206"]["change"] is None
    assert {line["level"] for line in data["by_class"]} == {"类"}
