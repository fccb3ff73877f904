"""The JSON API under /api (OpenAPI docs at /api/docs)."""
from __future__ import annotations

from typing import Optional

from fastapi import APIRouter, File, HTTPException, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response

from .uploading import take
from .uploads import Refused

router = APIRouter(prefix="/api", tags=["api"])

ERRORS = {400: {"description": "文件为空或缺少"}, 413: {"description": "文件或页数超过限制"},
          415: {"description": "不支持的文件类型，或内容与扩展名不符"},
          422: {"description": "文件无法读取（损坏、加密、超时）"}}


async def checked(request: Request, file: UploadFile | None):
    """Upload → finished job; refusals as HTTP errors with the Chinese reason."""
    config = request.app.state.config
    try:
        upload = await take(file, config.max_bytes)
    except Refused as exc:
        raise HTTPException(exc.status, exc.message) from None
    try:
        job = await run_in_threadpool(request.app.state.jobs.run, upload)
    except Refused as exc:
        raise HTTPException(exc.status, exc.message) from None
    if not job.outcome.ok:
        raise HTTPException(job.outcome.status, job.outcome.message)
    return job


@router.post("/check", summary="检查一份文件", responses=ERRORS,
             description="上传 PDF、XLSX、DOCX 或 YAML（表单字段 `file`），返回与 `yusuan check --format json` 完全相同的 JSON。")
async def api_check(request: Request, file: UploadFile = File(..., description="预算公开文件")):
    job = await checked(request, file)
    return Response(job.outcome.report_json, media_type="application/json",
                    headers={"X-Yusuan-Job": job.id})


@router.get("/jobs/{job_id}", summary="一次上传检查的进度")
async def api_job(request: Request, job_id: str):
    job = request.app.state.jobs.get(job_id)
    if job is None:
        raise HTTPException(404, "没有这次检查（可能已过期）")
    out = {"id": job.id, "file": job.upload.name, "state": job.state, "pages": job.pages,
           "seconds": round(job.elapsed, 1)}
    if job.outcome is not None and not job.outcome.ok:
        out["message"] = job.outcome.message
    return out


def _store(request: Request):
    store = request.app.state.store
    if store is None:
        raise HTTPException(503, "没有可用的预算库")
    return store


@router.get("/budgets", summary="库中的预算", description="按地区、年度、类型、层级、单位筛选；`q` 按单位名称搜索。")
async def api_budgets(request: Request, region: Optional[str] = None, year: Optional[int] = None,
                      kind: Optional[str] = None, level: Optional[str] = None, unit: Optional[str] = None,
                      q: Optional[str] = None):
    store = _store(request)
    return await run_in_threadpool(store.budgets, region=region, year=year, kind=kind, level=level,
                                   unit=unit, q=q)


@router.get("/budgets/{budget_id}", summary="一份预算：关键数字与检查结果")
async def api_budget(request: Request, budget_id: str):
    store = _store(request)
    stored = await run_in_threadpool(store.budget, budget_id)
    if stored is None:
        raise HTTPException(404, f"库中没有编号为 {budget_id} 的预算")
    summary = await run_in_threadpool(store.summary, stored.id)
    return stored.api_dict(summary)


@router.post("/budgets", summary="保存一份文件到库（需要口令）", status_code=201, responses=ERRORS,
             description="读取、检查并保存（与 `yusuan ingest` 相同）。服务器设置了 YUSUAN_TOKEN 时需要 "
                         "`Authorization: Bearer 口令`。同一文件再次上传报告为已存在（duplicate）。")
async def api_ingest(request: Request, file: UploadFile = File(..., description="预算公开文件")):
    from .app import require_write
    require_write(request)
    store = _store(request)
    config = request.app.state.config
    try:
        upload = await take(file, config.max_bytes)
    except Refused as exc:
        raise HTTPException(exc.status, exc.message) from None
    result = await run_in_threadpool(store.ingest_upload, request.app.state.jobs, upload)
    if result["status"] == "unreadable":
        raise HTTPException(result.get("http", 422), result["message"])
    return JSONResponse(result, status_code=201 if result["status"] == "stored" else 200)


@router.get("/compare", summary="比较两份预算", description="与 `yusuan compare A B --format json` 相同。")
async def api_compare(request: Request, a: str, b: str):
    store = _store(request)
    try:
        return await run_in_threadpool(store.compare, a, b)
    except LookupError as exc:
        raise HTTPException(404, str(exc)) from None
