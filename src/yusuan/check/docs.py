"""docs/rules.md and docs/schema/check-report.schema.json, generated from the catalog.

`python -m yusuan.check.docs` rewrites both; tests assert the committed files equal this output.
"""
from __future__ import annotations

import json
from pathlib import Path

from .catalog import CATALOG
from .registry import FAMILIES

DOCS = Path(__file__).resolve().parents[3] / "docs"
RULES_MD = "rules.md"
SCHEMA = "schema/check-report.schema.json"

TOLERANCE = """## 容差（四舍五入尾差）

表格金额按印出的精度四舍五入（武汉版式为万元、两位小数）。规则因此这样比较：

- **同一数字印两次**（表间对应数、只有一个组成部分的合计，如项目支出为空时的“合计 = 基本支出”）：两处以相同精度印出时必须**完全相等**。
  相差正好一个末位单位（万元两位小数即 0.01 万元）报告为**警告**，并注明属舍入级差异；相差更多报告为该规则的错误。
  两处精度不同（一处元、一处万元）时，允许各自半个末位单位之和。
- **若干数之和**（合计 = 各项之和）：n 个各自四舍五入的数相加，与印出的合计最多相差 **n × 半个末位单位**
  （3 个数为 1.5 个末位单位，即允许 0.01 万元；10 个数允许 0.05 万元）。这对应文件中“四舍五入可能存在尾差”的说明。
  精度取各数自己印出的位数与版式位数中较细的一个（北京以万元六位小数印出，按六位计）。
- 可用 `yusuan check --tolerance 元数` 改为固定容差（例如 `--tolerance 0` 要求严格相等）；
  API 中为 `CheckSettings(tolerance_yuan=…)`，或 `CheckSettings(sum_units=…)`（放宽“若干数之和”容差的倍数）。
- **情况说明的金额**：说明中的数应等于表格数按说明印出的位数四舍五入的结果。容差取自说明这个数**自己印出的位数**：
  说明末位的半个单位，加上表格末位的半个单位（说明可能由未舍入的数四舍五入而来）。
  “51.9 万元”与表中 51.90 相等；“52 万元”也与 51.90 相容；北京表格以万元六位小数印出 51036.219169，
  说明写 51036.22 万元（容差 0.005 + 0.0000005 万元）相符，写 51036.23 万元则报告。
- **百分比**（占比、增减率）：按印出的金额重新计算，差额不超过百分比末位的半个单位，加上金额舍入（各半个末位单位）
  传到比率上的最大误差。例如 568.64 ÷ 778.64 = 73.0305%，印作 73.03% 相符；印作 73.04% 则报告。
- **占比之和**：各行占比之和与 100% 的差额不超过各占比半个末位单位之和（66.4% + 15.88% + 17.72% = 100.00%）。
"""

SCOPE = """## 口径

收支总表、收入总表、支出总表、整体支出绩效目标表是全部资金口径；财政拨款收支总表是财政拨款口径；
一般公共预算支出表（5-1、5-2）和基本支出表（6）只含一般公共预算。规则只在口径相同时比较两张表；
一般公共预算支出表是否含上年结转由文档本身判断（其合计等于本年拨款还是本年 + 上年结转，见 X203、X204）；
收支总表列有年终结转结余时，收入总表（含上年结转结余）与支出总表（本年支出）相差的正是这笔结余（X202），
情况说明的“支出预算”（不带“本年”）此时指收支总表的支出总计，“本年支出预算”指支出总表合计；
只列“项”行、不列“类”行的表（北京预算03/05表），各类按其下最末级行相加后比较，从不把未印出的类当作 0。
整体绩效表与一般公共预算表的比较（X210、X211）只在文档没有一般公共预算以外的收入时进行，否则记为“跳过”并说明原因。

## 跳过

规则所需的表格缺失、没有情况说明、没有上年度数据时，该规则记为“跳过”（JSON 的 `rules_skipped`），不作为问题报告；
缺失的表格只由完整性规则（C001 或 C002）报告一次。

## 隐私（V601）

1 开头的 11 位号码（可带 +86 和分隔符）视为手机号码，通常属于个人，报告为警告；
8 位本地号码、带区号的固定电话视为单位办公电话，不报告。身份证号码须通过 GB 11643 校验位和出生日期检查，
以免把长项目编码误认作身份证号。
"""


def rules_markdown() -> str:
    lines = ["# 检查规则", "",
             "本文件由 `python -m yusuan.check.docs` 根据规则目录生成，请勿手工修改。"
             "命令行：`yusuan rules` 列出全部规则，`yusuan rules 编码` 说明一条规则。", "",
             f"共 {len(CATALOG)} 条规则。级别：错误（error）、警告（warning）、提示（notice）。"
             "`yusuan check` 默认在出现错误时以退出码 1 结束（`--fail-on` 可调整）。", "",
             TOLERANCE, SCOPE]
    for letter, family in FAMILIES.items():
        specs = [s for s in CATALOG.values() if s.family == letter]
        if not specs:
            continue
        lines += [f"## {letter} {family}", "", "| 编码 | 名称 | 级别 | 说明 |", "|---|---|---|---|"]
        lines += [f"| {s.code} | `{s.name}` | {s.severity.label} | {s.title} |" for s in specs]
        lines.append("")
        for s in specs:
            lines += [f"### {s.code} {s.title}", "", s.explanation, ""]
            if s.reader:
                lines += ["由读取程序在读取文档时报告。", ""]
            if s.tables:
                lines += [("适用表格（任一存在即运行）：" if s.any_table else "所需表格：") + "、".join(f"`{t}`" for t in s.tables), ""]
            if s.needs:
                lines += ["还需要：" + "、".join(f"`{n}`" for n in s.needs), ""]
            if s.example:
                lines += [f"示例：{s.example.excerpt}", "", f"> {s.example.message}", ""]
    return "\n".join(lines).rstrip() + "\n"


def report_schema() -> str:
    nullable = {"type": ["string", "null"]}
    finding = {
        "type": "object",
        "required": ["code", "name", "category", "severity", "message", "location", "expected", "actual"],
        "properties": {
            "code": {"type": "string", "enum": list(CATALOG)},
            "name": {"type": "string"}, "category": {"type": "string", "enum": list(FAMILIES.values())},
            "severity": {"enum": ["error", "warning", "notice"]},
            "message": {"type": "string", "description": "中文说明：表、行、栏、应为、实为、相差"},
            "location": {
                "type": "object",
                "properties": {
                    "table": {**nullable, "description": "表格标识，如 expenditure_summary"},
                    "table_title": {**nullable, "description": "如“表3 支出总表”"},
                    "row": {**nullable, "description": "行：科目编码和名称、项目名称"},
                    "column": {**nullable, "description": "栏的中文名，如“基本支出”"},
                    "section": nullable, "file": nullable,
                    "page": {"type": ["integer", "null"]}, "line": {"type": ["integer", "null"]},
                    "bbox": {"type": ["array", "null"], "items": {"type": "number"}, "minItems": 4, "maxItems": 4},
                },
            },
            "expected": nullable, "actual": nullable,
        },
    }
    report = {
        "type": "object",
        "required": ["file", "findings", "rules_run", "rules_skipped"],
        "properties": {
            "file": {"type": "string"},
            "findings": {"type": "array", "items": {"$ref": "#/$defs/finding"}},
            "rules_run": {"type": "integer", "minimum": 0},
            "rules_skipped": {"type": "array", "items": {"type": "object", "required": ["code", "reason"],
                                                         "properties": {"code": {"type": "string"}, "reason": {"type": "string"}}}},
            "summary": {"type": "object", "properties": {k: {"type": "integer"} for k in ("error", "warning", "notice")}},
            "implied_priors": {"type": "array", "description": "情况说明推算的上年数（供跨年度核对）",
                               "items": {"type": "object"}},
        },
    }
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "yusuan check report",
        "description": "yusuan check --format json：一个文件为一个对象，多个文件为对象数组。",
        "oneOf": [{"$ref": "#/$defs/report"}, {"type": "array", "items": {"$ref": "#/$defs/report"}}],
        "$defs": {"report": report, "finding": finding},
    }
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


GENERATED = {RULES_MD: rules_markdown, SCHEMA: report_schema}

try:  # the shared docs generator (make docs) picks these up when present
    from ..docs_gen import register
except ImportError:
    pass
else:
    for _name, _gen in GENERATED.items():
        register(_name, _gen)


def write(docs: Path = DOCS) -> None:
    for name, gen in GENERATED.items():
        path = docs / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(gen(), encoding="utf-8")


if __name__ == "__main__":
    write()
