"""Help screens in Chinese.

Typer prints the frame of every help screen in English ("Usage:", "Options:", "[default: …]",
"Show this message and exit.") and offers no hook to translate it: its few gettext calls have no
catalog and the parser it vendors writes "Usage: " as a literal. Every help screen is produced by
`Context.get_help()`, so the text it returns is reworded here; the descriptions, written in
Chinese, pass through untouched.
"""
from __future__ import annotations

import re

_HEADINGS = {"Arguments:": "参数：", "Options:": "选项：", "Commands:": "命令："}
_HEADING = re.compile(r"^(\s*)(Arguments:|Options:|Commands:)", re.MULTILINE)
_USAGE = re.compile(r"^Usage: (.*)$", re.MULTILINE)
_USAGE_WORDS = {"[OPTIONS]": "[选项]", "COMMAND": "命令", "[ARGS]...": "[参数]..."}
# A bracketed note can wrap: "[default:\n      text]".
_DEFAULT = re.compile(r"\[default:\s+([^\]]*)\]")
_REQUIRED = re.compile(r"\[required\]")
_HELP_OPTION = "Show this message and exit."


def reword_help(text: str) -> str:
    text = _USAGE.sub(lambda m: "用法：" + " ".join(_USAGE_WORDS.get(w, w) for w in m.group(1).split(" ")), text)
    text = _HEADING.sub(lambda m: m.group(1) + _HEADINGS[m.group(2)], text)
    text = _DEFAULT.sub(lambda m: f"[默认：{' '.join(m.group(1).split())}]", text)
    text = _REQUIRED.sub("[必填]", text)
    return text.replace(_HELP_OPTION, "显示本帮助并退出。")


def install() -> None:
    """Reword every help screen of the process (idempotent)."""
    from typer._click.core import Context  # typer vendors its parser (as cli/__init__.py's UsageError)

    if getattr(Context.get_help, "reworded", False):
        return
    english = Context.get_help

    def get_help(self) -> str:
        return reword_help(english(self))

    get_help.reworded = True  # type: ignore[attr-defined]
    Context.get_help = get_help  # type: ignore[method-assign]
