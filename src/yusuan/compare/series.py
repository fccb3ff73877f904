"""One unit's key figures over its years (`yusuan compare --unit NAME --db`).

Built from `yusuan summary --json` dicts (the store keeps one per document), so this module needs no
store: the caller hands over each document's meta data and summary. A figure a year's document does
not print is None (never 0); the change is given against the previous document of the same kind only
where both print the figure.
"""
from __future__ import annotations

import io
import json
from dataclasses import dataclass
from decimal import Decimal

from ..figures.summary import yuan_text
from .core import FIGURE_LABELS, THREE_PUBLIC_LABELS, _percent

SERIES_KEYS = {**FIGURE_LABELS, **{k: v for k, v in THREE_PUBLIC_LABELS.items()
                                   if k not in FIGURE_LABELS and k != "three_public_vehicle"}}


@dataclass(frozen=True)
class Point:
    """One document of the series: its meta data and its summary's figures (元)."""

    year: int
    kind: str
    level: str
    figures: dict[str, Decimal | None]
    id: object = None
    file: str | None = None
    version: int | None = None

    @property
    def label(self) -> str:
        return f"{self.year} 年{self.kind}"


@dataclass(frozen=True)
class Series:
    unit: str
    points: tuple[Point, ...]

    def previous(self, i: int) -> Point | None:
        """The latest earlier document of the same kind and level."""
        here = self.points[i]
        return next((p for p in reversed(self.points[:i]) if p.kind == here.kind and p.level == here.level), None)

    def change(self, i: int, key: str) -> tuple[Decimal | None, Decimal | None]:
        prev = self.previous(i)
        value = self.points[i].figures.get(key)
        if prev is None or value is None or prev.figures.get(key) is None:
            return None, None
        change = value - prev.figures[key]
        return change, (_percent(change, prev.figures[key]) if prev.figures[key] else None)

    def as_dict(self) -> dict:
        return {
            "unit": self.unit,
            "documents": [{"id": p.id, "year": p.year, "kind": p.kind, "level": p.level, "version": p.version,
                           "file": p.file} for p in self.points],
            "figures": [{"key": key, "label": label,
                         "values": [yuan_text(p.figures.get(key)) for p in self.points],
                         "changes": [yuan_text(self.change(i, key)[0]) for i in range(len(self.points))],
                         "percents": [None if (pc := self.change(i, key)[1]) is None else str(pc)
                                      for i in range(len(self.points))]}
                        for key, label in SERIES_KEYS.items()],
        }


def point(summary: dict, *, id=None, file: str | None = None, version: int | None = None) -> Point:
    """A document of the series from its `summary()` dict (amounts as 元 strings, None when unprinted)."""
    figures = {k: (None if summary.get(k) is None else Decimal(str(summary[k]))) for k in SERIES_KEYS}
    return Point(year=int(summary["year"]), kind=summary.get("kind") or "预算", level=summary.get("level") or "",
                 figures=figures, id=id, file=file, version=version)


def series(unit: str, points) -> Series:
    ordered = sorted(points, key=lambda p: (p.year, p.kind != "预算", p.level))
    return Series(unit=unit, points=tuple(ordered))


def to_json(s: Series) -> str:
    return json.dumps(s.as_dict(), ensure_ascii=False, indent=2) + "\n"


def to_text(s: Series, width: int = 160) -> str:
    from rich.console import Console
    from rich.table import Table as RichTable

    from .output import pct, wan

    out = io.StringIO()
    console = Console(file=out, width=width, force_terminal=False, color_system=None, highlight=False)
    levels = {p.level for p in s.points}
    console.print(f"{s.unit} 各年度关键数字")
    console.print("金额单位：万元；“—”表示该年文件没有印出这个数字（不作 0）；增减率对上一年度同类文件。")
    table = RichTable()
    table.add_column("项目")
    for i, p in enumerate(s.points):
        head = p.label + (f"（{p.level}）" if len(levels) > 1 else "")
        table.add_column(head, justify="right")
        if s.previous(i) is not None:
            table.add_column("增减率", justify="right")
    for key, label in SERIES_KEYS.items():
        cells = [label]
        for i, p in enumerate(s.points):
            cells.append(wan(p.figures.get(key)))
            if s.previous(i) is not None:
                cells.append(pct(s.change(i, key)[1]))
        table.add_row(*cells)
    console.print(table)
    ids = "、".join(f"{p.label}：编号 {p.id}" for p in s.points if p.id is not None)
    if ids:
        console.print(f"库中编号：{ids}")
    return out.getvalue()


def to_html(s: Series) -> str:
    import html

    from .output import _STYLE, pct, wan

    e = html.escape
    heads = []
    for i, p in enumerate(s.points):
        heads.append(p.label)
        if s.previous(i) is not None:
            heads.append("增减率")
    rows = []
    for key, label in SERIES_KEYS.items():
        cells = []
        for i, p in enumerate(s.points):
            cells.append(wan(p.figures.get(key)))
            if s.previous(i) is not None:
                cells.append(pct(s.change(i, key)[1]))
        rows.append(f"<tr><td>{e(label)}</td>" + "".join(f'<td class="n">{c}</td>' for c in cells) + "</tr>")
    title = f"{s.unit} 各年度关键数字"
    return "\n".join([
        "<!DOCTYPE html>", f'<html lang="zh-CN"><head><meta charset="utf-8"><title>{e(title)}</title>'
        f"<style>{_STYLE}</style></head><body>", f"<h1>{e(title)}</h1>",
        "<p>金额单位：万元；“—”表示该年文件没有印出这个数字（不作 0）。</p>",
        "<table><tr><th>项目</th>" + "".join(f"<th>{e(h)}</th>" for h in heads) + "</tr>", *rows,
        "</table></body></html>\n"])


def to_xlsx(s: Series) -> bytes:
    from openpyxl import Workbook

    from .output import WAN

    wb = Workbook()
    ws = wb.active
    ws.title = "各年度"
    ws.append(["项目", *(p.label for p in s.points)])
    for key, label in SERIES_KEYS.items():
        ws.append([label, *(None if p.figures.get(key) is None else p.figures[key] / WAN for p in s.points)])
    for row in ws.iter_rows(min_row=2, min_col=2):
        for cell in row:
            cell.number_format = "#,##0.00##"
    ws.column_dimensions["A"].width = 26
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


FORMATS = {"text": to_text, "json": to_json, "html": to_html, "xlsx": to_xlsx}
