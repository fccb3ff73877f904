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
    (re.compile(r"^No such option:? (\S+?)\.?(?: Did you mean (\S+?)\?)?(?: \(Possible options: [^)]*\))?$"), "没有选项 {0}"),
    (re.compile(r"^No such command '?([^'.]+)'?\.?$"), "没有命令 {0}"),
    (re.compile(r"^Option '?([^']+)'? requires an argument\.?$"), "选项 {0} 需要一个值"),
    (re.compile(r"^Got unexpected extra arguments? \((.+)\)$"), "多余的参数：{0}"),
    (re.compile(r"^Invalid value for '?([^':]+)'?: (.+)$"), "{0} 的值无效：{1}"),
    (re.compile(r"^Missing command\.?$"), "缺少命令"),
)


_CHOICE = re.compile(r"^(?:Value error, )?'?([^']*)'? is not one of (.+?)\.?$")


def _reword_detail(detail: str) -> str:
    m = _CHOICE.match(detail.strip())
    if m:
        choices = "、".join(c.strip(" '") for c in re.split(r",| or ", m.group(2)) if c.strip(" '"))
        return f"“{m.group(1)}”不是可选值（{choices}）"
    return detail.strip().rstrip(".")


def reword(message: str) -> str:
    message = message.strip()
    for pattern, template in _PATTERNS:
        m = pattern.match(message)
        if m:
            groups = [g or "" for g in m.groups()]
            if "{1}" in template:
                groups[1] = _reword_detail(groups[1])
            return template.format(*groups)
    return message.rstrip(".")
