"""The catalog: every rule of every family, built once at import and frozen.

Reading issues (P family) are emitted by the readers (extract/reading_issues.py); they are listed
here so `yusuan rules` and docs/rules.md show the whole set, but the engine does not run them.
"""
from __future__ import annotations

from typing import Mapping

from ..extract.reading_issues import READING_ISSUES
from ..model import Severity
from .registry import Example, RuleSpec, build_catalog
from .rules import (
    across, classification, completeness, consistency, final, narrative, other_document, performance, privacy,
    qualified, quality, within, years,
)

MODULES = (completeness, within, qualified, performance, across, consistency, narrative, classification, years,
           other_document, privacy, quality, final)

_READER_SPECS = tuple(
    RuleSpec(code=i.code, name=i.name, severity=i.severity, title=i.title, explanation=i.explanation, reader=True)
    for i in READING_ISSUES.values()
)

# Reported by `yusuan render` while filling the tables that follow from others (render/derive.py).
_PREPARE_SPECS = (
    RuleSpec(code="D001", name="derived-figure-differs", severity=Severity.ERROR, title="派生表与填写数不一致",
             explanation="能由其他表按定义得出的数（如收入只有一般公共预算拨款时的表2、表4），编制人员填写的与按定义"
                         "得出的不一致。由 yusuan render 在生成文件前报告（check 不运行这条规则），填写的数不会被改动；"
                         "改正填写数，或删去让程序补齐。",
             example=Example(excerpt="表5-2 本单位一行填 合计 778.00；表5-1 合计行 778.64",
                             message="表5-2 一般公共预算支出表(分单位) 301014 武汉市工业信息化中心：填写的 778.00 与按定义得出的 "
                                     "778.64 不一致（只有本单位一个单位，该行取自表5-1 合计行）")),
)

CATALOG: Mapping[str, RuleSpec] = build_catalog(MODULES, _READER_SPECS + _PREPARE_SPECS)
