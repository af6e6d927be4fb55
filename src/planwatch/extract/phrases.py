"""The phrase before a number: the indicator's name, its scope and the verbs that give meaning.

A target reads [scope][name][flags][verb] number [tail]: "全区 白酒产业营业收入 累计 达到 2000
亿元 以上". :func:`read_phrase` peels verbs off the right end of the phrase (the verb nearest
the number gives the comparator), action verbs and scope words off the left, and keeps the
rest as the indicator's name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import cast

from planwatch.domain.quantity import Change, Comparator
from planwatch.extract.lexicon import alternation, words
from planwatch.extract.vocabulary import Vocabulary, per_vocabulary

HAN = r"[\u4e00-\u9fff]"
PUNCTUATION = "、,，:;()（）“”\t "


@dataclass(frozen=True, slots=True)
class Phrase:
    """What the words before a number say about it."""

    name: str
    scope: str | None = None  # 全区 / 全市 / a named park or company at the name's start
    back_reference: bool = False  # the name starts with 园区/该集团: scope is the paragraph's
    comparator: Comparator | None = None
    change: Change | None = None
    growth_rate: bool = False
    cumulative: bool = False
    stretch: bool = False
    approximate: bool = False  # 约 / 大约 before the number
    distributes: bool = False  # 分别 / 各
    has_verb: bool = False
    per_year: bool = False  # 每年: each year's amount, not the period's sum


@per_vocabulary
def _right_words(vocab: Vocabulary) -> tuple[re.Pattern[str], dict[str, str]]:
    """All words that may stand between a name and its number, with their role."""
    # a word with two roles has the one its `precedence` entry puts first
    role: dict[str, str] = {}
    for word, kind in vocab.right_roles.items():
        if kind == "change":
            role[word] = "change:" + vocab.changes[word]
        elif kind == "comparator":
            role[word] = "comparator:" + vocab.comparators[word]
        else:
            role[word] = kind  # "stop": 节约, 签约 are part of the name, not "about"
    return re.compile(rf"(?:{alternation(list(role))})$"), role


@per_vocabulary
def _left_patterns(
    vocab: Vocabulary,
) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    leading = [*vocab.words("leading_verbs"), *vocab.words("cumulative"), *vocab.words("stretch"),
               *vocab.words("per_year")]  # fmt: skip
    verbs = re.compile(rf"^(?:[{re.escape(PUNCTUATION)}]+|{alternation(leading)})")
    scope = re.compile(rf"^(?:{alternation(vocab.words('scope_words'))})")
    entity = re.compile(rf"^{HAN}{{2,14}}?(?:{alternation(vocab.words('entity_suffixes'))})")
    back = re.compile(rf"^(?:{alternation(vocab.words('back_references'))})")
    return verbs, scope, entity, back


def is_entity(name: str) -> bool:
    """Whether a name ending in an entity's suffix names one: not a generic word (园区), not
    a common noun ending in the suffix (新型城镇, 特色小镇).

    >>> is_entity("黄舣镇"), is_entity("新型城镇"), is_entity("园区")
    (True, False, False)
    """
    if name in words()["generic_entities"]:
        return False
    return not name.endswith(tuple(words()["generic_entity_endings"]))


def read_phrase(segment: str) -> Phrase:
    """Read the phrase that stands before a number.

    >>> p = read_phrase("全区白酒产业营业收入累计达到")
    >>> p.name, p.scope, p.comparator, p.cumulative
    ('白酒产业营业收入', '全区', '>=', True)
    >>> p = read_phrase("单位GDP能耗比上年下降")
    >>> p.name, p.change, p.comparator
    ('单位GDP能耗', 'decrease', None)
    >>> read_phrase("力争达到").stretch, read_phrase("兴阳投资集团资产规模达到").scope
    (True, '兴阳投资集团')
    >>> p = read_phrase("五年累计减少农村贫困人口")
    >>> p.name, p.change, p.cumulative, read_phrase("提升农村公路").change
    ('农村贫困人口', 'decrease', True, None)
    >>> p = read_phrase("年均新增城镇就业")
    >>> p.name, p.per_year, p.growth_rate, read_phrase("每年新增就业岗位").name
    ('新增城镇就业', True, False, '新增就业岗位')
    >>> p = read_phrase("人均地区生产总值约")
    >>> p.name, p.comparator, p.approximate, read_phrase("年节约").approximate
    ('人均地区生产总值', '=', True, False)
    """
    pattern, role = _right_words()
    flags: dict[str, object] = {}
    rest = segment.strip(PUNCTUATION)
    if "约占" in rest:  # 服务业增加值约占GDP比重 N%: the name keeps 占, as in "占GDP比重"
        flags["approximate"] = True
        rest = rest.replace("约占", "占")
    while (match := pattern.search(rest)) is not None and match.start() < len(rest):
        if role[match.group()] == "stop":
            break
        _apply(role[match.group()], match.group(), flags)
        rest = rest[: match.start()].rstrip(PUNCTUATION)
    verbs, scope_re, entity_re, back_re = _left_patterns()
    while (match := verbs.search(rest)) is not None and match.end() > 0:
        _apply(role.get(match.group(), ""), match.group(), flags, leading=True)
        if match.group() == "新增" and _flow_nouns().search(rest, match.end()):
            break  # "新增城镇就业": the name of a flow keeps its 新增
        rest = rest[match.end() :]
    scope = None
    if (match := scope_re.search(rest)) is not None or (
        (match := entity_re.search(rest)) is not None
        and len(rest) > match.end()
        and is_entity(match.group())
    ):
        scope, rest = match.group(), rest[match.end() :]
        scope = words()["scope_aliases"].get(scope, scope)  # 我国 is 全国
    # 园区…, or 全镇… in a district's plan: the entity the paragraph is about, when it names one
    back = scope is not None and back_re.fullmatch(scope) is not None
    if scope is None and (match := back_re.search(rest)) is not None and len(rest) > match.end():
        back, rest = True, rest[match.end() :]
    return Phrase(
        name=clean_name(rest.strip(PUNCTUATION).replace("“", "").replace("”", "")),
        scope=scope,
        back_reference=back,
        # 达到约 N reads like N 左右: about N (a tail such as 以上 still overrides it)
        comparator=cast(
            "Comparator | None", "=" if flags.get("approximate") else flags.get("comparator")
        ),
        change=cast("Change | None", flags.get("change")),
        growth_rate=bool(flags.get("growth")),
        cumulative=bool(flags.get("cumulative")),
        stretch=bool(flags.get("stretch")),
        approximate=bool(flags.get("approximate")),
        distributes=bool(flags.get("distributes")),
        per_year=bool(flags.get("per_year")),
        has_verb=any(k in flags for k in ("comparator", "change", "growth", "approximate")),
    )


def _apply(role: str, word: str, flags: dict[str, object], leading: bool = False) -> None:
    """Record a word's role; the verb nearest the number (peeled first) wins."""
    kind, _, label = role.partition(":")
    stated = "comparator" in flags or "change" in flags
    if kind == "change" and leading and label == "decrease" and not stated:
        flags[kind] = label  # "五年累计减少农村贫困人口625万人": the name is what decreased
        return
    if kind in ("comparator", "change") and (leading or stated):
        return
    if kind == "growth" and leading:  # "年均新增城镇就业5000人": a yearly amount, no rate
        kind = "per_year"
    if kind == "growth":
        flags.setdefault("growth", True)
        if any(w in word for w in words()["decrease_names"]):  # 年均下降
            flags.setdefault("change", "decrease")
    elif kind in ("comparator", "change"):
        flags[kind] = label
    elif kind:
        flags.setdefault(kind, True)


@per_vocabulary
def _flow_nouns(vocab: Vocabulary) -> re.Pattern[str]:
    return re.compile(alternation(vocab.words("flow_nouns")))


@per_vocabulary
def _verbs_anywhere(vocab: Vocabulary) -> re.Pattern[str]:
    verbs = [*vocab.comparators, *vocab.changes, *vocab.words("growth_rate")]
    return re.compile(alternation([v for v in verbs if len(v) > 1]))


def sentence_subject(sentence: str) -> str:
    """The subject of a clause without a name: the name before the verb of the nearest clause
    that has both (else the name the sentence opens with, up to its first verb).

    >>> sentence_subject("居民人均可支配收入增长与经济增长基本同步,年均增长5.5%左右")
    '居民人均可支配收入'
    >>> sentence_subject("按照普查数据和经济增长实际结果,国内生产总值增长速度比原来预计的高一些,"
    ...                  "年均增长7.5%")
    '国内生产总值'
    """
    clauses = [c for c in re.split(r"[,;:]", sentence) if c.strip(PUNCTUATION)]
    for clause in reversed(clauses):  # the nearest clause that states something of a name
        match = _verbs_anywhere().search(clause)
        if match is not None and (name := read_phrase(clause[: match.start()]).name):
            return name
    match = _verbs_anywhere().search(sentence)
    head = sentence[: match.start()] if match else sentence
    clauses = [c for c in re.split(r"[,;:]", head) if c.strip(PUNCTUATION)]
    return read_phrase(clauses[0]).name if clauses else ""


# A share written as "占 X 的 N%": the indicator is the share, "占 X 比重".
SHARE_OF = re.compile(r"占(?P<whole>[^占,]+)的$  # 服务业增加值占地区生产总值的", re.VERBOSE)
# An industry named by its bare ordinal, as in the list "一、二、三产业": 第一产业.
BARE_INDUSTRY = re.compile(r"^(?P<ordinal>[一二三])产业  # 三产业增加值", re.VERBOSE)


# The price basis of a value, no part of its name: 按2020年价格计算 (its year is a marker,
# already out of the phrase), (按可比价格计算), 按不变价计算.
PRICE_BASIS = re.compile(r"[(（]?按(?:可比|不变|当年|现行)?价(?:格)?计算[)）]?")


def clean_name(name: str) -> str:
    """An indicator name as a table would print it.

    >>> clean_name("服务业增加值占地区生产总值的"), clean_name("三产业增加值")
    ('服务业增加值占地区生产总值比重', '第三产业增加值')
    >>> clean_name("地区生产总值(按可比价格计算)"), clean_name("国民生产总值按价格计算")
    ('地区生产总值', '国民生产总值')
    """
    name = PRICE_BASIS.sub("", name)
    name = SHARE_OF.sub(r"占\g<whole>比重", name)
    return BARE_INDUSTRY.sub(r"第\g<ordinal>产业", name)


# An intensity's qualifier, "per unit of output", which a list of intensities writes once:
# 单位地区生产总值 / 单位GDP / 万元工业增加值 (能耗和用水量).
PER_OUTPUT = re.compile(r"(?:单位|万元)(?:地区|国内)?(?:生产总值|GDP|工业增加值|增加值)")
# A total or a rate is no intensity: 单位GDP能耗和主要污染物排放总量.
NOT_PER_OUTPUT = re.compile(r"总|率|比重|比例|面积")


def split_names(name: str, count: int) -> list[str]:
    """The names a 分别/各 sentence distributes its values over, completed from the last one.

    >>> split_names("城镇、农村居民人均可支配收入", 2)
    ['城镇居民人均可支配收入', '农村居民人均可支配收入']
    >>> split_names("普惠性幼儿园覆盖率、高中阶段毛入学率", 2)
    ['普惠性幼儿园覆盖率', '高中阶段毛入学率']
    >>> split_names("单位GDP能耗和二氧化碳排放", 3)
    ['单位GDP能耗和二氧化碳排放', '单位GDP能耗和二氧化碳排放', '单位GDP能耗和二氧化碳排放']
    >>> split_names("单位地区生产总值能源消耗和二氧化碳排放", 2)
    ['单位地区生产总值能源消耗', '单位地区生产总值二氧化碳排放']
    >>> split_names("城乡居民人均可支配收入", 2)
    ['城镇居民人均可支配收入', '农村居民人均可支配收入']
    >>> split_names("单位GDP能耗和主要污染物排放总量", 2)
    ['单位GDP能耗', '主要污染物排放总量']
    """
    pieces = [p for p in name.split("、") if p]
    if len(pieces) < 2:
        pieces = [p for p in re.split("和|与|及", name) if p]
    if len(pieces) == 1 and count == 2 and name.startswith("城乡"):  # 城乡居民…分别 A、B
        return [clean_name(f"{part}{name[2:]}") for part in ("城镇", "农村")]
    if len(pieces) != count and not (count == 1 and len(pieces) > 1):
        return [name] * count
    per_output = PER_OUTPUT.match(pieces[0])
    if per_output:  # "单位GDP能耗和二氧化碳排放": both are per unit of GDP
        pieces[1:] = [p if PER_OUTPUT.match(p) or NOT_PER_OUTPUT.search(p)
                      else per_output.group() + p for p in pieces[1:]]  # fmt: skip
    last = pieces[-1]
    completed = []
    for piece in pieces[:-1]:
        short = len(piece) <= 3 and len(last) > len(piece) + 1
        completed.append(piece + last[len(piece) :] if short else piece)
    return [clean_name(n) for n in (*completed, last)]
