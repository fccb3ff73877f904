"""The pages (Chinese, server-rendered)."""
from __future__ import annotations

from typing import Optional
from urllib.parse import quote

from fastapi import APIRouter, File, Form, HTTPException, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import RedirectResponse, Response

from . import security
from .app import json_script, render, require_write
from .downloads import FORMATS, LABELS, facts_csv, facts_xlsx, render_pdf
from .uploading import take
from .uploads import ACCEPT, Refused
from .views import budget_view, finding_boxes

router = APIRouter(include_in_schema=False)


def _csrf(request: Request, field: str | None) -> None:
    if not security.csrf_ok(request.cookies.get(security.CSRF_COOKIE), field):
        raise HTTPException(403, "表单已失效（CSRF 校验失败），请刷新页面后重试")


@router.get("/")
async def home(request: Request):
    return render(request, "home.html.j2", accept=ACCEPT)


@router.post("/check")
async def check_upload(request: Request, file: UploadFile = File(None), csrf: str = Form("")):
    _csrf(request, csrf)
    try:
        upload = await take(file, request.app.state.config.max_bytes)
        job = request.app.state.jobs.start(upload)
    except Refused as exc:
        return render(request, "error.html.j2", status=exc.status, status_code=exc.status, message=exc.message)
    return RedirectResponse(f"/check/{job.id}", status_code=303)


def _job(request: Request, job_id: str):
    job = request.app.state.jobs.get(job_id)
    if job is None:
        raise HTTPException(404, "没有这次检查（可能已过期，请重新上传）")
    return job


def _done(request: Request, job_id: str):
    job = _job(request, job_id)
    if job.outcome is None:
        raise HTTPException(409, "文件还在读取中")
    if not job.outcome.ok:
        raise HTTPException(job.outcome.status, job.outcome.message)
    return job


@router.get("/check/{job_id}")
async def check_page(request: Request, job_id: str):
    job = _job(request, job_id)
    if job.outcome is None:
        return render(request, "progress.html.j2", job=job)
    if not job.outcome.ok:
        return render(request, "error.html.j2", status=job.outcome.status, status_code=job.outcome.status,
                      message=job.outcome.message, retry=True)
    if job.view is None:
        job.view = await run_in_threadpool(budget_view, job.budget, job.report, job.outcome.groups)
    view = job.view
    return render(request, "report.html.j2", job=job, view=view, base=f"/check/{job.id}", pdf=job.upload.suffix == ".pdf",
                  downloads=[(f"/check/{job.id}/download/{f}", LABELS[f]) for f in FORMATS],
                  charts_json=json_script(view["charts"]))


def _finding(groups, index: int) -> dict:
    flat = [f for _, fs in groups for f in fs]
    if not 0 <= index < len(flat):
        raise HTTPException(404, "没有这条问题")
    return flat[index]


@router.get("/check/{job_id}/finding/{index}")
async def check_finding(request: Request, job_id: str, index: int):
    job = _done(request, job_id)
    finding = _finding(job.outcome.groups, index)
    page, boxes = finding_boxes(finding)
    image = f"/check/{job.id}/image/{index}.png" if page and job.upload.suffix == ".pdf" else None
    return render(request, "finding.html.j2", finding=finding, image=image, back=f"/check/{job.id}",
                  title=job.upload.name, index=index, total=sum(len(fs) for _, fs in job.outcome.groups),
                  base=f"/check/{job.id}")


@router.get("/check/{job_id}/image/{index}.png")
async def check_finding_png(request: Request, job_id: str, index: int):
    job = _done(request, job_id)
    finding = _finding(job.outcome.groups, index)
    return await _page_png(job.upload.data, job.upload.suffix, finding)


async def _page_png(data: bytes, suffix: str, finding: dict) -> Response:
    page, boxes = finding_boxes(finding)
    if suffix != ".pdf" or not page:
        raise HTTPException(404, "这条问题没有对应的页面图像")
    from ..render.page_image import boxed_page_png
    try:
        png = await run_in_threadpool(boxed_page_png, data, page, boxes, 130)
    except IndexError:
        raise HTTPException(404, f"文件没有第 {page} 页") from None
    return Response(png, media_type="image/png", headers={"Cache-Control": "private, max-age=3600"})


@router.get("/check/{job_id}/download/{name}")
async def check_download(request: Request, job_id: str, name: str):
    job = _done(request, job_id)
    stem = job.upload.name.rsplit(".", 1)[0]
    return await _download(name, stem, job.budget, job.outcome.report_json, job.outcome.report_html)


async def _download(name: str, stem: str, budget, report_json: str | None, report_html: str | None) -> Response:
    if name not in FORMATS:
        raise HTTPException(404, "没有这种下载格式")
    if name == "report.json":
        body = (report_json or "").encode("utf-8")
    elif name == "report.html":
        body = (report_html or "").encode("utf-8")
    elif name == "facts.csv":
        body = await run_in_threadpool(facts_csv, budget)
    elif name == "facts.xlsx":
        body = await run_in_threadpool(facts_xlsx, budget)
    else:
        try:
            body = await run_in_threadpool(render_pdf, budget)
        except Exception:
            raise HTTPException(500, "无法生成 PDF 文档") from None
    filename = f"{stem}-{name}"
    disposition = f"attachment; filename=\"{name}\"; filename*=UTF-8''{quote(filename)}"
    return Response(body, media_type=FORMATS[name], headers={"Content-Disposition": disposition})


@router.post("/check/{job_id}/keep")
async def check_keep(request: Request, job_id: str, csrf: str = Form(""), token: Optional[str] = Form(None)):
    _csrf(request, csrf)
    require_write(request, token)
    job = _done(request, job_id)
    result = await run_in_threadpool(request.app.state.store.ingest_upload, request.app.state.jobs, job.upload, job)
    if result["status"] == "unreadable":
        return render(request, "error.html.j2", status=422, status_code=422, message=result["message"])
    job.stored_id = result["budget_id"]
    return RedirectResponse(f"/budgets/{result['budget_id']}?kept={result['status']}", status_code=303)
