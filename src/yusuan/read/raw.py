"""RawDocument: what a reader sees — pages, lines, cells with positions. No budget meaning here."""
from __future__ import annotations

from dataclasses import dataclass, field


class UnreadableError(Exception):
    """The file cannot be read at all (corrupt, encrypted, not a supported format).

    `message` is Chinese and names the file; the CLI prints it and exits with code 2.
    """

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def file_bytes(path, limit: str = "file_mb") -> bytes:
    """The whole file; one that is not a regular file, is larger than the limit `limit` (limits.py),
    cannot be opened or holds nothing but blanks is unreadable."""
    from .limits import read_regular

    data = read_regular(path, limit)
    if not data.strip():
        raise UnreadableError(f"{path}：文件为空，没有可读取的内容")
    return data


def wrap_joiner(left: str, right: str) -> str:
    """What joins two pieces of one cell's text printed on successive lines: Latin words wrapped
    inside a cell keep a space; CJK text and numbers join directly."""
    if left and right and left[-1].isascii() and left[-1].isalpha() and right[0].isascii() and right[0].isalpha():
        return " "
    return ""


@dataclass(frozen=True, slots=True)
class RawCell:
    text: str
    col: int | None = None  # grid column index when the line is a table row
    bbox: tuple[float, float, float, float] | None = None


@dataclass(frozen=True, slots=True)
class RawLine:
    """One visual line. Table rows keep one RawCell per grid column (blank cells as '')."""

    cells: tuple[RawCell, ...]
    page: int | None = None  # 1-based
    line_no: int | None = None  # 1-based: line of a text file, of a PDF page, row of a sheet
    bbox: tuple[float, float, float, float] | None = None
    is_table_row: bool = False  # True when the reader saw a grid (tabs, ruling lines, sheet cells)
    file: str | None = None  # the file the line came from, when several files are read as one document
    # The joined text, made on first use: extraction asks a line's text about three times.
    _text: str | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def text(self) -> str:
        text = self._text
        if text is None:
            text = "".join(c.text for c in self.cells).strip()
            object.__setattr__(self, "_text", text)
        return text

    @property
    def texts(self) -> tuple[str, ...]:
        return tuple(c.text.strip() for c in self.cells)


@dataclass(frozen=True, slots=True)
class RawPage:
    number: int
    lines: tuple[RawLine, ...]
    width: float | None = None
    height: float | None = None
    has_text: bool = True  # False for scanned, image-only pages
    sheet: str | None = None  # workbook pages: the sheet's name (page = its 1-based position)
    # The running head and foot taken off the page (read.pdf.drop_running_lines): not content, but
    # the title of a one-table document printed above every page is its only title.
    running: tuple[RawLine, ...] = ()


@dataclass(frozen=True, slots=True)
class RawDocument:
    path: str
    format: str  # "txt" | "pdf" | "xlsx" | "docx"
    pages: tuple[RawPage, ...]
    notes: tuple[str, ...] = field(default=())  # reader remarks in Chinese (e.g. scanned pages)

    def lines(self):
        for page in self.pages:
            yield from page.lines
