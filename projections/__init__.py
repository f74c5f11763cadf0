"""Projections: the state at a date, what changed between two dates, histories and conflicts."""

from __future__ import annotations

import sys
import types
from typing import TYPE_CHECKING

from events.lazy import LazyNames

if TYPE_CHECKING:
    from projections.conflicts import Conflict, find_conflicts
    from projections.diff import Change, StateDiff, Verdict, diff_states
    from projections.history import HistoryEntry, history
    from projections.index import (
        END_OF_TIME,
        EventIndex,
        IndexRow,
        Key,
        Snapshot,
        bucket_keys,
        index_row,
    )
    from projections.inspections import (
        MARGIN_DAYS,
        Inspection,
        belief_key,
        document_rank,
        group_inspections,
    )
    from projections.lineage import Lineage, Succession
    from projections.national import (
        Comparison,
        Distribution,
        England,
        Holding,
        Member,
        Movement,
        Movements,
        england,
        movements,
    )
    from projections.saved import FilingCache
    from projections.state import (
        EMPTY,
        JudgementView,
        MetricView,
        State,
        SubjectState,
        ThemeView,
        View,
    )
    from projections.weaknesses import (
        ImprovementList,
        Standing,
        ThemesNamed,
        ThemeTrack,
        Weaknesses,
        latest_report,
        themes_by_year,
        themes_named,
        weaknesses,
    )

__all__ = [
    "EMPTY",
    "END_OF_TIME",
    "MARGIN_DAYS",
    "Change",
    "Comparison",
    "Conflict",
    "Distribution",
    "England",
    "EventIndex",
    "FilingCache",
    "HistoryEntry",
    "Holding",
    "ImprovementList",
    "IndexRow",
    "Inspection",
    "JudgementView",
    "Key",
    "Lineage",
    "Member",
    "MetricView",
    "Movement",
    "Movements",
    "Snapshot",
    "Standing",
    "State",
    "StateDiff",
    "SubjectState",
    "Succession",
    "ThemeTrack",
    "ThemeView",
    "ThemesNamed",
    "Verdict",
    "View",
    "Weaknesses",
    "belief_key",
    "bucket_keys",
    "diff_states",
    "document_rank",
    "england",
    "find_conflicts",
    "group_inspections",
    "history",
    "index_row",
    "latest_report",
    "movements",
    "themes_by_year",
    "themes_named",
    "weaknesses",
]

# Each public name is imported when first asked for (PEP 562): a query reads a state and never
# pays for the national counts, the lists named for improvement or the conflicts.
_HOMES = {
    "projections.conflicts": ("Conflict", "find_conflicts"),
    "projections.diff": ("Change", "StateDiff", "Verdict", "diff_states"),
    "projections.history": ("HistoryEntry", "history"),
    "projections.index": (
        "END_OF_TIME",
        "EventIndex",
        "IndexRow",
        "Key",
        "Snapshot",
        "bucket_keys",
        "index_row",
    ),
    "projections.inspections": (
        "MARGIN_DAYS",
        "Inspection",
        "belief_key",
        "document_rank",
        "group_inspections",
    ),
    "projections.lineage": ("Lineage", "Succession"),
    "projections.national": (
        "Comparison",
        "Distribution",
        "England",
        "Holding",
        "Member",
        "Movement",
        "Movements",
        "england",
        "movements",
    ),
    "projections.saved": ("FilingCache",),
    "projections.state": (
        "EMPTY",
        "JudgementView",
        "MetricView",
        "State",
        "SubjectState",
        "ThemeView",
        "View",
    ),
    "projections.weaknesses": (
        "ImprovementList",
        "Standing",
        "ThemesNamed",
        "ThemeTrack",
        "Weaknesses",
        "latest_report",
        "themes_by_year",
        "themes_named",
        "weaknesses",
    ),
}
_NAMES = LazyNames(__name__, _HOMES, globals(), __all__)
__getattr__ = _NAMES.get
__dir__ = _NAMES.listing


class _Package(types.ModuleType):
    """This package, keeping its public names when a submodule of the same name is imported.

    The import system sets each submodule it loads as an attribute of its package: importing
    ``projections.history`` (as ``from projections.weaknesses import STATUSES`` does its module)
    would hide the function ``history`` that ``from projections import history`` must give.
    """

    def __setattr__(self, name: str, value: object) -> None:
        if name in _NAMES.home and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
