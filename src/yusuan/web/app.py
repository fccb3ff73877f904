"""The FastAPI application: pages (Jinja2, Chinese) and the JSON API, over the same core as the CLI."""
from __future__ import annotations

import json
from functools import cache
from importlib import resources

import jinja2
from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from . import security
from .config import WebConfig
from .jobs import Jobs

CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


@cache
def templates() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.PackageLoader("yusuan.web", "templates"), autoescape=True,
                             trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined)
    env.globals["severity_label"] = {"error": "错误", "warning": "警告", "notice": "提示"}
    return env


def render(request: Request, name: str, status: int = 200, **context) -> HTMLResponse:
    """A page, with the CSRF cookie its forms need (kept if the browser has one)."""
    token = request.cookies.get(security.CSRF_COOKIE) or security.new_csrf()
    app_state = request.app.state
    html = templates().get_template(name).render(
        request=request, csrf=token, config=app_state.config, store_ok=app_state.store is not None,
        path=request.url.path, **context)
    response = HTMLResponse(html, status_code=status)
    if request.cookies.get(security.CSRF_COOKIE) != token:
        response.set_cookie(security.CSRF_COOKIE, token, httponly=True, samesite="strict", path="/")
    return response


def create_app(config: WebConfig | None = None, store=None) -> FastAPI:
    """`store`: a yusuan.web.store_access.StoreAccess (None: opened from config.db when the store
    package is present)."""
    config = config or WebConfig.from_env()
    app = FastAPI(title="yusuan（预算）", description="检查、浏览、比较部门/单位预算公开文件的接口。"
                  "写入（保存到库）在服务器设置了 YUSUAN_TOKEN 时需要 `Authorization: Bearer 口令`。",
                  version="0.1.0", docs_url=None, redoc_url=None, openapi_url="/api/openapi.json")
    app.state.config = config
    app.state.jobs = Jobs(max_pages=config.max_pages, timeout=config.timeout, workers=config.workers)
    if store is None:
        from .store_access import open_store
        store = open_store(config.db)
    app.state.store = store
    # The static files are read into memory once: a request names one of them, never a path.
    static = {p.name: p.read_bytes() for p in (resources.files("yusuan.web") / "static").iterdir()
              if p.name.endswith((".js", ".css"))}

    @app.get("/static/{name}", include_in_schema=False)
    async def static_file(name: str):
        if name not in static:
            raise HTTPException(404, "没有这个文件")
        kind = "text/css" if name.endswith(".css") else "text/javascript"
        return Response(static[name], media_type=f"{kind}; charset=utf-8",
                        headers={"Cache-Control": "public, max-age=86400"})

    @app.get("/api/docs", include_in_schema=False)
    async def api_docs():
        """Swagger UI from the vendored files (no CDN)."""
        from fastapi.openapi.docs import get_swagger_ui_html
        return get_swagger_ui_html(openapi_url="/api/openapi.json", title="yusuan 接口文档",
                                   swagger_js_url="/static/swagger-ui-bundle.js",
                                   swagger_css_url="/static/swagger-ui.css", swagger_favicon_url="data:,")

    @app.middleware("http")
    async def guard(request: Request, call_next):
        api = request.url.path.startswith("/api/")
        if request.method not in ("GET", "HEAD", "OPTIONS"):
            if not security.same_origin(request.headers.get("origin"), request.headers.get("host")):
                return _refusal(api, request, 403, "拒绝来自其他网站的提交")
            length = request.headers.get("content-length")
            if length and length.isdigit() and int(length) > config.max_bytes + 256 * 1024:
                return _refusal(api, request, 413, f"上传内容超过本服务允许的 {config.max_bytes / 1048576:g} MB")
        response = await call_next(request)
        # The API docs page starts Swagger UI with an inline script (it shows no document text).
        csp = CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'") \
            if request.url.path == "/api/docs" else CSP
        response.headers.setdefault("Content-Security-Policy", csp)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        return response

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        detail = exc.detail if isinstance(exc.detail, str) else ""
        # Starlette's own English phrases ("Not Found") are replaced; our messages are Chinese.
        message = detail if detail and not detail.isascii() else _STATUS_ZH.get(exc.status_code, "请求无法处理")
        return _refusal(request.url.path.startswith("/api/"), request, exc.status_code, message)

    from fastapi.exceptions import RequestValidationError

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        fields = "、".join(str(e.get("loc", ["?"])[-1]) for e in exc.errors())
        return _refusal(request.url.path.startswith("/api/"), request, 422, f"请求参数不正确：{fields}")

    from . import api_routes, page_routes, store_pages
    app.include_router(api_routes.router)
    app.include_router(page_routes.router)
    app.include_router(store_pages.router)
    return app


_STATUS_ZH = {404: "没有这个页面", 405: "不支持这种请求方式", 413: "上传内容过大", 500: "服务器内部错误"}


def _refusal(api: bool, request: Request, status: int, message: str) -> Response:
    if api:
        return JSONResponse({"detail": message}, status_code=status)
    return render(request, "error.html.j2", status=status, status_code=status, message=message)


def require_write(request: Request, form_token: str | None = None) -> None:
    config: WebConfig = request.app.state.config
    if config.read_only:
        raise HTTPException(403, "本服务为只读，不接受写入")
    given = security.bearer(request.headers.get("authorization")) or form_token
    if not security.token_ok(config.token, given):
        raise HTTPException(401, "写入需要口令（Authorization: Bearer 口令）")
    if request.app.state.store is None:
        raise HTTPException(503, "没有可用的预算库")


def json_script(value) -> str:
    """JSON for a <script type="application/json"> block: '<' escaped so no text ends the block."""
    return json.dumps(value, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
