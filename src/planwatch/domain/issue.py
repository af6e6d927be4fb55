"""Problems found in input, returned as data and never printed."""

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Issue:
    """One problem in a document, with the 1-based line and character span it concerns.

    >>> Issue("duplicate_number", "第十六章下有两个第二节", line=185, span=(9000, 9012)).code
    'duplicate_number'
    """

    code: str
    message: str
    line: int | None = None
    span: tuple[int, int] | None = None
