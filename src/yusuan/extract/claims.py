"""Numeric statements of one Part 3 paragraph → Claims.

A paragraph is scanned sentence by sentence for events: an amount (opens a claim about the words
before it), a comparison ('比 2024 年预算减少 12 万元', '与上年持平', '比 2025 年年初预算数 X 万元增加
Y 万元' — the compared figure kept as the claim's prior_amount, not read as a new amount), a rate ('下降 3.5%'),
a share ('占 73.03%'), a count ('车辆 2 辆'), a statement of none ('没有使用…安排的支出'), and a
reason ('主要原因是…', read to the end of its sentence and never scanned for figures). Every
event but an amount qualifies the latest claim of the paragraph, so '…100 万元。比 2024 年…'
still compares the total.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from ..model import Amount, AmountUnit, Budget, Claim, Direction, Subject
from ..reference.layouts import normalize_label
from .context import ExtractContext
from .numbers import amount_from_decimal, parse_decimal
from .prose import CN_NUMERAL, ITEM_NUMBER, SUB_NUMBER, LogicalLine
from .subjects import clean_phrase, classify, none_subject

_NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_PCT = r"[%％]"


def _year_ref(tag: str) -> str:
    return rf"(?:(?P<{tag}y>(?:19|20)\d{{2}})\s*年度?|(?P<{tag}p>上年度|上一年|上年|去年))"


# The characters an event can start with (the first of each alternative below: 比/较/同比, 与/和/同,
# 增/减/下/上/降, 占, 没/未, 本/无, a digit). Tested first, it spares the ten alternatives at every
# other character of a paragraph — the regex engine tries each of them at each position otherwise.
_EVENT_START = r"(?=[比较同与和增减下上降占没未本无\d])"
_EVENTS = re.compile(
    _EVENT_START + "(?:" + "|".join((
        # 比 2025 年年初预算数 45557.68 万元增加 5478.54 万元: the compared figure is stated
        rf"(?P<prior>(?:比|较)\s*{_year_ref('r')}?(?:(?!增|减|上升|下降|降低)[^，,。；;：:\d%％]){{0,12}}?(?P<rnum>{_NUM})\s*(?P<runit>万元|元)[，,]?\s*"
        rf"(?P<rword>增加|减少|增长|下降|上升|降低|增|减)了?\s*(?P<rcnum>{_NUM})\s*(?P<rcunit>万元|元|{_PCT}))",
        # 比 2024 年预算减少 12 万元 / 较上年增长 5%
        rf"(?P<change>(?:比|较|同比)\s*{_year_ref('c')}?[^，,。；;：:\d%％]{{0,12}}?"
        rf"(?P<cword>增加|减少|增长|下降|上升|降低|增|减)了?\s*(?P<cnum>{_NUM})\s*(?P<cunit>万元|元|{_PCT}))",
        # 与 2024 年预算持平 / 与上年基本持平
        rf"(?P<flat>(?:与|和|同|较|比)\s*{_year_ref('f')}?[^，,。；;\d]{{0,10}}?持平)",
        # 增加 15.75 万元 without '比…': a change against an unstated prior
        rf"(?P<bare>(?P<bword>增加|减少)了?\s*(?P<bnum>{_NUM})\s*(?P<bunit>万元|元))",
        rf"(?P<pct>(?P<pword>增长|下降|上升|降低|增幅|降幅|减幅|增加|减少)了?\s*(?:为\s*)?(?P<pnum>{_NUM})\s*{_PCT})",
        rf"(?P<share>占(?:比)?(?P<swhole>[^，,。；;\d%％]{{0,20}}?)(?:的)?\s*(?:比重\s*)?(?:为\s*)?(?P<snum>{_NUM})\s*{_PCT})",
        r"(?P<none1>(?:没有使用|未使用|没有安排|未安排)(?P<n1>[^，,。；;]+?)(?:安排的|安排)?(?:支出|资金|经费)?(?=[，,。；;]|$))",
        r"(?P<none2>(?:本单位|本部门)?(?<![有并])(?:无|没有)(?P<n2>[^，,。；;无]{2,20}?)(?=[，,。；;]|$))",
        rf"(?P<amount>(?<![\d.,])(?P<anum>{_NUM})\s*(?P<aunit>万元|元))",
        r"(?P<count>(?<![\d.])(?P<knum>\d+)\s*(?P<kunit>辆|个))",
    )) + ")"
)
# Reasons: '主要是由于…', '主要原因是…', '主要是：…' (not '主要用于', which states a purpose).
REASON = re.compile(r"(?:主要(?:是由于|原因是|原因为|原因[:：]|是因为|由于|系|是)|原因是|原因为|这是由于)\s*[:：]?")
_SENTENCE = re.compile(r"[^。！？!?]*(?:[。！？!?]|$)")
# A numbered item's label closing its own sentence: '（一）因公出国（境）费用。2026 年预算数127.74 万元'.
ITEM_LABEL = re.compile(rf"^\s*(?:[(（]\s*{CN_NUMERAL}\s*[)）]|{CN_NUMERAL}\s*、|\d{{1,2}}\s*[.．、](?!\d))\s*"
                         r"(?P<label>[^。，,；;：:\d]{2,24}?)\s*[。：:]")
_NAMED_BEFORE_YEAR = re.compile(r"^([^\d，,。；;：:]{2,24}?)\s*(?:19|20)\d{2}\s*年度?")
# Words that name no subject of their own: the amount is the item's ('2026 年预算数', '本年预算').
_GENERIC = re.compile(r"(?:本年|当年)?(?:预算(?:安排)?数?|安排|预算支出)?")
# A reason listed in parts ("主要原因是一是…；二是…；"): the semicolon before the next part does not end it.
_REASON_GOES_ON = re.compile(r"\s*(?:[一二三四五六七八九十]是|其[次二三四]|再次|此外|另外|同时|最后|[（(]?[一二三四五六七八九十\d]+[)）、.．])")
# A sentence that opens with the comparison, naming nothing of its own ("较2025 年年初预算增加569.63 万元").
_SUBJECTLESS_CHANGE = re.compile(r"^\s*(?:比|较|同比|与)")
_BOUNDARY = re.compile(r"[，,、；;：:。]")
_UP_WORDS = frozenset("增加 增长 上升 增幅 增".split())
_WHOLE_KINDS = ("total", "income_total", "expenditure_total", "fiscal_grant_total", "general_budget",
                "basic", "project_total", "three_public", "income_current_total", "expenditure_current_total")
_TOPIC_WHOLE = {"overall": "total", "income": "income_total", "expenditure": "expenditure_total",
                "fiscal_grant": "fiscal_grant_total", "general_budget": "general_budget", "basic": "basic",
                "three_public": "three_public", "projects": "project_total"}


@dataclass
class _Draft:
    subject: Subject
    start: int
    end: int
    line_offset: int
    amount: Amount | None = None
    share: Decimal | None = None
    share_of: str | None = None
    compared_year: int | None = None
    direction: Direction | None = None
    change: Amount | None = None
    prior_amount: Amount | None = None
    percent: Decimal | None = None
    percent_word: str | None = None
    count: int | None = None
    reason: str | None = None
    none_stated: bool = False
    extra: dict = field(default_factory=dict)


@dataclass
class ClaimReader:
    """Reads the claims of one section's paragraphs; remembers earlier claims to resolve shares."""

    budget: Budget
    ctx: ExtractContext
    topic: str | None
    section_claims: list[Claim] = field(default_factory=list)
    _label: str | None = None  # the label of the numbered item being read

    def read(self, para: LogicalLine) -> tuple[Claim, ...]:
        drafts: list[_Draft] = []
        text = para.text
        self._asides = _asides(text)
        label = ITEM_LABEL.match(text)
        self._label = label.group("label") if label else None
        for sentence in _SENTENCE.finditer(text):
            s_start, s_end = sentence.span()
            if s_start == s_end:
                continue
            head = self._item_head(text, sentence.group(), drafts)
            if head is not None:
                # A numbered item's amount, its parts listed after it ("2.口岸管理业务40,000.70 万元，主要
                # 包括：…66.73 万元…。"), then the change in a sentence of its own: the item's change.
                drafts.remove(head)
                drafts.append(head)
            start = s_start
            while start < s_end:
                start = self._clause(para, start, s_end, drafts)
            if head is not None:
                drafts.remove(head)
                drafts.insert(0, head)
        claims = tuple(self._claim(d, para) for d in drafts)
        self.section_claims.extend(claims)
        return claims

    def _clause(self, para: LogicalLine, start: int, s_end: int, drafts: list["_Draft"]) -> int:
        """Read text[start:s_end] up to a reason, and the reason; return where reading goes on: the
        sentence's end, or after the semicolon that ends the reason ("主要原因是…；公务接待费18.95万元…")."""
        body = para.text[start:s_end]
        reason = REASON.search(body)
        scan_end = start + (reason.start() if reason else len(body))
        self._scan(para, start, scan_end, drafts)
        if reason is None:
            return s_end
        semi = next((i for i in range(reason.end(), len(body)) if body[i] in "；;"
                     and not _REASON_GOES_ON.match(body, i + 1)), None)
        r_end = start + semi + 1 if semi is not None else s_end
        current = drafts[-1] if drafts else None
        if current is not None and current.direction is not None and current.reason is None:
            # A reason explains a change; its words are never read for figures.
            current.reason = para.text[start + reason.end():r_end].strip().rstrip("。！？!?；;，, ").strip()
            current.end = r_end
        else:
            # '其他用车主要是…' describes, it does not explain a change: read on.
            self._scan(para, scan_end, r_end, drafts)
        return r_end

    @staticmethod
    def _item_head(text: str, body: str, drafts: list["_Draft"]) -> "_Draft | None":
        """The first claim of a numbered item ("2.…", "（二）…") when a later sentence of the item opens with
        a comparison of its own and the item listed parts after its amount; else None."""
        if len(drafts) < 2 or drafts[0].direction is not None or not _SUBJECTLESS_CHANGE.match(body):
            return None
        if not (ITEM_NUMBER.match(text) or SUB_NUMBER.match(text)):
            return None
        return drafts[0]

    def _scan(self, para: LogicalLine, start: int, end: int, drafts: list[_Draft]) -> None:
        text = para.text
        year = self.budget.year
        last_end = start
        spent = False  # a second change met after the current claim's own: its rate is not the claim's
        for m in _EVENTS.finditer(text, start, end):
            kind = _outer(m)
            current = self._qualified(drafts, m.start()) if kind != "amount" else (drafts[-1] if drafts else None)
            if kind in ("prior", "change", "bare") and current is not None and current.direction is not None:
                spent = True
            if kind == "amount":
                phrase_start = _phrase_start(text, last_end, m.start())
                phrase = text[phrase_start:m.start()]
                trail = _trail(text, m.end(), end)
                subject = classify(phrase, trail, self.topic, self.budget)
                if subject.kind == "other" and _GENERIC.fullmatch(normalize_label(clean_phrase(phrase))):
                    # The subject is named before the year ('公务用车购置费2026 年预算数'), else by the item's label.
                    named = _NAMED_BEFORE_YEAR.match(phrase.strip(" ，,、；;：:"))
                    if named:
                        subject = classify(named.group(1), trail, self.topic, self.budget)
                    if subject.kind == "other" and self._label:
                        subject = classify(self._label, trail, self.topic, self.budget)
                drafts.append(_Draft(subject, phrase_start, m.end(), m.start(),
                                     amount=self._amount(m.group("anum"), m.group("aunit"), para, m.start("anum"))))
                spent = False
            elif kind == "prior" and current is not None and current.direction is None:
                current.compared_year = _compared(m, "r", year)
                current.prior_amount = self._amount(m.group("rnum"), m.group("runit"), para, m.start("rnum"))
                self._change(current, m, "rcnum", "rcunit", "rword", para)
            elif kind == "change" and current is not None and current.direction is None:
                current.compared_year = _compared(m, "c", year)
                self._change(current, m, "cnum", "cunit", "cword", para)
            elif kind == "bare" and current is not None and current.direction is None:
                current.change = self._amount(m.group("bnum"), m.group("bunit"), para, m.start("bnum"))
                current.direction = _direction(m.group("bword"))
                current.end = m.end()
            elif kind == "flat" and current is not None:
                if current.direction is None:
                    current.direction = Direction.FLAT
                    current.compared_year = _compared(m, "f", year)
                current.end = m.end()
            elif kind == "pct" and current is not None and current.percent is None and not spent:
                current.percent = parse_decimal(m.group("pnum"))
                current.percent_word = m.group("pword")
                if current.direction is None:
                    current.direction = _direction(m.group("pword"))
                current.end = m.end()
            elif kind == "share" and current is not None and current.share is None:
                current.share = parse_decimal(m.group("snum"))
                current.extra["whole"] = m.group("swhole").strip()
                current.end = m.end()
            elif kind in ("none1", "none2"):
                words = m.group("n1") if kind == "none1" else m.group("n2")
                subject = none_subject(words, self.topic, self.budget)
                if subject is not None:
                    phrase_start = _phrase_start(text, last_end, m.start())
                    drafts.append(_Draft(subject, phrase_start, m.end(), m.start(), none_stated=True))
                elif kind == "none2":
                    continue  # '无' in an ordinary sentence: not an event, keep the phrase start
            elif kind == "count":
                number = int(m.group("knum"))
                before = text[_phrase_start(text, last_end, m.start()):m.start()]
                if m.group("kunit") == "辆" and "车" in before:
                    if not any(d.subject.kind == "vehicles" for d in drafts):
                        phrase_start = _phrase_start(text, last_end, m.start())
                        drafts.append(_Draft(Subject(kind="vehicles"), phrase_start, m.end(), m.start(), count=number))
                elif current is not None and current.subject.kind == "performance_total" and current.count is None:
                    current.count = number
                    current.end = m.end()
            last_end = m.end()

    def _qualified(self, drafts: list["_Draft"], at: int) -> "_Draft | None":
        """The claim an event at `at` qualifies: the latest one, but not one stated inside a
        parenthesis closed before the event — '…701.34万元（购置费331万元；运行维护费370.34万元，比上年
        减少52.36万元。）比上年增加66.79万元' compares the 701.34, not the last figure of the aside."""
        closed = [(o, c) for o, c in getattr(self, "_asides", ()) if c < at]
        for draft in reversed(drafts):
            if not any(o < draft.line_offset < c for o, c in closed):
                return draft
        return None

    def _change(self, draft: "_Draft", m: re.Match, num: str, unit: str, word: str, para) -> None:
        """The change a match states — a percentage or an amount — with its direction word."""
        if m.group(unit) in ("%", "％"):
            draft.percent = parse_decimal(m.group(num))
            draft.percent_word = m.group(word)
        else:
            draft.change = self._amount(m.group(num), m.group(unit), para, m.start(num))
        draft.direction = _direction(m.group(word))
        draft.end = m.end()

    def _amount(self, number: str, unit: str, para: LogicalLine, offset: int) -> Amount:
        unit_ = AmountUnit.WAN if unit == "万元" else AmountUnit.YUAN
        value = parse_decimal(number)
        assert value is not None  # the pattern only matches numbers
        return amount_from_decimal(value, unit_, self.ctx.source(para.line_at(offset)))

    def _claim(self, draft: _Draft, para: LogicalLine) -> Claim:
        share_of = None
        if draft.share is not None:
            share_of = self._whole(draft)
        return Claim(
            subject=draft.subject,
            text=para.text[draft.start:draft.end].strip(" ，,、；;：:"),
            amount=draft.amount, share=draft.share, share_of=share_of, compared_year=draft.compared_year,
            direction=draft.direction, change=draft.change, percent=draft.percent,
            percent_word=draft.percent_word, count=draft.count, reason=draft.reason,
            none_stated=draft.none_stated, source=self.ctx.source(para.line_at(draft.line_offset)),
            prior_amount=draft.prior_amount,
        )

    def _whole(self, draft: _Draft) -> str | None:
        """The whole a share is taken of: named after 占, else the latest whole stated before it."""
        whole = draft.extra.get("whole", "")
        if whole:
            named = classify(whole, "", self.topic, self.budget)
            if named.kind != "other":
                return named.kind
        for claim in reversed(self.section_claims):
            if claim.share is None and claim.subject.kind in _WHOLE_KINDS and claim.subject.kind != draft.subject.kind:
                return claim.subject.kind
        return _TOPIC_WHOLE.get(self.topic or "")


def _asides(text: str) -> tuple[tuple[int, int], ...]:
    """(open, close) positions of each parenthesised aside of a paragraph, （…） or (…)."""
    out, stack = [], []
    for i, ch in enumerate(text):
        if ch in "（(":
            stack.append(i)
        elif ch in "）)" and stack:
            out.append((stack.pop(), i))
    return tuple(out)


def _outer(m: re.Match) -> str:
    for name in ("prior", "change", "flat", "bare", "pct", "share", "none1", "none2", "amount", "count"):
        if m.group(name) is not None:
            return name
    return ""


def _phrase_start(text: str, floor: int, at: int) -> int:
    """Start of the words naming an amount: after the last clause boundary or the previous event."""
    cut = floor
    for b in _BOUNDARY.finditer(text, floor, at):
        cut = b.end()
    return cut


def _trail(text: str, start: int, end: int) -> str:
    b = _BOUNDARY.search(text, start, end)
    return text[start:b.start() if b else end]


def _compared(m: re.Match, tag: str, year: int) -> int | None:
    if m.group(f"{tag}y"):
        return int(m.group(f"{tag}y"))
    return year - 1


def _direction(word: str) -> Direction:
    return Direction.UP if word in _UP_WORDS else Direction.DOWN
