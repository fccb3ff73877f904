"""Reading and checking files into the store (`yusuan ingest`): locally over processes, or on a Dask
cluster whose workers return serialised Records that this process writes, one transaction each."""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

from .batch import Outcome, expand, guarded, imap
from .read.raw import UnreadableError
from .store import IngestResult, Record, Store, make_record, sha256_file


def prepare(path: str | Path, layout: str | None = None) -> Record:
    """Read and check one file → Record (plain data: picklable, what a worker sends back).
    Raises UnreadableError only (bugs aside)."""
    from .api import check_file

    p = Path(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise UnreadableError(f"{p}：文件不存在") from None
    except IsADirectoryError:
        raise UnreadableError(f"{p}：是一个目录，不是文件") from None
    except OSError as exc:
        raise UnreadableError(f"{p}：无法读取（{exc.strerror or exc}）") from None
    budget, report = check_file(p, layout)
    return make_record(p, data, budget, report.findings)


def prepare_guarded(path: str, layout: str | None = None) -> Outcome:
    """prepare() that never raises (a Dask task)."""
    return guarded(prepare, path, layout)


def ingest_file(store: Store, path: str | Path, layout: str | None = None) -> IngestResult:
    """Read, check and store one file."""
    return _result(store, guarded(prepare, path, layout))


def _result(store: Store, outcome: Outcome) -> IngestResult:
    if not outcome.ok:
        return IngestResult(outcome.path, _sha_or_none(outcome.path), "unreadable", None, outcome.error)
    return store.add_record(outcome.value)


def _size(path: str) -> int:
    try:
        return Path(path).stat().st_size
    except OSError:
        return 0


def _sha_or_none(path: str) -> str | None:
    try:
        return sha256_file(path)
    except OSError:
        return None


def ingest_paths(store: Store, paths: Iterable[str | Path], *, jobs: int | None = None, layout: str | None = None,
                 executor: str = "processes", scheduler: str | None = None,
                 on_start: Callable[[int], None] | None = None) -> Iterator[tuple[int, IngestResult]]:
    """(index into the expanded file list, result) per file, in the order they finish.

    Files already stored (same SHA-256) are not read again: reported as duplicate at once, as is a
    second copy within the same run once the first is stored. `on_start(n)` is told the file count."""
    files = [str(p) for p in expand(paths)]
    if on_start:
        on_start(len(files))
    todo: list[tuple[int, str]] = []
    first_of: dict[str, int] = {}  # sha → index of the first file with these bytes in this run
    copies: dict[int, list[int]] = {}  # index of a first file → indexes of later copies
    shas: dict[int, str | None] = {}
    for index, path in enumerate(files):
        sha = _sha_or_none(path)
        shas[index] = sha
        if sha is not None:
            known = store.find_sha(sha)
            if known is not None:
                yield index, IngestResult(path, sha, "duplicate", known, "已入库（内容相同的文件）")
                continue
            if sha in first_of:
                copies.setdefault(first_of[sha], []).append(index)
                continue
            first_of[sha] = index
        todo.append((index, path))

    def finish(index: int, outcome: Outcome) -> Iterator[tuple[int, IngestResult]]:
        result = _result(store, outcome)
        yield index, result
        for copy in copies.get(index, ()):
            if result.status == "unreadable":
                yield copy, IngestResult(files[copy], shas[copy], "unreadable", None, result.message)
            else:
                yield copy, IngestResult(files[copy], shas[copy], "duplicate", result.budget_id,
                                         "与本次的另一文件内容相同，已入库")

    # Largest first: the last document read decides when the run ends, and a big one left to the end
    # keeps one worker busy while the others wait.
    todo.sort(key=lambda item: -_size(item[1]))
    if executor == "dask":
        yield from _on_dask(todo, layout, scheduler, finish)
        return
    paths_todo = [path for _, path in todo]
    for position, outcome in imap(prepare, paths_todo, (layout,), jobs):
        yield from finish(todo[position][0], outcome)


def _on_dask(todo: Sequence[tuple[int, str]], layout: str | None, scheduler: str | None, finish):
    """Reading and checking on the cluster's workers; the Records come back and are written here.
    At most a few tasks per worker thread are in flight, so finished Records never pile up on the
    workers faster than this process writes them."""
    from dask.distributed import Client, as_completed

    client = Client(scheduler) if scheduler else Client()  # no address: a cluster on this machine
    try:
        threads = sum(client.nthreads().values()) or 1
        window = max(8, 4 * threads)
        queue = iter(todo)
        index_of: dict[str, tuple[int, str]] = {}

        def submit(item) -> object:
            future = client.submit(prepare_guarded, item[1], layout, pure=False)
            index_of[future.key] = item
            return future

        running = as_completed([submit(item) for _, item in zip(range(window), queue)])
        for future in running:
            index, path = index_of.pop(future.key)
            try:
                outcome = future.result()
            except Exception as exc:  # the worker died or the task could not run there
                outcome = Outcome(path, error=f"{path}：集群任务失败（{type(exc).__name__}）", internal=True)
            future.release()
            for item in queue:
                running.add(submit(item))
                break
            yield from finish(index, outcome)
    finally:
        client.close()
