"""The store as the web pages use it: a thin adapter over `yusuan.store` (the same store and
functions as `yusuan ingest`, `yusuan list` and `yusuan compare`).

Amounts leave here as exact decimal strings (元), never floats: FastAPI would turn a Decimal into a
float."""
from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from ..check.report import finding_dict, grouped
from ..model import Budget, Finding, Location, Severity, SourceRef

LIST_FIELDS = ("id", "unit_name", "region", "year", "kind", "level", "version", "file_name", "title",
               "errors", "warnings", "notices")


def plain(value):
    """JSON-safe, exact: Decimal → string, datetime → ISO text."""
    if isinstance(value, Decimal):
        text = format(value.normalize(), "f")
        return "0" if text in ("-0", "0") else text
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


def finding_of(row: dict) -> Finding:
    """A stored finding row as the model's Finding (its page and line; the store keeps no bbox)."""
    source = SourceRef(page=row.get("page"), line=row.get("line")) if row.get("page") or row.get("line") else None
    return Finding(code=row["code"], name=row["name"], category=row["category"], severity=Severity(row["severity"]),
                   message=row["message"], expected=row.get("expected"), actual=row.get("actual"),
                   location=Location(table=row.get("table_id"), table_title=row.get("table_title"),
                                     row=row.get("row_label"), column=row.get("column_label"),
                                     section=row.get("section"), source=source))


@dataclass
class StoredBudget:
    id: int
    row: dict  # the store's list row
    budget: Budget
    findings: tuple[Finding, ...]  # as stored (reading notices and rule findings, in report order)
    boxed: tuple[Finding, ...]  # the same with their bboxes where the rules give one (see `located`)
    report: object  # the check of the stored model by this yusuan (the report downloads)
    view: dict | None = None  # the budget page's content, made once (web.views.budget_view)

    @property
    def groups(self) -> list:
        return [(title, [finding_dict(f) for f in fs]) for title, fs in grouped(self.boxed).items()]

    def api_dict(self, summary: dict) -> dict:
        return {"id": self.id, **{k: plain(self.row.get(k)) for k in LIST_FIELDS},
                "summary": summary, "findings": [finding_dict(f) for f in self.findings]}


def located(budget: Budget, stored: tuple[Finding, ...]):
    """The stored findings with the bboxes of the same findings from the rules run again on the stored
    model (the store keeps page and line only; the page image boxes the cell), and that new report."""
    from ..check import check
    reading = tuple(f for f in stored if f.code.startswith("P"))
    report = check(budget, reading)
    again = {}
    for f in report.findings:
        src = f.location.source
        if src is not None and src.bbox is not None:
            again.setdefault((f.code, f.message), src.bbox)
    out = []
    for f in stored:
        bbox = again.get((f.code, f.message))
        if bbox is not None and f.location.source is not None:
            f = f.model_copy(update={"location": f.location.model_copy(
                update={"source": f.location.source.model_copy(update={"bbox": bbox})})})
        out.append(f)
    return tuple(out), report


class StoreAccess:
    def __init__(self, store, cache: int = 8):
        self.store = store
        self._cache: OrderedDict[int, StoredBudget] = OrderedDict()
        self._size = cache
        self._lock = threading.Lock()

    # ---- reading

    def budgets(self, *, region=None, year=None, kind=None, level=None, unit=None, q=None) -> list[dict]:
        rows = self.store.list(unit=unit or None, year=year, kind=kind or None, region=region or None)
        if level:
            rows = [r for r in rows if r["level"] == level]
        if q:
            rows = [r for r in rows if q.strip() in r["unit_name"]]
        return [self.list_row(r) for r in rows]

    @staticmethod
    def list_row(row: dict) -> dict:
        from ..store.schema import TOTALS
        out = {k: plain(row.get(k)) for k in LIST_FIELDS}
        out["totals"] = {k: plain(row.get(k)) for k in TOTALS}
        return out

    def facets(self) -> dict:
        rows = self.store.list()
        return {key: sorted({r[key] for r in rows if r[key] is not None}, reverse=key == "year")
                for key in ("region", "year", "kind", "level")}

    def budget(self, budget_id) -> StoredBudget | None:
        try:
            budget_id = int(budget_id)
        except (TypeError, ValueError):
            return None
        with self._lock:
            if budget_id in self._cache:
                self._cache.move_to_end(budget_id)
                return self._cache[budget_id]
        try:
            budget = self.store.get_budget(budget_id)
        except KeyError:
            return None
        row = next((r for r in self.store.list() if r["id"] == budget_id), {"id": budget_id})
        findings = tuple(finding_of(r) for r in self.store.findings(budget_id))
        boxed, report = located(budget, findings)
        stored = StoredBudget(budget_id, row, budget, findings, boxed, report)
        with self._lock:
            self._cache[budget_id] = stored
            while len(self._cache) > self._size:
                self._cache.popitem(last=False)
        return stored

    def summary(self, budget_id: int) -> dict:
        return self.store.summary(budget_id)

    def original(self, budget_id: int) -> tuple[str, bytes]:
        return self.store.get_original(budget_id)

    def budget_model(self, budget_id) -> Budget:
        """The stored model; LookupError (Chinese) when there is no such id."""
        stored = self.budget(budget_id)
        if stored is None:
            raise LookupError(f"库中没有编号为 {budget_id} 的预算")
        return stored.budget

    def comparison(self, a, b):
        """`yusuan compare A B` of two stored ids (the compare core)."""
        from ..compare import compare
        return compare(self.budget_model(a), self.budget_model(b), a_id=str(a), b_id=str(b))

    def compare(self, a, b) -> dict:
        return self.comparison(a, b).as_dict()

    def series(self, unit: str):
        """`yusuan compare --unit NAME`: the unit's stored documents over the years (compare.series)."""
        from ..compare.series import point, series
        rows = self.store.series(unit, kind=None)
        points = [point(self.store.summary(r["id"]), id=r["id"], file=r.get("file_name"), version=r.get("version"))
                  for r in rows]
        return series(unit, points) if points else None

    def ranking(self, *, year=None, kind=None, level=None, region=None) -> list[dict]:
        """The latest version of each stored document matching the filters (the list rows)."""
        rows = self.store.list(year=year, kind=kind or None, region=region or None, latest=True)
        return [self.list_row(r) for r in rows if not level or r["level"] == level]

    def units(self) -> list[str]:
        return sorted({r["unit_name"] for r in self.store.list()})

    # ---- writing

    def ingest_upload(self, jobs, upload, job=None) -> dict:
        """Keep an upload: the job's reading when it has one, else read (bounded, in a worker) now.
        → {path, sha256, status: stored|duplicate|unreadable, budget_id, message} (as `yusuan ingest`)."""
        from ..store import sha256_of
        sha = sha256_of(upload.data)
        existing = self.store.find_sha(sha)
        if existing is not None:
            return {"path": upload.name, "sha256": sha, "status": "duplicate", "budget_id": existing,
                    "message": "已入库（内容相同的文件）"}
        if job is None or job.outcome is None:
            from .uploads import Refused
            try:
                job = jobs.run(upload)
            except Refused as exc:  # too many uploads waiting
                return {"path": upload.name, "sha256": sha, "status": "unreadable", "budget_id": None,
                        "message": exc.message, "http": exc.status}
        if not job.outcome.ok:
            return {"path": upload.name, "sha256": sha, "status": "unreadable", "budget_id": None,
                    "message": job.outcome.message, "http": job.outcome.status}
        result = self.store.add(job.budget, job.outcome.findings, upload.data, upload.name)
        return result.as_dict()


def open_store(db: str | None):
    """The store at `db` (None: its default, as `yusuan ingest`), wrapped; None when it cannot be opened
    (the pages then offer checking only)."""
    try:
        from ..store import open_store as open_db
    except ImportError:
        return None
    return StoreAccess(open_db(db))
