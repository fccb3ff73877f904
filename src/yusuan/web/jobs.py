"""Checks of uploaded documents in progress and just done, kept in memory (a bounded number).

A job is started by an upload and runs in a thread that waits on the worker process; the report
page polls it (progress: queued, reading N pages for so many seconds, done or refused). A finished
job keeps the upload's bytes (for page images, downloads and keeping it in the store) until newer
jobs push it out."""
from __future__ import annotations

import secrets
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from functools import cached_property

from .uploads import Refused, Upload
from .worker import Outcome, run_check


@dataclass
class Job:
    id: str
    upload: Upload
    created: float = field(default_factory=time.time)
    started: float | None = None
    pages: int | None = None
    outcome: Outcome | None = None
    stored_id: object = None  # the store's id once kept
    view: dict | None = None  # the report page's content, made once
    done: threading.Event = field(default_factory=threading.Event)

    @property
    def state(self) -> str:
        if self.outcome is not None:
            return "done" if self.outcome.ok else "refused"
        return "reading" if self.started else "queued"

    @property
    def elapsed(self) -> float:
        if self.started is None:
            return 0.0
        return self.outcome.seconds if self.outcome else time.time() - self.started

    @cached_property
    def budget(self):
        from ..model import Budget
        return Budget.model_validate_json(self.outcome.budget_json)

    @cached_property
    def report(self) -> dict:
        import json
        return json.loads(self.outcome.report_json)


class Jobs:
    def __init__(self, *, max_pages: int, timeout: float, workers: int = 2, keep: int = 16, queue: int = 8):
        self.max_pages, self.timeout, self.keep, self.queue = max_pages, timeout, keep, max(queue, workers)
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._lock = threading.Lock()
        self._slots = threading.BoundedSemaphore(max(1, workers))
        from .worker import prestart
        threading.Thread(target=prestart, daemon=True, name="forkserver-start").start()

    def start(self, upload: Upload) -> Job:
        """Raises Refused (503) when too many uploads already wait their turn."""
        job = Job(secrets.token_urlsafe(12), upload)
        with self._lock:
            waiting = sum(1 for j in self._jobs.values() if not j.done.is_set())
            if waiting >= self.queue:
                raise Refused(503, "服务器正忙（等待读取的文件过多），请稍后再试")
            self._jobs[job.id] = job
            while len(self._jobs) > self.keep:
                oldest = next(iter(self._jobs))
                if not self._jobs[oldest].done.is_set() and oldest != job.id:
                    break
                self._jobs.popitem(last=False)
        threading.Thread(target=self._run, args=(job,), daemon=True, name=f"check-{job.id}").start()
        return job

    def _run(self, job: Job) -> None:
        with self._slots:
            job.started = time.time()

            def pages(n):
                job.pages = n
            try:
                job.outcome = run_check(job.upload.data, job.upload.name, max_pages=self.max_pages,
                                        timeout=self.timeout, on_pages=pages)
            except Exception as exc:  # the worker could not start: say so
                job.outcome = Outcome(False, f"无法启动读取进程（{type(exc).__name__}）", 503)
            finally:
                job.done.set()

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def run(self, upload: Upload) -> Job:
        """Start and wait (the JSON API)."""
        job = self.start(upload)
        job.done.wait()
        return job
