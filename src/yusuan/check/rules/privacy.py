"""V: personal data published in the document."""
from __future__ import annotations

import re
from datetime import date

from ...model import Severity
from ..registry import Example, rule
from .texts import cached_texts

E, W = Severity.ERROR, Severity.WARNING

# A mainland mobile number stands alone: no digit or letter glued to it (project codes are long
# alphanumeric strings), an optional +86/86 prefix, optional separators as people write them.
MOBILE = re.compile(r"(?<![0-9A-Za-z])(?:\+?86[- ]?)?(1[3-9]\d)[- ]?(\d{4})[- ]?(\d{4})(?![0-9A-Za-z])")
ID_CARD = re.compile(r"(?<![0-9A-Za-z])(\d{6})(\d{4})(\d{2})(\d{2})\d{3}[\dXx](?![0-9A-Za-z])")
# Cheap pre-filters: most texts have no long digit run and skip the costlier patterns.
_MAYBE_MOBILE = re.compile(r"1[3-9]\d[- ]?\d{4}[- ]?\d{4}")
_MAYBE_ID = re.compile(r"\d{17}")
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"


def valid_id_card(number: str) -> bool:
    """GB 11643 check digit and a real birth date: an 18-digit project code rarely passes both."""
    body, check = number[:17], number[17].upper()
    if not body.isdigit():
        return False
    if _CHECK[sum(int(d) * w for d, w in zip(body, _WEIGHTS)) % 11] != check:
        return False
    try:
        born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return False
    return 1900 <= born.year <= date.today().year


def mask(number: str) -> str:
    return number[:3] + "*" * (len(number) - 7) + number[-4:]


@rule(code="V601", name="personal-mobile-number", severity=W,
      title="公开了个人手机号码",
      explanation="文档中出现手机号码（1 开头的 11 位号码），通常是填报人或项目负责人的个人手机，不宜公开，"
                  "应改为单位办公电话。固定电话（如 8 位本地号码、带区号的号码）视为单位电话，不报告。",
      example=Example("填报人 张三 联系电话 13800000000", "表11 整体支出绩效目标表：公开了手机号码 138****0000"))
def personal_mobile_number(budget, ctx):
    seen = set()
    for text, at, table_id, row, source in cached_texts(budget, ctx):
        if not _MAYBE_MOBILE.search(text):
            continue
        for m in MOBILE.finditer(text):
            number = "".join(m.groups())
            if (number, id(at)) in seen:
                continue
            seen.add((number, id(at)))
            yield ctx.finding(at, f"{ctx.table_label(table_id) if table_id else '文档'}{(' ' + row) if row else ''}："
                                  f"公开了手机号码 {mask(number)}", expected="单位办公电话", actual=mask(number),
                              table=table_id, row=row, source=source)


@rule(code="V602", name="id-card-number", severity=E,
      title="公开了身份证号码",
      explanation="文档中出现符合校验规则的 18 位居民身份证号码，属于个人信息，不得公开。",
      example=Example("负责人 张三 110101199003071234", "文档：公开了身份证号码 110***********1234"))
def id_card_number(budget, ctx):
    for text, at, table_id, row, source in cached_texts(budget, ctx):
        if not _MAYBE_ID.search(text):
            continue
        for m in ID_CARD.finditer(text):
            number = m.group(0)
            if valid_id_card(number):
                yield ctx.finding(at, f"{ctx.table_label(table_id) if table_id else '文档'}{(' ' + row) if row else ''}："
                                      f"公开了身份证号码 {mask(number)}", expected="不公开", actual=mask(number),
                                  table=table_id, row=row, source=source)
