"""Open data out of the store (`yusuan export`): every stored value, one row each.

value_yuan is exact everywhere: a decimal string in CSV and XLSX (a spreadsheet number is a float),
decimal128(38, 6) in Parquet, a Table Schema `number` in the data package (read back as Decimal)."""
from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path
from typing import Iterable, Iterator

from ..figures.summary import yuan_text
from .core import Store
from .schema import TOTALS

COLUMNS = ("budget_id", "unit", "region", "year", "kind", "level", "version", "table", "code", "item", "measure",
           "value_yuan", "printed_value", "printed_unit", "page", "line")
BUDGET_COLUMNS = ("id", "file_name", "sha256", "unit_name", "unit_code", "region", "year", "kind", "level", "version",
                  "layout", "amount_unit", *TOTALS, "errors", "warnings", "notices")

XLSX_MAX_ROWS = 1_048_575


def rows(store: Store) -> Iterator[dict]:
    """Export rows: exact decimals as Decimal, None where empty."""
    for fact in store.facts():
        yield {"budget_id": fact["budget_id"], "unit": fact["unit"], "region": fact["region"], "year": fact["year"],
               "kind": fact["kind"], "level": fact["level"], "version": fact["version"], "table": fact["table"],
               "code": fact["code"], "item": fact["item"], "measure": fact["measure"],
               "value_yuan": fact["value_yuan"], "printed_value": fact["value"],
               "printed_unit": fact["unit_printed"], "page": fact["page"], "line": fact["line"]}


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return yuan_text(value)
    return str(value)


def _write_rows_csv(out: Path, columns, records: Iterable[dict]) -> int:
    """`records` as CSV under a header of `columns`; the number of rows written."""
    count = 0
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(columns)
        for row in records:
            writer.writerow([_text(row[c]) for c in columns])
            count += 1
    return count


def write_csv(store: Store, out: Path) -> int:
    return _write_rows_csv(out, COLUMNS, rows(store))


def _budget_rows(store: Store) -> Iterator[dict]:
    for row in store.list():
        yield {c: row[c] for c in BUDGET_COLUMNS}


def write_budgets_csv(store: Store, out: Path) -> int:
    return _write_rows_csv(out, BUDGET_COLUMNS, _budget_rows(store))


def _chunks(items: Iterable[dict], size: int) -> Iterator[list[dict]]:
    chunk: list[dict] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def parquet_schema():
    import pyarrow as pa

    money = pa.decimal128(38, 6)
    return pa.schema([
        ("budget_id", pa.int64()), ("unit", pa.string()), ("region", pa.string()), ("year", pa.int32()),
        ("kind", pa.string()), ("level", pa.string()), ("version", pa.int32()), ("table", pa.string()),
        ("code", pa.string()), ("item", pa.string()), ("measure", pa.string()), ("value_yuan", money),
        ("printed_value", money), ("printed_unit", pa.string()), ("page", pa.int32()), ("line", pa.int32()),
    ])


_SCALE = Decimal("0.000001")


def _exact6(value: Decimal | None) -> Decimal | None:
    if value is None:
        return None
    quantized = value.quantize(_SCALE)
    if quantized != value:
        raise ValueError(f"{value} has more than 6 decimal places")
    return quantized


def write_parquet(store: Store, out: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = parquet_schema()
    count = 0
    with pq.ParquetWriter(out, schema) as writer:
        for chunk in _chunks(rows(store), 50_000):
            for row in chunk:
                row["value_yuan"] = _exact6(row["value_yuan"])
                row["printed_value"] = _exact6(row["printed_value"])
            writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
            count += len(chunk)
        if count == 0:
            writer.write_table(schema.empty_table())
    return count


def write_xlsx(store: Store, out: Path) -> int:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("facts")
    sheet.append(list(COLUMNS))
    count = 0
    for row in rows(store):
        count += 1
        if count > XLSX_MAX_ROWS:
            raise OverflowError(count)
        # Exact decimals as text: a spreadsheet number is a binary float.
        sheet.append([_text(row[c]) if isinstance(row[c], Decimal) else row[c] for c in COLUMNS])
    budgets = book.create_sheet("budgets")
    budgets.append(list(BUDGET_COLUMNS))
    for row in _budget_rows(store):
        budgets.append([_text(row[c]) if isinstance(row[c], Decimal) else row[c] for c in BUDGET_COLUMNS])
    book.save(out)
    return count


_FACT_FIELDS = [
    ("budget_id", "integer", "入库编号（budgets.id）"), ("unit", "string", "单位名称"), ("region", "string", "地区（版式）"),
    ("year", "integer", "年度"), ("kind", "string", "预算或决算"), ("level", "string", "单位或部门"),
    ("version", "integer", "同一单位、年度、类型的第几个版本"), ("table", "string", "表格编号（docs/facts.md）"),
    ("code", "string", "科目、单位或项目编码"), ("item", "string", "行（规范名或印出的名称）"),
    ("measure", "string", "栏目编号（docs/facts.md）"), ("value_yuan", "number", "金额（元，精确十进制）；比例、指标值为空"),
    ("printed_value", "number", "印出的数字（按其印出的单位）"), ("printed_unit", "string", "印出的单位：万元、元、% 或指标单位"),
    ("page", "integer", "页码"), ("line", "integer", "行号（文本文件）"),
]
_BUDGET_TYPES = {"id": "integer", "year": "integer", "version": "integer", "errors": "integer",
                 "warnings": "integer", "notices": "integer", **{k: "number" for k in TOTALS}}


def write_datapackage(store: Store, folder: Path) -> int:
    """folder/datapackage.json + facts.csv + budgets.csv (Frictionless data package, foreign key
    facts.budget_id → budgets.id)."""
    folder.mkdir(parents=True, exist_ok=True)
    count = write_csv(store, folder / "facts.csv")
    write_budgets_csv(store, folder / "budgets.csv")
    package = {
        "name": "yusuan-budgets",
        "title": "预算公开文件数据（yusuan export）",
        "description": "每个入库文档的每个数字一行（facts），及入库文档清单与关键数字（budgets）。金额为精确到元的十进制数。",
        "licenses": [{"name": "ODC-PDDL-1.0", "title": "Open Data Commons Public Domain Dedication and License"}],
        "resources": [
            {"name": "budgets", "path": "budgets.csv", "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
             "schema": {"fields": [{"name": c, "type": _BUDGET_TYPES.get(c, "string")} for c in BUDGET_COLUMNS],
                        "primaryKey": ["id"]}},
            {"name": "facts", "path": "facts.csv", "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
             "schema": {"fields": [{"name": n, "type": t, "description": d} for n, t, d in _FACT_FIELDS],
                        "foreignKeys": [{"fields": ["budget_id"],
                                         "reference": {"resource": "budgets", "fields": ["id"]}}]}},
        ],
    }
    (folder / "datapackage.json").write_text(json.dumps(package, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return count
