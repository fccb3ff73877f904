"""Command-line usage errors in Chinese.

Typer's parser words its usage errors in English. The CLI runs the parser in non-standalone
mode and rewords the common errors here; anything unrecognised keeps its original wording
after a Chinese lead, so no information is lost.
"""
from __future__ import annotations

import re

_PATTERNS = (
    (re.compile(r"^Missing argument '?([^'.]+)'?\.?$"), "缺少参数 {0}"),
    (re.compile(r"^Missing option '?([^'.]+)'?\.?$"), "缺少选项 {0}"),
    (re.compile(r"^No such option:? (\S+?)\.?(?: Did you mean (\S+?)\?)?$"), "没有选项 {0}"),
    (re.compile(r"^No such option:? (\S+?)\.? \(Possible options: (.+)\)$"), "没有选项 {0}（可能是 {1}）"),
    (re.compile(r"^No such command '?([^'.]+)'?\.?$"), "没有命令 {0}"),
    (re.compile(r"^Option '?([^']+)'? requires an argument\.?$"), "选项 {0} 需要一个值"),
    (re.compile(r"^Got unexpected extra arguments? \((.+)\)$"), "多余的参数：{0}"),
    (re.compile(r"^Invalid value for '?([^':]+)'?: (.+)$"), "{0} 的值无效：{1}"),
    (re.compile(r"^Missing command\.?$"), "缺少命令"),
)


_CHOICE = re.compile(r"^(?:Value error, )?'?([^']*)'? is not one of (.+?)\.?$")
_NOT_A = re.compile(r"^'?(.*?)'? is not a valid (integer|float|boolean|path|range)\.?$")
_SHOULD_BE = re.compile(r"^Input should be a valid (\w+)")
_KINDS = {"number": "数", "integer": "整数", "float": "数", "boolean": "是/否值", "path": "路径", "range": "范围内的值"}


def _reword_detail(detail: str) -> str:
    m = _CHOICE.match(detail.strip())
    if m:
        choices = "、".join(c.strip(" '") for c in re.split(r",| or ", m.group(2)) if c.strip(" '"))
        return f"“{m.group(1)}”不是可选值（{choices}）"
    m = _NOT_A.match(detail.strip())
    if m:
        shown = m.group(1) if len(m.group(1)) <= 40 else m.group(1)[:36] + "…"
        return f"“{shown}”不是{_KINDS[m.group(2)]}"
    if "exceeded maximum size" in detail or "Exceeds the limit" in detail:
        return "数字过长"
    m = _SHOULD_BE.match(detail.strip())
    if m:
        return f"应为{_KINDS.get(m.group(1), m.group(1))}"
    return detail.strip().rstrip(".")


def reword(message: str) -> str:
    message = message.strip()
    for pattern, template in _PATTERNS:
        m = pattern.match(message)
        if m:
            groups = [g or "" for g in m.groups()]
            if "可能是" in template:
                groups[1] = "、".join(o.strip() for o in groups[1].split(","))
            elif "{1}" in template:
                groups[1] = _reword_detail(groups[1])
            return template.format(*groups)
    return message.rstrip(".")
