"""Pages over the store: the list, a stored budget, compare, a unit over the years, a ranking."""
from __future__ import annotations

from decimal import Decimal

from fastapi import APIRouter, HTTPException, Request
from fastapi.concurrency import run_in_threadpool

from .app import json_script, render
from .downloads import FORMATS, LABELS
from .views import FIGURE_NAMES, budget_view, finding_boxes, wan

router = APIRouter(include_in_schema=False)

RANK_KEYS = ("three_public_total", "expenditure_total", "income_total", "basic_total", "project_total",
             "personnel_total", "public_total", "gov_operation_cost", "fiscal_grant_total")


def _store(request: Request):
    store = request.app.state.store
    if store is None:
        raise HTTPException(503, "没有可用的预算库")
    return store


def _int(text: str | None) -> int | None:
    text = (text or "").strip()
    return int(text) if text.isdigit() and len(text) <= 6 else None


@router.get("/budgets")
async def budgets_page(request: Request, region: str = "", year: str = "", kind: str = "", level: str = "",
                       q: str = ""):
    store = _store(request)
    filters = {"region": region, "year": _int(year), "kind": kind, "level": level, "q": q.strip()[:100]}
    rows = await run_in_threadpool(store.budgets, **filters)
    facets = await run_in_threadpool(store.facets)
    for row in rows:
        row["wan"] = {k: wan(v) for k, v in row["totals"].items()}
    return render(request, "budgets.html.j2", rows=rows, facets=facets, filters=filters,
                  filtered=any(v for v in filters.values()))


async def _stored(request: Request, budget_id: str):
    store = _store(request)
    stored = await run_in_threadpool(store.budget, budget_id)
    if stored is None:
        raise HTTPException(404, f"库中没有编号为 {budget_id} 的预算")
    return store, stored


@router.get("/budgets/{budget_id}")
async def budget_page(request: Request, budget_id: str, kept: str = ""):
    store, stored = await _stored(request, budget_id)
    row = stored.row
    report = {"summary": {"error": row.get("errors", 0), "warning": row.get("warnings", 0),
                          "notice": row.get("notices", 0)},
              "rules_run": stored.report.rules_run, "rules_skipped": stored.report.rules_skipped}
    if stored.view is None:
        stored.view = await run_in_threadpool(budget_view, stored.budget, report, stored.groups)
    view = stored.view
    base = f"/budgets/{stored.id}"
    flash = {"stored": "已保存到预算库。", "duplicate": "库中已有内容相同的文件，未重复保存。"}.get(kept)
    return render(request, "budget.html.j2", view=view, stored=stored, row=row, base=base, flash=flash,
                  pdf=(row.get("file_name") or "").lower().endswith(".pdf"),
                  downloads=[(f"{base}/download/{f}", LABELS[f]) for f in FORMATS],
                  charts_json=json_script(view["charts"]))


@router.get("/budgets/{budget_id}/finding/{index}")
async def budget_finding(request: Request, budget_id: str, index: int):
    from .page_routes import _finding
    store, stored = await _stored(request, budget_id)
    groups = stored.groups
    finding = _finding(groups, index)
    page, _ = finding_boxes(finding)
    pdf = (stored.row.get("file_name") or "").lower().endswith(".pdf")
    image = f"/budgets/{stored.id}/image/{index}.png" if page and pdf else None
    return render(request, "finding.html.j2", finding=finding, image=image, back=f"/budgets/{stored.id}",
                  title=stored.row.get("unit_name") or "", index=index, total=sum(len(fs) for _, fs in groups),
                  base=f"/budgets/{stored.id}")


@router.get("/budgets/{budget_id}/image/{index}.png")
async def budget_finding_png(request: Request, budget_id: str, index: int):
    from .page_routes import _finding, _page_png
    store, stored = await _stored(request, budget_id)
    finding = _finding(stored.groups, index)
    name, data = await run_in_threadpool(store.original, stored.id)
    return await _page_png(data, "." + name.rsplit(".", 1)[-1].lower(), finding)


@router.get("/budgets/{budget_id}/download/{name}")
async def budget_download(request: Request, budget_id: str, name: str):
    from ..check.report import to_html, to_json
    from .page_routes import _download
    store, stored = await _stored(request, budget_id)
    file_name = stored.row.get("file_name") or f"budget-{stored.id}"
    items = [(stored.report, stored.budget, file_name)]
    report_json = to_json(items) if name == "report.json" else None
    report_html = to_html(items) if name == "report.html" else None
    return await _download(name, file_name.rsplit(".", 1)[0], stored.budget, report_json, report_html)


@router.get("/compare")
async def compare_page(request: Request, a: str = "", b: str = ""):
    store = _store(request)
    choices = await run_in_threadpool(store.budgets)
    comparison = None
    if a and b:
        try:
            comparison = await run_in_threadpool(store.comparison, a, b)
        except LookupError as exc:
            raise HTTPException(404, str(exc)) from None
    view = _compare_view(comparison) if comparison else None
    return render(request, "compare.html.j2", choices=choices, a=a, b=b, c=comparison, view=view,
                  charts_json=json_script(view["charts"] if view else {}))


TABLE_FORMATS = {"json": "application/json", "html": "text/html; charset=utf-8",
                 "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def _file(data, stem: str, fmt: str):
    from urllib.parse import quote

    from fastapi.responses import Response
    body = data.encode("utf-8") if isinstance(data, str) else data
    name = f"{stem}.{fmt}"
    return Response(body, media_type=TABLE_FORMATS[fmt], headers={
        "Content-Disposition": f"attachment; filename=\"{stem.encode('ascii', 'ignore').decode() or 'yusuan'}.{fmt}\"; "
                               f"filename*=UTF-8''{quote(name)}"})


@router.get("/compare/download/{fmt}")
async def compare_download(request: Request, fmt: str, a: str, b: str):
    """`yusuan compare A B --format json|html|xlsx` of two stored budgets."""
    from ..compare.output import FORMATS as COMPARE_FORMATS
    if fmt not in TABLE_FORMATS:
        raise HTTPException(404, "没有这种下载格式")
    store = _store(request)
    try:
        comparison = await run_in_threadpool(store.comparison, a, b)
    except LookupError as exc:
        raise HTTPException(404, str(exc)) from None
    return _file(await run_in_threadpool(COMPARE_FORMATS[fmt], comparison), f"compare-{a}-{b}", fmt)


@router.get("/series/download/{fmt}")
async def series_download(request: Request, fmt: str, unit: str):
    """`yusuan compare --unit NAME --format json|html|xlsx`."""
    from ..compare.series import FORMATS as SERIES_FORMATS
    if fmt not in TABLE_FORMATS:
        raise HTTPException(404, "没有这种下载格式")
    data = await run_in_threadpool(_store(request).series, unit)
    if data is None:
        raise HTTPException(404, f"库中没有单位“{unit}”的文件")
    return _file(await run_in_threadpool(SERIES_FORMATS[fmt], data), f"series-{unit}", fmt)


def _compare_view(c) -> dict:
    from ..compare.output import SECTIONS, headers, pct
    from ..compare.output import wan as wan_text
    heads = headers(c)
    sections = []
    for name, title in SECTIONS:
        lines = getattr(c, name)
        if not lines:
            continue
        rows = []
        for line in lines:
            ratio = line.rate if c.budget_final else line.percent
            rows.append({"label": line.label() + (f"（{line.level}）" if line.level else ""),
                         "a": wan_text(line.a), "b": wan_text(line.b), "change": wan_text(line.change),
                         "ratio": pct(ratio), "sign": (line.change or 0) and (1 if line.change > 0 else -1)})
        sections.append({"name": name, "title": title, "rows": rows})
    charts = {}
    keyed = [line for line in c.figures if line.a is not None or line.b is not None]
    if keyed:
        charts["figures"] = {"kind": "bars", "categories": [line.label() for line in keyed],
                             "series": [{"name": heads[0], "data": [wan(line.a) for line in keyed]},
                                        {"name": heads[1], "data": [wan(line.b) for line in keyed]}]}
    classes = [line for line in c.by_class if line.level == "类"]
    if classes:
        charts["by_class"] = {"kind": "bars", "categories": [line.label() for line in classes],
                              "series": [{"name": heads[0], "data": [wan(line.a) for line in classes]},
                                         {"name": heads[1], "data": [wan(line.b) for line in classes]}]}
    return {"heads": heads, "sections": sections, "charts": charts}


@router.get("/series")
async def series_page(request: Request, unit: str = ""):
    store = _store(request)
    units = await run_in_threadpool(store.units)
    data = await run_in_threadpool(store.series, unit) if unit else None
    charts, table = {}, None
    if data is not None:
        table = data.as_dict()
        labels = [p.label for p in data.points]
        shown = [f for f in table["figures"] if any(v is not None for v in f["values"])]
        charts["series"] = {"kind": "lines", "categories": labels,
                            "series": [{"name": f["label"], "data": [wan(v) for v in f["values"]]} for f in shown]}
        for f in table["figures"]:
            f["wan"] = [wan(v) for v in f["values"]]
            f["wan_changes"] = [wan(v) for v in f["changes"]]
    return render(request, "series.html.j2", units=units, unit=unit, table=table, series=data,
                  charts_json=json_script(charts))


@router.get("/ranking")
async def ranking_page(request: Request, year: str = "", figure: str = "three_public_total", kind: str = "预算",
                       level: str = "", region: str = ""):
    store = _store(request)
    if figure not in RANK_KEYS:
        raise HTTPException(404, "没有这项数字")
    facets = await run_in_threadpool(store.facets)
    chosen_year = _int(year) or (facets["year"][0] if facets["year"] else None)
    rows = await run_in_threadpool(store.ranking, year=chosen_year, kind=kind, level=level, region=region)
    ranked = sorted((r for r in rows if r["totals"].get(figure) is not None),
                    key=lambda r: -Decimal(r["totals"][figure]))
    missing = [r for r in rows if r["totals"].get(figure) is None]
    for r in ranked:
        r["wan"] = wan(r["totals"][figure])
    charts = {"ranking": [{"name": r["unit_name"] or f"编号 {r['id']}", "value": r["wan"]} for r in ranked]} if ranked else {}
    return render(request, "ranking.html.j2", rows=ranked, missing=missing, facets=facets, year=chosen_year,
                  figure=figure, kind=kind, level=level, region=region,
                  figures=[(k, FIGURE_NAMES[k]) for k in RANK_KEYS], charts_json=json_script(charts),
                  chart_height=max(260, 34 * len(ranked) + 80))
