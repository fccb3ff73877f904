"""Speed of the web application (`yusuan serve`) on localhost.

Usage: python bench/web.py [--only PREFIX ...] [--clients 20] [--seconds 15] [--page budget|list|report]

1. Time to first report: each sample (../shared/samples, PDFs and the example YAML) POSTed to
   /api/check, one at a time, from the request's start to the whole JSON report received (upload,
   worker start, read, check, JSON). Beside it, yusuan.api.check_file in this process (no server, no
   worker) to show what the web layer adds.
2. Pages per second: one budget stored (POST /api/budgets), then its page (/budgets/{id}: key figures,
   charts, every table as printed, narrative, findings) fetched by `--clients` concurrent clients for
   `--seconds`; pages/s, and the median and 95th-percentile latency.

The server runs as a subprocess (`python -m yusuan serve`) over a throwaway SQLite store.
"""
from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT.parent / "shared" / "samples"
EXAMPLE = ROOT / "examples" / "wuhan-gxzx-2026.yaml"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: str, port: int) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k != "YUSUAN_TOKEN"}
    process = subprocess.Popen([sys.executable, "-m", "yusuan", "serve", "--db", db, "--port", str(port),
                                "--workers", "2"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    for _ in range(300):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return process
        except OSError:
            if process.poll() is not None:
                raise SystemExit(process.stderr.read().decode())
            time.sleep(0.1)
    raise SystemExit("server did not start")


def documents(only: list[str]) -> list[Path]:
    files = sorted(p for p in SAMPLES.glob("*.pdf")) if SAMPLES.exists() else []
    files.append(EXAMPLE)
    if only:
        files = [f for f in files if any(f.name.startswith(o) for o in only)]
    return files


def first_reports(base: str, files: list[Path]) -> list[tuple[str, int, float, float | None, int | None]]:
    from yusuan.api import check_file
    rows = []
    with httpx.Client(base_url=base, timeout=600) as client:
        for path in files:
            data = path.read_bytes()
            start = time.perf_counter()
            response = client.post("/api/check", files={"file": (path.name, data)})
            web = time.perf_counter() - start
            start = time.perf_counter()
            try:
                check_file(path)
                local = time.perf_counter() - start
            except Exception:
                local = None
            pages = None
            if path.suffix == ".pdf":
                from yusuan.pdflib import pymupdf
                with pymupdf.open(path) as doc:
                    pages = doc.page_count
            rows.append((path.name, response.status_code, web, local, pages))
            print(f"{path.name:45s} {response.status_code}  web {web:6.2f} s  in-process {local or float('nan'):6.2f} s"
                  f"  {pages or '-':>4} pages", flush=True)
    return rows


def hammer(base: str, path: str, clients: int, seconds: float) -> tuple[int, int, list[float]]:
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop = time.perf_counter() + seconds

    def client_loop():
        with httpx.Client(base_url=base, timeout=60) as client:
            while time.perf_counter() < stop:
                start = time.perf_counter()
                response = client.get(path)
                took = time.perf_counter() - start
                with lock:
                    if response.status_code == 200:
                        latencies.append(took)
                    else:
                        errors[0] += 1

    threads = [threading.Thread(target=client_loop) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return len(latencies), errors[0], latencies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", default=[])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--stored", default="xian-tjj-2026-dept-budget.pdf",
                        help="the document whose stored page is fetched (a sample name, else the example YAML)")
    parser.add_argument("--skip-reports", action="store_true")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="yusuan-bench-web-"))
    port = free_port()
    server = start_server(f"sqlite:///{folder / 'bench.sqlite'}", port)
    base = f"http://127.0.0.1:{port}"
    try:
        if not args.skip_reports:
            print("== time to first report (POST /api/check, one at a time)")
            rows = first_reports(base, documents(args.only))
            ok = [r for r in rows if r[1] == 200]
            web = [r[2] for r in ok]
            added = [r[2] - r[3] for r in ok if r[3] is not None]
            if ok:
                print(f"{len(ok)} documents: median {statistics.median(web):.2f} s, max {max(web):.2f} s; "
                      f"the web layer adds median {statistics.median(added):.2f} s over the in-process check")
        stored = SAMPLES / args.stored
        stored = stored if stored.exists() else EXAMPLE
        with httpx.Client(base_url=base, timeout=600) as client:
            response = client.post("/api/budgets", files={"file": (stored.name, stored.read_bytes())})
            budget_id = response.json()["budget_id"]
            for path in (f"/budgets/{budget_id}", "/budgets"):
                client.get(path)  # warm the server's cache of the stored budget
        for path in (f"/budgets/{budget_id}", "/budgets"):
            count, errors, latencies = hammer(base, path, args.clients, args.seconds)
            latencies.sort()
            p95 = latencies[int(0.95 * (len(latencies) - 1))] if latencies else float("nan")
            print(f"== {path} ({stored.name}) under {args.clients} concurrent clients for {args.seconds:g} s: "
                  f"{count / args.seconds:.1f} pages/s, median {statistics.median(latencies) * 1000:.0f} ms, "
                  f"p95 {p95 * 1000:.0f} ms, errors {errors}")
    finally:
        server.terminate()
        server.wait(10)


if __name__ == "__main__":
    main()
