"""Projections: the state at a date, what changed between two dates, histories and conflicts."""

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
from projections.state import EMPTY, JudgementView, MetricView, State, SubjectState, ThemeView, View
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
