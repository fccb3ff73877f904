"""Layout profiles (data files in layouts/): table titles, aliases, columns, narrative sections."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from importlib import resources
from types import MappingProxyType
from typing import Mapping

import yaml

_SPACES = re.compile(r"\s+")
# Table shapes whose content is a Table of rows × measure columns (the others are performance forms).
GRID_SHAPES = frozenset({"two_sided", "by_code", "by_unit", "single_row", "projects", "label_tree"})
# Row names (normalised) that mark a table's total line: read as the total, printed as such.
TOTAL_ROW_NAMES = frozenset({"合计", "总计", "本年合计", "支出合计", "收入合计", "本年支出合计", "本年收入合计"})
_PAREN_PAIRS = (("（", "("), ("）", ")"), ("“", '"'), ("”", '"'), ("：", ":"), ("，", ","))
_PAREN = str.maketrans(dict(_PAREN_PAIRS))


def normalize_label(text: str) -> str:
    """Compare labels without whitespace and with half-width brackets and quotes."""
    out = _NORMALIZED.get(text)
    if out is None:
        if len(text) > _CACHED_LENGTH:
            # A whole document's text (layout detection): str.translate through a dict walks it
            # character by character (~2 ms per document); split/join and one replace per mapped
            # character give the same string (\s and str.split both use Unicode whitespace).
            out = "".join(text.split())
            for old, new in _PAREN_PAIRS:
                out = out.replace(old, new)
            return out
        out = _SPACES.sub("", text).translate(_PAREN)
        if len(_NORMALIZED) < _CACHE_SIZE:
            _NORMALIZED[text] = out
    return out


# The same header, row and title labels are normalized tens of thousands of times per document (a
# plain dict: an lru_cache behind a length test costs two calls a look-up); whole texts (layout
# detection passes a document's) are not worth keeping.
_CACHED_LENGTH = 200
_CACHE_SIZE = 32768
_NORMALIZED: dict[str, str] = {}


@dataclass(frozen=True)
class Measure:
    id: str
    zh: str
    labels: tuple[str, ...]


@dataclass(frozen=True)
class TableSpec:
    id: str
    number: str
    title: str
    shape: str  # two_sided | by_code | by_unit | single_row | projects | label_tree | overall_performance | project_performance
    aliases: tuple[str, ...] = ()
    columns: tuple[str, ...] = ()
    codes: str = "function"  # function | economic
    required: bool = True
    may_be_empty: bool = False
    lines: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    sublines_after: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    unit: str | None = None  # overrides the layout's unit (Shanghai "三公" table in 万元)
    # Optional printing hints (renderers; readers may use them to name columns):
    code_columns: str = "joined"  # joined: one 科目编码 column | split: 类/款/项 columns (Shanghai)
    stub_banner: str | None = None  # header over the code/name columns ("项目"); "{year}" is replaced
    banner: str | None = None  # header over the amount columns ("本年一般公共预算基本支出")
    headers: Mapping[str, str] = field(default_factory=dict)  # measure → printed header path "a/b"
    sides: Mapping[str, Mapping[str, object]] = field(default_factory=dict)  # two_sided: side → {label, columns}
    # label_tree: printed header labels of the columns that name a row, tried in order (default: the
    # last filled label column)
    name_columns: tuple[str, ...] = ()
    # Printed inside the prose (情况说明) rather than among the tables; its title may be the tail of
    # the printed one ("信息化运行维护绩效目标表": one form per project). See extract/inset_tables.py.
    in_narrative: bool = False
    # Printed header paths other layouts give this kind of table ((measure, "a/b") pairs): the reader
    # of a region without a layout file knows every known wording (extract/layout_detect.py).
    header_variants: tuple[tuple[str, str], ...] = ()

    @property
    def header_hints(self) -> tuple[tuple[str, str], ...]:
        """(measure, printed path) pairs naming columns: the layout's own paths, then the variants."""
        return (*self.headers.items(), *self.header_variants)

    @property
    def names(self) -> tuple[str, ...]:
        return (self.title, *self.aliases)

    @property
    def label(self) -> str:
        return f"表{self.number} {self.title}"


@dataclass(frozen=True)
class NarrativeSpec:
    number: str
    title: str
    topic: str
    optional: bool = False  # a section some documents of the layout leave out (not reported missing)


@dataclass(frozen=True)
class Layout:
    id: str
    name: str
    level: str
    kind: str
    unit: str
    places: int
    signals: tuple[str, ...]
    tables: tuple[TableSpec, ...]
    narrative: tuple[NarrativeSpec, ...]
    # Assumed for a document of an unknown region and holding every layout's titles: a title contained
    # in another is then no evidence of its own (extract/layout_detect.with_all_titles).
    assumed: bool = False

    def table(self, table_id: str) -> TableSpec | None:
        return next((t for t in self.tables if t.id == table_id), None)

    def match_title(self, title: str, by_kind: bool = True) -> TableSpec | None:
        """The table spec whose title or alias equals `title` (normalised), else the longest contained
        one unless the title's words name another kind of table ("基本支出总表" contains 支出总表
        but is no 支出总表), else (`by_kind`) the spec of the kind the title's words
        name (reference/table_kinds.py): a title the layout does not list is read by what it says."""
        exact, best = _named_in(normalize_label(title), self._title_keys)
        if exact is not None:
            return exact
        from .table_kinds import kind_of_title  # the vocabulary reads normalize_label from here
        kind = kind_of_title(title)
        named = self.table(kind) if kind else None
        # A region's own layout keeps its word for a kind the vocabulary knows under another name (Xi'an's
        # 部门综合预算支出总表 is its expenditure_by_unit_source); the vocabulary wins where the layout
        # has the kind the words name, and always in an assumed layout.
        if best and (kind is None or kind == best.id or (named is None and not self.assumed)):
            return best
        if named is not None and (by_kind or best):
            return named
        return None

    def match_title_variant(self, title: str) -> TableSpec | None:
        """Like match_title, both sides worded alike first: "收支总体情况表" is "收支总表", "…支出情况表
        （按功能分类科目）" is "…支出表" (title_variant). For a table block already found by its numbered
        heading, never for telling whether a line is a title."""
        key = title_variant(normalize_label(title))
        exact, best = _named_in(key, self._variant_keys)
        if exact is not None or best is not None:
            return exact or best
        # Words only one table's name holds ("财政拨款安排的行政经费及“三公”经费预算表").
        table_id = next((tid for words, tid in _TITLE_WORDS if words in key), None)
        return self.table(table_id) if table_id else None

    @cached_property
    def _variant_keys(self) -> tuple[tuple[str, TableSpec], ...]:
        return tuple((title_variant(n), spec) for n, spec in self._title_keys)

    # Splitting a document asks for the title of every line outside the grids (~1,200 calls over the
    # sample PDFs, each normalising every name of the layout's tables).
    @cached_property
    def _title_keys(self) -> tuple[tuple[str, TableSpec], ...]:
        return tuple((normalize_label(name), spec) for spec in self.tables for name in spec.names)


def _named_in(key: str, names: tuple[tuple[str, TableSpec], ...]) -> tuple[TableSpec | None, TableSpec | None]:
    """(the spec a name equals `key` of, the spec of the longest name contained in `key`)."""
    best: tuple[int, TableSpec] | None = None
    for name, spec in names:
        if name == key:
            return spec, None
        if name in key and (best is None or len(name) > best[0]):
            best = (len(name), spec)
    return None, best[1] if best else None


# Wordings of the same table name: "…总体情况表" / "…总表", "…情况表" / "…表", "…预算表" / "…表", and a
# trailing "（按功能分类科目）" saying the rows follow the functional classification, as a table of
# spending does unless its name says otherwise (normalised labels). "（按经济分类科目）" is kept: it
# tells a table by economic class from the one by function of the same name.
_TITLE_CLASSIFICATION = re.compile(r"\(按(?:支出)?功能分类(?:科目)?\)$")
_TITLE_WORDINGS = (("总体情况表", "总表"), ("情况表", "表"), ("预算表", "表"))


_TITLE_WORDS = (("三公", "three_public"),)


def title_variant(key: str) -> str:
    """A normalised table name in one wording, to compare names worded differently."""
    key = _TITLE_CLASSIFICATION.sub("", key)
    for old, new in _TITLE_WORDINGS:
        key = key.replace(old, new)
    return key


def _read_yaml(name: str) -> dict:
    text = resources.files("yusuan.reference").joinpath("layouts", name).read_text(encoding="utf-8")
    return yaml.safe_load(text)


@cache
def measures() -> Mapping[str, Measure]:
    data = _read_yaml("measures.yaml")["measures"]
    return MappingProxyType(
        {mid: Measure(mid, spec["zh"], tuple(spec.get("labels", ()))) for mid, spec in data.items()}
    )


@cache
def measure_by_label() -> Mapping[str, str]:
    """Normalised header label (path or leaf) → measure id; the first measure naming a label wins."""
    out: dict[str, str] = {}
    for measure in measures().values():
        for label in (measure.zh, *measure.labels):
            out.setdefault(normalize_label(label), measure.id)
    return MappingProxyType(out)



@dataclass(frozen=True)
class GroupTotal:
    """measures.yaml `group_totals`: a banner naming a group by one of `words` (none of `excluded`) over a
    `totals` column names the group's total `measure`."""
    measure: str
    words: tuple[str, ...]
    totals: tuple[str, ...]
    excluded: tuple[str, ...] = ()


@cache
def group_totals() -> tuple[GroupTotal, ...]:
    data = _read_yaml("measures.yaml").get("group_totals", {})
    return tuple(GroupTotal(mid, tuple(normalize_label(w) for w in spec["words"]),
                            tuple(normalize_label(t) for t in spec["totals"]),
                            tuple(normalize_label(w) for w in spec.get("except", ())))
                 for mid, spec in data.items())


def group_total_measure(banner: str, leaf: str) -> str | None:
    """The group total named by a (normalised) banner and the (normalised) leaf printed under it:
    ('“三公”经费预算数', '合计') → 'three_public_total'."""
    for group in group_totals():
        if (leaf in group.totals and any(w in banner for w in group.words)
                and not any(w in banner for w in group.excluded)):
            return group.measure
    return None

QUALIFIER_SEP = "@"


@dataclass(frozen=True)
class Qualifier:
    id: str
    zh: str
    labels: tuple[str, ...]
    identity: bool = False  # names the budget year itself: qualifies nothing
    percent: bool = False  # the qualified column holds rates, not money


@cache
def qualifiers() -> Mapping[str, Qualifier]:
    """measures.yaml `qualifiers`, in the order they are written into a measure id."""
    data = _read_yaml("measures.yaml").get("qualifiers", {})
    return MappingProxyType({qid: Qualifier(qid, spec["zh"], tuple(spec.get("labels", ())),
                                            bool(spec.get("identity")), bool(spec.get("percent")))
                             for qid, spec in data.items()})


def split_measure(measure: str) -> tuple[str, tuple[str, ...]]:
    """'abroad@gov_fund@change' → ('abroad', ('gov_fund', 'change'))."""
    base, *quals = measure.split(QUALIFIER_SEP)
    return base, tuple(quals)


def join_measure(base: str, quals: tuple[str, ...] | set[str] | frozenset[str]) -> str:
    """Base id and qualifiers → the measure id, qualifiers once each in their canonical order."""
    order = list(qualifiers())
    kept = sorted({q for q in quals if q in qualifiers() and not qualifiers()[q].identity}, key=order.index)
    return QUALIFIER_SEP.join((base, *kept))


# Asked for every column read and every identity a rule compares, of a few hundred measure ids.
@lru_cache(maxsize=4096)
def measure_zh(measure: str) -> str:
    """Chinese name of a (qualified) measure: '会议费（上年预算数）'; an unknown id is returned as is."""
    base, quals = split_measure(measure)
    known = measures().get(base)
    if known is None or any(q not in qualifiers() for q in quals):
        return measure
    if not quals:
        return known.zh
    return f"{known.zh}（{'，'.join(qualifiers()[q].zh for q in quals)}）"


def is_percent_measure(measure: str) -> bool:
    return any(qualifiers()[q].percent for q in split_measure(measure)[1] if q in qualifiers())


@lru_cache(maxsize=64)
def _qualifier_labels(year: int | None) -> tuple[tuple[str, str], ...]:
    """(normalised label, qualifier id), longest first, with the year templates filled in."""
    out = []
    for q in qualifiers().values():
        for label in q.labels:
            if "{" in label:
                if year is None:
                    continue
                label = label.replace("{year}", str(year)).replace("{prior}", str(year - 1))
            out.append((normalize_label(label), q.id))
    return tuple(sorted(out, key=lambda x: -len(x[0])))


# Every header segment and per-year row label is asked (each a scan of every qualifier label at every
# position), and the same few header labels recur in every table of a document.
@lru_cache(maxsize=_CACHE_SIZE)
def qualifiers_of_label(label: str, year: int | None) -> tuple[str, ...] | None:
    """The qualifiers a header segment or row label is made of ('' for the budget year), None when
    the label holds anything else: '扣除中央基建投资后执行数' → ('excl_capital', 'prior_actual')."""
    text = normalize_label(label)
    found: list[str] = []
    pos = 0
    while pos < len(text):
        match = next(((n, q) for n, q in _qualifier_labels(year) if n and text.startswith(n, pos)), None)
        if match is None:
            return None
        found.append(match[1])
        pos += len(match[0])
    return tuple(q for q in found if not qualifiers()[q].identity) if found else None


def _table_spec(raw: dict) -> TableSpec:
    return TableSpec(
        id=raw["id"],
        number=str(raw["number"]),
        title=raw["title"],
        shape=raw["shape"],
        aliases=tuple(raw.get("aliases", ())),
        columns=tuple(raw.get("columns", ())),
        codes=raw.get("codes", "function"),
        required=raw.get("required", True),
        may_be_empty=raw.get("may_be_empty", False),
        lines=MappingProxyType({k: MappingProxyType(v) for k, v in raw.get("lines", {}).items()}),
        sublines_after=MappingProxyType({k: MappingProxyType(v) for k, v in raw.get("sublines_after", {}).items()}),
        unit=raw.get("unit"),
        code_columns=raw.get("code_columns", "joined"),
        stub_banner=raw.get("stub_banner"),
        banner=raw.get("banner"),
        headers=MappingProxyType(dict(raw.get("headers", {}))),
        sides=MappingProxyType({k: MappingProxyType(dict(v)) for k, v in raw.get("sides", {}).items()}),
        name_columns=tuple(raw.get("name_columns", ())),
        in_narrative=bool(raw.get("in_narrative", False)),
    )


@cache
def load_layout(layout_id: str) -> Layout:
    try:
        raw = _read_yaml(f"{layout_id}.yaml")
    except FileNotFoundError:
        raise KeyError(layout_id) from None
    return Layout(
        id=raw["id"],
        name=raw["name"],
        level=raw["level"],
        kind=raw["kind"],
        unit=raw["unit"],
        places=int(raw.get("places", 2)),
        signals=tuple(raw.get("signals", ())),
        tables=tuple(_table_spec(t) for t in raw["tables"]),
        narrative=tuple(NarrativeSpec(str(n["number"]), n["title"], n["topic"], bool(n.get("optional")))
                        for n in raw.get("narrative", ())),
    )


@cache
def layout_ids() -> tuple[str, ...]:
    folder = resources.files("yusuan.reference").joinpath("layouts")
    return tuple(sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".yaml") and p.name != "measures.yaml"))
