"""Pure progress and status computations over domain objects (no I/O, no database).

The public API: :func:`assess`, :func:`summarize`, :func:`time_share` and
:class:`Thresholds`; formulas and rules are in docs/assessment.md.
"""

from planwatch.assess.engine import assess, summarize
from planwatch.assess.overall import Overall, overall
from planwatch.assess.thresholds import Thresholds
from planwatch.assess.time import time_share

__all__ = ["Overall", "Thresholds", "assess", "overall", "summarize", "time_share"]
