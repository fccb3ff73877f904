"""Mutations of the Wuhan sample: what each one changes and where a finding must point.

Each mutation is a mistake a compiler of the document could make: one cell, one word, one line,
one table.  It is applied to the sample in memory; the checker must then report a *new* finding
(one the unmutated sample does not produce) with one of the expected codes at the expected place.

"Points at" (see `Where`): every field given must match —
  table   Location.table equals the canonical table id;
  row     Location.row is the code/label or starts with it followed by a space ('208 社会保障…');
  column  Location.column equals the printed measure label;
  section Location.section starts with the narrative section number ('一、');
  line    Location.source.line is the line of the mutated document that holds the given text
          (MUTATED: the edited line itself).
The table below says, per mutation, which of these apply; some rules legitimately report at a
related place (a 款's sum is reported on the 款 row, a 二级 project on its 一级 row) and the
expected place says so.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

MUTATED = object()  # Where.line: the line the edit changed


@dataclass(frozen=True)
class Edit:
    """Replace the first `old` with `new` on the one line containing `match` (new=None deletes the
    line; `insert` adds a line after it instead)."""
    match: str
    old: str = ""
    new: str | None = ""
    insert: str | None = None
    after: str | None = None  # the first line containing `match` after the line found by `after`


@dataclass(frozen=True)
class Where:
    table: str | None = None
    row: str | None = None
    column: str | None = None
    section: str | None = None
    line: object = MUTATED  # MUTATED, a text identifying a line of the mutated document, or None


@dataclass(frozen=True)
class Mutation:
    id: str
    family: str
    description: str
    how: tuple[Edit, ...] | Callable[[list[str]], tuple[list[str], int | None]]
    codes: tuple[str, ...]
    where: Where
    expect_silent: bool = False  # documented tolerance: must NOT produce a new finding
    note: str = ""
    severity: str | None = None  # the finding's severity when it matters (rounding-level: "warning")


class MutationError(AssertionError):
    pass


def _find(lines: list[str], match: str) -> int:
    """The one line that reads exactly `match`, else the one line containing it."""
    hits = [i for i, text in enumerate(lines) if text == match] or [i for i, text in enumerate(lines) if match in text]
    if len(hits) != 1:
        raise MutationError(f"{match!r} matches {len(hits)} lines of the sample")
    return hits[0]


def apply(mutation: Mutation, text: str) -> tuple[str, int | None]:
    """The mutated text and the 1-based line number of the (last) edited line in it."""
    lines = text.split("\n")
    if callable(mutation.how):
        lines, at = mutation.how(lines)
        return "\n".join(lines), at
    at = None
    for edit in mutation.how:
        if edit.after is None:
            i = _find(lines, edit.match)
        else:
            start = _find(lines, edit.after)
            i = next(k for k in range(start + 1, len(lines)) if edit.match in lines[k])
        if edit.insert is not None:
            lines.insert(i + 1, edit.insert)
            at = i + 2
        elif edit.new is None:
            del lines[i]
            at = None
        else:
            if edit.old not in lines[i]:
                raise MutationError(f"{edit.old!r} not on the line {lines[i][:60]!r}")
            lines[i] = lines[i].replace(edit.old, edit.new, 1)
            at = i + 1
    return "\n".join(lines), at


def delete_block(start: str, stop: str):
    """Delete the lines from the one equal to `start` up to (not including) the one equal to `stop`."""
    def how(lines: list[str]) -> tuple[list[str], None]:
        i = lines.index(start)
        j = lines.index(stop, i + 1)
        return lines[:i] + lines[j:], None
    return how


def line_of(text: str, match: str) -> int:
    return _find(text.split("\n"), match) + 1


def points_at(finding, mutation: Mutation, text: str, edited: int | None) -> bool:
    w, loc = mutation.where, finding.location
    if finding.code not in mutation.codes:
        return False
    if mutation.severity is not None and finding.severity.value != mutation.severity:
        return False
    if w.table is not None and loc.table != w.table:
        return False
    if w.row is not None and not (loc.row == w.row or (loc.row or "").startswith(w.row + " ")):
        return False
    if w.column is not None and loc.column != w.column:
        return False
    if w.section is not None and not (loc.section or "").startswith(w.section):
        return False
    if w.line is not None:
        want = edited if w.line is MUTATED else line_of(text, w.line)
        if want is None or loc.source is None or loc.source.line != want:
            return False
    return True


def key(finding) -> tuple:
    """Identity of a finding across runs: code, place and message (line numbers shift with edits)."""
    loc = finding.location
    return finding.code, loc.table, loc.row, loc.column, loc.section, finding.message


T1, T3, T4 = "income_expenditure_summary", "expenditure_summary", "fiscal_grant_summary"
T51, T52, T6, T7 = "general_budget_by_function", "general_budget_by_unit", "basic_by_economic", "three_public"
T8, T9, T10 = "gov_fund_by_function", "state_capital_by_function", "projects"
T11, T12 = "overall_performance", "project_performance"
ID_CARD = "420102198503120032"  # fictitious, passes the GB 11643 check digit

E = Edit
MUTATIONS: tuple[Mutation, ...] = (
    # ---------------------------------------------------------------- 表1 收支总表
    Mutation("t1-class", "表1", "表1 支出方一类金额（社会保障和就业支出 80.63→81.63）",
             (E("六、社会保障和就业支出\t80.63", "80.63", "81.63"),), ("X201",), Where(T1, row="208")),
    Mutation("t1-income", "表1", "表1 一般公共预算拨款收入 778.64→788.64",
             (E("一、一般公共预算拨款收入\t778.64", "778.64", "788.64"),), ("S106", "X205"), Where(T1)),
    Mutation("t1-grand-total", "表1", "表1 支出总计 778.64→778.84",
             (E("收 入 总 计\t778.64\t支 出 总 计", "支 出 总 计\t778.64", "支 出 总 计\t778.84", after="表1"),),
             ("S107", "S108"), Where(T1)),
    # ---------------------------------------------------------------- 表3 支出总表
    Mutation("t3-item-cell", "表3", "表3 一个项的合计栏（2080505 31.50→31.60）",
             (E("2080505\t机关事业单位基本养老保险缴费支出\t31.50\t31.50\t\t", "31.50", "31.60"),),
             ("S104",), Where(T3, row="2080505", column="合计")),
    Mutation("t3-class", "表3", "表3 类合计（208 80.63→81.63，合计与基本支出两栏）",
             (E("208\t社会保障和就业支出\t80.63\t80.63\t\t", "80.63\t80.63", "81.63\t81.63"),),
             ("S102",), Where(T3, row="208")),
    Mutation("t3-section", "表3", "表3 款行（20805 78.43→78.53，两栏）",
             (E("20805\t行政事业单位养老支出\t78.43\t78.43\t\t", "78.43\t78.43", "78.53\t78.53"),),
             ("S103",), Where(T3, row="20805")),
    Mutation("t3-total-row", "表3", "表3 合计行（合计 778.64→779.64）",
             (E("\t合计\t778.64\t568.64\t210.00\t\t\t", "778.64", "779.64"),),
             ("S101", "S104"), Where(T3, row="合计")),
    Mutation("t3-blank-filled", "表3", "表3 空白的项目支出栏填入数字（208 项目支出 5.00）",
             (E("208\t社会保障和就业支出\t80.63\t80.63\t\t", "80.63\t80.63\t\t", "80.63\t80.63\t5.00\t"),),
             ("S104",), Where(T3, row="208", column="合计")),
    Mutation("t3-blanked", "表3", "表3 一个数字被删成空白（2210201 合计栏）",
             (E("2210201\t住房公积金\t30.00\t30.00\t\t", "30.00\t30.00", "\t30.00"),),
             ("S104",), Where(T3, row="2210201")),
    Mutation("t3-deleted-row", "表3", "表3 删除一个项行（2101103 公务员医疗补助），报告在其所属款行",
             (E("2101103\t公务员医疗补助\t21.80\t21.80\t\t", new=None),),
             ("S103",), Where(T3, row="21011", line="21011\t行政事业单位医疗\t51.90\t51.90\t\t")),
    Mutation("t3-code-absent", "表3", "表3 科目编码改成编码表中没有的编码（2089999→2089998）",
             (E("2089999\t其他社会保障和就业支出\t2.20\t2.20\t\t", "2089999", "2089998"),),
             ("K301",), Where(T3, row="2089998")),
    Mutation("t3-outdated-name", "表3", "表3 类名称用旧名（卫生健康支出→医疗卫生与计划生育支出）",
             (E("210\t卫生健康支出\t51.90\t51.90\t\t", "卫生健康支出", "医疗卫生与计划生育支出"),),
             ("K302",), Where(T3, row="210")),
    Mutation("t3-wrong-item-name", "表3", "表3 项名称写错（2101102 事业单位医疗→行政单位医疗）",
             (E("2101102\t事业单位医疗\t21.10\t21.10\t\t", "事业单位医疗", "行政单位医疗"),),
             ("K302",), Where(T3, row="2101102")),
    # ---------------------------------------------------------------- 表4 财政拨款收支总表
    Mutation("t4-class", "表4", "表4 支出方一类（卫生健康支出 51.90→52.90）",
             (E("（七）卫生健康支出\t51.90", "51.90", "52.90"),), ("X203",), Where(T4, row="210")),
    Mutation("t4-income", "表4", "表4 一般公共预算拨款 778.64→788.64",
             (E("（一）一般公共预算拨款\t778.64", "778.64", "788.64"),), ("S106", "X204", "X205"), Where(T4)),
    # ---------------------------------------------------------------- 表5-1
    Mutation("t51-total-personnel", "表5-1", "表5-1 合计行人员经费 516.98→517.98",
             (E("\t合计\t778.64\t568.64\t516.98\t51.66\t210.00", "516.98", "517.98"),),
             ("S101", "S105"), Where(T51, row="合计", column="人员经费")),
    Mutation("t51-item-personnel", "表5-1", "表5-1 一个项的人员经费（2210201 30.00→31.00）",
             (E("2210201\t住房公积金\t30.00\t30.00\t30.00", "30.00\t30.00\t30.00", "30.00\t30.00\t31.00"),),
             ("S105",), Where(T51, row="2210201")),
    Mutation("t51-item-project", "表5-1", "表5-1 一个项的项目支出（2150899 210.00→200.00）",
             (E("2150899\t其他支持中小企业发展和管理支出\t595.99\t385.99\t334.33\t51.66\t210.00", "\t210.00", "\t200.00"),),
             ("S104",), Where(T51, row="2150899")),
    # ---------------------------------------------------------------- 表5-2
    Mutation("t52-total", "表5-2", "表5-2 单位合计 778.64→788.64",
             (E("301014\t武汉市工业信息化中心\t778.64", "778.64", "788.64"),), ("S104", "X206"), Where(T52, row="301014")),
    # ---------------------------------------------------------------- 表6
    Mutation("t6-item-cell", "表6", "表6 一个款的合计栏（30201 办公费 4.00→5.00）",
             (E("30201\t办公费\t4.00\t\t4.00", "4.00", "5.00"),), ("S104",), Where(T6, row="30201")),
    Mutation("t6-class", "表6", "表6 类行（301 工资福利支出 476.80→477.80，两栏）",
             (E("301\t工资福利支出\t476.80\t476.80\t", "476.80\t476.80", "477.80\t477.80"),), ("S102",), Where(T6, row="301")),
    Mutation("t6-mirror", "表6", "表6 30108 养老保险缴费与 5-1 的 2080505 不对应（31.50→32.50，两栏）",
             (E("30108\t机关事业单位基本养老保险缴费\t31.50\t31.50\t", "31.50\t31.50", "32.50\t32.50"),),
             ("K303",), Where(T6, row="30108")),
    # ---------------------------------------------------------------- 表7 “三公”
    Mutation("t7-total", "表7", "表7 “三公”经费合计 3.00→4.00",
             (E("3.00\t\t3.00\t\t3.00\t", "3.00\t\t3.00\t\t3.00", "4.00\t\t3.00\t\t3.00"),),
             ("S109",), Where(T7, column="“三公”经费合计")),
    Mutation("t7-abroad", "表7", "表7 因公出国（境）费空白→1.00",
             (E("3.00\t\t3.00\t\t3.00\t", "3.00\t\t3.00", "3.00\t1.00\t3.00"),), ("S109",), Where(T7)),
    Mutation("t7-vehicle-subtotal", "表7", "表7 公务用车购置及运行费小计 3.00→2.50",
             (E("3.00\t\t3.00\t\t3.00\t", "\t\t3.00\t", "\t\t2.50\t"),), ("S109",), Where(T7)),
    Mutation("t7-purchase", "表7", "表7 公务用车购置费空白→1.00",
             (E("3.00\t\t3.00\t\t3.00\t", "3.00\t\t3.00\t\t3.00", "3.00\t\t3.00\t1.00\t3.00"),), ("S109",), Where(T7)),
    Mutation("t7-reception", "表7", "表7 公务接待费空白→0.50",
             (E("3.00\t\t3.00\t\t3.00\t", "3.00\t\t3.00\t\t3.00\t", "3.00\t\t3.00\t\t3.00\t0.50"),), ("S109",), Where(T7)),
    Mutation("t7-vehicle-vs-30231", "表7", "表7 公务用车运行费（及小计、合计）3.00→2.00，小于表6 30231 的 3.00",
             (E("3.00\t\t3.00\t\t3.00\t", "3.00\t\t3.00\t\t3.00", "2.00\t\t2.00\t\t2.00"),), ("X209",), Where(T7)),
    # ---------------------------------------------------------------- 表8、表9 空表
    Mutation("t8-row-added", "表8", "表8 空表中出现一行金额，而说明称没有该项支出",
             (E("\t\t合计\t基本支出\t项目支出", insert="2120801\t征地和拆迁补偿支出\t5.00\t\t5.00", after="表8"),),
             ("T407",), Where(T8, section="八、", line=None), note="空表有数与“没有”说明矛盾：报告在第八部分的说明句，表为表8"),
    Mutation("t9-row-added", "表9", "表9 空表中出现一行金额，而说明称没有该项支出",
             (E("\t\t合计\t基本支出\t项目支出", insert="2230199\t其他国有资本经营预算支出\t2.00\t\t2.00", after="表9"),),
             ("T407",), Where(T9, section="九、", line=None)),
    Mutation("t8-unexplained", "表8", "表8 空表的说明和第八部分“没有使用政府性基金…”都删去：空表无说明",
             (E("2026年没有使用政府性基金预算拨款安排的支出。", new=None),
              E("2026 年没有使用政府性基金预算拨款安排的支出。", new=None)),
             ("C004",), Where(T8, line="表8"), note="报告在表8 的标题行"),
    Mutation("t8-noted-empty-has-values", "表8", "表8 注明“本表为空表”，表中却出现一行金额",
             (E("2026年没有使用政府性基金预算拨款安排的支出。", "2026年没有使用政府性基金预算拨款安排的支出。",
                "注：本单位无政府性基金预算，本表为空表。"),
              E("\t\t合计\t基本支出\t项目支出", insert="2120801\t征地和拆迁补偿支出\t5.00\t\t5.00", after="表8")),
             ("C005",), Where(T8, row="2120801"), note="报告在有数的行"),
    # ---------------------------------------------------------------- 表10 项目支出表
    Mutation("t10-subproject", "表10", "表10 二级项目金额 138.00→128.00（两栏），报告在一级项目行",
             (E("42010026301T000000114\t信息化应用与产业研究", "138.00\t138.00", "128.00\t128.00"),),
             ("S110",), Where(T10, row="420100263010030000100", line="420100263010030000100\t工业经济保障经费")),
    Mutation("t10-funding-cell", "表10", "表10 项目的一般公共预算拨款栏 72.00→70.00",
             (E("42010026301Y000000103\t电子政务系统运行维护", "72.00\t72.00", "72.00\t70.00"),),
             ("S111",), Where(T10, row="42010026301Y000000103")),
    Mutation("t10-project-code", "表10", "表10 二级项目编码改动（…103→…109）",
             (E("42010026301Y000000103\t电子政务系统运行维护", "Y000000103", "Y000000109"),),
             ("X215",), Where(T12, row="42010026301Y000000103", line="项目名称\t电子政务系统运行维护\t项目编码"),
             note="表10 与表12-2 的编码不一致，报告在表12-2 的项目编码格（消息同时给出表10 的编码）"),
    Mutation("t10-deleted-row", "表10", "表10 删除一个二级项目行，报告在其一级项目行",
             (E("42010026301T000000114\t信息化应用与产业研究", new=None),),
             ("X214", "X216"), Where(T10, row="420100263010030000100", line="420100263010030000100\t工业经济保障经费"),
             note="一级项目失去唯一的二级项目后自身成了末级项目：不在表11 清单中、没有绩效目标表"),
    # ---------------------------------------------------------------- 表11 整体支出绩效目标表
    Mutation("t11-share", "表11", "表11 支出构成占比 66.4%→67.4%",
             (E("人员类项目支出\t516.98\t66.4%", "66.4%", "67.4%"),), ("S131",), Where(T11, row="人员类项目支出")),
    Mutation("t11-amount", "表11", "表11 支出构成金额（运转类 123.66→133.66）",
             (E("运转类项目支出\t123.66", "123.66", "133.66"),), ("S132", "X211"), Where(T11, row="运转类项目支出")),
    Mutation("t11-prior-amount", "表11", "表11 2025 年支出合计 826.76→836.76",
             (E("\t合 计\t778.64\t100%\t888.5\t826.76", "826.76", "836.76", after="特定目标类项目支出\t138"),),
             ("S132",), Where(T11)),
    Mutation("t11-project-amount", "表11", "表11 项目清单中项目本年度预算 72→75",
             (E("\t电子政务系统运行维护\t其他运转类项目\t72\t72", "72\t72", "75\t75"),), ("X214", "X211"),
             Where(T11, row="电子政务系统运行维护")),
    Mutation("t11-unit-name", "表11", "表11 单位名称少一个字",
             (E("单位名称\t武汉市工业信息化中心", "工业信息化中心", "工业信息中心"),), ("X302",), Where(T11)),
    # ---------------------------------------------------------------- 表12-1
    Mutation("t121-cost-line", "表12-1", "表12-1 支出明细测算一项金额 10→12",
             (E("产业信息收集\t覆盖知网", "\t委托业务费\t10\t", "\t委托业务费\t12\t"),), ("S120",),
             Where(T12, row="信息化应用与产业研究", line="工业企业实数融合推进公益服务\t优化升级"),
             note="明细之和与当年预算不符：报告在明细测算的第一行"),
    Mutation("t121-funding-line", "表12-1", "表12-1 资金来源“一般公共预算财政拨款”138→130",
             (E("\t1. 一般公共预算财政拨款\t\t138", "138", "130"),), ("S121",),
             Where(T12, row="信息化应用与产业研究", line="\t合计\t\t138"), note="各来源之和与合计不符：报告在资金来源合计行"),
    Mutation("t121-project-code", "表12-1", "表12-1 项目编码改动（…114→…115）",
             (E("项目名称\t信息化应用与产业研究\t项目编码", "T000000114", "T000000115"),), ("X215",), Where(T12)),
    Mutation("t121-budget", "表12-1", "表12-1 项目当年预算 138→148",
             (E("项目总预算\t138\t项目当年预算\t138", "项目当年预算\t138", "项目当年预算\t148"),),
             ("X215",), Where(T12)),
    Mutation("t121-history", "表12-1", "表12-1 预算变动情况中的本年预算 138→140",
             (E("2024 年预算 55 万元", "2026 年预算 138 万元", "2026 年预算 140 万元"),), ("S122",), Where(T12)),
    Mutation("t121-id-card", "表12-1", "表12-1 项目负责人后写上身份证号码",
             (E("项目负责人\t刘浩\t联系电话\t85317093", "刘浩", "刘浩 " + ID_CARD, after="表 12-1"),), ("V602",), Where(T12)),
    Mutation("t121-mobile", "表12-1", "表12-1 联系电话改成手机号码",
             (E("项目负责人\t刘浩\t联系电话\t85317093", "85317093", "13907151234", after="表 12-1"),), ("V601",), Where(T12)),
    # ---------------------------------------------------------------- 表12-2
    Mutation("t122-cost-line", "表12-2", "表12-2 支出明细测算一项金额 8→18",
             (E("\t软件运维\t\t委托业务费\t8\t", "\t8\t", "\t18\t"),), ("S120",),
             Where(T12, row="电子政务系统运行维护", line="信息系统运维\t网络和安全设备运维")),
    Mutation("t122-name", "表12-2", "表12-2 项目名称与表10 不同",
             (E("项目名称\t电子政务系统运行维护\t项目编码", "电子政务系统运行维护", "电子政务系统运维"),), ("X215",), Where(T12)),
    Mutation("t122-end-year", "表12-2", "表12-2 终止年度早于预算年度（2026→2025）",
             (E("起始年度\t2026\t终止年度\t2026", "终止年度\t2026", "终止年度\t2025", after="表 12-2"),), ("X301",), Where(T12)),
    # ---------------------------------------------------------------- deleted tables
    Mutation("del-table-7", "删表", "删除表7 “三公”经费支出表（目录仍列出）",
             delete_block("表7", "表8"), ("C001",), Where(T7, line="- 七、一般公共预算“三公”经费支出表")),
    Mutation("del-table-12-2", "删表", "删除表12-2（表10 的二级项目没有绩效目标表）",
             delete_block("表 12-2", "第三部分 武汉市工业信息化中心 2026 年单位预算情况说明"),
             ("X216",), Where(T10, row="42010026301Y000000103", line="42010026301Y000000103\t电子政务系统运行维护")),
    # ---------------------------------------------------------------- titles, cover, unit name, placeholders
    Mutation("year-cover", "年度", "封面年份 2026→2025",
             (E("武汉市工业信息化中心 2026 年单位预算", "2026", "2025"),), ("X301",), Where()),
    Mutation("year-toc-title", "年度", "目录中第二部分标题年份 2026→2025",
             (E("第二部分 武汉市工业信息化中心 2026 年单位预算表", "2026", "2025", after="目 录"),), ("X301",),
             Where(section="目录")),
    Mutation("year-table-title", "年度", "表3 标题加上错误年份（支出总表→2025 年支出总表），报告在表3 标题",
             (E("支出总表", "支出总表", "2025 年支出总表", after="表3"),), ("X301",), Where(T3, line="表3")),
    Mutation("year-empty-note", "年度", "表8 空表说明年份 2026→2025",
             (E("2026年没有使用政府性基金预算拨款安排的支出。", "2026", "2025"),), ("X301",), Where(T8, line="表8"), note="空表说明没有单独的来源行：报告在表8 的标题行"),
    Mutation("unit-name-t10", "单位名称", "表10 项目单位名称写错",
             (E("42010026301T000000114\t信息化应用与产业研究\t武汉市工业信息化中心", "工业信息化中心", "工业信息中心"),),
             ("X302",), Where(T10, row="42010026301T000000114")),
    Mutation("placeholder", "文字", "情况说明中留下模板占位符“XX局”",
             (E("所有收入和支出均纳入部门预算管理", "武汉市工业信息化中心", "XX局"),), ("Q702",), Where()),
    Mutation("template-remark", "文字", "情况说明第十一节标题留下模板批注“（增加内容）”",
             (E("十一、其他重要事项的情况说明", "情况说明", "情况说明（增加内容）"),), ("Q703",), Where(section="十一、")),
    Mutation("direction-unresolved", "文字", "一、收支总预算的增减方向留成模板的“下降（增长）”",
             (E("年收支总预算 778.64 万元", "下降 5.82%", "下降（增长）5.82%"),), ("Q704",), Where(section="一、")),
    Mutation("year-part-heading", "年度", "正文第三部分标题年份 2026→2025（目录仍为 2026）",
             (E("第三部分 武汉市工业信息化中心 2026 年单位预算情况说明", "2026", "2025", after="表 12-2"),), ("Q705",),
             Where()),
    Mutation("year-snapshot-date", "年度", "资产时点“截至 2025 年 12 月 31 日”改成 2024 年（沿用往年文本）",
             (E("截至 2025 年 12 月 31 日，武汉市工业信息化中心共有车辆", "2025", "2024"),), ("Q706",), Where(section="十一、")),
    Mutation("empty-reason", "文字", "增减原因被删空（主要是：…→主要是。）",
             (E("机关事业单位基本养老保险缴费支出（项）2026 年预算数 31.5", "主要是：2026 年养老保险基数调整并新增 1 人。", "主要是。"),),
             ("Q701",), Where(section="五、")),
    # ---------------------------------------------------------------- Part 3 narrative
    Mutation("n1-amount", "说明一", "一、收支总预算 778.64→788.64",
             (E("年收支总预算 778.64 万元", "778.64", "788.64"),), ("T401",), Where(section="一、")),
    Mutation("n1-change", "说明一", "一、比上年减少 48.12→58.12 万元",
             (E("年收支总预算 778.64 万元", "减少 48.12", "减少 58.12"),), ("T403", "T406"), Where(section="一、")),
    Mutation("n1-percent", "说明一", "一、下降 5.82%→6.82%",
             (E("年收支总预算 778.64 万元", "下降 5.82%", "下降 6.82%"),), ("T403",), Where(section="一、")),
    Mutation("n1-direction", "说明一", "一、减少→增加（百分比仍为下降）",
             (E("年收支总预算 778.64 万元", "减少 48.12", "增加 48.12"),), ("T404",), Where(section="一、")),
    Mutation("n1-income-change", "说明一", "一、收支总预算比上年减少 48.12 万元，而三、支出预算（同为总计 778.64 万元）写“比上年减少 58.12 万元”",
             (E("2026 年支出预算 778.64 万元，其中：", "778.64 万元，其中：", "778.64 万元，比 2025 年预算减少 58.12 万元，其中："),),
             ("T410",), Where(section="三、")),
    Mutation("n2-share", "说明二", "二、一般公共预算财政拨款收入占 100%→90%",
             (E("年收入预算 778.64 万元，其中", "占 100%", "占 90%"),), ("T402",), Where(section="二、")),
    Mutation("n3-amount", "说明三", "三、基本支出 568.64→558.64",
             (E("年支出预算 778.64 万元，其中", "基本支出 568.64", "基本支出 558.64"),), ("T401",), Where(section="三、")),
    Mutation("n3-share", "说明三", "三、基本支出占 73.03%→72.03%",
             (E("年支出预算 778.64 万元，其中", "73.03%", "72.03%"),), ("T402",), Where(section="三、")),
    Mutation("n4-class", "说明四", "四、卫生健康支出 51.9→52.9",
             (E("年财政拨款收支总预算 778.64 万元。收入包括", "卫生健康支出 51.9", "卫生健康支出 52.9"),),
             ("T401",), Where(section="四、")),
    Mutation("n4-former-name", "说明四", "四、类名称用 2019 年前的旧名（卫生健康支出→医疗卫生与计划生育支出）",
             (E("年财政拨款收支总预算 778.64 万元。收入包括", "卫生健康支出 51.9", "医疗卫生与计划生育支出 51.9"),),
             ("K302",), Where(section="四、")),
    Mutation("n5-direction", "说明五", "五、下降→增长（增减额仍为减少）",
             (E("其中：本年预算 778.64 万元", "下降 5.82%", "增长 5.82%"),), ("T404",), Where(section="五、")),
    Mutation("n5-flat", "说明五", "五、一般公共预算拨款有增减却写“与 2025 年预算持平”（推算上年数与表11 不符）",
             (E("其中：本年预算 778.64 万元", "比 2025 年预算减少 48.12 万元，下降 5.82%", "与 2025 年预算持平"),),
             ("T404", "T406"), Where(section="五、")),
    Mutation("n5-item-amount", "说明五", "五、一个项的预算数 31.5→32.5",
             (E("机关事业单位基本养老保险缴费支出（项）2026 年预算数 31.5", "31.5 万元", "32.5 万元"),),
             ("T401",), Where(section="五、", row="2080505")),
    Mutation("n5-item-percent", "说明五", "五、一个项的增长率 24.12%→25.12%",
             (E("(项) 2026 年预算数 21.1 万元", "24.12%", "25.12%"),), ("T403",), Where(section="五、")),
    Mutation("n6-personnel", "说明六", "六、人员经费 516.98→526.98",
             (E("(一)人员经费 516.98 万元", "516.98", "526.98"),), ("T401",), Where(section="六、")),
    Mutation("n6-class", "说明六", "六、工资福利支出 476.8→467.8",
             (E("工资福利支出 476.8 万元", "476.8", "467.8"),), ("T401",), Where(section="六、")),
    Mutation("n7-total", "说明七", "七、“三公”经费 3→5 万元",
             (E("年一般公共预算“三公”经费支出 3 万元", "3 万元", "5 万元"),), ("T401",), Where(section="七、")),
    Mutation("n7-vehicle", "说明七", "七、公务用车购置及运行维护费 3→2 万元",
             (E("2. 公务用车购置及运行维护费 3 万元", "3 万元", "2 万元"),), ("T401",), Where(section="七、")),
    Mutation("n7-abroad", "说明七", "七、因公出国（境）经费 0→1 万元",
             (E("1. 因公出国（境）经费 0 万元", "0 万元", "1 万元"),), ("T401",), Where(section="七、")),
    Mutation("n8-none", "说明八", "八、称有政府性基金支出 5 万元而表8 为空",
             (E("2026 年没有使用政府性基金", "没有使用政府性基金预算拨款安排的支出。", "政府性基金预算支出 5 万元。"),),
             ("T401", "T407"), Where(section="八、")),
    Mutation("n10-total", "说明十", "十、项目支出 210→220 万元",
             (E("年项目支出 210 万元，其中", "210 万元", "220 万元"),), ("T401",), Where(section="十、")),
    Mutation("n10-project", "说明十", "十、一个项目的金额 138→148 万元",
             (E("信息化应用与产业研究 138 万元", "138", "148"),), ("T401",), Where(section="十、")),
    Mutation("n11-entrusted", "说明十一", "十一、委托业务费 187.5→197.5 万元",
             (E("年委托业务费支出 187.5 万元", "187.5", "197.5"),), ("T408",), Where(section="委托业务费")),
    Mutation("mirror-one-unit-item", "容差", "表3 一个项的合计栏改动 0.01 万元（合计只有基本支出一栏，同一数字印两次）：舍入级警告",
             (E("2080505\t机关事业单位基本养老保险缴费支出\t31.50\t31.50\t\t", "31.50", "31.51"),),
             ("S104",), Where(T3, row="2080505", column="合计"), severity="warning"),
    Mutation("mirror-one-unit-t1-class", "容差", "表1 一类金额改动一个末位单位（卫生健康支出 51.90→51.91），与表3 同一数字不符：舍入级警告",
             (E("七、上级补助收入\t\t七、卫生健康支出\t51.90", "51.90", "51.91"),),
             ("X201",), Where(T1, row="210"), severity="warning"),
    Mutation("mirror-one-unit-t4-class", "容差", "表4 一类金额改动一个末位单位（卫生健康支出 51.90→51.89）：舍入级警告",
             (E("（三）国有资本经营预算拨款\t\t（七）卫生健康支出\t51.90", "51.90", "51.89"),),
             ("X203",), Where(T4, row="210"), severity="warning"),
    Mutation("mirror-two-units", "容差", "表1 一类金额改动两个末位单位（卫生健康支出 51.90→51.92）：错误",
             (E("七、上级补助收入\t\t七、卫生健康支出\t51.90", "51.90", "51.92"),),
             ("X201",), Where(T1, row="210"), severity="error"),
)


@dataclass(frozen=True)
class Outcome:
    mutation: Mutation
    new: tuple  # findings absent from the unmutated sample
    caught: bool  # a new finding with an expected code points at the mutated place (silent: no new finding)
    edited_line: int | None


def baseline(sample_path) -> set[tuple]:
    from yusuan.api import check_file
    _, report = check_file(sample_path)
    return {key(f) for f in report.findings}


def evaluate(mutation: Mutation, text: str, base: set[tuple], directory) -> Outcome:
    """Apply one mutation, check the mutated file, and judge its new findings."""
    from pathlib import Path

    from yusuan.api import check_file
    mutated, edited = apply(mutation, text)
    path = Path(directory) / f"{mutation.id}.txt"
    path.write_text(mutated, encoding="utf-8")
    _, report = check_file(path)
    new = tuple(f for f in report.findings if key(f) not in base)
    if mutation.expect_silent:
        caught = not new
    else:
        caught = any(points_at(f, mutation, mutated, edited) for f in new)
    return Outcome(mutation, new, caught, edited)


def describe(finding) -> str:
    loc = finding.location
    line = loc.source.line if loc.source else None
    return f"{finding.code} {loc.table or '-'} row={loc.row} col={loc.column} sec={loc.section} line={line}: {finding.message}"


def rates(outcomes) -> tuple[dict[str, tuple[int, int]], tuple[int, int]]:
    """Caught / total per family and overall; silent (tolerance) cases are not counted."""
    families: dict[str, list[int]] = {}
    for o in outcomes:
        if o.mutation.expect_silent:
            continue
        c = families.setdefault(o.mutation.family, [0, 0])
        c[0] += o.caught
        c[1] += 1
    caught = sum(c for c, _ in families.values())
    total = sum(n for _, n in families.values())
    return {k: (c, n) for k, (c, n) in families.items()}, (caught, total)


def report_lines(outcomes) -> list[str]:
    families, (caught, total) = rates(outcomes)
    lines = [f"{family:8} {c:3}/{n:<3} {100 * c / n:6.1f}%" for family, (c, n) in families.items()]
    lines.append(f"{'合计':8} {caught:3}/{total:<3} {100 * caught / total:6.1f}%")
    for o in outcomes:
        if not o.caught:
            m = o.mutation
            what = "reported (tolerance broken)" if m.expect_silent else f"missed, expected {'/'.join(m.codes)} at {m.where}"
            lines.append(f"MISS {m.id}: {m.description} — {what}")
            lines.extend(f"     new: {describe(f)}" for f in o.new)
    return lines
