"""The public entry points: read any supported file into a Budget."""
from __future__ import annotations

from pathlib import Path

from .extract import extract
from .model import Budget, Finding
from .read.gc_pause import gc_paused_call
from .read.limits import check_text_size, regular_file
from .read.raw import RawDocument, UnreadableError
from .reference.layouts import load_layout

TEXT_SUFFIXES = {".txt", ".text", ".md"}
YAML_SUFFIXES = {".yaml", ".yml"}


def read_raw(path: str | Path) -> RawDocument:
    """file → RawDocument, by suffix, within the limits (read/limits.py). Raises UnreadableError with a
    Chinese message (a LimitError when over a limit)."""
    raw = _read_by_suffix(path)
    check_text_size(raw)
    return raw


def _read_by_suffix(path: str | Path) -> RawDocument:
    """file → RawDocument, by suffix. Raises UnreadableError with a Chinese message."""
    p = Path(path)
    regular_file(p)  # a FIFO, device or socket is refused before any reader opens it
    suffix = p.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        from .read import text
        return text.read(p)
    if suffix == ".pdf":
        from .read import pdf
        return pdf.read(p)
    if suffix in {".xlsx", ".xlsm"}:
        from .read import xlsx
        return xlsx.read(p)
    if suffix == ".docx":
        from .read import docx
        return docx.read(p)
    if suffix in {".html", ".htm"}:
        from .read import html
        return html.read(p)
    raise UnreadableError(f"{p}：不支持的文件类型“{suffix or '无扩展名'}”（支持 .txt .yaml .pdf .xlsx .docx .html）")


@gc_paused_call  # the raw document dies before the collector resumes: see read/gc_pause.py
def load_budget(path: str | Path, layout: str | None = None,
                withheld: frozenset[str] = frozenset()) -> tuple[Budget, tuple[Finding, ...]]:
    """Any supported file → (Budget, reading findings). Raises UnreadableError only.
    `withheld`: layout ids not to detect (bench/generic.py reads each region as an unknown one)."""
    p = Path(path)
    if p.suffix.lower() in YAML_SUFFIXES:
        from .extract import yaml_budget
        return yaml_budget.read(p), ()
    return _extract(read_raw(p), layout, withheld)


def _extract(raw: RawDocument, layout: str | None,
             withheld: frozenset[str] = frozenset()) -> tuple[Budget, tuple[Finding, ...]]:
    try:
        chosen = load_layout(layout) if layout else None
    except KeyError:
        raise UnreadableError(f"未知的版式“{layout}”") from None
    budget, findings = extract(raw, chosen, withheld)
    if any(entry.part == 3 for entry in budget.toc) and not budget.narrative and not budget.glossary:
        # The contents promise parts 3 and 4 but the text stops before them: a cut-off file, not a
        # document with missing sections (which the checker would report).
        raise UnreadableError(f"{raw.path}：文件不完整，可能被截断——目录列出的第三部分（情况说明）及之后的内容在正文中不存在")
    return budget, findings


def read_together(paths) -> RawDocument:
    """Several files → one RawDocument, pages in the order given (Beijing publishes the tables and the
    narrative as two PDFs). Each line keeps the file it came from, so provenance names that file."""
    from dataclasses import replace
    if not paths:
        raise UnreadableError("没有给出要合并读取的文件")
    raws = [read_raw(p) for p in paths]
    # The file holding the contents (目录) opens the document, whatever order the files were given in:
    # its part headings place the other file's tables.
    raws.sort(key=lambda raw: not any(line.text.replace(" ", "") in ("目录", "目\u3000录")
                                      for page in raw.pages[:3] for line in page.lines))
    pages = tuple(
        replace(page, lines=tuple(replace(line, file=raw.path) for line in page.lines))
        for raw in raws for page in raw.pages
    )
    formats = {raw.format for raw in raws}
    return RawDocument(path=" + ".join(raw.path for raw in raws), format=formats.pop() if len(formats) == 1 else "mixed",
                       pages=pages, notes=tuple(note for raw in raws for note in raw.notes))


@gc_paused_call
def load_budget_together(paths, layout: str | None = None) -> tuple[Budget, tuple[Finding, ...]]:
    """Several files read as one document (`--together`). Raises UnreadableError only."""
    return _extract(read_together([Path(p) for p in paths]), layout)


@gc_paused_call
def check_file(path: str | Path, layout: str | None = None, settings=None):
    """Read and check one file → (Budget, Report). The CLI, the web upload and tests share this path.

    Raises UnreadableError only; a bad document yields findings.
    """
    from .check import check
    budget, reading = load_budget(path, layout)
    return budget, check(budget, reading, settings)


@gc_paused_call
def check_together(paths, layout: str | None = None, settings=None):
    """Several files checked as one document → (Budget, Report). Raises UnreadableError only."""
    from .check import check
    budget, reading = load_budget_together(paths, layout)
    return budget, check(budget, reading, settings)
