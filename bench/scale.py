"""Throughput of `ingest --executor dask` into PostgreSQL on a LocalCluster of 1 and 2 workers
(docs/scale.md). Starts its own PostgreSQL (tests/pgserver.py) and its own clusters.

    .venv/bin/python bench/scale.py [--workers 1 2] [FILES or folders; default ../shared/samples PDFs + txt]

Prints, per cluster size: documents, seconds, documents/second, peak worker memory (RSS), and the
database's size per document."""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("paths", nargs="*")
    parser.add_argument("--workers", nargs="*", type=int, default=[1, 2])
    parser.add_argument("--repeat", type=int, default=1, help="runs per cluster size (each into a new database)")
    args = parser.parse_args()
    from dask.distributed import Client, LocalCluster

    from pgserver import PostgresServer
    from yusuan.ingest import ingest_paths
    from yusuan.store import open_store

    samples = ROOT.parent / "shared" / "samples"
    paths = args.paths or sorted(str(p) for p in samples.iterdir() if p.suffix in (".pdf", ".txt"))
    with PostgresServer() as server:
        runs = [(n, r) for r in range(args.repeat) for n in args.workers]  # interleaved: load drifts
        for n, r in runs:
            database = server.create_database(f"scale{n}_{r}")
            with LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
                    Client(cluster) as client:
                client.run(lambda: __import__("yusuan.api"))  # imports done before the clock starts
                store = open_store(database)
                cpu = lambda: sum(sum(__import__("psutil").Process().cpu_times()[:2]) for _ in [0])  # noqa: E731
                before = client.run(cpu)
                client_cpu = time.process_time()
                start = time.perf_counter()
                results = [r for _, r in ingest_paths(store, paths, executor="dask", scheduler=cluster.scheduler_address)]
                seconds = time.perf_counter() - start
                client_cpu = time.process_time() - client_cpu
                memory = client.run(lambda: __import__("psutil").Process().memory_info().rss)
                after = client.run(cpu)
                worker_cpu = sum(after[w] - before[w] for w in after)
                stored = sum(1 for r in results if r.status == "stored")
                with store.engine.connect() as connection:
                    size = connection.exec_driver_sql("select pg_database_size(current_database())").scalar()
                    originals = connection.exec_driver_sql("select sum(size) from originals").scalar() or 0
                    tables = dict(connection.exec_driver_sql(
                        "select relname, pg_total_relation_size(relid) from pg_catalog.pg_statio_user_tables").all())
                store.close()
            print(f"workers={n} documents={len(results)} stored={stored} seconds={seconds:.1f} "
                  f"docs_per_second={len(results) / seconds:.2f} "
                  f"worker_cpu_s={worker_cpu:.1f} cpu_s_per_doc={worker_cpu / len(results):.2f} "
                  f"client_cpu_s={client_cpu:.1f} worker_rss_mb={max(memory.values()) / 2**20:.0f} "
                  f"load={os.getloadavg()[0]:.1f} "
                  f"db_mb={size / 2**20:.1f} originals_mb={originals / 2**20:.1f} "
                  f"db_per_doc_mb={size / 2**20 / max(stored, 1):.2f} "
                  + " ".join(f"{name}_mb={tables[name] / 2**20:.1f}" for name in ("originals", "budgets", "facts", "findings")),
                  flush=True)


if __name__ == "__main__":
    main()
