"""Documents with more than five numbered parts (Shenzhen prints 第一…第九部分, then the tables)."""
from __future__ import annotations

from yusuan.extract.sections import split_document
from yusuan.read.text import read
from yusuan.reference.layouts import load_layout

PARTS = ("部门概况", "部门预算收支总体情况", "部门预算支出具体情况", "政府采购预算情况", "财政拨款“三公”经费预算情况",
         "部门预算绩效管理情况", "重点项目预算绩效情况说明", "其他需要说明情况", "名词解释")
NUMERALS = "一二三四五六七八九"


def _document(tmp_path):
    lines = ["某某局2026年部门预算", "目 录", "一、文字部分"]
    lines += [f"第{n}部分 {title}" for n, title in zip(NUMERALS, PARTS)]
    lines += ["二、表格部分", "表1 收支总表"]
    for n, title in zip(NUMERALS, PARTS):
        lines += [f"第{n}部分 {title}", f"这是第{n}部分的说明文字，本年预算 10.00 万元。"]
    lines += ["表1", "收支总表", "单位：万元", "收入\t预算数\t支出\t预算数", "收入总计\t10.00\t支出总计\t10.00"]
    path = tmp_path / "parts.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_parts_after_the_fifth_are_read_and_the_glossary_is_the_part_so_titled(tmp_path):
    parts = split_document(read(_document(tmp_path)), load_layout("shenzhen_dept"))
    narrative = [line.text for line in parts.narrative]
    # Parts 2–8 explain the budget; none of the text after 第五部分 is dropped.
    assert narrative[0].startswith("这是第二部分") and "第八部分 其他需要说明情况" in narrative
    assert any(text.startswith("这是第七部分") for text in narrative)
    assert not any("第九部分" in text or text.startswith("这是第九部分") for text in narrative)
    assert [line.text for line in parts.glossary] == ["这是第九部分的说明文字，本年预算 10.00 万元。"]
    assert [block.title for block in parts.tables] == ["收支总表"]


def test_a_sentence_naming_a_table_is_not_its_title(tmp_path):
    # Xi'an 2021 part 3: "本部门无当年国有资本经营预算拨款收支，并在财政拨款收支总体情况表中列示。" names a
    # Guangzhou title; read as a table it cut the narrative short (and the file was refused as truncated).
    lines = ["某某局2026年部门预算", "目 录", "第一部分 部门概况", "第二部分 收支情况", "第三部分 其他说明情况",
             "第四部分 公开报表",
             "第一部分 部门概况", "一、主要职责", "第二部分 收支情况", "一、收支预算总体情况", "收支预算 10.00 万元。",
             "第三部分 其他说明情况", "二、国有资本经营预算情况",
             "本部门无当年国有资本经营预算拨款收支，并在财政拨款收支总体情况表中列示。",
             "三、机关运行经费安排说明", "本部门当年机关运行经费预算安排1.00万元。",
             "第四部分 公开报表", "表1", "收支总体情况表", "单位：万元", "收入\t预算数\t支出\t预算数",
             "收入总计\t10.00\t支出总计\t10.00"]
    path = tmp_path / "sentence.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    parts = split_document(read(path), load_layout("guangzhou_dept"))
    assert [b.number for b in parts.tables] == ["1"]
    assert "本部门当年机关运行经费预算安排1.00万元。" in [line.text for line in parts.narrative]
