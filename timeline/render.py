"""Query results as terminal tables, Markdown or JSON, for the command line."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from rich import box
from rich.console import Console, Group
from rich.markup import escape
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from events import AnyEvent, AuthorityReorganised, DateSource, DocumentRecorded
from projections import (
    Conflict,
    HistoryEntry,
    ImprovementList,
    State,
    StateDiff,
    Verdict,
    Weaknesses,
)
from projections.state import View
from projections.weaknesses import NEWLY_NAMED, NOT_NAMED_AGAIN, PERSISTED, STATUSES
from timeline.labels import key_label

__all__ = [
    "FORMATS",
    "VERDICT_ORDER",
    "conflicts_table",
    "date_source_text",
    "diff_markdown",
    "diff_table",
    "events_rows",
    "history_table",
    "level_text",
    "state_table",
    "to_json",
    "weaknesses_markdown",
    "weaknesses_table",
    "weaknesses_text",
]

FORMATS = ("table", "markdown", "json")
VERDICT_ORDER = (
    Verdict.IMPROVED,
    Verdict.REGRESSED,
    Verdict.CHANGED,
    Verdict.PERSISTED,
    Verdict.NEW,
    Verdict.DROPPED,
    Verdict.UNCHANGED,
)
_VERDICT_STYLE = {
    Verdict.IMPROVED: "bold green",
    Verdict.REGRESSED: "bold red",
    Verdict.CHANGED: "bold yellow",
    Verdict.PERSISTED: "bold magenta",
    Verdict.NEW: "bold cyan",
    Verdict.DROPPED: "bold blue",
    Verdict.UNCHANGED: "dim",
}
_QUOTE_LIMIT = 240
_DATE_SOURCES = {
    DateSource.TEXT: "from the text",
    DateSource.MANIFEST: "from the manifest",
    DateSource.FILE_NAME: "from the file name",
    DateSource.PDF_METADATA: "from the PDF's creation date",
}


def date_source_text(source: DateSource) -> str:
    """Where a document's publication date came from, as words: "from the file name"."""
    return _DATE_SOURCES[source]


def to_json(data: Any) -> str:
    """Indented JSON with non-ASCII kept, as every ``--json`` prints it."""
    return json.dumps(data, indent=2, ensure_ascii=False)


def _short(text: str, limit: int = _QUOTE_LIMIT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


_UNITS = {
    "percent": "%",
    "count": "",
    "rate_per_10000": " per 10,000",
    "percent_change": "% change",
}


def _figure(value: float, unit: str) -> str:
    """``33%``, ``598``, ``49 per 10,000``, ``122,200``."""
    number = f"{value:,.0f}" if float(value).is_integer() else f"{value:,g}"
    suffix = _UNITS.get(unit, f" {unit.replace('_', ' ')}")
    return f"{number}{suffix}"


def level_text(view: View | None) -> str:
    """A view's level and date in a few words: "inadequate (2018-01-29)"."""
    if view is None:
        return "—"
    summary = view.summary()
    if "grade" in summary:
        grade = summary["grade"].replace("_", " ")
        if summary["published"] is None:
            return f"{grade} (judged {summary['inspected']['from']})"
        return f"{grade} ({summary['published']})"
    if "value" in summary:
        return f"{_figure(summary['value'], summary['unit'])} (at {summary['as_at']})"
    return f"{summary['polarity']} ({summary['as_of']})"


def _evidence_line(view: View | None) -> str:
    if view is None or not view.evidence:
        return ""
    first = view.evidence[0]
    more = f" (+{len(view.evidence) - 1} more)" if len(view.evidence) > 1 else ""
    return f"“{_short(first.source.quote)}” — {first.source.file_name}{more}"


_VERDICT_MARK = {
    Verdict.IMPROVED: "▲",
    Verdict.REGRESSED: "▼",
    Verdict.CHANGED: "◆",
    Verdict.PERSISTED: "●",
    Verdict.NEW: "+",
    Verdict.DROPPED: "−",
    Verdict.UNCHANGED: "·",
}


def _heading(diff: StateDiff) -> str:
    subjects = sorted({c.subject for c in diff.changes})
    who = f" in {subjects[0]}" if len(subjects) == 1 else ""
    return f"What changed{who}, {diff.from_} → {diff.to}"


def diff_table(diff: StateDiff, *, show_unchanged: bool = True) -> Group:
    """The diff grouped by verdict: each key's before → after and the quote it rests on."""
    several = len({c.subject for c in diff.changes}) > 1
    counts = {v: len(diff.by_verdict(v)) for v in VERDICT_ORDER}
    parts: list[Any] = [
        Text(_heading(diff), style="bold"),
        Text(" · ".join(f"{v.value} {n}" for v, n in counts.items() if n), style="dim"),
    ]
    for verdict in VERDICT_ORDER:
        changes = diff.by_verdict(verdict)
        if not changes:
            continue
        style = _VERDICT_STYLE[verdict]
        parts.append(Text(""))
        parts.append(Text(f"{verdict.value.upper()} ({len(changes)})", style=style))
        if verdict is Verdict.UNCHANGED and not show_unchanged:
            parts.append(Text("  (hidden: no new evidence since the first date)", style="dim"))
            continue
        for change in changes:
            who = f"{change.subject}: " if several else ""
            line = Text.assemble(
                (f"  {_VERDICT_MARK[verdict]} ", style),
                (f"{who}{key_label(change.kind, change.key)}", "bold"),
                (f" ({change.kind})  ", "dim"),
                f"{level_text(change.before)} → {level_text(change.after)}",
            )
            parts.append(line)
            evidence = _evidence_line(change.after or change.before)
            if evidence and verdict is not Verdict.UNCHANGED:
                parts.append(Padding(Text(evidence, style="italic"), (0, 0, 0, 6)))
    return Group(*parts)


def diff_markdown(diff: StateDiff) -> str:
    """The diff as Markdown sections, one per verdict."""
    lines = [f"# {_heading(diff)}", ""]
    for verdict in VERDICT_ORDER:
        changes = diff.by_verdict(verdict)
        if not changes:
            continue
        lines += [f"## {verdict.value.capitalize()} ({len(changes)})", ""]
        for change in changes:
            view = change.after or change.before
            lines.append(
                f"- **{change.subject}**, {key_label(change.kind, change.key)} "
                f"({change.kind} `{change.key}`): "
                f"{level_text(change.before)} → {level_text(change.after)}"
            )
            evidence = _evidence_line(view)
            if evidence:
                lines.append(f"  > {evidence}")
        lines.append("")
    return "\n".join(lines)


def state_table(state: State) -> Group:
    """Grades, latest figures and theme assessments per subject, each with date and document."""
    parts: list[Any] = [Text(f"State on {state.at} (as known on {state.known_at})", style="bold")]
    succession = state.succession
    if succession is not None:
        laws = "; ".join(sorted({e.legislation for e in succession.because}))
        parts.append(Text(f"{succession.message()} ({laws})", style="yellow"))
    for subject in sorted(state.subjects):
        title = subject
        if succession is not None:
            title += f" (predecessor of {succession.subject})"
            if not state.subjects[subject].views():
                title += ": nothing known"
        table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, expand=True)
        table.add_column("kind", no_wrap=True)
        table.add_column("key")
        table.add_column("level")
        table.add_column("document", overflow="fold")
        for view in state.subjects[subject].views():
            document = view.evidence[0].source.file_name if view.evidence else ""
            table.add_row(
                view.kind,
                escape(key_label(view.kind, view.key)),
                escape(level_text(view)),
                escape(document),
            )
        parts.append(table)
    return Group(*parts)


# What each event kind is called in a history line.
_EVENT_NOUN = {
    "judgement_issued": "grade",
    "finding_recorded": "finding",
    "metric_observed": "figure",
    "recommendation_made": "recommendation",
    "correction_made": "correction",
    "authority_reorganised": "reorganisation",
}


def history_table(entries: Sequence[HistoryEntry]) -> Group:
    """A key's events in date order, one block each: a heading line (date, subject, what,
    level), then where it came from, then the quote at the terminal's full width.

    Blocks rather than table columns: a quote squeezed into one of seven columns wraps every
    word at 100 columns, and the full-width quote is what a reader checks.
    """
    blocks: list[Any] = []
    for entry in entries:
        event = entry.event
        row = entry.to_dict()
        level = next((str(row[k]) for k in ("grade", "polarity", "value") if k in row), "")
        if isinstance(event, AuthorityReorganised):
            level = event.change.value.replace("_", " ")
        elif "unit" in row and level:
            level += f" {row['unit']}"
        subject = entry.subject
        if entry.predecessor_of is not None:
            subject += f" (predecessor of {entry.predecessor_of})"
        head = Text()
        head.append(str(event.valid), style="bold")
        head.append(f"  {subject}  ")
        head.append(_EVENT_NOUN.get(event.kind, event.kind), style="cyan")
        if level:
            head.append(f"  {level.replace('_', ' ')}", style="bold")
        if entry.retracted:
            head.append("  (retracted)", style="red")
        where = Text(f"known {event.known} · {event.source.file_name}", style="dim")
        quote = Text(f"“{_short(event.source.quote)}”")
        blocks.append(Group(head, Padding(Group(where, quote), (0, 0, 1, 4))))
    return Group(*blocks)


def conflicts_table(conflicts: Sequence[Conflict]) -> Table:
    """Each disagreement with its claims, the believed one first."""
    table = Table(box=box.SIMPLE_HEAD, expand=True, show_lines=True)
    for name in ("subject", "key", "about", "claims (believed first)"):
        table.add_column(name, overflow="fold")
    for conflict in conflicts:
        claims = []
        for n, claim in enumerate(conflict.claims):
            data = conflict.to_dict()["claims"][n]
            mark = "✔" if n == 0 else "·"
            times = len(data["repeated_at"]) + 1
            told = f", {times} times" if times > 1 else ""
            claims.append(
                f"{mark} {data['value']} — valid {data['valid']['from']}, known {data['known']} — "
                f"“{_short(claim.source.quote, 120)}” ({claim.source.file_name}{told})"
            )
        table.add_row(
            escape(conflict.subject),
            escape(f"{conflict.kind}: {conflict.key}"),
            ", ".join(conflict.about),
            escape("\n".join(claims)),
        )
    return table


def events_rows(events: Sequence[AnyEvent]) -> Table:
    """Stored events, one row each."""
    table = Table(box=box.SIMPLE_HEAD, expand=True)
    for name in ("id", "kind", "subject", "valid", "known", "quote", "document"):
        table.add_column(name, overflow="fold")
    for event in events:
        known = str(event.known)
        # A document's known date is its publication date: say where that came from, since
        # one read from a file name or a PDF's metadata is weaker than one the text prints.
        if isinstance(event, DocumentRecorded):
            known += f" ({date_source_text(event.date_source)})"
        table.add_row(
            event.id[:12],
            event.kind,
            escape(event.subject),
            str(event.valid),
            escape(known),
            escape(_short(event.source.quote, 120)),
            escape(event.source.file_name),
        )
    return table


def print_rich(renderable: Any, console: Console) -> None:
    """Print through the console the command was given."""
    console.print(renderable)


# What each report named for improvement (``projections.weaknesses``).
WEAKNESS_HEADINGS = {
    PERSISTED: "Named for improvement both times (persisted)",
    NOT_NAMED_AGAIN: "Named the first time only (not named again; not said to have improved)",
    NEWLY_NAMED: "Newly named",
}
_WEAKNESS_STYLE = {
    PERSISTED: "bold magenta",
    NOT_NAMED_AGAIN: "bold blue",
    NEWLY_NAMED: "bold cyan",
}
_WEAKNESS_TITLE = "What each report named for improvement"


def _report_text(report: ImprovementList) -> str:
    document = report.document
    framework = "" if document.framework is None else f"{document.framework.value}, "
    return f"{document.file_name} ({framework}published {document.published})"


def weaknesses_text(found: Weaknesses) -> str:
    """Which two reports are compared, in one line; or why nothing is."""
    before, after = found.before, found.after
    if after is None and before is None:
        return f"{found.subject}: no inspection report by {max(found.from_, found.to)}"
    if found.same_report:
        assert after is not None
        return (
            f"{found.subject}: both dates fall under the same inspection, {_report_text(after)}:"
            " nothing to compare"
        )
    if before is None or after is None:
        missing = found.from_ if before is None else found.to
        only = after if before is None else before
        assert only is not None
        return (
            f"{found.subject}: no inspection report by {missing}; the one in force on the "
            f"other date is {_report_text(only)}"
        )
    return (
        f"{found.subject}: {found.from_} {_report_text(before)} → {found.to} {_report_text(after)}"
    )


def _item_lines(items: Sequence[Any], label: str) -> list[str]:
    return [f"{label} “{_short(i.source.quote)}” — {i.source.file_name}" for i in items]


def weaknesses_table(found: Sequence[Weaknesses]) -> Group:
    """Per authority: the two reports, then each theme named both times, the first time only
    or newly, with the items of each report that name it."""
    parts: list[Any] = [Text(_WEAKNESS_TITLE, style="bold")]
    if not found:
        parts.append(Text("  no inspection report on either date", style="dim"))
    for weak in found:
        parts.append(Text(weaknesses_text(weak), style="dim"))
        if not weak.tracks:
            continue
        for status in STATUSES:
            tracks = weak.by_status(status)
            style = _WEAKNESS_STYLE[status]
            parts.append(Text(""))
            parts.append(Text(f"{WEAKNESS_HEADINGS[status].upper()} ({len(tracks)})", style=style))
            for track in tracks:
                parts.append(
                    Text.assemble(("  ● ", style), (key_label("theme", track.theme), "bold"))
                )
                lines = [
                    *_item_lines(track.before, "then"),
                    *_item_lines(track.after, "now "),
                ]
                parts.extend(Padding(Text(line, style="italic"), (0, 0, 0, 6)) for line in lines)
    return Group(*parts)


def weaknesses_markdown(found: Sequence[Weaknesses]) -> str:
    """``weaknesses_table`` as Markdown."""
    lines = [f"# {_WEAKNESS_TITLE}", ""]
    if not found:
        lines += ["No inspection report on either date.", ""]
    for weak in found:
        lines += [weaknesses_text(weak), ""]
        if not weak.tracks:
            continue
        for status in STATUSES:
            tracks = weak.by_status(status)
            lines += [f"## {weak.subject}: {WEAKNESS_HEADINGS[status]} ({len(tracks)})", ""]
            for track in tracks:
                lines.append(f"- **{key_label('theme', track.theme)}** (`{track.theme}`)")
                lines += [f"  > {line}" for line in _item_lines(track.before, "then")]
                lines += [f"  > {line}" for line in _item_lines(track.after, "now")]
            lines.append("")
    return "\n".join(lines)
