"""`yusuan serve`: the web application on this machine (http://127.0.0.1:8000 by default)."""
from __future__ import annotations

import os
from typing import Optional

import typer

from . import EXIT_UNREADABLE, app, fail


@app.command("serve")
def serve_cmd(
    db: Optional[str] = typer.Option(None, "--db", help="预算库地址（默认同 yusuan ingest：环境变量 YUSUAN_DB 或默认库）"),
    host: str = typer.Option("127.0.0.1", "--host", help="监听地址（默认只在本机）"),
    port: int = typer.Option(8000, "--port", help="端口"),
    read_only: bool = typer.Option(False, "--read-only", help="只读：不接受保存到库"),
    max_mb: int = typer.Option(30, "--max-mb", help="上传文件的最大大小（MB）"),
    max_pages: int = typer.Option(600, "--max-pages", help="上传 PDF 的最多页数"),
    timeout: float = typer.Option(180, "--timeout", help="读取一个上传文件的最长时间（秒），超过即停止"),
    workers: int = typer.Option(2, "--workers", help="同时读取的上传文件数"),
) -> None:
    """启动网页应用：上传检查、浏览预算库、比较、下载与 JSON 接口（/api/docs）。
    写入（保存到库）在设置了环境变量 YUSUAN_TOKEN 时需要口令；不在本机地址上监听时必须设置口令或加 --read-only。"""
    from ..web.security import is_loopback
    token = os.environ.get("YUSUAN_TOKEN") or None
    if not is_loopback(host) and not token and not read_only:
        raise fail(f"在非本机地址 {host} 上监听时，写入必须有口令：请设置环境变量 YUSUAN_TOKEN，或加 --read-only", EXIT_UNREADABLE)
    if not 1 <= port <= 65535:
        raise fail(f"--port：端口应在 1 到 65535 之间，不是 {port}")
    if max_mb < 1 or max_pages < 1 or timeout <= 0 or workers < 1:
        raise fail("--max-mb、--max-pages、--timeout、--workers 都应为正数")
    try:
        import uvicorn
        from ..web import WebConfig, create_app
    except ImportError as exc:
        raise fail(f"网页应用需要的组件未安装（{exc.name}）：pip install 'yusuan[web]'") from None
    config = WebConfig(db=db, token=token, max_bytes=max_mb * 1024 * 1024, max_pages=max_pages,
                       timeout=timeout, workers=workers, read_only=read_only)
    from ..store import StoreError
    try:
        application = create_app(config)
    except StoreError as exc:
        raise fail(exc.message) from None
    typer.echo(f"yusuan 网页应用：http://{host if ':' not in host else f'[{host}]'}:{port}/ （按 Ctrl+C 停止）", err=True)
    uvicorn.run(application, host=host, port=port, log_level="warning")
