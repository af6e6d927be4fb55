"""One error hierarchy for the whole package.

Adapters turn these into user messages: the CLI into one line on stderr and exit code 2,
the web app into one JSON error shape.
"""


class PlanwatchError(Exception):
    """Base of every error planwatch raises on purpose."""


class InvalidInput(PlanwatchError):
    """The input cannot be used; the message names what is wrong and where."""


class UnreadableDocument(InvalidInput):
    """A plan document that cannot be read: missing, empty, corrupt, too large, unknown type.

    >>> str(UnreadableDocument("plan.pdf", "PDF 没有文本层"))
    'plan.pdf: PDF 没有文本层'
    """

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class NotFound(PlanwatchError):
    """A requested object does not exist."""


class Unauthorized(PlanwatchError):
    """No one is signed in (or the session has ended) where signing in is required.

    >>> isinstance(Unauthorized("请先登录"), PlanwatchError)
    True
    """


class Forbidden(PlanwatchError):
    """The signed-in user may not do this: a viewer writing, an editor of another department.

    >>> str(Forbidden("只能修改本部门的指标"))
    '只能修改本部门的指标'
    """


class ExtractionBudgetExceeded(InvalidInput):
    """A document larger than the extraction budget (``Settings.max_extract_chars``).

    The web layer answers it with 413; the CLI with one line and exit code 2.

    >>> error = ExtractionBudgetExceeded("plan.txt", chars=12, limit=10)
    >>> str(error), error.limit
    ('plan.txt: 文档有 12 个字符，超过提取上限 10 个字符（PLANWATCH_MAX_EXTRACT_CHARS）', 10)
    """

    def __init__(self, path: str, *, chars: int, limit: int) -> None:
        super().__init__(
            f"{path}: 文档有 {chars} 个字符，超过提取上限 {limit} 个字符"
            "（PLANWATCH_MAX_EXTRACT_CHARS）"
        )
        self.path = path
        self.chars = chars
        self.limit = limit


class FileTooLarge(InvalidInput):
    """An uploaded file over its size limit; the web layer answers it with 413.

    >>> isinstance(FileTooLarge("a.pdf: 文件超过上限"), InvalidInput)
    True
    """


class Conflict(PlanwatchError):
    """Someone else changed the same record at the same moment; the caller may retry.

    ``current_version``, when known, is the record's version now: a client reloads with it.

    >>> error = Conflict("该数据刚被他人修改,请刷新后重试", current_version=3)
    >>> str(error), error.current_version
    ('该数据刚被他人修改,请刷新后重试', 3)
    """

    def __init__(self, message: str, current_version: int | None = None) -> None:
        super().__init__(message)
        self.current_version = current_version


class UnknownDepartment(InvalidInput):
    """A unit name that matches no department of the managed list: pick one or create it.

    >>> str(UnknownDepartment("区文旅局", ("区文化广播电视和旅游局", "区旅游局")))
    '未知单位「区文旅局」(候选:区文化广播电视和旅游局、区旅游局):请选择已有单位或明确新建'
    """

    def __init__(self, name: str, candidates: tuple[str, ...]) -> None:
        hint = f"(候选:{'、'.join(candidates)})" if candidates else ""
        super().__init__(f"未知单位「{name}」{hint}:请选择已有单位或明确新建")
        self.name = name
        self.candidates = candidates


class YearLocked(Forbidden):
    """A change to a year an administrator has locked; it needs an audited unlock first.

    >>> str(YearLocked("2023 年已锁定,需管理员解锁后才能修改"))
    '2023 年已锁定,需管理员解锁后才能修改'
    """


class TooManyAttempts(PlanwatchError):
    """Too many failed sign-ins for an account or an address: locked for a while (429).

    >>> TooManyAttempts("登录失败次数过多", retry_after=900).retry_after
    900
    """

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class DocumentYearUnknown(InvalidInput):
    """A report or bulletin whose year is written nowhere: not in its title, date line or
    session, nor in its body ("一、2018年工作回顾").

    >>> "请用 --year 指定" in str(DocumentYearUnknown("report.txt"))
    True
    """

    def __init__(self, path: str) -> None:
        super().__init__(
            f"{path}: 无法确定文档年份（标题、日期行、会议届次和正文均未写明），"
            "请用 --year 指定报告或公报所属年份"
        )
        self.path = path
