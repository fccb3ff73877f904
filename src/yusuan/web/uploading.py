"""Reading an upload from a request: bounded in size before it is held in memory whole."""
from __future__ import annotations

from starlette.datastructures import UploadFile

from .uploads import Refused, Upload, validate


async def take(file: UploadFile | None, max_bytes: int) -> Upload:
    if file is None or not isinstance(file, UploadFile):
        raise Refused(400, "没有收到文件（表单字段 file）")
    data = await file.read(max_bytes + 1)
    await file.close()
    return validate(file.filename, data, max_bytes)
