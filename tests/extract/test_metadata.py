"""Title, region, period and vision year from title blocks of plans of every level and age."""

import pytest

from planwatch.extract.metadata import read_plan_meta
from planwatch.extract.normalize import normalize
from planwatch.extract.outline import build_outline

TITLE_BLOCKS = [
    # id, title block, title, region, period, vision year, level
    ("national 14th",
     "中华人民共和国国民经济和社会发展\n第十四个五年规划和2035年远景目标纲要",
     "中华人民共和国国民经济和社会发展第十四个五年规划和2035年远景目标纲要",
     "中华人民共和国", (2021, 2025), 2035, "国家"),
    ("province 15th",
     "四川省国民经济和社会发展第十五个五年规划纲要\n(2026年1月 日四川省第十四届人民代表大会第五次会议批准)",
     "四川省国民经济和社会发展第十五个五年规划纲要", "四川省", (2026, 2030), None, "省"),
    ("1990s plan with 计划 and a vision year in digits",
     "中华人民共和国国民经济和社会发展“九五”计划和2010年远景目标纲要",
     "中华人民共和国国民经济和社会发展“九五”计划和2010年远景目标纲要",
     "中华人民共和国", (1996, 2000), 2010, "国家"),
    ("tenth plan in long form",
     "中华人民共和国国民经济和社会发展第十个五年计划纲要",
     "中华人民共和国国民经济和社会发展第十个五年计划纲要",
     "中华人民共和国", (2001, 2005), None, "国家"),
    ("explicit period in full-width digits",
     "某某市国民经济和社会发展第十二个五年规划纲要\n（２０１１—２０１５年）",
     "某某市国民经济和社会发展第十二个五年规划纲要", "某某市", (2011, 2015), None, "市"),
    ("county plan with quoted short name",
     "某某县“十四五”规划和二〇三五年远景目标纲要",
     "某某县“十四五”规划和二〇三五年远景目标纲要", "某某县", (2021, 2025), 2035, "县区"),
    ("autonomous region",
     "广西壮族自治区国民经济和社会发展第十四个五年规划和2035年远景目标纲要",
     "广西壮族自治区国民经济和社会发展第十四个五年规划和2035年远景目标纲要",
     "广西壮族自治区", (2021, 2025), 2035, "省"),
    ("municipality is a province-level region",
     "重庆市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要",
     "重庆市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要",
     "重庆市", (2021, 2025), 2035, "省"),
    ("cover line before a title split over two lines",
     "(四川省)某某市某某区国民经济和社会发展十四五规划(2022年更新)\n某某市某某区国民经济和社会发展\n第十四个五年规划和二 〇 三五年远景目标纲要",
     "某某市某某区国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要",
     "某某市某某区", (2021, 2025), 2035, "县区"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("block", "title", "region", "period", "vision", "level"),
    [c[1:] for c in TITLE_BLOCKS],
    ids=[c[0] for c in TITLE_BLOCKS],
)
def test_title_block(
    block: str, title: str, region: str, period: tuple[int, int], vision: int | None, level: str
) -> None:
    text = normalize(block + "\n第一章 总体要求\n正文。\n")
    outline, _ = build_outline(text)
    meta = read_plan_meta(text, outline.body_start)
    assert (meta.title, meta.region, meta.period, meta.vision_year, meta.level) == (
        title, region, period, vision, level,
    )  # fmt: skip


def test_plan_without_title_block_reads_its_first_lines() -> None:
    text = normalize("第一章 总体要求\n“十五”时期的主要目标。\n")
    outline, _ = build_outline(text)
    meta = read_plan_meta(text, outline.body_start)
    assert (meta.title, meta.period) == (None, (2001, 2005))


def test_sample_metadata() -> None:
    from planwatch.samples import sample_path

    text = normalize(sample_path().read_text(encoding="utf-8"))
    outline, _ = build_outline(text)
    meta = read_plan_meta(text, outline.body_start)
    assert meta.title == "泸州市江阳区国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要"
    assert (meta.region, meta.period, meta.vision_year, meta.scope_word) == (
        "泸州市江阳区", (2021, 2025), 2035, "全区",
    )  # fmt: skip
