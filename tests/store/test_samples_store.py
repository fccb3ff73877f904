"""Every sample document into a store, twice: each stored once, a corrupt file among them refused with
its reason; the export of the store round-trips to `facts` of each document."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from yusuan.figures.facts import budget_facts
from yusuan.store import open_store

from cli_util import run
from conftest import SAMPLES
from store.test_export import assert_round_trip, csv_rows, parquet_rows


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory):
    if not SAMPLES.exists():
        pytest.skip("../shared/samples absent")
    folder = tmp_path_factory.mktemp("samples")
    corrupt = folder / "corrupt-2026-dept-budget.pdf"
    corrupt.write_bytes((SAMPLES / "bj-czj-2026-dept-budget.pdf").read_bytes()[:5000])  # cut off
    docs = sorted(p for p in SAMPLES.iterdir() if p.suffix in (".pdf", ".txt"))
    db = str(folder / "samples.sqlite")
    first = run("ingest", *docs, corrupt, "--db", db, "--format", "json", "--jobs", "2")
    return db, docs, corrupt, first


def test_all_samples_stored_once_and_the_corrupt_one_refused(sample_store):
    db, docs, corrupt, first = sample_store
    assert first.code == 2
    rows = {r["path"]: r for r in json.loads(first.out)}
    assert rows[str(corrupt)]["status"] == "unreadable" and corrupt.name in rows[str(corrupt)]["message"]
    assert all(rows[str(d)]["status"] == "stored" for d in docs), [r for r in rows.values() if r["status"] != "stored"]
    again = run("ingest", *docs, "--db", db, "--format", "json", "--jobs", "2")
    assert again.code == 0
    assert [r["status"] for r in json.loads(again.out)] == ["duplicate"] * len(docs)
    with open_store(db) as store:
        assert store.count() == len(docs)
        assert store.integrity() == []
        listed = {r["file_name"]: r for r in store.list()}
    # A few figures printed on the pages (figures.yaml): 北京市财政局 收入总计 44169.36 万元.
    assert listed["bj-czj-2026-dept-budget.pdf"]["income_total"] == 441693600
    assert listed["bj-czj-2026-dept-budget.pdf"]["region"] == "北京市"
    assert listed["cn-xfj-2024-dept-final.pdf"]["kind"] == "决算"
    # The region is the place the unit's name begins with, whatever layout read it (the Guangzhou
    # 生态环境局 document matches the Wuhan layout's wordings); else the layout's region.
    assert listed["gz-sthj-2026-dept-budget.pdf"]["region"] == "广州市"
    assert listed["cn-xfj-2026-dept-budget.pdf"]["region"] == "中央"
    assert listed["quanzhou-gaj-2026-unit-budget.pdf"]["region"] == "泉州市"


# Read again here (the store's own reading ran in worker processes): one document of each kind of layout.
REREAD = ("bj-tjj-2026-dept-budget-tables.pdf", "sh-putuo-wanli-2024-dept-budget.pdf", "shenzhen-tjj-2026-dept-budget.pdf",
          "xian-tjj-2026-dept-budget.pdf", "cn-xfj-2024-dept-final.pdf", "wuhan-gxzx-2026-unit-budget.txt")


def _stored_rows(store, budget_id: int) -> list[tuple]:
    return [(f.table, f.code, f.item, f.measure, f.value_yuan, f.value, f.unit, f.page, f.line)
            for f in budget_facts(store.get_budget(budget_id))]


def test_samples_export_round_trips(sample_store, tmp_path):
    db, docs, _, first = sample_store
    ids = {r["budget_id"]: Path(r["path"]) for r in json.loads(first.out) if r["status"] == "stored"}
    csv_out, parquet_out = tmp_path / "facts.csv", tmp_path / "facts.parquet"
    assert run("export", "--db", db, "--format", "csv", "-o", csv_out).code == 0
    assert run("export", "--db", db, "--format", "parquet", "-o", parquet_out).code == 0
    exported_csv, exported_parquet = csv_rows(csv_out), parquet_rows(parquet_out)
    assert set(exported_csv) == set(exported_parquet) <= set(ids)
    with open_store(db) as store:
        # Every document: the export holds the facts of the model as stored.
        for budget_id in ids:
            stored = _stored_rows(store, budget_id)
            assert exported_csv.get(budget_id, []) == stored == exported_parquet.get(budget_id, []), ids[budget_id]
    # And the model as stored is the document as read.
    assert_round_trip({i: rows for i, rows in exported_csv.items() if ids[i].name in REREAD},
                      {i: p for i, p in ids.items() if p.name in REREAD})
