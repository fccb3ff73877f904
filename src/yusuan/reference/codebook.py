"""Classification codebook: 支出功能分类科目 and 部门预算支出经济分类科目.

The data lives in ``reference/codebook/*.csv`` (one row per code, name and validity
period, see ``reference/codebook/README.md``). This module loads it, lets users drop
in their own rows (extra CSV files, or every ``*.csv`` of the directory named by the
environment variable ``YUSUAN_CODEBOOK_DIR``) and answers two questions:

- which entry is valid for a code in a budget year (``Codebook.function`` /
  ``Codebook.economic``), and
- whether the name a document prints for a code is the one of that year
  (``Codebook.check_function_name`` / ``Codebook.check_economic_name``).

Extra rows override packaged rows of the same code (and region) for the years they
cover; the packaged rows keep the other years.
"""
from __future__ import annotations

import csv
import functools
import io
import os
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

__all__ = [
    "CODEBOOK_DIR",
    "ENV_VAR",
    "CodeEntry",
    "Codebook",
    "CodebookError",
    "NameCheck",
    "load_codebook",
    "normalize_name",
]

CODEBOOK_DIR = Path(__file__).resolve().parent / "codebook"
FUNCTION_FILE = CODEBOOK_DIR / "function_codes.csv"
ECONOMIC_FILE = CODEBOOK_DIR / "economic_codes.csv"
ENV_VAR = "YUSUAN_CODEBOOK_DIR"

COLUMNS = ("code", "name", "since", "until", "region", "source", "note")
_REQUIRED_COLUMNS = ("code", "name")

FUNCTION = "function"
ECONOMIC = "economic"
_KIND_LABEL = {FUNCTION: "支出功能分类", ECONOMIC: "部门预算支出经济分类"}
_KIND_LENGTHS = {FUNCTION: (3, 5, 7), ECONOMIC: (3, 5)}
_KIND_FIRST_DIGIT = {"2": FUNCTION, "3": ECONOMIC}
_LEVELS = {3: "类", 5: "款", 7: "项"}

_YEAR_MIN, _YEAR_MAX = 1950, 2100
_LO, _HI = _YEAR_MIN - 1, _YEAR_MAX + 1  # stand-ins for open-ended periods
_REGION_RE = re.compile(r"^[a-z][a-z0-9_-]*$")
_NATIONAL = ""


class CodebookError(ValueError):
    """A codebook file is malformed (the message, in Chinese, names the file and line)."""


@dataclass(frozen=True)
class CodeEntry:
    """One name of one code over a period of budget years (inclusive; None = open-ended)."""

    code: str
    name: str
    since: int | None
    until: int | None
    region: str | None
    source: str
    note: str

    @property
    def level(self) -> str:
        """类 (3 digits), 款 (5 digits) or 项 (7 digits)."""
        return _LEVELS.get(len(self.code), "")

    @property
    def sources(self) -> tuple[str, ...]:
        """The ``;``-separated parts of ``source``."""
        return tuple(s.strip() for s in self.source.split(";") if s.strip())

    def valid_in(self, year: int) -> bool:
        return (self.since is None or self.since <= year) and (self.until is None or year <= self.until)


@dataclass(frozen=True)
class NameCheck:
    """Result of comparing a document's name for a code with the codebook.

    status: "ok" (the name of that year), "outdated" (a former name of the code),
    "differs" (another name) or "unknown_code" (no entry valid in that year).
    """

    status: str
    expected: str | None
    changed_in: int | None
    entry: CodeEntry | None

    @property
    def ok(self) -> bool:
        return self.status == "ok"


_LEVEL_SUFFIX_RE = re.compile(r"\((?:类|款|项)\)$")
_SPACES_RE = re.compile(r"\s+")


def normalize_name(name: str) -> str:
    """Normalise what documents vary on without meaning.

    Full-width and half-width forms (（）/(), full-width spaces and letters) are
    unified by NFKC, all whitespace is removed, and a trailing level marker such as
    （类）/（款）/（项） used in narrative text is dropped. 维修（护）费 and
    维修(护)费 therefore compare equal.
    """
    text = unicodedata.normalize("NFKC", str(name))
    text = _SPACES_RE.sub("", text)
    text = text.replace("〔", "(").replace("〕", ")")
    return _LEVEL_SUFFIX_RE.sub("", text)


def _clean_code(code: object) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(code)))


def _clean_region(region: str | None) -> str:
    return (region or "").strip().lower()


_Key = tuple[str, str, str]  # (kind, code, region)


class Codebook:
    """Immutable view over the loaded entries. Build it with ``load_codebook``."""

    def __init__(self, entries: dict[_Key, tuple[CodeEntry, ...]]):
        self._entries: dict[_Key, tuple[CodeEntry, ...]] = dict(entries)
        by_kind: dict[str, list[CodeEntry]] = {FUNCTION: [], ECONOMIC: []}
        for (kind, _code, _region), items in self._entries.items():
            by_kind[kind].extend(items)
        self._by_kind = {k: tuple(sorted(v, key=_sort_key)) for k, v in by_kind.items()}

    def regions(self, kind: str) -> tuple[str, ...]:
        """The regions with codes of their own for ``kind`` (the national codebook is "")."""
        return tuple(sorted({r for (k, _c, r) in self._entries if k == kind and r != _NATIONAL}))

    # -- lookups -----------------------------------------------------------------
    def _find(self, kind: str, code: str, region: str, year: int) -> CodeEntry | None:
        for entry in self._entries.get((kind, code, region), ()):
            if entry.valid_in(year):
                return entry
        return None

    def function(self, code: str, year: int) -> CodeEntry | None:
        """The 支出功能分类 entry valid for ``code`` in budget year ``year``."""
        return self._find(FUNCTION, _clean_code(code), _NATIONAL, int(year))

    def economic(self, code: str, year: int, region: str | None = None) -> CodeEntry | None:
        """The 部门预算支出经济分类 entry valid in ``year``; a regional entry wins over the national one."""
        code, region, year = _clean_code(code), _clean_region(region), int(year)
        if region:
            entry = self._find(ECONOMIC, code, region, year)
            if entry is not None:
                return entry
        return self._find(ECONOMIC, code, _NATIONAL, year)

    # -- name checks ---------------------------------------------------------------
    def check_function_name(self, code: str, name: str, year: int) -> NameCheck:
        return self._check(FUNCTION, _clean_code(code), name, int(year), (_NATIONAL,))

    def check_economic_name(self, code: str, name: str, year: int, region: str | None = None) -> NameCheck:
        """Check an economic-classification name.

        With a region, the regional name is expected, but the national name of the
        same code is accepted too: documents of a region with its own 款 do not all
        use them.
        """
        region = _clean_region(region)
        regions = (region, _NATIONAL) if region else (_NATIONAL,)
        return self._check(ECONOMIC, _clean_code(code), name, int(year), regions)

    def _check(self, kind: str, code: str, name: str, year: int, regions: tuple[str, ...]) -> NameCheck:
        current = {r: e for r in regions if (e := self._find(kind, code, r, year)) is not None}
        if not current:
            return NameCheck("unknown_code", None, None, None)
        wanted = normalize_name(name)
        for entry in current.values():
            if normalize_name(entry.name) == wanted:
                return NameCheck("ok", entry.name, None, entry)
        primary = next(iter(current.values()))
        for region in regions:
            for entry in self._entries.get((kind, code, region), ()):
                if entry.until is not None and entry.until < year and normalize_name(entry.name) == wanted:
                    now = current.get(region, primary)
                    return NameCheck("outdated", now.name, now.since, now)
        return NameCheck("differs", primary.name, None, primary)

    # -- listings ------------------------------------------------------------------
    def function_names(self, code: str) -> tuple[CodeEntry, ...]:
        """Every name of a function code over time, oldest first."""
        return self._entries.get((FUNCTION, _clean_code(code), _NATIONAL), ())

    def economic_names(self, code: str, region: str | None = None) -> tuple[CodeEntry, ...]:
        """Every name of an economic code over time (national or of one region), oldest first."""
        return self._entries.get((ECONOMIC, _clean_code(code), _clean_region(region)), ())

    def function_codes(self, year: int) -> tuple[CodeEntry, ...]:
        """All function entries valid in ``year``, sorted by code."""
        year = int(year)
        return tuple(e for e in self._by_kind[FUNCTION] if e.valid_in(year))

    def former_function_names(self, year: int) -> tuple[tuple[CodeEntry, CodeEntry], ...]:
        """(former entry, the code's entry of ``year``) for every name a function code had before
        ``year`` that no code bears in ``year`` nor is part of such a name (文化, the old 20701, is
        part of 文化旅游体育与传媒支出: not a former name one can tell in a text). Longest names first."""
        year = int(year)
        current = {normalize_name(e.name) for e in self.function_codes(year)}
        found: dict[str, tuple[CodeEntry, CodeEntry]] = {}
        for entry in self._by_kind[FUNCTION]:
            if entry.until is None or entry.until >= year:
                continue
            name = normalize_name(entry.name)
            now = self.function(entry.code, year)
            if now is None or name in current or any(name in c for c in current):
                continue
            if name not in found or len(entry.code) < len(found[name][0].code):
                found[name] = (entry, now)
        return tuple(found[n] for n in sorted(found, key=lambda n: (-len(n), n)))

    def economic_codes(self, year: int, region: str | None = None) -> tuple[CodeEntry, ...]:
        """All economic entries valid in ``year``; with a region, its entries replace national ones."""
        year, region = int(year), _clean_region(region)
        chosen: dict[str, CodeEntry] = {}
        for entry in self._by_kind[ECONOMIC]:
            if not entry.valid_in(year):
                continue
            entry_region = entry.region or _NATIONAL
            if entry_region == _NATIONAL:
                chosen.setdefault(entry.code, entry)
            elif entry_region == region:
                chosen[entry.code] = entry
        return tuple(chosen[c] for c in sorted(chosen))

    def __len__(self) -> int:
        return sum(len(v) for v in self._entries.values())

    def __repr__(self) -> str:
        return f"Codebook({len(self._by_kind[FUNCTION])} function, {len(self._by_kind[ECONOMIC])} economic entries)"


def _sort_key(entry: CodeEntry) -> tuple:
    return (entry.code, entry.region or "", entry.since if entry.since is not None else _LO)


# ---------------------------------------------------------------------------------
# Reading CSV files
# ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Row:
    kind: str
    entry: CodeEntry
    line: int


def _fail(path: Path, line: int | None, message: str) -> CodebookError:
    where = f"第 {line} 行：" if line else ""
    return CodebookError(f"科目表文件 {path}：{where}{message}")


def _decode(path: Path, raw: bytes, allow_gbk: bool) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        if allow_gbk:
            try:
                return raw.decode("gb18030")
            except UnicodeDecodeError:
                pass
    raise _fail(path, None, "无法按 UTF-8" + ("或 GBK" if allow_gbk else "") + " 编码读取，请另存为 UTF-8 编码的 CSV")


def _parse_year(path: Path, line: int, column: str, value: str) -> int | None:
    if not value:
        return None
    if not re.fullmatch(r"\d{4}", value):
        raise _fail(path, line, f"{column} 列应为四位年份或留空，实为“{value}”")
    year = int(value)
    if not _YEAR_MIN <= year <= _YEAR_MAX:
        raise _fail(path, line, f"{column} 列年份 {year} 超出 {_YEAR_MIN}–{_YEAR_MAX} 的范围")
    return year


def _read_csv(path: Path, *, kind: str | None, packaged: bool) -> list[_Row]:
    """Parse one codebook CSV. ``kind`` None means each row's kind follows from its code."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise _fail(path, None, f"无法读取（{exc.strerror or exc}）") from exc
    text = _decode(path, raw, allow_gbk=not packaged)
    reader = csv.reader(io.StringIO(text, newline=""))
    header: list[str] | None = None
    rows: list[_Row] = []
    try:
        for cells in reader:
            line = reader.line_num
            if not any(c.strip() for c in cells) or cells[0].lstrip().startswith("#"):
                continue
            if header is None:
                header = [c.strip().lower() for c in cells]
                unknown = [c for c in header if c not in COLUMNS]
                if unknown:
                    raise _fail(path, line, f"表头含未知列 {'、'.join(unknown)}；可用的列为 {','.join(COLUMNS)}")
                duplicated = sorted({c for c in header if header.count(c) > 1})
                if duplicated:
                    raise _fail(path, line, f"表头列 {'、'.join(duplicated)} 重复")
                missing = [c for c in _REQUIRED_COLUMNS if c not in header]
                if missing:
                    raise _fail(path, line, f"表头缺少必需的列 {'、'.join(missing)}（表头应为 {','.join(COLUMNS)}）")
                continue
            if len(cells) != len(header):
                raise _fail(path, line, f"有 {len(cells)} 列，表头有 {len(header)} 列（含逗号的名称请加英文双引号）")
            rows.append(_parse_row(path, line, dict(zip(header, (c.strip() for c in cells))), kind, packaged))
    except csv.Error as exc:
        raise _fail(path, reader.line_num, f"CSV 格式错误（{exc}）") from exc
    if header is None:
        raise _fail(path, None, f"文件为空，缺少表头 {','.join(COLUMNS)}")
    _check_overlaps(path, rows)
    return rows


def _parse_row(path: Path, line: int, values: dict[str, str], kind: str | None, packaged: bool) -> _Row:
    code = values.get("code", "")
    if not re.fullmatch(r"\d+", code):
        raise _fail(path, line, f"科目编码应为数字，实为“{code}”")
    row_kind = kind or _KIND_FIRST_DIGIT.get(code[0])
    if row_kind is None:
        raise _fail(path, line, f"无法识别科目编码 {code}：支出功能分类以 2 开头，部门预算支出经济分类以 3 开头")
    if kind is not None and _KIND_FIRST_DIGIT.get(code[0]) != kind:
        raise _fail(path, line, f"科目编码 {code} 不属于{_KIND_LABEL[kind]}")
    lengths = _KIND_LENGTHS[row_kind]
    if len(code) not in lengths:
        allowed = "、".join(str(n) for n in lengths)
        raise _fail(path, line, f"{_KIND_LABEL[row_kind]}科目编码应为 {allowed} 位，{code} 为 {len(code)} 位")
    name = values.get("name", "")
    if not name:
        raise _fail(path, line, f"科目 {code} 缺少名称")
    since = _parse_year(path, line, "since", values.get("since", ""))
    until = _parse_year(path, line, "until", values.get("until", ""))
    if since is not None and until is not None and since > until:
        raise _fail(path, line, f"起始年度 since={since} 晚于终止年度 until={until}")
    region = values.get("region", "").lower()
    if region:
        if row_kind == FUNCTION:
            raise _fail(path, line, "支出功能分类科目不分地区，region 列应留空")
        if not _REGION_RE.fullmatch(region):
            raise _fail(path, line, f"region 列应为小写英文标识（如 shanghai），实为“{region}”")
    source = values.get("source", "")
    if not source:
        if packaged:
            raise _fail(path, line, "缺少来源（source 列）")
        source = f"extra:{path.name}"
    entry = CodeEntry(code, name, since, until, region or None, source, values.get("note", ""))
    return _Row(row_kind, entry, line)


def _bounds(entry: CodeEntry) -> tuple[int, int]:
    return (entry.since if entry.since is not None else _LO, entry.until if entry.until is not None else _HI)


def _check_overlaps(path: Path, rows: list[_Row]) -> None:
    groups: dict[_Key, list[_Row]] = {}
    for row in rows:
        groups.setdefault((row.kind, row.entry.code, row.entry.region or _NATIONAL), []).append(row)
    for (_kind, code, _region), items in groups.items():
        items.sort(key=lambda r: _bounds(r.entry))
        for before, after in zip(items, items[1:]):
            if _bounds(after.entry)[0] <= _bounds(before.entry)[1]:
                raise _fail(
                    path,
                    after.line,
                    f"科目 {code} 的有效期与第 {before.line} 行重叠"
                    f"（{_period(before.entry)} 与 {_period(after.entry)}）",
                )


def _period(entry: CodeEntry) -> str:
    since = str(entry.since) if entry.since is not None else "…"
    until = str(entry.until) if entry.until is not None else "…"
    return f"{since}–{until}"


# ---------------------------------------------------------------------------------
# Merging and loading
# ---------------------------------------------------------------------------------
def _subtract(pieces: list[tuple[int, int]], cut: tuple[int, int]) -> list[tuple[int, int]]:
    out = []
    for lo, hi in pieces:
        if cut[1] < lo or hi < cut[0]:
            out.append((lo, hi))
            continue
        if lo < cut[0]:
            out.append((lo, cut[0] - 1))
        if cut[1] < hi:
            out.append((cut[1] + 1, hi))
    return out


def _merge(base: dict[_Key, list[CodeEntry]], rows: Iterable[_Row]) -> None:
    """Apply one file's rows: they replace existing entries of the same key for the years they cover."""
    incoming: dict[_Key, list[CodeEntry]] = {}
    for row in rows:
        incoming.setdefault((row.kind, row.entry.code, row.entry.region or _NATIONAL), []).append(row.entry)
    for key, new in incoming.items():
        kept: list[CodeEntry] = []
        for old in base.get(key, ()):
            pieces = [_bounds(old)]
            for entry in new:
                pieces = _subtract(pieces, _bounds(entry))
            for lo, hi in pieces:
                kept.append(replace(old, since=None if lo == _LO else lo, until=None if hi == _HI else hi))
        base[key] = kept + new


@functools.lru_cache(maxsize=1)
def _packaged_rows() -> tuple[tuple[_Row, ...], tuple[_Row, ...]]:
    return (
        tuple(_read_csv(FUNCTION_FILE, kind=FUNCTION, packaged=True)),
        tuple(_read_csv(ECONOMIC_FILE, kind=ECONOMIC, packaged=True)),
    )


def _env_files() -> list[Path]:
    value = os.environ.get(ENV_VAR, "").strip()
    if not value:
        return []
    directory = Path(value).expanduser()
    if not directory.is_dir():
        raise CodebookError(f"环境变量 {ENV_VAR} 指向的目录 {directory} 不存在或不是目录")
    return sorted(p for p in directory.iterdir() if p.suffix.lower() == ".csv" and p.is_file())


def _build(extra_files: Sequence[Path]) -> Codebook:
    merged: dict[_Key, list[CodeEntry]] = {}
    for rows in _packaged_rows():
        _merge(merged, rows)
    for path in extra_files:
        _merge(merged, _read_csv(Path(path), kind=None, packaged=False))
    return Codebook({k: tuple(sorted(v, key=_sort_key)) for k, v in merged.items() if v})


@functools.lru_cache(maxsize=8)
def _build_cached(signature: tuple[tuple[str, int, int], ...]) -> Codebook:
    return _build([Path(p) for p, _mtime, _size in signature])


def load_codebook(extra_files: Sequence[Path | str] = ()) -> Codebook:
    """Load the packaged codebook, the ``*.csv`` of ``$YUSUAN_CODEBOOK_DIR`` and ``extra_files``.

    Later sources override earlier ones (packaged < environment directory, in file-name
    order < ``extra_files``, in the given order) for the same code, region and years.
    Malformed files raise ``CodebookError``. The result is cached when no
    ``extra_files`` are given (keyed on the environment directory's files).
    """
    env = _env_files()
    if not extra_files:
        signature = []
        for path in env:
            try:
                stat = path.stat()
            except OSError as exc:
                raise _fail(path, None, f"无法读取（{exc.strerror or exc}）") from exc
            signature.append((str(path), stat.st_mtime_ns, stat.st_size))
        return _build_cached(tuple(signature))
    return _build([*env, *(Path(p) for p in extra_files)])
