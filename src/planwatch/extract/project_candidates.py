"""Projects a plan's 专栏 text lists with their investment: candidates for the register.

Boxes of 重大项目 often read "建设松溪至临江高速公路项目,总投资85亿元;实施县城环线改造工程,
总投资12.5亿元". Each such clause gives a candidate: the project's name (the verb in front
and a trailing 建设 dropped), its total investment in 万元, the surface text and its span.
Pure: text in, candidates out; people confirm them through the register.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

# 实施县城环线改造工程,总投资12.5亿元 / 推进港口二期项目建设,总投资约3.2亿元
# 改建G353江阳段工程(总投资约6亿元)
CANDIDATE = re.compile(
    r"""
    (?P<name>[^,，;；。:：、\n()（）]{2,80}?
      (?:项目|工程|园区|产业园|园|中心|基地|大桥|公路|铁路|高速|港|码头|站|馆|院|综合体|线|场|厂|城|区))
    (?:建设)?                                   # 港口二期项目建设
    \s* [,，(（]? \s* (?:项目)? 总投资 \s*          # ,总投资 / (总投资
    (?:约|达|超过|逾|近)? \s*                      # 约 3.2
    (?P<amount>\d+(?:\.\d+)?) \s* (?P<unit>亿元|万元)
    """,
    re.VERBOSE,
)
# the verb a clause starts with: 建设, 新建, 加快推进 … (dropped from the name)
LEADING_VERB = re.compile(
    r"^(?:全力|加快|积极|重点|力争|规划|启动|开工|新建|续建|扩建|改建|建设|实施|推进|推动|打造|完成|谋划)+"
)
TO_WAN = {"亿元": Decimal(10000), "万元": Decimal(1)}


@dataclass(frozen=True, slots=True)
class ProjectCandidate:
    """A project named in a plan's text with its total investment (万元)."""

    name: str
    total: Decimal
    text: str  # the matched surface text
    start: int  # offsets into the text searched
    end: int


def find_candidates(text: str, offset: int = 0) -> list[ProjectCandidate]:
    """Every "…项目,总投资N亿元" in ``text``; offsets are ``offset`` + the position in it.

    >>> text = "实施县城环线改造工程,总投资12.5亿元;建设体育中心。"
    >>> [(c.name, c.total) for c in find_candidates(text)]
    [('县城环线改造工程', Decimal('125000'))]
    """
    found: list[ProjectCandidate] = []
    for match in CANDIDATE.finditer(text):
        name = LEADING_VERB.sub("", match["name"].strip())
        if len(name) < 2:
            continue
        total = Decimal(match["amount"]) * TO_WAN[match["unit"]]
        exact = total.normalize()
        total = exact.quantize(Decimal(1)) if exact == exact.to_integral_value() else exact
        found.append(
            ProjectCandidate(
                name, total, match.group(0), offset + match.start(), offset + match.end()
            )
        )
    return found
