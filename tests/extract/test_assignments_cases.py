"""One line or a few, one item: the wording of task division plans (任务分工方案) of counties,
cities and provinces, and the units, category, attribute and deadline a reader expects."""

import pytest

from planwatch.domain.assignment import Category, Role
from planwatch.domain.indicator import Attribute
from planwatch.extract.assignments import find_assignments

TASKS = "二、重点任务\n"

UNITS = [
    # id, text (a 重点任务 heading is put before it), expected lead, expected co
    ("county indicator, 责任单位 only", "2.全社会研发经费投入年均增长8%以上。(预期性指标,责任单位:县科技局)", (), ("县科技局",)),
    ("city indicator, lead and co with a comma", "5.单位地区生产总值能源消耗降低完成省下达目标。(约束性指标,牵头单位:市发改委;责任单位:市工信局、市生态环境局,各区县)", ("市发改委",), ("市工信局", "市生态环境局", "各区县")),
    ("district task, (四) number", "(四)建设区域消费中心。……(牵头单位:区商务局;责任单位:区文广旅局、各镇街)", ("区商务局",), ("区文广旅局", "各镇街")),
    ("short role words and a deadline", "12.推进城市更新,改造老旧小区120个。(牵头:住建局;配合:各街道办事处;完成时限:2024年)", ("住建局",), ("各街道办事处",)),
    ("full-width brackets, colons and number", "3．推进数字经济发展。（牵头单位：市经信局；责任单位：市大数据中心、市发展改革委）", ("市经信局",), ("市大数据中心", "市发展改革委")),
    ("square brackets 【】", "7.实施“引才聚才”工程。【牵头单位：县委组织部；责任单位：县人社局、县科技局】", ("县委组织部",), ("县人社局", "县科技局")),
    ("tortoise-shell brackets 〔〕", "8.推进义务教育优质均衡发展。〔责任单位：县教育局〕", (), ("县教育局",)),
    ("inline annotation, text goes on", "9.推进数字政府建设(牵头单位:区政务服务局),建成一网通办平台。", ("区政务服务局",), ()),
    ("X牵头, Y配合 in a bracket", "10.深化国资国企改革。(市国资委牵头,市财政局、市发改委配合)", ("市国资委",), ("市财政局", "市发改委")),
    ("由 X 牵头, 等 按职责分工负责", "11.完善社会信用体系。(由县发改局牵头,县人民银行等按职责分工负责)", ("县发改局",), ("县人民银行",)),
    ("typo 牲头 read as 牵头", "13.推进乡村振兴。(市发改委牲头,各区县配合)", ("市发改委",), ("各区县",)),
    ("lead only, a park committee", "14.推进国家级经开区创建。(牵头单位:高新区管委会)", ("高新区管委会",), ()),
    ("co only, comma-separated", "15.深化财税体制改革。(责任单位:县财政局,县税务局)", (), ("县财政局", "县税务局")),
    ("labels on the next lines", "16.完善县域商业体系。\n牵头单位：县商务局\n责任单位：县发改局、县财政局", ("县商务局",), ("县发改局", "县财政局")),
    ("labels after gaps on the same line", "17.推进农村电商发展。    牵头单位：县商务局    责任单位：县邮政公司、各乡镇", ("县商务局",), ("县邮政公司", "各乡镇")),
    ("labels after the sentence, no bracket", "18.加强耕地保护。牵头单位:县自然资源局;责任单位:各乡镇人民政府。", ("县自然资源局",), ("各乡镇人民政府",)),
    ("(牵头) marker in the list", "19.开展经济普查。(责任单位:县统计局(牵头)、县财政局、县市场监管局)", ("县统计局",), ("县财政局", "县市场监管局")),
    ("collective with full-width brackets", "20.推进高标准农田建设。（牵头单位：县农业农村局；责任单位：各乡镇（街道））", ("县农业农村局",), ("各乡镇（街道）",)),
    ("各县(市、区) kept whole", "21.推进保障性住房建设。（牵头单位：市住建局；责任单位：各县（市、区）人民政府）", ("市住建局",), ("各县（市、区）人民政府",)),
    ("item wrapped over lines", "22.推进成渝地区双城经济圈建设,加强与重庆\n永川、荣昌等地合作。(牵头单位:区发改局;\n责任单位:区交通运输局、区商务局)", ("区发改局",), ("区交通运输局", "区商务局")),
    ("two leads joined by 和", "23.加强重大项目储备。(牵头单位:县发改局和县财政局)", ("县发改局", "县财政局"), ()),
    ("和 inside a name is no joiner", "24.推进老旧小区改造。(牵头单位:县住房和城乡建设局)", ("县住房和城乡建设局",), ()),
    ("等有关部门 keeps the collective", "25.深化医药卫生体制改革。(牵头单位:县卫健局;责任单位:县医保局、县民政局等有关部门)", ("县卫健局",), ("县医保局", "县民政局", "有关部门")),
    ("按职责分工负责 with a collective of departments", "26.优化营商环境。(县政府办牵头,各乡镇、县级各部门按职责分工负责)", ("县政府办",), ("各乡镇", "县级各部门")),
    ("comma between two labels", "27.推进重点项目建设。(牵头单位:市发改委,责任单位:市财政局)", ("市发改委",), ("市财政局",)),
    ("牵头部门 and 配合部门", "28.加强生态环境保护。(牵头部门:省生态环境厅;配合部门:省自然资源厅、省水利厅)", ("省生态环境厅",), ("省自然资源厅", "省水利厅")),
    ("主责单位 and 协同单位", "29.推进文旅融合发展。(主责单位:区文化广播电视和旅游局;协同单位:区商务局)", ("区文化广播电视和旅游局",), ("区商务局",)),
    ("province, 负责 after the units", "30.建设西部陆海新通道。(省发展改革委、省交通运输厅负责)", (), ("省发展改革委", "省交通运输厅")),
    ("X牵头 after the sentence, no bracket", "31.推进城乡供水一体化。县水务局牵头,各乡镇配合。", ("县水务局",), ("各乡镇",)),
    ("a space a PDF put inside a name", "32.实施全民健身计划。(牵头单位:县 文体旅游局)", ("县文体旅游局",), ()),
    ("units with 及", "33.推进消费扩容提质。(牵头单位:市商务局;责任单位:市发展改革委及各区县人民政府)", ("市商务局",), ("市发展改革委", "各区县人民政府")),
    ("lead marker then more units, province", "34.推进长江经济带高质量发展。(责任单位:省发展改革委(牵头),省生态环境厅、省水利厅)", ("省发展改革委",), ("省生态环境厅", "省水利厅")),
    ("circled number", "①建设智慧交通体系。(牵头单位:市交通运输局)", ("市交通运输局",), ()),
    ("(1) number", "(1)建设城市大脑。(牵头单位:市大数据局;责任单位:市公安局)", ("市大数据局",), ("市公安局",)),
    ("一、 number, 责任单位 only", "一、实施创新驱动发展战略。（责任单位：区科技局、区经信局）", (), ("区科技局", "区经信局")),
    ("1、 number", "35、加快发展现代物流业。(牵头单位:县商务局;责任单位:县交通运输局)", ("县商务局",), ("县交通运输局",)),
    ("配合 after the units, province", "36.加快建设国家数字经济创新发展试验区。(省经济和信息化厅牵头,省委网信办、省大数据中心配合)", ("省经济和信息化厅",), ("省委网信办", "省大数据中心")),
    ("units separated by spaces", "38.推进全域旅游。(牵头单位:县文广旅局;责任单位:县交通运输局 县自然资源局 各乡镇)", ("县文广旅局",), ("县交通运输局", "县自然资源局", "各乡镇")),
    ("role words inside a 责任单位 label", "39.推进城乡融合发展。(责任单位:县发改局牵头,县财政局、县农业农村局配合)", ("县发改局",), ("县财政局", "县农业农村局")),
    ("a unit with its other name in brackets", "40.保障粮食安全。(牵头单位:县发改局(县粮食局))", ("县发改局(县粮食局)",), ()),
    ("a leader named beside the units is no unit", "41.加快发展数字经济。(责任领导:分管副县长;牵头单位:县经信局;责任单位:县大数据中心)", ("县经信局",), ("县大数据中心",)),
    ("十二、 number and units with 及", "十二、加强应急体系建设。(牵头单位:县应急管理局;责任单位:县消防救援大队及各乡镇)", ("县应急管理局",), ("县消防救援大队", "各乡镇")),
    ("labels after single spaces", "42.到2025年,地区生产总值达到500亿元。 牵头单位:县发展改革局 责任单位:县统计局", ("县发展改革局",), ("县统计局",)),
    ("a short unit glued to the next label", "43.一般公共预算收入达到30亿元。 牵头单位:县财政局 责任单位:县税务局", ("县财政局",), ("县税务局",)),
    ("a bracket of offices only ends the item", "44.推进城乡客运一体化。(县交通运输局、县财政局)", (), ("县交通运输局", "县财政局")),
    ("主办 and 协办", "45.办好中国西部茶博会。(主办:县商务局;协办:县农业农村局)", ("县商务局",), ("县农业农村局",)),
    ("a leader label is read and left out", "46.推进XX改革。牵头领导:张三  牵头单位:县发改局", ("县发改局",), ()),
    ("each unit on its own bracketed line", "47.推进园区扩区调位。\n(牵头单位:县经信局)\n(责任单位:县自然资源局)", ("县经信局",), ("县自然资源局",)),
    ("OCR'd spaces around labels", "37. 推进 城市 更新。( 牵头单位 : 市住建局 ; 责任单位 : 各区县 )", ("市住建局",), ("各区县",)),
]


@pytest.mark.parametrize(("text", "lead", "co"), [c[1:] for c in UNITS], ids=[c[0] for c in UNITS])
def test_units_of_one_item(text: str, lead: tuple[str, ...], co: tuple[str, ...]) -> None:
    items = find_assignments(TASKS + text)
    assert len(items) == 1, [i.text for i in items]
    assert (items[0].lead, items[0].co) == (lead, co)
    assert not [i for i in items[0].issues if i.code == "no_unit"]


TEXTS = [
    # id, item, its text without number and annotation, its label as written
    ("indicator text", "2.全社会研发经费投入年均增长8%以上。(预期性指标,责任单位:县科技局)", "全社会研发经费投入年均增长8%以上", "2."),
    ("full-width label kept as written", "（四）建设区域消费中心。（牵头单位：区商务局）", "建设区域消费中心", "（四）"),
    ("inline annotation removed from the middle", "9.推进数字政府建设(牵头单位:区政务服务局),建成一网通办平台。", "推进数字政府建设,建成一网通办平台", "9."),
    ("a leader label leaves the text", "46.推进XX改革。牵头领导:张三  牵头单位:县发改局", "推进XX改革", "46."),
    ("a place in brackets stays", "11.推进城乡一体化(含高新区)。(牵头单位:县发改局)", "推进城乡一体化(含高新区)", "11."),
    ("bracket that is no annotation stays", "10.实施“两新一重”(新型基础设施、新型城镇化、重大工程)建设。(牵头单位:县发改局)", "实施“两新一重”(新型基础设施、新型城镇化、重大工程)建设", "10."),
    ("multi-line item joined", "(四)建设区域消费中心。\n推动商圈提档升级,培育夜间经济。\n(牵头单位:区商务局;责任单位:各镇街)", "建设区域消费中心。推动商圈提档升级,培育夜间经济", "(四)"),
]


@pytest.mark.parametrize(("text", "expected", "label"), [c[1:] for c in TEXTS], ids=[c[0] for c in TEXTS])
def test_item_text_and_label(text: str, expected: str, label: str) -> None:
    (item,) = find_assignments(TASKS + text)
    assert (item.text, item.label) == (expected, label)


DEADLINES = [
    # id, annotation, deadline text, year, ongoing
    ("a year", "(牵头单位:县发改局;完成时限:2024年)", "2024年", 2024, False),
    ("end of a year", "(牵头单位:县发改局;完成时限:2024年底)", "2024年底", 2024, False),
    ("时间节点, a month", "(牵头单位:县发改局;时间节点:2025年6月底前)", "2025年6月底前", 2025, False),
    ("a range", "(牵头单位:县发改局;完成时限:2023—2025年)", "2023—2025年", 2025, False),
    ("ongoing", "(牵头单位:县发改局;完成时限:持续推进)", "持续推进", None, True),
    ("long term", "(牵头单位:县发改局;完成时限:长期)", "长期", None, True),
    ("the plan period", "(牵头单位:县发改局;完成时限:“十四五”期间)", "“十四五”期间", None, True),
    ("start and finish", "(牵头单位:县发改局;时间节点:2022年启动,2025年完成)", "2022年启动,2025年完成", 2025, False),
    ("no label, before the units", "(2024年底前完成,牵头单位:县发改局)", "2024年底前完成", 2024, False),
    ("Chinese numeral year", "(牵头单位:县发改局;完成时限:二〇二五年)", "二〇二五年", 2025, False),
    ("完成时间, full width", "（牵头单位：县发改局；完成时间：2023年12月）", "2023年12月", 2023, False),
]


@pytest.mark.parametrize(("annotation", "text", "year", "ongoing"), [c[1:] for c in DEADLINES], ids=[c[0] for c in DEADLINES])
def test_deadline(annotation: str, text: str, year: int | None, ongoing: bool) -> None:
    (item,) = find_assignments(TASKS + "1.推进重点项目建设。" + annotation)
    assert item.deadline is not None
    assert (item.deadline.text, item.deadline.year, item.deadline.ongoing) == (text, year, ongoing)
    assert item.lead == ("县发改局",)


CATEGORIES = [
    # id, document, expected (category, attribute) per item
    ("indicator headings with attribute sub-headings",
     "一、主要指标\n(一)约束性指标\n1.耕地保有量不低于上级下达任务。(牵头单位:县自然资源局)\n(二)预期性指标\n2.地区生产总值年均增长6%。(牵头单位:县发改局)\n二、重点任务\n(一)坚持创新驱动发展\n3.建设科技创新平台。(牵头单位:县科技局)",
     [(Category.INDICATOR, Attribute.BINDING), (Category.INDICATOR, Attribute.EXPECTED), (Category.TASK, None)]),
    ("attribute in the annotation, no heading",
     "1.森林覆盖率达到45%。(约束性指标,牵头单位:县林业局)\n2.推进林长制。(牵头单位:县林业局)",
     [(Category.INDICATOR, Attribute.BINDING), (Category.TASK, None)]),
    ("projects, policies and reforms",
     "三、重大工程项目\n1.泸州港扩能工程。(牵头单位:市交通运输局)\n四、重大政策\n1.落实减税降费政策。(牵头单位:市税务局)\n五、重大改革任务\n1.深化“放管服”改革。(牵头单位:市政务服务局)",
     [(Category.PROJECT, None), (Category.POLICY, None), (Category.REFORM, None)]),
    ("milestones label",
     "二、重点任务\n1.推进XX。(牵头单位:县发改局;年度目标:2022年完成30%)",
     [(Category.TASK, None)]),
    ("第一部分 structure",
     "第一部分 主要指标任务分工\n1.常住人口城镇化率达到60%。(牵头单位:市发改委)\n第二部分 重点任务分工\n1.建设现代化产业体系。(牵头单位:市经信局)",
     [(Category.INDICATOR, None), (Category.TASK, None)]),
    ("主要目标 is an indicator heading",
     "一、主要目标\n1.地区生产总值达到500亿元。(牵头单位:县发展改革局)",
     [(Category.INDICATOR, None)]),
    ("unnumbered category line",
     "重大项目\n1.城北污水处理厂建设项目。(责任单位:县住建局)\n约束性指标\n2.单位GDP能耗降低14%。(牵头单位:县发改局)",
     [(Category.PROJECT, None), (Category.INDICATOR, Attribute.BINDING)]),
    ("chapter naming 改革 inside 重点任务 stays a task",
     "二、重点任务\n(三)深化重点领域改革\n1.推进国资国企改革。(牵头单位:县国资中心)",
     [(Category.TASK, None)]),
    ("保障措施 with units has no category",
     "二、重点任务\n1.建设科技城。(牵头单位:县科技局)\n六、保障措施\n(一)加强组织领导。成立领导小组。(牵头单位:县委办)",
     [(Category.TASK, None), (None, None)]),
    ("indicator table column",
     "序号\t指标名称\t属性\t牵头单位\t责任单位\n1\t地区生产总值增长\t预期性\t县发改局\t县统计局\n2\t单位GDP能耗降低\t约束性\t县发改局\t县经信局",
     [(Category.INDICATOR, Attribute.EXPECTED), (Category.INDICATOR, Attribute.BINDING)]),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CATEGORIES], ids=[c[0] for c in CATEGORIES])
def test_categories(text: str, expected: list[tuple[Category | None, Attribute | None]]) -> None:
    items = find_assignments(text)
    assert [(i.category, i.attribute) for i in items] == expected


DOCUMENTS = [
    # id, document, expected (label, lead, co) per item
    ("table with an empty lead cell",
     "三、重大工程项目\n序号\t任务\t牵头单位\t责任单位\t完成时限\n1\t泸州港扩能\t\t县交通局\t2025年底\n2\t城北新区建设\t县住建局\t县自规局、县财政局\t持续推进",
     [("1", (), ("县交通局",)), ("2", ("县住建局",), ("县自规局", "县财政局"))]),
    ("table rows typed with spaces",
     "序号  重点任务  牵头单位  责任单位  完成时限\n1  建设物流园区  县商务局  县交通局  2024年\n2  推进城乡环卫一体化  县城管局  各乡镇  2023年",
     [("1", ("县商务局",), ("县交通局",)), ("2", ("县城管局",), ("各乡镇",))]),
    ("the title naming 重点任务 is no heading",
     "某州落实“十四五”规划纲要重点任务分工表\n一、约束性指标\n(一)森林覆盖率稳定在60%以上。责任单位:州林草局(牵头)、州自然资源局",
     [("(一)", ("州林草局",), ("州自然资源局",))]),
    ("a first line ending in a comma goes on below",
     "二、重点任务\n(二)建设生态文明\n3.实施重要生态系统保护和修复重大工程,\n开展国土绿化行动。(责任单位:州林草局、州自然资源局)",
     [("3.", (), ("州林草局", "州自然资源局"))]),
    ("labels after a gap below a table are no row",
     "序号\t指标\t属性\t牵头单位\t配合单位\n1\t一般公共预算收入年均增长6%\t预期性\t区财政局\t区税务局\n二、重点工作任务\n1、建设物流枢纽。牵头单位：区商务局  配合单位：区交通运输局",
     [("1", ("区财政局",), ("区税务局",)), ("1、", ("区商务局",), ("区交通运输局",))]),
    ("heading then unnumbered items",
     "二、重点任务\n(一)坚持创新驱动发展\n推进科技成果转化。(牵头单位:县科技局)\n建设人才公寓。(牵头单位:县住建局)",
     [("", ("县科技局",), ()), ("", ("县住建局",), ())]),
    ("first unit listed leads, by the plan's note",
     "说明:责任单位中排在第一位的为牵头单位。\n一、重点任务\n1.推进数字乡村建设。(责任单位:县农业农村局、县经信局)",
     [("1.", ("县农业农村局",), ("县经信局",))]),
    ("preamble and requirements are no items",
     "某县“十四五”规划纲要主要目标任务分工方案\n为确保规划顺利实施,现提出如下分工方案。\n一、重点任务\n1.建设科技城。(牵头单位:县科技局)\n二、工作要求\n(一)加强组织领导。各单位要高度重视。\n(二)强化督查考核。县委督查室要定期督查。",
     [("1.", ("县科技局",), ())]),
    ("items under 一、 before a (一) chapter under the next 一、",
     "一、主要指标\n1.森林覆盖率达到45%。(牵头单位:县林业局)\n二、重点任务\n(一)坚持创新驱动发展\n2.建设科技创新平台。(牵头单位:县科技局)",
     [("1.", ("县林业局",), ()), ("2.", ("县科技局",), ())]),
    ("a heading naming a lead for its whole group is an item",
     "二、重点任务\n(一)加快建设现代产业体系(牵头单位:县经信局)\n1.推动工业提质增效。(责任单位:各园区)",
     [("(一)", ("县经信局",), ()), ("1.", (), ("各园区",))]),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in DOCUMENTS], ids=[c[0] for c in DOCUMENTS])
def test_documents(text: str, expected: list[tuple[str, tuple[str, ...], tuple[str, ...]]]) -> None:
    items = find_assignments(text)
    assert [(i.label, i.lead, i.co) for i in items] == expected


ISSUES = [
    # id, document, expected issue codes per item
    ("no unit named", "二、重点任务\n1.加快建设现代化产业园区。\n2.建设科技城。(牵头单位:县科技局)", [["no_unit"], []]),
    ("unknown role word", "二、重点任务\n1.建立督办制度。(督办单位:县委督查室)", [["unknown_role"]]),
    ("typo reported", "二、重点任务\n1.推进乡村振兴。(市发改委牲头,各区县配合)", [["role_typo"]]),
    ("a sentence that only looks like units", "二、重点任务\n1.构建多元投入机制。(政府主导,企业参与)\n2.建设科技城。(牵头单位:县科技局)", [["no_unit"], []]),
    ("an indicator without units, no sentence stop", "一、主要指标\n1.地区生产总值年均增长6%\n2.森林覆盖率达到45%\n3.耕地保有量不减少。(牵头单位:县自然资源局)", [["no_unit"], ["no_unit"], []]),
]


@pytest.mark.parametrize(("text", "codes"), [c[1:] for c in ISSUES], ids=[c[0] for c in ISSUES])
def test_issues(text: str, codes: list[list[str]]) -> None:
    items = find_assignments(text)
    assert [[i.code for i in item.issues] for item in items] == codes


def test_a_text_naming_no_unit_is_no_task_division_plan() -> None:
    report = "一、过去五年的工作\n(一)经济持续健康发展。国内生产总值年均增长7.1%。\n(二)深化改革开放。\n1.推进供给侧结构性改革。"
    assert find_assignments(report) == ()


def test_a_long_paragraph_run_is_not_swallowed_by_one_item() -> None:
    # lines of many lengths, so that no PDF wrapping is detected and rejoined
    prose = "".join("说明文字" * (n % 7 + 1) + "\n" for n in range(20))
    text = "二、重点任务\n1.推进城市更新。\n" + prose + "推进乡村振兴。(牵头单位:县农业农村局)"
    items = find_assignments(text)
    assert [(i.label, i.text, i.lead) for i in items] == [
        ("1.", "推进城市更新。" + "".join("说明文字" * (n % 7 + 1) for n in range(7)), ()),
        ("", "推进乡村振兴", ("县农业农村局",)),
    ]


def test_spans_index_the_decoded_text() -> None:
    text = "二、重点任务\r\n１２．推进城市更新。（牵头：住建局；配合：各街道办事处）\r\n"
    (item,) = find_assignments(text)
    start, end = item.span
    assert text[start:end] == "１２．推进城市更新。（牵头：住建局；配合：各街道办事处）"
    assert item.line == 2
    units = {u.name: text[slice(*u.span)] for u in item.units}
    assert units == {"住建局": "住建局", "各街道办事处": "各街道办事处"}
    assert [u.role for u in item.units] == [Role.LEAD, Role.CO]


def test_milestones_are_kept_as_written() -> None:
    (item,) = find_assignments("二、重点任务\n1.推进XX。（牵头单位：县发改局；年度目标：2022年完成30%，2023年完成60%）")
    assert item.milestones == "2022年完成30%，2023年完成60%"
    assert item.lead == ("县发改局",) and item.deadline is None
