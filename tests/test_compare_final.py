"""`yusuan compare BUDGET FINAL`: a unit's 预算 and 决算 of one year — 预算数, 决算数, difference and 执行率
per total, class/款/项 and “三公” part; the cross-document rules Y803/Y804.

No sample has the budget of a sample 决算's unit and year, so the budgets here are generated: a YAML
budget of 国家信访局 2024 against the real 决算 (its “三公” 预算数 as its 决算 table prints them, page 15:
76.43 / 30.00 / 40.63 / 5.80; 决算数 46.21 / 4.69 / 40.61 / 0.90), and a 决算 made from the Wuhan sample
budget (YAML, kind 决算, figures changed)."""
from __future__ import annotations

import json
from pathlib import Path

import yaml

from cli_util import run
from conftest import EXAMPLES, sample

EXAMPLE = EXAMPLES / "wuhan-gxzx-2026.yaml"


def _by(lines: list[dict], field: str) -> dict:
    return {line[field]: line for line in lines}


def xfj_budget(tmp_path: Path, *, abroad: str = "30.00") -> Path:
    doc = {
        "unit": {"name": "国家信访局"}, "year": 2024, "kind": "预算", "level": "部门", "amount_unit": "万元",
        "layout": "wuhan_unit",
        "tables": {
            "expenditure_summary": {"rows": [
                {"name": "合计", "total": "15000.00", "basic": "11000.00", "project": "4000.00"},
                {"code": "201", "name": "一般公共服务支出", "total": "11000.00", "basic": "7500.00", "project": "3500.00"},
                {"code": "20140", "name": "信访事务", "total": "11000.00", "basic": "7500.00", "project": "3500.00"},
                {"code": "205", "name": "教育支出", "total": "180.61", "project": "180.61"},
                {"code": "20508", "name": "进修及培训", "total": "180.61", "project": "180.61"},
                {"code": "2050803", "name": "培训支出", "total": "180.61", "project": "180.61"},
            ]},
            "three_public": {"three_public_total": "76.43", "abroad": abroad, "vehicle_total": "40.63",
                             "vehicle_operation": "40.63", "reception": "5.80"},
        },
    }
    path = tmp_path / f"xfj-2024-budget-{abroad}.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_budget_against_the_real_final(tmp_path: Path):
    final = sample("cn-xfj-2024-dept-final.pdf")
    budget = xfj_budget(tmp_path)
    result = run("compare", budget, final, "--format", "json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    import jsonschema
    jsonschema.validate(data, json.loads((Path(__file__).resolve().parents[1] / "docs/schema/compare.schema.json")
                                         .read_text(encoding="utf-8")))
    assert data["mode"] == "budget_final" and (data["a"]["kind"], data["b"]["kind"]) == ("预算", "决算")
    assert data["findings"] == []  # the budget's 三公 figures are the 预算数 the 决算 prints
    three = _by(data["three_public"], "key")
    assert three["three_public_total"] == {"key": "three_public_total", "a": "764300", "b": "462100",
                                           "change": "-302200", "percent": "-39.54", "rate": "60.46"}
    assert (three["three_public_abroad"]["b"], three["three_public_abroad"]["rate"]) == ("46900", "15.63")
    assert three["three_public_reception"]["rate"] == "15.52"
    assert three["three_public_vehicle_purchase"] == {"key": "three_public_vehicle_purchase", "a": None, "b": None,
                                                      "change": None, "percent": None, "rate": None}
    classes = _by(data["by_class"], "code")
    assert classes["201"]["b"] == "106855600" and classes["201"]["rate"] == "97.14"  # 10685.56 / 11000.00
    assert classes["2050803"] == {"code": "2050803", "name": "培训支出", "level": "项", "a": "1806100",
                                  "b": "1800300", "change": "-5800", "percent": "-0.32", "rate": "99.68"}
    assert classes["2014001"]["a"] is None and classes["2014001"]["rate"] is None  # the budget prints no such 项
    assert classes[None]["name"] == "合计" and classes[None]["rate"] == "97.15"  # 14572.53 / 15000.00
    figures = _by(data["figures"], "key")
    assert figures["basic_total"]["rate"] == "100.66" and figures["project_total"]["rate"] == "87.49"
    assert figures["year_end_balance"] == {"key": "year_end_balance", "a": None, "b": "74940600", "change": None,
                                           "percent": None, "rate": None}
    text = run("compare", budget, final)
    for label in ("预算与决算", "预算数", "决算数", "差额（决算−预算）", "执行率", "60.46%", "97.14%"):
        assert label in text.out, label


def test_final_given_first_is_turned_round(tmp_path: Path):
    final = sample("cn-xfj-2024-dept-final.pdf")
    result = run("compare", final, xfj_budget(tmp_path), "--format", "json")
    data = json.loads(result.out)
    assert data["mode"] == "budget_final" and data["a"]["kind"] == "预算"
    assert any("已按“预算 → 决算”比较" in n for n in data["notes"])


def test_final_three_public_budget_against_the_budget_document(tmp_path: Path):
    """Y804 (a notice): the 决算's 三公 table prints 因公出国（境）费 预算数 30.00; the budget said 25.00."""
    final = sample("cn-xfj-2024-dept-final.pdf")
    result = run("compare", xfj_budget(tmp_path, abroad="25.00"), final, "--format", "json")
    assert result.code == 0, result.err  # a notice is no error
    findings = json.loads(result.out)["findings"]
    assert [(f["code"], f["severity"]) for f in findings] == [("Y804", "notice")]
    assert "预算数 30.00 万元 ≠ 2024 年预算文件" in findings[0]["message"] and "相差 5.00 万元" in findings[0]["message"]
    assert findings[0]["location"]["page"] == 15


def test_a_generated_final_of_the_sample_budget(tmp_path: Path):
    """The Wuhan budget against a 决算 made from it (YAML, kind 决算): 2150899 spent 500.00 of 595.99."""
    budget_doc = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    final_doc = dict(budget_doc, kind="决算")
    for table in ("expenditure_summary", "general_budget_by_function"):
        for row in final_doc["tables"][table]["rows"]:
            if row.get("code") in ("215", "21508", "2150899"):
                row["total"] = "500.00"
    final_doc["tables"]["three_public"] = dict(final_doc["tables"]["three_public"], three_public_total="2.40",
                                               vehicle_total="2.40", vehicle_operation="2.40")
    final = tmp_path / "final.yaml"
    final.write_text(yaml.safe_dump(final_doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = run("compare", EXAMPLE, final, "--format", "json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["mode"] == "budget_final"
    classes = _by(data["by_class"], "code")
    assert classes["2150899"] == {"code": "2150899", "name": "其他支持中小企业发展和管理支出", "level": "项",
                                  "a": "5959900", "b": "5000000", "change": "-959900", "percent": "-16.11",
                                  "rate": "83.89"}
    assert classes["2210201"]["rate"] == "100.00"
    assert _by(data["three_public"], "key")["three_public_total"]["rate"] == "80.00"
    out = tmp_path / "bf.xlsx"
    assert run("compare", EXAMPLE, final, "--format", "xlsx", "-o", out).code == 0
    from openpyxl import load_workbook
    sheet = load_workbook(out)["功能分类"]
    assert [c.value for c in sheet[1]] == ["编码", "项目", "级次", "预算数", "决算数", "差额（决算−预算）", "执行率（%）"]
    rows = {r[0]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert float(rows["2150899"][6]) == 83.89 and float(rows["2150899"][4]) == 500


def xfj_general_budget(tmp_path: Path, administration: str) -> Path:
    """A 2024 budget of 国家信访局 printing, in its 一般公共预算支出表, the 年初预算数 the 决算's narrative
    states (page 21: total 15068.55, 2014001 行政运行 5717.32, 2014002 一般行政管理事务 590.53)."""
    doc = {
        "unit": {"name": "国家信访局"}, "year": 2024, "kind": "预算", "level": "部门", "amount_unit": "万元",
        "layout": "wuhan_unit",
        "tables": {"general_budget_by_function": {"rows": [
            {"name": "合计", "total": "15068.55"},
            {"code": "2014001", "name": "行政运行", "total": "5717.32"},
            {"code": "2014002", "name": "一般行政管理事务", "total": administration},
        ]}},
    }
    path = tmp_path / f"xfj-2024-general-{administration}.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_stated_start_budget_against_the_budget_document(tmp_path: Path):
    """Y803 on the real 决算's narrative: silent where the budget prints the stated 年初预算数; a budget
    printing 600.53 for 2014002 (the 决算 says 590.53) is reported at page 21, the sentence quoted."""
    final = sample("cn-xfj-2024-dept-final.pdf")
    result = run("compare", xfj_general_budget(tmp_path, "590.53"), final, "--format", "json")
    assert result.code == 0, result.err
    assert json.loads(result.out)["findings"] == []
    result = run("compare", xfj_general_budget(tmp_path, "600.53"), final, "--format", "json")
    assert result.code == 1, result.err
    findings = json.loads(result.out)["findings"]
    assert [f["code"] for f in findings] == ["Y803"]
    f = findings[0]
    assert f["location"]["page"] == 21 and f["location"]["row"].startswith("2014002")
    assert "年初预算为590.53 万元" in f["message"] and "年初预算数 590.53 万元 ≠ 2024 年预算文件" in f["message"]
    assert "相差 10.00 万元" in f["message"] and (f["expected"], f["actual"]) == ("600.53", "590.53")


FINAL_DEMO = EXAMPLES / "final-demo-2024.yaml"


def demo_budget(tmp_path: Path, *, administration: str = "250.00", abroad: str = "10.00") -> Path:
    """The 2024 budget of the demo 决算's unit, printing the 年初预算数 its `execution:` block states
    (合计 1000.00, 2010601 600.00, 2010602 250.00, 2080505 80.00, 2101101 35.00; 三公 30/10/15/5)."""
    doc = {
        "unit": {"name": "某某区示例局"}, "year": 2024, "kind": "预算", "level": "部门", "amount_unit": "万元",
        "layout": "wuhan_unit",
        "tables": {
            "general_budget_by_function": {"rows": [
                {"name": "合计", "total": "1000.00"},
                {"code": "2010601", "name": "行政运行", "total": "600.00"},
                {"code": "2010602", "name": "一般行政管理事务", "total": administration},
                {"code": "2080505", "name": "机关事业单位基本养老保险缴费支出", "total": "80.00"},
                {"code": "2101101", "name": "行政单位医疗", "total": "35.00"},
            ]},
            "three_public": {"three_public_total": "30.00", "abroad": abroad, "vehicle_total": "15.00",
                             "vehicle_operation": "15.00", "reception": "5.00"},
        },
    }
    path = tmp_path / f"demo-budget-{administration}-{abroad}.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_budget_against_a_rendered_final(tmp_path: Path):
    """The demo 决算 rendered to PDF (its narrative written from the figures: '年初预算为 250.00 万元，支出决算为
    200.00 万元…'), against its unit's budget: 执行率 per line; a budget printing 260.00 for the 项 the 决算 says
    was budgeted at 250.00 is reported (Y803, pinned at the 决算's page), a 三公 预算数 off by 2.00 noted (Y804)."""
    final = tmp_path / "final.pdf"
    assert run("render", FINAL_DEMO, "--to", "pdf", "-o", final).code == 0
    result = run("compare", demo_budget(tmp_path), final, "--format", "json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["mode"] == "budget_final" and data["findings"] == []
    assert data["tables"]["by_class"] == "general_budget_by_function"
    classes = _by(data["by_class"], "code")
    assert (classes["2010602"]["a"], classes["2010602"]["b"], classes["2010602"]["rate"]) == ("2500000", "2000000",
                                                                                               "80.00")
    assert classes["2101101"]["rate"] == "114.29" and classes[None]["rate"] == "99.00"
    assert classes["2210201"]["a"] is None and classes["2210201"]["b"] == "500000"
    three = _by(data["three_public"], "key")
    assert three["three_public_total"]["rate"] == "83.33" and three["three_public_vehicle"]["rate"] == "133.33"

    result = run("compare", demo_budget(tmp_path, administration="260.00", abroad="12.00"), final, "--format", "json")
    assert result.code == 1, result.err
    findings = json.loads(result.out)["findings"]
    assert sorted((f["code"], f["severity"]) for f in findings) == [("Y803", "error"), ("Y804", "notice")]
    y803 = next(f for f in findings if f["code"] == "Y803")
    assert y803["location"]["file"] == str(final) and y803["location"]["page"]
    assert "年初预算为250.00 万元" in y803["message"] and "≠ 2024 年预算文件" in y803["message"]
    assert "2010602 一般行政管理事务 合计 260.00 万元，相差 10.00 万元" in y803["message"]
    y804 = next(f for f in findings if f["code"] == "Y804")
    assert "因公出国（境）费 预算数 10.00 万元" in y804["message"] and "12.00 万元，相差 2.00 万元" in y804["message"]
