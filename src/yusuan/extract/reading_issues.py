"""The P family: problems met while reading a document. The check catalog lists them too."""
from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

from ..model import Severity


@dataclass(frozen=True)
class ReadingIssue:
    code: str
    name: str
    severity: Severity
    title: str  # Chinese
    explanation: str  # Chinese
    category: str = "读取"


READING_ISSUES = MappingProxyType({i.code: i for i in (
    ReadingIssue("P001", "unknown-table", Severity.WARNING, "无法识别的表格",
                 "表格标题与版式中的任何表格都不对应，表中数值未纳入模型。"),
    ReadingIssue("P002", "unreadable-number", Severity.WARNING, "无法解析的数值",
                 "金额栏中的文字不是数字，已按空白处理。"),
    ReadingIssue("P003", "unknown-column", Severity.WARNING, "无法识别的表头列",
                 "表头文字与版式中的任何指标都不对应，该列数值未纳入模型。"),
    ReadingIssue("P004", "scanned-pages", Severity.ERROR, "扫描图像页面",
                 "页面没有文本层（扫描图像），无法读取其中的表格和文字。"),
    ReadingIssue("P005", "layout-assumed", Severity.NOTICE, "版式未能确定",
                 "文档版式不在已知版式中，按最接近的版式读取。"),
    ReadingIssue("P006", "unknown-row", Severity.WARNING, "无法识别的表行",
                 "表行既没有科目编码，也不是版式中的已知项目，未纳入模型。"),
    ReadingIssue("P007", "no-budget-content", Severity.ERROR, "未发现预算内容",
                 "文档中没有找到任何预算表格或情况说明。"),
    ReadingIssue("P008", "attachment-only", Severity.NOTICE, "文档只是预算公开的附件",
                 "文档只有项目支出绩效目标表（预算公开的附件），没有预算表格和情况说明：只读取各项目的资金和绩效目标，"
                 "关键数字为空，预算表格和情况说明不作为缺失报告。"),
    ReadingIssue("P009", "tables-published-apart", Severity.NOTICE, "预算报表另行公开",
                 "文档说明预算报表作为附件另行公开，本文件中没有表格：不按缺表报告，表格之间的检查不运行；"
                 "关键数字取自情况说明的文字（summary 标明来源）。"),
)})
