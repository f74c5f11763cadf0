"""What changed between two states: a verdict for every key, built on deepdiff's comparison.

Each state is flattened to ``{key: "<level> <evidence ...>"}`` and handed to deepdiff; a key
deepdiff does not touch is ``unchanged`` (no new evidence since the first date), and a touched
key is judged by its levels: grades by their order, figures by their better-direction, themes
by polarity (positive > mixed > negative).
"""

from __future__ import annotations

import enum
from typing import Any

import attrs

from events import AnyEvent, CorrectionMade, Direction, Grade, PartialDate, Polarity
from projections.state import MetricView, State, View, evidence_dict

__all__ = ["Change", "StateDiff", "Verdict", "diff_states"]


class Verdict(enum.Enum):
    """What happened to one key between two dates."""

    IMPROVED = "improved"
    REGRESSED = "regressed"
    PERSISTED = "persisted"
    UNCHANGED = "unchanged"
    NEW = "new"
    DROPPED = "dropped"
    CHANGED = "changed"

    def reversed(self) -> Verdict:
        """The verdict the same change gets read backwards in time."""
        return _REVERSED.get(self, self)


_REVERSED = {
    Verdict.IMPROVED: Verdict.REGRESSED,
    Verdict.REGRESSED: Verdict.IMPROVED,
    Verdict.NEW: Verdict.DROPPED,
    Verdict.DROPPED: Verdict.NEW,
}


@attrs.frozen(kw_only=True)
class Change:
    """One key's verdict, with the entries before and after."""

    subject: str
    kind: str
    key: str
    verdict: Verdict
    before: View | None
    after: View | None

    def evidence(self) -> list[dict[str, Any]]:
        """The sources the verdict rests on: the later entry's, or the earlier one's if dropped."""
        view = self.after if self.after is not None else self.before
        assert view is not None
        return [evidence_dict(e.id, e.source) for e in view.evidence]

    def to_dict(self) -> dict[str, Any]:
        """``{"subject", "kind", "key", "verdict", "before", "after", "evidence"}``."""
        return {
            "subject": self.subject,
            "kind": self.kind,
            "key": self.key,
            "verdict": self.verdict.value,
            "before": None if self.before is None else self.before.summary(),
            "after": None if self.after is None else self.after.summary(),
            "evidence": self.evidence(),
        }


@attrs.frozen(kw_only=True)
class StateDiff:
    """Every key present at either date, with its verdict."""

    from_: PartialDate
    to: PartialDate
    changes: tuple[Change, ...]

    def by_verdict(self, verdict: Verdict | str) -> list[Change]:
        """The changes with one verdict."""
        wanted = Verdict(verdict)
        return [c for c in self.changes if c.verdict is wanted]

    def get(self, subject: str, kind: str, key: str) -> Change | None:
        """The change for one key, if the key exists at either date."""
        for change in self.changes:
            if (change.subject, change.kind, change.key) == (subject, kind, key):
                return change
        return None

    def to_dict(self) -> dict[str, Any]:
        """``{"from", "to", "changes": [...]}``."""
        return {
            "from": str(self.from_),
            "to": str(self.to),
            "changes": [c.to_dict() for c in self.changes],
        }


_CORRECTABLE: dict[type, tuple[str, ...]] = {}


def _token(event: AnyEvent) -> str:
    """An evidence item as the diff sees it: its id and the classification a correction may
    change (a corrected event keeps its stored id, so the id alone would hide the correction)."""
    cls = type(event)
    if cls not in _CORRECTABLE:
        own = attrs.fields_dict(cls)
        _CORRECTABLE[cls] = tuple(n for n in CorrectionMade.FIELDS if n in own)
    parts = [event.id]
    for name in _CORRECTABLE[cls]:
        value = getattr(event, name)
        if value is not None:
            parts.append(str(getattr(value, "value", value)))
    return ":".join(parts)


def flatten(state: State) -> dict[str, str]:
    """The state as deepdiff sees it: per key, one string of its level and its evidence.

    ``"<level> <evidence id:classification> ..."``, believed evidence first. One string per
    key lets deepdiff compare an entry in one step instead of descending into it, and any
    change of level or evidence is still a change of the string. A theme's corroboration
    (retellings since its deciding findings) follows, marked: new corroboration is new
    evidence, though it never moves the level.
    """
    return {
        "\x1f".join(key): " ".join(
            (
                str(view.level),
                *map(_token, view.evidence),
                *("+" + _token(e) for e in getattr(view, "corroboration", ())),
            )
        )
        for key, view in state.entries().items()
    }


def _compare(before: View, after: View, later: View) -> Verdict:
    if isinstance(before, MetricView) and isinstance(after, MetricView):
        assert isinstance(later, MetricView)
        if before.value == after.value:
            return Verdict.PERSISTED
        if later.direction is Direction.NONE:
            return Verdict.CHANGED
        higher = after.value > before.value
        better = higher == (later.direction is Direction.HIGHER_IS_BETTER)
        return Verdict.IMPROVED if better else Verdict.REGRESSED
    rank_before, rank_after = _rank(before.level), _rank(after.level)
    if rank_after > rank_before:
        return Verdict.IMPROVED
    if rank_after < rank_before:
        return Verdict.REGRESSED
    return Verdict.PERSISTED


def _rank(level: object) -> int:
    for vocabulary in (Grade, Polarity):
        for member in vocabulary:
            if member.value == level:
                return member.rank
    raise ValueError(f"not a grade or polarity: {level!r}")  # pragma: no cover


def diff_states(before: State, after: State) -> StateDiff:
    """Compare two states key by key (see the module docstring for the rules)."""
    old, new = before.entries(), after.entries()
    flat_old, flat_new = flatten(before), flatten(after)
    # threshold 0: by default deepdiff reports two dicts sharing under a third of their keys as
    # one root-level change, which names no key and would leave changed keys "unchanged".
    # Imported here: a query that diffs nothing (most do) need not pay deepdiff's 30 ms import.
    from deepdiff import DeepDiff

    comparison = DeepDiff(flat_old, flat_new, view="tree", threshold_to_diff_deeper=0)
    touched = {str(root) for root in comparison.affected_root_keys}
    later_entries = new if after.at.sort_key() >= before.at.sort_key() else old
    changes = []
    for key in sorted(old.keys() | new.keys()):
        a, b = old.get(key), new.get(key)
        if a is None:
            verdict = Verdict.NEW
        elif b is None:
            verdict = Verdict.DROPPED
        elif "\x1f".join(key) not in touched:
            verdict = Verdict.UNCHANGED
        else:
            later = later_entries.get(key) or b
            verdict = _compare(a, b, later)
        changes.append(
            Change(subject=key[0], kind=key[1], key=key[2], verdict=verdict, before=a, after=b)
        )
    return StateDiff(from_=before.at, to=after.at, changes=tuple(changes))
