"""What a plan says about itself: title, region, period, vision year."""

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class PlanMeta:
    """Metadata read from a plan's title block and preface.

    >>> PlanMeta("某区国民经济和社会发展第十四个五年规划纲要", "某区", (2021, 2025), 2035).period
    (2021, 2025)
    """

    title: str | None
    region: str | None
    period: tuple[int, int] | None
    vision_year: int | None = None
    level: str | None = (
        None  # 国家 / 省 / 市 / 县区: decides the default scope word (全国/全省/全市/全区)
    )

    @property
    def scope_word(self) -> str | None:
        """The word a plan uses for its whole territory: 全国, 全省, 全市, 全区, 全县 ….

        >>> PlanMeta(None, "泸州市江阳区", None).scope_word
        '全区'
        >>> PlanMeta(None, "中华人民共和国", None, level="国家").scope_word
        '全国'
        """
        if self.level == "国家":
            return "全国"
        return f"全{self.region[-1]}" if self.region else None
