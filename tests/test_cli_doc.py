"""`yusuan summary`, `facts`, `extract` on the Wuhan sample, and junk input."""
from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from decimal import Decimal

import pytest

from cli_util import run
from yusuan.model import Budget


def test_summary_json_gives_the_documents_figures(wuhan_txt):
    result = run("summary", wuhan_txt, "--json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["unit_name"] == "武汉市工业信息化中心"
    assert data["year"] == 2026
    assert (data["kind"], data["level"], data["amount_unit"]) == ("预算", "单位", "万元")
    expected = {
        "income_total": "7786400", "expenditure_total": "7786400", "fiscal_grant_total": "7786400",
        "basic_total": "5686400", "project_total": "2100000",
        "personnel_total": "5169800", "public_total": "516600",
        # 表7 prints 合计 3.00, 小计 3.00, 运行费 3.00; the 出国, 购置费 and 接待费 cells are blank (the
        # text says "0 万元"): null, not 0.
        "three_public_total": "30000", "three_public_abroad": None,
        "three_public_vehicle_purchase": None, "three_public_vehicle_operation": "30000",
        "three_public_reception": None,
        "gov_operation_cost": "0",  # the text states the unit has none
    }
    assert {k: data[k] for k in expected} == expected
    assert data["expenditure_by_class"] == {"208": "806300", "210": "519000", "215": "5959900", "221": "501200"}


_NUMERIC = re.compile(r"^[≥≤<>＞＜=]?\s*-?\d[\d,]*(\.\d+)?\s*%?")


def _numeric_cells_by_line(path):
    """(line number, printed number) of every numeric cell in the document's table lines (part 2)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = max(i for i, l in enumerate(lines) if l.startswith("第二部分"))
    end = max(i for i, l in enumerate(lines) if l.startswith("第三部分"))
    found = []
    for number, line in enumerate(lines[start:end], start=start + 1):
        if "\t" not in line:
            continue
        for col, cell in enumerate(line.split("\t")):
            text = cell.strip()
            digits = text.replace(" ", "")
            # Column 0 holds classification/unit codes; long integers are codes, phones, postcodes.
            if (col == 0 and digits.isdigit()) or re.fullmatch(r"\d{6,}", digits):
                continue
            if re.fullmatch(r"[≥≤<>＞＜=]?\s*-?\d[\d,]*(\.\d+)?\s*(%|[\u4e00-\u9fff]{1,3})?", text):
                value = re.search(r"-?\d[\d,]*(\.\d+)?", text).group(0).replace(",", "")
                found.append((number, Decimal(value)))
    return found


def test_facts_hold_every_number_printed_in_the_tables(wuhan_txt):
    result = run("facts", wuhan_txt, "--format", "csv")
    assert result.code == 0, result.err
    facts = list(csv.DictReader(io.StringIO(result.out)))
    assert set(facts[0]) >= {"table", "code", "item", "measure", "value_yuan", "page", "line"}
    have = {(int(f["line"]), Decimal(f["value"])) for f in facts if f["line"]}
    printed = _numeric_cells_by_line(wuhan_txt)
    # Years in header cells ("2024年") and code-like numbers are labels, not figures.
    missing = [(n, v) for n, v in printed if (n, v) not in have and not (2000 <= v <= 2100 and v == int(v))]
    assert len(printed) > 300
    assert missing == []
    tables = {f["table"] for f in facts}
    assert tables >= {"income_expenditure_summary", "expenditure_summary", "fiscal_grant_summary",
                      "general_budget_by_function", "general_budget_by_unit", "basic_by_economic",
                      "three_public", "projects", "overall_performance", "project_performance"}
    row = next(f for f in facts if f["table"] == "expenditure_summary" and f["code"] == "2080505"
               and f["measure"] == "basic")
    assert row["value_yuan"] == "315000"


def test_extract_json_round_trips_to_the_same_model(wuhan_txt):
    result = run("extract", wuhan_txt)
    assert result.code == 0, result.err
    budget = Budget.model_validate_json(result.out)
    assert budget.unit.name == "武汉市工业信息化中心"
    assert Budget.model_validate_json(budget.model_dump_json()) == budget
    assert budget.table("expenditure_summary").total_row().value("total") == Decimal("7786400")


@pytest.mark.parametrize("name, content, words", [
    ("empty.txt", b"", "为空"),
    ("blank.txt", b"\n\n   \n", "为空"),
    ("binary.txt", bytes(range(256)) * 4, "不是文本"),
    ("notes.txt", "今天天气很好。\n明天去开会。\n".encode(), "不像是一份预算"),
    ("data.csv", b"a,b\n1,2\n", "不支持"),
])
def test_junk_input_exits_2_with_a_chinese_message(tmp_path, name, content, words):
    path = tmp_path / name
    path.write_bytes(content)
    for command in ("summary", "facts", "extract"):
        result = run(command, path)
        assert result.code == 2, (command, result.out)
        assert words in result.err and str(path) in result.err
        assert "Traceback" not in result.err


def test_truncated_text_is_reported_not_read_as_a_partial_budget(tmp_path, wuhan_txt):
    lines = wuhan_txt.read_text(encoding="utf-8").splitlines()
    cut = next(i for i, l in enumerate(lines) if l.startswith("表6"))
    path = tmp_path / "truncated.txt"
    path.write_text("\n".join(lines[: cut + 12]), encoding="utf-8")
    result = run("summary", path, "--json")
    assert result.code == 2
    assert "截断" in result.err and str(path) in result.err


def test_missing_file_exits_2(tmp_path):
    result = run("summary", tmp_path / "nope.txt")
    assert result.code == 2
    assert "不存在" in result.err


def test_real_process_prints_no_traceback(tmp_path):
    path = tmp_path / "x.txt"
    path.write_bytes(b"\x00\x01\x02garbage")
    proc = subprocess.run([sys.executable, "-m", "yusuan", "summary", str(path)], capture_output=True, text=True)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and "错误" in proc.stderr


def test_layouts_lists_every_layout_and_one_layouts_tables():
    from yusuan.reference.layouts import layout_ids
    result = run("layouts")
    assert result.code == 0
    for lid in layout_ids():
        assert lid in result.out
    one = run("layouts", "wuhan_unit")
    assert one.code == 0 and "expenditure_summary" in one.out and "项目支出" in one.out
    bad = run("layouts", "nowhere")
    assert bad.code == 2 and "未知的版式" in bad.err
