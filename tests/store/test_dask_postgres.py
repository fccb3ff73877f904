"""ingest --executor dask on a LocalCluster of 2 workers, into a real PostgreSQL server started here."""
from __future__ import annotations

import json
import os

import pytest

from yusuan.store import open_store

from cli_util import run
from conftest import SAMPLES
from pgserver import PostgresServer
from store.conftest import variant



@pytest.fixture(scope="module", autouse=True)
def _needs_postgres():
    if not PostgresServer.available():
        if os.environ.get("CI"):  # CI installs it (make system): a skip there would hide a broken install
            pytest.fail("PostgreSQL is not installed on the CI machine (make system installs it)")
        pytest.skip("PostgreSQL is not installed (make test installs it)")


@pytest.fixture(scope="module")
def postgres(_needs_postgres):
    with PostgresServer() as server:
        yield server


@pytest.fixture(scope="module")
def cluster():
    from dask.distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as local:
        yield local


def test_ingest_on_dask_into_postgresql(postgres, cluster, tmp_path):
    db = postgres.create_database("dask")
    docs = [variant(tmp_path, n, unit=f"单位{n}") for n in range(4)]
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 broken")
    extra = [SAMPLES / "wuhan-gxzx-2026-unit-budget.txt"] if SAMPLES.exists() else []
    result = run("ingest", *docs, broken, *extra, "--db", db, "--executor", "dask",
                 "--scheduler", cluster.scheduler_address, "--format", "json")
    assert result.code == 2
    rows = {r["path"]: r for r in json.loads(result.out)}
    assert rows[str(broken)]["status"] == "unreadable" and "broken.pdf" in rows[str(broken)]["message"]
    assert all(rows[str(d)]["status"] == "stored" for d in [*docs, *extra])
    # Every task ran on the cluster's workers, not here.
    from dask.distributed import Client

    with Client(cluster.scheduler_address) as client:
        done = client.run(lambda dask_worker: len(dask_worker.data) + dask_worker.state.executed_count)
    assert sum(done.values()) >= len(docs) + 1 + len(extra)
    again = run("ingest", *docs, *extra, "--db", db, "--executor", "dask", "--scheduler", cluster.scheduler_address,
                "--format", "json")
    assert again.code == 0 and {r["status"] for r in json.loads(again.out)} == {"duplicate"}
    with open_store(db) as store:
        assert store.engine.dialect.name == "postgresql"
        assert store.count() == len(docs) + len(extra) and store.integrity() == []
        row = store.list(unit="单位0")[0]
        assert str(row["income_total"]) == "7786400" and row["region"] == "武汉市"
        assert store.get_budget(row["id"]).unit.name == "单位0"
        with store.engine.connect() as connection:
            types = dict(connection.exec_driver_sql(
                "select column_name, data_type from information_schema.columns "
                "where table_name = 'facts' and column_name in ('value_yuan', 'value')").all())
            exact = connection.exec_driver_sql(
                "select value_yuan from facts where value_yuan is not null order by id limit 1").scalar()
    assert types == {"value_yuan": "numeric", "value": "numeric"}
    assert str(exact) == "7786400.00"


def test_postgresql_without_dask_and_export(postgres, tmp_path):
    db = postgres.create_database("plain")
    assert run("ingest", variant(tmp_path, 1), "--db", db, "--jobs", "1").code == 0
    out = tmp_path / "facts.csv"
    assert run("export", "--db", db, "--format", "csv", "-o", out).code == 0
    assert ",income_total,budget,7786400,778.64," in out.read_text(encoding="utf-8")

