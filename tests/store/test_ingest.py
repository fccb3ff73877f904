"""`yusuan ingest` and `yusuan list` through the real CLI, and the store API they use."""
from __future__ import annotations

import json
import sqlite3
from decimal import Decimal

from yusuan.api import load_budget
from yusuan.store import open_store

from cli_util import run
from store.conftest import EXAMPLE, variant


def test_ingest_twice_stores_once(tmp_path, db):
    docs = [variant(tmp_path, 1), variant(tmp_path, 2, unit="武汉市某某中心")]
    first = run("ingest", *docs, "--db", db, "--format", "json", "--jobs", "1")
    assert first.code == 0, first.err
    rows = json.loads(first.out)
    assert [r["status"] for r in rows] == ["stored", "stored"]
    assert [r["budget_id"] for r in rows] == [1, 2]
    assert all(len(r["sha256"]) == 64 and r["path"] == str(d) for r, d in zip(rows, docs))
    again = run("ingest", tmp_path, "--db", db, "--format", "json", "--jobs", "1")
    assert again.code == 0
    assert [(r["status"], r["budget_id"]) for r in json.loads(again.out)] == [("duplicate", 1), ("duplicate", 2)]
    assert "合计 2 个文件：新入库 0，已存在 2，无法读取 0" in again.err
    with open_store(db) as store:
        assert store.count() == 2
        assert store.integrity() == []


def test_a_corrupt_file_is_refused_with_its_reason_and_the_rest_stored(tmp_path, db):
    good = variant(tmp_path, 1)
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.7\nthis is no pdf at all")
    result = run("ingest", good, bad, "--db", db, "--format", "json", "--jobs", "1")
    assert result.code == 2
    rows = {r["path"]: r for r in json.loads(result.out)}
    assert rows[str(good)]["status"] == "stored"
    refused = rows[str(bad)]
    assert refused["status"] == "unreadable" and refused["budget_id"] is None
    assert "broken.pdf" in refused["message"] and refused["sha256"]
    text = run("ingest", bad, "--db", db, "--jobs", "1")
    assert text.code == 2 and "无法读取" in text.out and "原因" in text.err and "Traceback" not in text.err


def test_a_later_document_of_the_same_unit_year_and_kind_is_a_new_version(tmp_path, db):
    one = variant(tmp_path, 1)
    two = tmp_path / "revised.yaml"
    two.write_text(EXAMPLE.read_text(encoding="utf-8").replace("778.64", "779.64", 1), encoding="utf-8")
    assert run("ingest", one, "--db", db, "--jobs", "1").code == 0
    result = run("ingest", two, "--db", db, "--format", "json", "--jobs", "1")
    assert json.loads(result.out)[0]["status"] == "stored"
    assert "第 2 个版本" in json.loads(result.out)[0]["message"]
    with open_store(db) as store:
        rows = store.list()
        assert [(r["unit_name"], r["version"]) for r in rows] == [("武汉市工业信息化中心", 1), ("武汉市工业信息化中心", 2)]
        assert [r["id"] for r in store.list(latest=True)] == [2]
        assert [r["id"] for r in store.series("武汉市工业信息化中心")] == [2]


def test_the_stored_model_is_the_document_read_and_amounts_stay_exact(tmp_path, db):
    doc = variant(tmp_path, 1)
    run("ingest", doc, "--db", db, "--jobs", "1")
    with open_store(db) as store:
        assert store.get_budget(1) == load_budget(doc)[0]
        name, data = store.get_original(1)
        assert name == doc.name and data == doc.read_bytes()
        row = store.list()[0]
        # The example's 收入总计 778.64 万元 and “三公” 3.00 万元, in exact 元.
        assert row["income_total"] == Decimal("7786400") and row["three_public_total"] == Decimal("30000")
        assert row["region"] == "武汉市" and row["kind"] == "预算" and row["level"] == "单位"
        assert store.summary(1)["income_total"] == "7786400"
    con = sqlite3.connect(db)
    # SQLite keeps the decimal's text (its NUMERIC affinity would make a float of it).
    assert con.execute("select typeof(value_yuan), value_yuan from facts where value_yuan is not null limit 1").fetchone() \
        == ("text", "7786400.00")
    assert con.execute("select version_num from alembic_version").fetchone() == ("0001",)


def test_list_formats(tmp_path, db):
    run("ingest", variant(tmp_path, 1), "--db", db, "--jobs", "1")
    as_json = json.loads(run("list", "--db", db, "--format", "json").out)
    assert as_json[0]["unit_name"] == "武汉市工业信息化中心" and as_json[0]["income_total"] == "7786400"
    assert as_json[0]["errors"] == 1 and as_json[0]["year"] == 2026
    csv_lines = run("list", "--db", db, "--format", "csv").out.splitlines()
    assert csv_lines[0].startswith("id,unit_name,region,year,kind,level,version,income_total")
    assert csv_lines[1].startswith("1,武汉市工业信息化中心,武汉市,2026,预算,单位,1,7786400,")
    text = run("list", "--db", db).out
    assert "武汉市工业信息化中心" in text and "7786400" in text


def test_default_database_from_the_environment(tmp_path, monkeypatch):
    target = tmp_path / "env.sqlite"
    monkeypatch.setenv("YUSUAN_DB", str(target))
    assert run("ingest", variant(tmp_path, 1), "--jobs", "1").code == 0
    assert target.exists()
    monkeypatch.delenv("YUSUAN_DB")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert run("list", "--format", "json").out.strip() == "[]"
    assert (tmp_path / "xdg" / "yusuan" / "yusuan.sqlite").exists()


def test_an_unusable_database_is_a_clean_refusal(tmp_path):
    result = run("list", "--db", "mysql://nobody@127.0.0.1:1/none")
    assert result.code == 2 and result.err.startswith("错误：") and "Traceback" not in result.err


def test_ingest_over_two_processes(tmp_path, db):
    docs = [variant(tmp_path, n, unit=f"单位{n}") for n in range(4)]
    result = run("ingest", tmp_path, "--db", db, "--format", "json", "--jobs", "2")
    assert result.code == 0
    assert sorted(r["status"] for r in json.loads(result.out)) == ["stored"] * 4
    with open_store(db) as store:
        assert sorted(r["unit_name"] for r in store.list()) == [f"单位{n}" for n in range(4)]
        assert store.integrity() == []
    assert len(docs) == 4


def test_an_unreachable_scheduler_is_a_clean_refusal(tmp_path):
    import os
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "yusuan", "ingest", str(variant(tmp_path, 1)), "--db",
                           str(tmp_path / "s.sqlite"), "--executor", "dask", "--scheduler", "tcp://127.0.0.1:9"],
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, "DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "2s"})
    assert done.returncode == 2
    assert "无法连接 Dask 调度器 tcp://127.0.0.1:9" in done.stderr and "Traceback" not in done.stderr


def test_region_from_the_unit_name_else_the_layout():
    from yusuan.model import Budget
    from yusuan.model.budget import Unit
    from yusuan.store import region_of

    assert region_of(Budget(unit=Unit(name="广州市生态环境局"), year=2026, layout="wuhan_unit")) == "广州市"
    assert region_of(Budget(unit=Unit(name="某某中心"), year=2026, layout="shanghai_unit")) == "上海市"
    assert region_of(Budget(unit=Unit(name="国家信访局"), year=2026, layout="central_dept")) == "中央"
    assert region_of(Budget(unit=Unit(name="某某中心"), year=2026, layout="wuhan_unit", layout_assumed=True)) is None
