"""A Comparison as text, JSON, HTML or XLSX (Chinese labels; amounts shown in 万元, exact)."""
from __future__ import annotations

import html
import io
import json
from decimal import Decimal

from .core import MODES, Comparison, Line

WAN = Decimal(10000)

SECTIONS = (
    ("figures", "关键数字"),
    ("by_class", "支出功能分类科目（类、款、项）"),
    ("by_economic", "基本支出经济分类科目"),
    ("three_public", "“三公”经费"),
    ("projects", "项目支出"),
)
SHEET_NAMES = {"figures": "关键数字", "by_class": "功能分类", "by_economic": "经济分类", "three_public": "三公经费",
               "projects": "项目支出"}


def wan(value: Decimal | None) -> str:
    """元 → 万元 text, exact: at least two decimals, more when the 元 figure has them (1774.114)."""
    if value is None:
        return "—"
    v = value / WAN
    text = format(v.normalize(), "f")
    whole, _, frac = text.partition(".")
    frac = frac.ljust(2, "0")
    whole_int = int(whole) if whole not in ("-0", "") else 0
    sign = "-" if v < 0 else ""
    return f"{sign}{abs(whole_int):,}.{frac}"


def pct(value: Decimal | None) -> str:
    return "—" if value is None else f"{value}%"


def headers(c: Comparison) -> tuple[str, str, str, str]:
    """Column heads of A, B, the difference and the ratio."""
    if c.budget_final:
        return "预算数", "决算数", "差额（决算−预算）", "执行率"
    if c.mode == "years":
        return f"{c.a.year} 年", f"{c.b.year} 年", "增减", "增减率"
    if c.mode == "units":
        return c.a.unit or "A", c.b.unit or "B", "差额（B−A）", "差异率"
    return "A", "B", "差额（B−A）", "差异率"


def _ratio(c: Comparison, line: Line) -> Decimal | None:
    return line.rate if c.budget_final else line.percent


def title(c: Comparison) -> str:
    return f"{c.a.title} 与 {c.b.title} 比较（{MODES[c.mode]}）"


def _rows(c: Comparison, name: str):
    for line in getattr(c, name):
        label = line.label()
        if line.level:
            label = f"{label}（{line.level}）"
        yield label, line


def to_json(c: Comparison) -> str:
    return json.dumps(c.as_dict(), ensure_ascii=False, indent=2) + "\n"


def _finding_text(f) -> str:
    src = f.location.source
    where = f"第{src.page}页" if src is not None and src.page else (f"第{src.line}行" if src and src.line else "")
    return f"{f.code} {f.severity.label} {where}：{f.message}".replace(" ：", "：")


def to_text(c: Comparison, width: int = 140) -> str:
    from rich.console import Console
    from rich.table import Table as RichTable

    out = io.StringIO()
    console = Console(file=out, width=width, force_terminal=False, color_system=None, highlight=False)
    console.print(title(c))
    console.print(f"A：{c.a.title}（{c.a.file or '—'}）")
    console.print(f"B：{c.b.title}（{c.b.file or '—'}）")
    console.print("金额单位：万元；“—”表示该文件没有印出这个数字（不作 0）。")
    ha, hb, hd, hr = headers(c)
    for name, heading in SECTIONS:
        rows = list(_rows(c, name))
        if not rows:
            continue
        table = RichTable(title=heading, show_header=True, title_justify="left")
        table.add_column("项目")
        for head in (ha, hb, hd, hr):
            table.add_column(head, justify="right")
        for label, line in rows:
            table.add_row(label, wan(line.a), wan(line.b), wan(line.change), pct(_ratio(c, line)))
        console.print(table)
    console.print("跨文件检查：" + ("未发现问题" if not c.findings else f"{len(c.findings)} 个问题"))
    for f in c.findings:
        console.print(f"  {_finding_text(f)}")
    for note in c.notes:
        console.print(f"注：{note}")
    return out.getvalue()


_STYLE = """body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:2em;color:#222}
table{border-collapse:collapse;margin:0.5em 0 1.5em}th,td{border:1px solid #bbb;padding:3px 8px}
td.n{text-align:right;font-variant-numeric:tabular-nums}th{background:#eef}caption{text-align:left;font-weight:bold}
.up{color:#b00}.down{color:#070}.error{color:#b00}"""


def to_html(c: Comparison) -> str:
    e = html.escape
    ha, hb, hd, hr = headers(c)
    parts = ["<!DOCTYPE html>", '<html lang="zh-CN"><head><meta charset="utf-8">',
             f"<title>{e(title(c))}</title><style>{_STYLE}</style></head><body>",
             f"<h1>{e(title(c))}</h1>",
             f"<p>A：{e(c.a.title)}（{e(c.a.file or '—')}）<br>B：{e(c.b.title)}（{e(c.b.file or '—')}）<br>"
             "金额单位：万元；“—”表示该文件没有印出这个数字（不作 0）。</p>"]
    for name, heading in SECTIONS:
        rows = list(_rows(c, name))
        if not rows:
            continue
        parts.append(f"<table><caption>{e(heading)}</caption><tr><th>项目</th>"
                     + "".join(f"<th>{e(h)}</th>" for h in (ha, hb, hd, hr)) + "</tr>")
        for label, line in rows:
            change = line.change
            cls = "n" if not change else ("n up" if change > 0 else "n down")
            cells = "".join(f'<td class="{k}">{v}</td>' for k, v in (
                ("n", wan(line.a)), ("n", wan(line.b)), (cls, wan(change)), ("n", pct(_ratio(c, line)))))
            parts.append(f"<tr><td>{e(label)}</td>{cells}</tr>")
        parts.append("</table>")
    parts.append("<h2>跨文件检查</h2>")
    if not c.findings:
        parts.append("<p>未发现问题。</p>")
    else:
        parts.append("<ul>" + "".join(f'<li class="{e(f.severity.value)}">{e(_finding_text(f))}</li>'
                                      for f in c.findings) + "</ul>")
    for note in c.notes:
        parts.append(f"<p>注：{e(note)}</p>")
    parts.append("</body></html>\n")
    return "\n".join(parts)


def to_xlsx(c: Comparison) -> bytes:
    """A workbook: 说明 (the two documents), one sheet per section with numbers in 万元, 检查发现."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    info = wb.active
    info.title = "说明"
    info.append(["比较", title(c)])
    for tag, side in (("A", c.a), ("B", c.b)):
        info.append([tag, side.title, side.file or ""])
    info.append(["金额单位", "万元（空白单元格表示该文件没有印出这个数字，不作 0）"])
    for note in c.notes:
        info.append(["注", note])
    ha, hb, hd, hr = headers(c)
    for name, _heading in SECTIONS:
        ws = wb.create_sheet(SHEET_NAMES[name])
        head = ["编码", "项目", ha, hb, hd, hr + "（%）"] if name in ("by_class", "by_economic", "projects") \
            else ["项目", ha, hb, hd, hr + "（%）"]
        if name in ("by_class", "by_economic"):
            head.insert(2, "级次")
        ws.append(head)
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for line in getattr(c, name):
            numbers = [_wan_number(line.a), _wan_number(line.b), _wan_number(line.change), _ratio(c, line)]
            if name in ("by_class", "by_economic"):
                ws.append([line.code, line.name, line.level, *numbers])
            elif name == "projects":
                ws.append([line.code, line.name, *numbers])
            else:
                ws.append([line.label(), *numbers])
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, Decimal):
                    cell.number_format = "#,##0.00##"
        ws.column_dimensions["A"].width = 26
        ws.column_dimensions["B"].width = 30
    ws = wb.create_sheet("检查发现")
    ws.append(["规则", "级别", "页码", "行号", "说明"])
    for f in c.findings:
        src = f.location.source
        ws.append([f.code, f.severity.label, src.page if src else None, src.line if src else None, f.message])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _wan_number(value: Decimal | None) -> Decimal | None:
    return None if value is None else value / WAN


FORMATS = {"text": to_text, "json": to_json, "html": to_html, "xlsx": to_xlsx}
