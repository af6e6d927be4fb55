"""One line, one heading: every numbering convention of the genre, and lines that only look like one."""

import pytest

from planwatch.extract.headings import HeadingStyle, parse_heading
from planwatch.extract.normalize import normalize

S = HeadingStyle
HEADINGS = [
    # id, line as written, style, number, title
    (
        "national part, ideographic space",
        "第一篇　开启全面建设社会主义现代化国家新征程",
        S.PART,
        1,
        "开启全面建设社会主义现代化国家新征程",
    ),
    ("older plan's 编", "第二编 经济发展和结构调整", S.PART, 2, "经济发展和结构调整"),
    ("部分 as part", "第三部分 主要任务", S.PART, 3, "主要任务"),
    ("chapter, no space", "第十六章深入实施乡村振兴战略", S.CHAPTER, 16, "深入实施乡村振兴战略"),
    ("chapter sixty-five", "第六十五章　加强规划实施保障", S.CHAPTER, 65, "加强规划实施保障"),
    ("chapter one hundred and one", "第一百零一章 附则", S.CHAPTER, 101, "附则"),
    ("chapter number spaced by PDF", "第 三 章 坚持创新驱动发展", S.CHAPTER, 3, "坚持创新驱动发展"),
    ("chapter in digits", "第3章 坚持创新驱动发展", S.CHAPTER, 3, "坚持创新驱动发展"),
    (
        "chapter then body after a gap",
        "第三章　坚持创新驱动发展　　创新是引领发展的第一动力。",
        S.CHAPTER,
        3,
        "坚持创新驱动发展",
    ),
    (
        "chapter then body after spaces",
        "第三章 坚持创新驱动发展    创新是引领发展的第一动力。",
        S.CHAPTER,
        3,
        "坚持创新驱动发展",
    ),
    ("chapter with a colon", "第四章：空间布局", S.CHAPTER, 4, "空间布局"),
    (
        "section with quotes",
        "第一节 “ 十四五 ” 经济社会发展主要目标",
        S.SECTION,
        1,
        "“十四五”经济社会发展主要目标",
    ),
    ("section full-width digit", "第２节　加强基础研究", S.SECTION, 2, "加强基础研究"),
    (
        "box with number",
        "专栏 1 “ 十四五 ” 时期经济社会发展主要指标",
        S.BOX,
        1,
        "“十四五”时期经济社会发展主要指标",
    ),
    ("box with sub-number", "专栏3-1　交通强国重大工程", S.BOX, 3, "交通强国重大工程"),
    ("box in Chinese numerals", "专栏三 科技前沿领域攻关", S.BOX, 3, "科技前沿领域攻关"),
    ("box with colon", "专栏5:重大项目", S.BOX, 5, "重大项目"),
    ("enumerated heading", "一、指导思想", S.ENUM, 1, "指导思想"),
    ("enumerated with space", "十二、 加强规划实施", S.ENUM, 12, "加强规划实施"),
    (
        "enumerated then body",
        "三、发展目标。到2025年,全省地区生产总值达到7万亿元。",
        S.ENUM,
        3,
        "发展目标",
    ),
    ("full-width parenthesis", "（一）发展基础", S.PAREN_ENUM, 1, "发展基础"),
    ("half-width parenthesis and space", "(二) 面临形势", S.PAREN_ENUM, 2, "面临形势"),
    (
        "parenthesis then body",
        "（三）加快发展现代服务业。推动生产性服务业向专业化延伸。",
        S.PAREN_ENUM,
        3,
        "加快发展现代服务业",
    ),
    (
        "arabic with dot",
        "1.加快发展现代产业体系。坚持把发展经济着力点放在实体经济上。",
        S.ARABIC,
        1,
        "加快发展现代产业体系",
    ),
    ("arabic with 、", "2、推进新型城镇化", S.ARABIC, 2, "推进新型城镇化"),
    ("arabic full-width dot", "３．完善基础设施", S.ARABIC, 3, "完善基础设施"),
    ("arabic in parentheses", "（1）推进城市更新", S.PAREN_ARABIC, 1, "推进城市更新"),
    ("preface", "序　言", S.PREFACE, None, "序言"),
    ("foreword", "前言", S.PREFACE, None, "前言"),
    ("table of contents", "目　录", S.TOC, None, "目录"),
]

NOT_HEADINGS = [
    ("ordinal in prose", "第一,坚持党的全面领导。"),
    ("plan ordinal", "第十四个五年规划和二〇三五年远景目标纲要"),
    ("decimal at line start", "1.5亿元用于城市更新"),
    ("year at line start", "2025年,全区地区生产总值达到1000亿元。"),
    ("一是 list", "一是加强组织领导。"),
    ("plan name", "十四五时期是开启新征程的第一个五年。"),
    ("box without number", "专栏目录"),
    ("a word beginning with 序", "序时进度是评估的基准。"),
    ("G road code", "G93成渝环线高速公路"),
]


@pytest.mark.parametrize(
    ("line", "style", "number", "title"), [c[1:] for c in HEADINGS], ids=[c[0] for c in HEADINGS]
)
def test_heading(line: str, style: HeadingStyle, number: int | None, title: str) -> None:
    heading = parse_heading(normalize(line).text)
    assert heading is not None
    assert (heading.style, heading.number, heading.title) == (style, number, title)


@pytest.mark.parametrize("line", [c[1] for c in NOT_HEADINGS], ids=[c[0] for c in NOT_HEADINGS])
def test_not_a_heading(line: str) -> None:
    assert parse_heading(normalize(line).text) is None


@pytest.mark.parametrize(
    "line",
    [
        "第一章 总体要求……3",
        "第一章 总体要求 ........ 12",
        "第二节　主要目标\t8",
        "专栏1 主要指标…………15",
    ],
)
def test_table_of_contents_entry(line: str) -> None:
    heading = parse_heading(normalize(line).text)
    assert heading is not None and heading.toc_entry
    assert not heading.title[-1:].isdigit()
