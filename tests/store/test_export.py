"""`yusuan export`: every stored value one row; CSV and Parquet round-trip to `facts` of each document;
the data package validates (frictionless); the Python API's facts() agrees."""
from __future__ import annotations

import csv
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

import yusuan
from yusuan.api import load_budget
from yusuan.figures.facts import budget_facts
from yusuan.store import open_store

from cli_util import run
from store.conftest import variant


def expected_rows(path: Path) -> list[tuple]:
    """facts of the document as (table, code, item, measure, value_yuan, value, unit, page, line)."""
    return [(f.table, f.code, f.item, f.measure, f.value_yuan, f.value, f.unit, f.page, f.line)
            for f in budget_facts(load_budget(path)[0])]


def _dec(text: str):
    return Decimal(text) if text != "" else None


def _int(text: str):
    return int(text) if text != "" else None


def assert_round_trip(exported: dict[int, list[tuple]], files: dict[int, Path]) -> None:
    assert set(exported) <= set(files)
    for budget_id, path in files.items():  # a document whose tables are published apart has no row
        assert exported.get(budget_id, []) == expected_rows(path), path


def csv_rows(path: Path) -> dict[int, list[tuple]]:
    out: dict[int, list[tuple]] = {}
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            out.setdefault(int(row["budget_id"]), []).append(
                (row["table"], row["code"] or None, row["item"], row["measure"], _dec(row["value_yuan"]),
                 _dec(row["printed_value"]), row["printed_unit"], _int(row["page"]), _int(row["line"])))
    return out


def parquet_rows(path: Path) -> dict[int, list[tuple]]:
    import pyarrow.parquet as pq

    out: dict[int, list[tuple]] = {}
    for row in pq.read_table(path).to_pylist():
        out.setdefault(row["budget_id"], []).append(
            (row["table"], row["code"], row["item"], row["measure"], row["value_yuan"], row["printed_value"],
             row["printed_unit"], row["page"], row["line"]))
    return out


@pytest.fixture(scope="module")
def stored(tmp_path_factory):
    folder = tmp_path_factory.mktemp("docs")
    docs = [variant(folder, n, unit=f"单位{n}") for n in range(2)]
    db = str(folder / "store.sqlite")
    result = run("ingest", *docs, "--db", db, "--jobs", "1", "--format", "json")
    ids = {r["budget_id"]: Path(r["path"]) for r in json.loads(result.out)}
    return db, ids


def test_csv_round_trip(stored, tmp_path):
    db, files = stored
    out = tmp_path / "facts.csv"
    result = run("export", "--db", db, "--format", "csv", "-o", out)
    assert result.code == 0 and "已导出" in result.err
    header = out.read_text(encoding="utf-8").splitlines()[0]
    assert header == ("budget_id,unit,region,year,kind,level,version,table,code,item,measure,value_yuan,"
                      "printed_value,printed_unit,page,line")
    assert_round_trip(csv_rows(out), files)
    # Exact 元 as in `yusuan facts`: 778.64 万元 → 7786400.
    assert ",income_expenditure_summary,,income_total,budget,7786400,778.64,万元," in out.read_text(encoding="utf-8")
    assert run("export", "--db", db, "--format", "csv", "-o", out).code == 2  # not over an existing file


def test_parquet_round_trip(stored, tmp_path):
    db, files = stored
    out = tmp_path / "facts.parquet"
    assert run("export", "--db", db, "--format", "parquet", "-o", out).code == 0
    assert_round_trip(parquet_rows(out), files)


def test_xlsx_holds_every_value_as_exact_text(stored, tmp_path):
    from openpyxl import load_workbook

    db, files = stored
    out = tmp_path / "facts.xlsx"
    assert run("export", "--db", db, "--format", "xlsx", "-o", out).code == 0
    sheet = load_workbook(out, read_only=True)["facts"]
    values = list(sheet.iter_rows(values_only=True))
    assert len(values) - 1 == sum(len(expected_rows(p)) for p in files.values())
    assert values[1][11] == "7786400"


def test_datapackage_validates(stored, tmp_path):
    db, files = stored
    out = tmp_path / "package"
    assert run("export", "--db", db, "--format", "datapackage", "-o", out).code == 0
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    assert [r["name"] for r in package["resources"]] == ["budgets", "facts"]
    assert_round_trip(csv_rows(out / "facts.csv"), files)
    frictionless = Path(sys.executable).with_name("frictionless")
    done = subprocess.run([str(frictionless), "validate", "--json", str(out / "datapackage.json")],
                          capture_output=True, text=True, timeout=120)
    report = json.loads(done.stdout)
    assert report["valid"] is True, done.stdout[:2000]
    assert done.returncode == 0


def test_the_python_api_facts_of_a_store_and_of_a_document(stored):
    db, files = stored
    frame = yusuan.facts(db)
    assert list(frame.columns)[:4] == ["budget_id", "unit", "region", "year"]
    assert len(frame) == sum(len(expected_rows(p)) for p in files.values())
    path = next(iter(files.values()))
    one = yusuan.facts(path)
    assert [tuple(r) for r in one[["table", "code", "item", "measure", "value_yuan", "value", "unit", "page",
                                   "line"]].astype(object).where(one.notna(), None).itertuples(index=False)] \
        == expected_rows(path)
    assert isinstance(one["value_yuan"].iloc[0], Decimal)
