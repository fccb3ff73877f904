"""The classification codebook: packaged data, name checks, extra files."""
from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from yusuan.reference import codebook as cbmod
from yusuan.reference.codebook import (
    CodeEntry,
    CodebookError,
    NameCheck,
    load_codebook,
    normalize_name,
)

SAMPLES = Path(__file__).resolve().parents[1].parent / "shared" / "samples"
WUHAN = SAMPLES / "wuhan-gxzx-2026-unit-budget.txt"
HEADER = "code,name,since,until,region,source,note\n"


@pytest.fixture(autouse=True)
def _no_env_dir(monkeypatch):
    monkeypatch.delenv(cbmod.ENV_VAR, raising=False)


@pytest.fixture
def cb():
    return load_codebook()


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


# -- packaged data ------------------------------------------------------------------
@pytest.mark.parametrize("path", [cbmod.FUNCTION_FILE, cbmod.ECONOMIC_FILE], ids=lambda p: p.name)
def test_packaged_files_are_well_formed(path):
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == list(cbmod.COLUMNS)
    for row in rows[1:]:
        assert len(row) == len(cbmod.COLUMNS), row
        code, name, since, until, region, source, _note = row
        assert re.fullmatch(r"\d{3}|\d{5}|\d{7}", code), row
        assert name and name == name.strip() and "(" not in name, row  # MOF spelling: full-width brackets
        assert source, row
        for part in source.split(";"):
            assert part == "mof-recalled" or part.startswith("sample:"), row
        if "sample:" not in source:
            assert region == "", row  # regional entries must come from a document
    # the loader itself rejects overlapping periods
    cbmod._read_csv(path, kind=None, packaged=True)


def test_every_code_has_its_parent(cb):
    for year in (2018, 2024, 2026):
        known = {e.code for e in cb.function_codes(year)}
        for code in known:
            if len(code) > 3:
                assert code[:-2] in known, (year, code)
        eco = {e.code for e in cb.economic_codes(year)}
        for code in eco:
            if len(code) == 5:
                assert code[:3] in eco, (year, code)


def test_all_function_classes_present(cb):
    classes = {e.code: e.name for e in cb.function_codes(2026) if e.level == "类"}
    assert classes["201"] == "一般公共服务支出"
    assert classes["207"] == "文化旅游体育与传媒支出"
    assert classes["215"] == "资源勘探工业信息等支出"
    assert classes["220"] == "自然资源海洋气象等支出"
    assert classes["224"] == "灾害防治及应急管理支出"
    assert classes["229"] == "其他支出"
    assert classes["232"] == "债务付息支出"
    assert classes["233"] == "债务发行费用支出"
    assert classes["234"] == "抗疫特别国债安排的支出"
    assert len(classes) >= 30


# -- lookups and renames --------------------------------------------------------------
def test_health_class_rename(cb):
    assert cb.function("210", 2018).name == "医疗卫生与计划生育支出"
    assert cb.function("210", 2026).name == "卫生健康支出"
    assert [e.name for e in cb.function_names("210")] == ["医疗卫生与计划生育支出", "卫生健康支出"]
    check = cb.check_function_name("210", "医疗卫生与计划生育支出", 2026)
    assert check.status == "outdated"
    assert check.expected == "卫生健康支出"
    assert check.changed_in == 2019
    assert check.entry is not None and check.entry.since == 2019
    assert cb.check_function_name("210", "医疗卫生与计划生育支出", 2018).status == "ok"
    assert cb.check_function_name("210", "卫生健康支出", 2019).status == "ok"


def test_other_renames(cb):
    assert cb.function("20805", 2018).name == "行政事业单位离退休"
    assert cb.function("20805", 2019).name == "行政事业单位养老支出"
    assert cb.check_function_name("20805", "行政事业单位离退休", 2024).status == "outdated"
    assert [e.name for e in cb.function_names("215")] == [
        "资源勘探电力信息等支出",
        "资源勘探信息等支出",
        "资源勘探工业信息等支出",
    ]
    check = cb.check_function_name("215", "资源勘探信息等支出", 2026)
    assert (check.status, check.changed_in) == ("outdated", 2019)
    assert cb.function("2080505", 2026).name == "机关事业单位基本养老保险缴费支出"
    assert cb.function("2101102", 2026).name == "事业单位医疗"


def test_levels_and_entry_shape(cb):
    entry = cb.function("2080505", 2026)
    assert isinstance(entry, CodeEntry)
    assert entry.level == "项"
    assert cb.function("20805", 2026).level == "款"
    assert cb.function("208", 2026).level == "类"
    assert cb.economic("30108", 2026).level == "款"
    assert entry.region is None
    assert "mof-recalled" in entry.sources
    assert "sample:wuhan-gxzx-2026" in entry.sources


def test_economic_names(cb):
    assert cb.economic("30108", 2026).name == "机关事业单位基本养老保险缴费"
    assert cb.economic("30109", 2026).name == "职业年金缴费"
    assert cb.economic("30231", 2026).name == "公务用车运行维护费"
    assert cb.economic("30217", 2026).name == "公务接待费"
    assert cb.economic("30212", 2026).name == "因公出国（境）费用"
    assert cb.economic("301", 2026).name == "工资福利支出"
    assert cb.economic("310", 2026).name == "资本性支出"


def test_name_normalisation(cb):
    assert normalize_name("维修(护)费") == normalize_name("维修（护）费")
    assert normalize_name(" 卫生健康 支出（类）") == "卫生健康支出"
    assert cb.check_economic_name("30213", "维修(护)费", 2026).status == "ok"
    assert cb.check_economic_name("30212", "因公出国(境)费用", 2026).status == "ok"
    assert cb.check_function_name("2080505", "机关事业单位基本养老保险缴费　支出", 2026).status == "ok"
    assert cb.check_function_name("208 05 05", "机关事业单位基本养老保险缴费支出", 2026).status == "ok"


def test_unknown_and_differs(cb):
    assert cb.check_function_name("2999999", "随便", 2026) == NameCheck("unknown_code", None, None, None)
    assert cb.function("2999999", 2026) is None
    assert cb.check_function_name("234", "抗疫特别国债安排的支出", 2019).status == "unknown_code"
    check = cb.check_function_name("2101102", "事业单位医疗保险", 2026)
    assert check.status == "differs"
    assert check.expected == "事业单位医疗"
    assert check.changed_in is None


def test_shanghai_regional_codes(cb):
    assert cb.economic("30210", 2024) is None
    assert cb.economic("30210", 2024, region="shanghai").name == "车辆运行费"
    assert cb.economic("30204", 2024, region="shanghai").name == "电费"
    assert cb.economic("30204", 2024).name == "手续费"
    # regions without entries fall back to the national codebook
    assert cb.economic("30204", 2024, region="beijing").name == "手续费"
    assert cb.check_economic_name("30210", "车辆运行费", 2024, "shanghai").status == "ok"
    # a Shanghai document using the national name of the same code is accepted
    assert cb.check_economic_name("30204", "手续费", 2024, "shanghai").status == "ok"
    check = cb.check_economic_name("30204", "邮电费", 2024, "shanghai")
    assert (check.status, check.expected) == ("differs", "电费")
    assert cb.check_economic_name("30210", "车辆运行费", 2024).status == "unknown_code"
    sh = {e.code: e for e in cb.economic_codes(2024, "shanghai")}
    national = {e.code: e for e in cb.economic_codes(2024)}
    assert sh["30204"].region == "shanghai" and national["30204"].region is None
    assert "30210" in sh and "30210" not in national


def test_listings_for_a_year(cb):
    codes_2026 = {e.code: e.name for e in cb.function_codes(2026)}
    codes_2018 = {e.code: e.name for e in cb.function_codes(2018)}
    assert codes_2026["210"] == "卫生健康支出"
    assert codes_2018["210"] == "医疗卫生与计划生育支出"
    assert "234" in codes_2026 and "234" not in codes_2018
    listed = [e.code for e in cb.function_codes(2026)]
    assert listed == sorted(listed) and len(listed) == len(set(listed))
    assert all(e.valid_in(2026) for e in cb.function_codes(2026))
    eco = [e.code for e in cb.economic_codes(2026)]
    assert eco == sorted(eco) and len(eco) == len(set(eco))
    assert len(eco) > 80


def test_default_load_is_cached():
    assert load_codebook() is load_codebook()


# -- the Wuhan sample -----------------------------------------------------------------
def _table_rows(lines: list[str], start: str, end: str) -> list[tuple[str, str]]:
    i = lines.index(start)
    j = lines.index(end, i + 1)
    rows = []
    for line in lines[i:j]:
        cells = line.split("\t")
        if len(cells) >= 2 and re.fullmatch(r"\d{3}|\d{5}|\d{7}", cells[0].strip()):
            rows.append((cells[0].strip(), cells[1].strip()))
    return rows


def test_wuhan_sample_codes_all_ok(cb):
    if not WUHAN.exists():
        pytest.skip("sample documents not available (../shared/samples absent)")
    lines = [line.strip() for line in WUHAN.read_text(encoding="utf-8").splitlines()]
    function_rows = _table_rows(lines, "表3", "表4")
    economic_rows = _table_rows(lines, "表6", "表7")
    assert len(function_rows) >= 15 and len(economic_rows) >= 20
    for code, name in function_rows:
        check = cb.check_function_name(code, name, 2026)
        assert check.status == "ok", (code, name, check)
    for code, name in economic_rows:
        check = cb.check_economic_name(code, name, 2026)
        assert check.status == "ok", (code, name, check)


# -- extra files ------------------------------------------------------------------------
def test_extra_file_overrides_for_its_years(tmp_path):
    extra = write(
        tmp_path,
        "2027.csv",
        HEADER + "2101102,事业单位医疗保障,2027,,,mof-2027,\n30210,车辆运行费,,,,local,\n",
    )
    cb = load_codebook([extra])
    assert cb.function("2101102", 2026).name == "事业单位医疗"
    assert cb.function("2101102", 2027).name == "事业单位医疗保障"
    check = cb.check_function_name("2101102", "事业单位医疗", 2027)
    assert (check.status, check.changed_in) == ("outdated", 2027)
    assert cb.function("2101102", 2027).source == "mof-2027"
    assert cb.economic("30210", 2026).name == "车辆运行费"
    # the packaged codebook is untouched
    assert load_codebook().function("2101102", 2027).name == "事业单位医疗"


def test_extra_file_replaces_same_period(tmp_path):
    extra = write(tmp_path, "fix.csv", "code,name\n2010101,行政运行（测试）\n")
    cb = load_codebook([str(extra)])
    assert [e.name for e in cb.function_names("2010101")] == ["行政运行（测试）"]
    assert cb.function("2010101", 2026).source == "extra:fix.csv"


def test_extra_file_splits_a_period(tmp_path):
    extra = write(tmp_path, "mid.csv", HEADER + "210,某临时名称,2020,2020,,test,\n")
    cb = load_codebook([extra])
    assert [(e.name, e.since, e.until) for e in cb.function_names("210")] == [
        ("医疗卫生与计划生育支出", None, 2018),
        ("卫生健康支出", 2019, 2019),
        ("某临时名称", 2020, 2020),
        ("卫生健康支出", 2021, None),
    ]


def test_extra_file_in_gbk_with_bom_and_comments(tmp_path):
    gbk = write(tmp_path, "gbk.csv", HEADER + "# 注释行\n30210,车辆运行费,,,,local,\n", encoding="gbk")
    assert load_codebook([gbk]).economic("30210", 2026).name == "车辆运行费"
    bom = write(tmp_path, "bom.csv", "\ufeff" + HEADER + "30210,车辆运行费,,,,local,\n")
    assert load_codebook([bom]).economic("30210", 2026).name == "车辆运行费"


def test_env_dir_is_loaded(tmp_path, monkeypatch):
    env_dir = tmp_path / "env"
    env_dir.mkdir()
    write(env_dir, "a.csv", HEADER + "30210,车辆运行费,,,shanghai,local,\n")
    write(env_dir, "ignored.txt", "not a csv")
    monkeypatch.setenv(cbmod.ENV_VAR, str(env_dir))
    cb = load_codebook()
    assert cb.economic("30210", 2026, "shanghai").source == "local"
    assert load_codebook() is cb
    override = write(tmp_path, "later.csv", HEADER + "30210,车辆运行费用,,,shanghai,later,\n")
    assert load_codebook([override]).economic("30210", 2026, "shanghai").name == "车辆运行费用"


def test_env_dir_missing_raises(tmp_path, monkeypatch):
    monkeypatch.setenv(cbmod.ENV_VAR, str(tmp_path / "absent"))
    with pytest.raises(CodebookError, match="YUSUAN_CODEBOOK_DIR"):
        load_codebook()


@pytest.mark.parametrize(
    ("body", "line", "fragment"),
    [
        ("2101102,事业单位医疗,2027\n", 2, "列"),
        ("21011x2,事业单位医疗,,,,,\n", 2, "编码"),
        ("210110,事业单位医疗,,,,,\n", 2, "位"),
        ("401,某科目,,,,,\n", 2, "无法识别"),
        ("2101102,,,,,,\n", 2, "名称"),
        ("2101102,事业单位医疗,20x7,,,,\n", 2, "since"),
        ("2101102,事业单位医疗,2027,2020,,,\n", 2, "晚于"),
        ("2101102,事业单位医疗,,,shanghai,,\n", 2, "region"),
        ("30210,车辆运行费,,,上海,,\n", 2, "region"),
        ("210,甲,,2020,,,\n210,乙,2020,,,,\n", 3, "重叠"),
    ],
)
def test_malformed_extra_file_raises(tmp_path, body, line, fragment):
    bad = write(tmp_path, "bad.csv", HEADER + body)
    with pytest.raises(CodebookError) as info:
        load_codebook([bad])
    message = str(info.value)
    assert "bad.csv" in message
    assert f"第 {line} 行" in message
    assert fragment in message
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "表头"),
        ("code,名称\n210,x\n", "未知列"),
        ("name,since\nx,2020\n", "缺少"),
    ],
)
def test_malformed_header_raises(tmp_path, text, fragment):
    bad = write(tmp_path, "bad.csv", text)
    with pytest.raises(CodebookError, match=fragment):
        load_codebook([bad])


def test_missing_extra_file_raises(tmp_path):
    with pytest.raises(CodebookError, match="absent.csv"):
        load_codebook([tmp_path / "absent.csv"])
