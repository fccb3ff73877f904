"""Report formats: grep-able coloured text, JSON (schema: docs/check-report.schema.json), self-contained HTML."""
from __future__ import annotations

import json
from collections import OrderedDict
from pathlib import Path
from typing import Iterable

from ..model import Budget, Finding, Severity
from .priors import implied_priors
from .run import Report

STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.NOTICE: "cyan"}


def location_dict(f: Finding) -> dict:
    loc, src = f.location, f.location.source
    return {
        "table": loc.table, "table_title": loc.table_title, "row": loc.row, "column": loc.column,
        "section": loc.section, "file": src.file if src else None, "page": src.page if src else None,
        "line": src.line if src else None, "bbox": list(src.bbox) if src and src.bbox else None,
    }


def finding_dict(f: Finding) -> dict:
    return {"code": f.code, "name": f.name, "category": f.category, "severity": f.severity.value,
            "message": f.message, "location": location_dict(f), "expected": f.expected, "actual": f.actual}


def summary(report: Report) -> dict:
    return {"error": report.count(Severity.ERROR), "warning": report.count(Severity.WARNING),
            "notice": report.count(Severity.NOTICE)}


def to_dict(report: Report, budget: Budget | None = None, display_name: str | None = None) -> dict:
    out = {
        "file": display_name or report.file,
        "findings": [finding_dict(f) for f in report.findings],
        "rules_run": report.rules_run,
        "rules_skipped": [{"code": s.code, "reason": s.reason} for s in report.rules_skipped],
        "summary": summary(report),
    }
    if budget is not None:
        out["implied_priors"] = [p.as_dict(budget.amount_unit) for p in implied_priors(budget)]
    return out


def to_json(items: list[tuple[Report, Budget | None, str]]) -> str:
    data = [to_dict(r, b, name) for r, b, name in items]
    return json.dumps(data[0] if len(data) == 1 else data, ensure_ascii=False, indent=2)


def line_of(f: Finding, name: str) -> str:
    """'wuhan.txt:123: S101 error 表3 支出总表 208 …：…' — one finding, one line."""
    src = f.location.source
    where = name
    if src is not None and src.page is not None:
        where += f":p{src.page}"
    if src is not None and src.line is not None:
        where += f":{src.line}"
    return f"{where}: {f.code} {f.severity.value} {f.message}"


def group_key(f: Finding) -> str:
    loc = f.location
    if loc.table_title:
        return loc.table_title
    if loc.section:
        return "情况说明" if loc.section != "目录" else "目录"
    return "文档"


def grouped(findings: Iterable[Finding]) -> "OrderedDict[str, list[Finding]]":
    groups: OrderedDict[str, list[Finding]] = OrderedDict()
    for f in findings:
        groups.setdefault(group_key(f), []).append(f)
    return groups


def summary_line(report: Report, name: str) -> str:
    s = summary(report)
    return (f"{name}：错误 {s['error']}，警告 {s['warning']}，提示 {s['notice']}"
            f"（运行规则 {report.rules_run} 条，跳过 {len(report.rules_skipped)} 条）")


def print_text(console, report: Report, name: str) -> None:
    from rich.markup import escape
    for title, items in grouped(report.findings).items():
        console.print(f"[bold]── {escape(title)}[/bold]", emoji=False)
        for f in items:
            # emoji=False: 'filled.yaml:100:' would otherwise print as 'filled.yaml💯'
            console.print(escape(line_of(f, name)), style=STYLE[f.severity], highlight=False, soft_wrap=True,
                          emoji=False)
    console.print(escape(summary_line(report, name)), highlight=False, soft_wrap=True, emoji=False)


def to_html(items: list[tuple[Report, Budget | None, str]]) -> str:
    from jinja2 import Environment, PackageLoader, select_autoescape
    env = Environment(loader=PackageLoader("yusuan.check", "templates"), autoescape=select_autoescape(["html", "j2"]))
    files = []
    for report, budget, name in items:
        files.append({"name": name, "summary": summary(report), "summary_line": summary_line(report, name),
                      "groups": [(title, [finding_dict(f) for f in fs]) for title, fs in grouped(report.findings).items()],
                      "skipped": report.rules_skipped, "rules_run": report.rules_run,
                      "title": budget.title if budget else None})
    return env.get_template("report.html.j2").render(files=files, labels={s.value: s.label for s in Severity})


def write(path: str | Path, text: str) -> None:
    Path(path).write_text(text, encoding="utf-8")
