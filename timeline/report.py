"""The HTML report: grades over time, a theme heat map, the diff and every finding, in one file."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from html import escape

import attrs

from events import (
    AnyEvent,
    AuthorityReorganised,
    DateLike,
    DateSource,
    FindingRecorded,
    JudgementIssued,
    MetricObserved,
    PartialDate,
    Period,
    Polarity,
    RecommendationMade,
    UnknownKeyError,
)
from projections import END_OF_TIME, Change, Conflict, StateDiff, Verdict, View, Weaknesses
from projections.weaknesses import STATUSES
from timeline.facade import Timeline
from timeline.labels import key_label
from timeline.render import (
    VERDICT_ORDER,
    WEAKNESS_HEADINGS,
    date_source_text,
    level_text,
    weaknesses_text,
)
from timeline.report_svg import CSS, PAGE, Mark, grades_section, human_date, human_period

__all__ = ["build_report"]

_VERDICT_NOTES = {
    Verdict.IMPROVED: "a better grade, figure or reading of a theme",
    Verdict.REGRESSED: "a worse grade, figure or reading of a theme",
    Verdict.CHANGED: "a figure that moved, where neither direction is better",
    Verdict.PERSISTED: "new evidence, same level",
    Verdict.NEW: "first known after the start date",
    Verdict.DROPPED: "known at the start date, not at the end",
    Verdict.UNCHANGED: "no new evidence since the start date",
}
_KIND_ORDER = {"judgement": 0, "theme": 1, "metric": 2}
_GLYPH = {Polarity.POSITIVE: "+", Polarity.MIXED: "±", Polarity.NEGATIVE: "−"}
_QUOTE_LIMIT = 420


def _e(value: object) -> str:
    """Any text bound for the page, escaped: documents are data, never markup."""
    return escape(str(value), quote=True)


def _short(text: str, limit: int = _QUOTE_LIMIT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _polarity(findings: Sequence[FindingRecorded]) -> Polarity:
    """How findings read together: one polarity if they agree, else mixed (as the state does)."""
    found = {f.polarity for f in findings}
    return found.pop() if len(found) == 1 else Polarity.MIXED


@attrs.frozen(kw_only=True)
class _Column:
    """A document as the report shows it; ``published`` is None if the store has no record."""

    document_id: str
    file_name: str
    kind: str = "document"
    title: str = ""
    published: PartialDate | None = None
    date_source: DateSource = DateSource.TEXT
    visit: Period | None = None

    @property
    def when(self) -> str:
        """ "29 January 2018", or "9 May 2022 (from the file name)" when the text lacks it."""
        if self.published is None:
            return "date unknown"
        if self.date_source is DateSource.TEXT:
            return human_date(self.published)
        return f"{human_date(self.published)} ({date_source_text(self.date_source)})"

    @property
    def heading(self) -> str:
        """ "Inspection report, 29 January 2018"."""
        return f"{self.kind.capitalize()}, {self.when}"

    def describe(self) -> str:
        """The heading with the file name, for tooltips."""
        return f"{self.heading}: {self.file_name}"


def _columns(timeline: Timeline, subject: str, events: Sequence[AnyEvent]) -> list[_Column]:
    """The subject's documents in publication order, including any cited but not recorded."""
    found = {
        d.document_id: _Column(
            document_id=d.document_id,
            file_name=d.file_name,
            kind=d.document_kind.value.replace("_", " "),
            title=d.title,
            published=d.published,
            date_source=d.date_source,
            visit=d.visit,
        )
        for d in timeline.index.documents.values()
        if timeline.index.subject_name(d.subject) == subject
    }
    for event in events:
        source = event.source
        found.setdefault(
            source.document_id, _Column(document_id=source.document_id, file_name=source.file_name)
        )
    unknown = (1 << 31, 0)
    return sorted(
        found.values(),
        key=lambda c: (c.published.sort_key() if c.published else unknown, c.file_name),
    )


def build_report(
    timeline: Timeline, start: DateLike, end: DateLike, *, subject: str | None = None
) -> str:
    """One self-contained HTML page (inline CSS and SVG, no scripts, nothing fetched).

    Per subject: a chart of grades per judgement area over time, a theme-by-document heat map,
    the diff between ``start`` and ``end`` by verdict, what the inspection reports in force on
    the two dates named for improvement (persisted, not named again, newly named), and every
    finding grouped by document; the header gives the dates, counts and the claims that
    disagree. The first subject's parts have the ids ``grades-chart``, ``theme-heatmap``,
    ``diff``, ``named-for-improvement`` and ``findings``; later subjects' add ``-2``, ``-3``...
    Every piece of document text is escaped.

    Raises:
        UnknownKeyError: ``subject`` is given and no event is about it.
        DateError: ``start`` or ``end`` cannot be read.
    """
    start_date, end_date = Timeline.date(start), Timeline.date(end)
    index = timeline.index
    if subject is not None:
        subject = index.subject_name(subject)
    if subject is not None and subject not in index.subjects:
        raise UnknownKeyError(
            f"no events about subject {subject!r}",
            value=subject,
            hint=f"known subjects: {', '.join(index.subjects) or 'none, ingest documents first'}",
        )
    subjects = index.subjects if subject is None else [subject]
    current = (index.effective(e, END_OF_TIME) for e in index)
    mentioned = [e for e in current if e is not None and index.subject_name(e.subject) in subjects]
    # A reorganisation is a fact about the authority, not a document read: it is told once per
    # subject, with its law, and never counted or listed as a document.
    changes = [e for e in mentioned if isinstance(e, AuthorityReorganised)]
    events = [e for e in mentioned if not isinstance(e, AuthorityReorganised)]
    conflicts = timeline.conflicts(subject)
    diffs = {name: timeline.diff(start_date, end_date, subject=name) for name in subjects}
    title = ", ".join(subjects) or "No subjects"
    marks = [
        Mark(day=start_date.ordinal, label=f"from {human_date(start_date)}", tooltip="diff start"),
        Mark(day=end_date.ordinal, label=f"to {human_date(end_date)}", tooltip="diff end"),
    ]
    parts = [_header(title, start_date, end_date, events, diffs, conflicts)]
    for n, name in enumerate(subjects):
        mine = [e for e in events if index.subject_name(e.subject) == name]
        suffix = "" if n == 0 else f"-{n + 1}"
        columns = _columns(timeline, name, mine)
        parts.append(f'<div class="subject" id="subject{suffix}">')
        if len(subjects) > 1:
            parts.append(f'<h2 class="subject-name">{_e(name)}</h2>')
        parts += [
            f'<p class="reorganisation">{_e(e.source.quote)} <cite>{_e(e.legislation)}</cite></p>'
            for e in changes
            if index.subject_name(e.subject) == name
        ]
        parts += [
            grades_section(
                [e for e in mine if isinstance(e, JudgementIssued)],
                index.documents,
                marks=marks,
                published=[
                    Mark(day=c.published.ordinal, label=c.file_name, tooltip=c.describe())
                    for c in columns
                    if c.published is not None
                ],
                suffix=suffix,
            ),
            _heatmap(mine, columns, suffix),
            _diff(diffs[name], suffix),
            _named_for_improvement(timeline.weaknesses(start_date, end_date, name), suffix),
            _findings(mine, columns, suffix),
            "</div>",
        ]
    parts.append(_conflicts(conflicts))
    return PAGE.format(title=_e(title), css=CSS, body="\n".join(parts))


def _header(
    title: str,
    start: PartialDate,
    end: PartialDate,
    events: Sequence[AnyEvent],
    diffs: dict[str, StateDiff],
    conflicts: Sequence[Conflict],
) -> str:
    kinds: Counter[type] = Counter(type(e) for e in events)
    documents = {e.source.document_id for e in events}
    counts = [
        ("documents", len(documents)),
        ("judgements", kinds[JudgementIssued]),
        ("findings", kinds[FindingRecorded]),
        ("figures", kinds[MetricObserved]),
        ("recommendations", kinds[RecommendationMade]),
        ("conflicts", len(conflicts)),
    ]
    verdicts: Counter[Verdict] = Counter(c.verdict for d in diffs.values() for c in d.changes)
    out = [
        '<header class="masthead">',
        '<p class="eyebrow">Inspection timeline report</p>',
        f"<h1>{_e(title)}</h1>",
        f'<p class="lede">What changed between <strong>{_e(human_date(start))}</strong> and '
        f"<strong>{_e(human_date(end))}</strong>, read from the documents below. Every grade, "
        "figure and finding is shown with the sentence and document it came from.</p>",
        '<dl class="stats">',
        *(f"<div><dt>{_e(k)}</dt><dd>{v}</dd></div>" for k, v in counts),
        "</dl>",
        '<p class="verdicts">',
        *(
            f'<span class="chip v-{v.value}">{_e(v.value)} <b>{verdicts[v]}</b></span>'
            for v in VERDICT_ORDER
        ),
        "</p>",
    ]
    if conflicts:
        out.append('<div class="disagree"><h2>Sources that disagree</h2><ul>')
        for conflict in conflicts:
            believed, *others = conflict.claims
            also = sorted({_claim(c) for c in others} - {_claim(believed)})
            out.append(
                f"<li><b>{_e(conflict.subject)} · {_e(key_label(conflict.kind, conflict.key))}"
                f"</b> ({_e(' and '.join(conflict.about))}): believed {_e(_claim(believed))}"
                f"; also {_e('; '.join(also) or 'the same claim, repeated')}.</li>"
            )
        out.append('</ul><p><a href="#conflicts">Every claim with its quote</a></p></div>')
    out.append("</header>")
    return "\n".join(out)


def _claim(claim: AnyEvent) -> str:
    value = ""
    if isinstance(claim, JudgementIssued):
        value = claim.grade.label
    elif isinstance(claim, MetricObserved):
        value = f"{claim.value:g}"
    return f"{value}, {human_period(claim.valid)} ({claim.source.file_name})".lstrip(", ")


def _heatmap(events: Sequence[AnyEvent], columns: Sequence[_Column], suffix: str) -> str:
    cells: dict[str, dict[str, list[FindingRecorded]]] = defaultdict(lambda: defaultdict(list))
    for event in events:
        if isinstance(event, FindingRecorded):
            for theme in event.themes:
                cells[theme][event.source.document_id].append(event)

    def weak(theme: str) -> int:
        return sum(_polarity(fs) is not Polarity.POSITIVE for fs in cells[theme].values())

    themes = sorted(cells, key=lambda t: (-weak(t), -len(cells[t]), key_label("theme", t)))
    head = "".join(
        f'<th scope="col"><span class="doc-kind">{_e(c.kind)}</span>'
        f'<span class="doc-date">{_e(c.when if c.published else "undated")}</span>'
        f'<span class="doc-file">{_e(c.file_name)}</span></th>'
        for c in columns
    )
    rows = []
    for theme in themes:
        tds = []
        for column in columns:
            found = cells[theme].get(column.document_id, [])
            tds.append(_cell(key_label("theme", theme), column.file_name, found))
        rows.append(
            f'<tr><th scope="row">{_e(key_label("theme", theme))}</th>{"".join(tds)}'
            f'<td class="weak">{weak(theme)} of {len(cells[theme])}</td></tr>'
        )
    legend = "".join(
        f'<li><span class="cell {p}">{g}</span>{label}</li>'
        for p, g, label in (
            ("positive", "+", "positive: strengths only"),
            ("mixed", "±", "mixed: strengths and weaknesses"),
            ("negative", "−", "negative: weaknesses only"),
            ("none", "", "no finding on the theme"),
        )
    )
    legend += (
        '<li><span class="split sample" aria-hidden="true"><i class="positive" style="width:30%">'
        '</i><i class="mixed" style="width:30%"></i><i class="negative" style="width:40%"></i>'
        "</span>under a mixed cell: its findings' split</li>"
    )
    return (
        f'<section class="themes" id="themes{suffix}" aria-labelledby="themes{suffix}-h">'
        f'<h2 id="themes{suffix}-h">Themes across documents</h2>'
        '<p class="note">Each cell counts the document\'s findings on the theme, coloured by how '
        "they read together. Themes weak (mixed or negative) in the most documents come first, "
        "so persisting weaknesses sit at the top.</p>"
        f'<ul class="legend heat-legend">{legend}</ul><div class="scroll">'
        f'<table id="theme-heatmap{suffix}" class="heatmap"><caption class="sr">Findings per '
        "theme and document, by polarity</caption>"
        f'<thead><tr><th scope="col">Theme</th>{head}<th scope="col">Weak in</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div></section>"
    )


def _cell(theme: str, file_name: str, found: Sequence[FindingRecorded]) -> str:
    """A heat-map cell: count and polarity, and under a mixed cell a bar of how it splits."""
    if not found:
        return '<td class="cell none"></td>'
    polarity = _polarity(found)
    tally = Counter(f.polarity for f in found)
    split = ", ".join(f"{tally[p]} {p.value}" for p in reversed(Polarity) if tally[p])
    bar = "".join(
        f'<i class="{p.value}" style="width:{100 * tally[p] / len(found):.0f}%"></i>'
        for p in reversed(Polarity)
        if tally[p]
    )
    return (
        f'<td class="cell {polarity.value}" title="{_e(theme)} in {_e(file_name)}: {split}">'
        f'<span class="glyph" aria-hidden="true">{_GLYPH[polarity]}</span>{len(found)}'
        f'<span class="sr"> findings, {split}</span>'
        + (
            f'<span class="split" aria-hidden="true">{bar}</span>'
            if polarity is Polarity.MIXED
            else ""
        )
        + "</td>"
    )


def _evidence(change: Change) -> str:
    view = change.after if change.after is not None else change.before
    if view is None or not view.evidence:
        return ""
    first, *more = view.evidence
    also = sorted({e.source.file_name for e in more} - {first.source.file_name})
    extra = f'<span class="also">also {_e(", ".join(also))}</span>' if also else ""
    return (
        f"<blockquote>{_e(_short(first.source.quote))}</blockquote>"
        f"<cite>{_e(first.source.file_name)}</cite>{extra}"
    )


def _level(view: View | None) -> str:
    """A level over its date: "inadequate" above "2018-01-29", coloured by grade or polarity."""
    if view is None:
        return '<span class="absent">—</span>'
    text = level_text(view)
    main, sep, when = text.rpartition(" (")
    main, when = (main, when.removesuffix(")")) if sep else (text, "")
    level = view.level if isinstance(view.level, str) else "figure"
    return f'<span class="lvl lvl-{_e(level)}">{_e(main)}</span><small>{_e(when)}</small>'


def _diff(diff: StateDiff, suffix: str) -> str:
    out = [
        f'<section id="diff{suffix}" class="diff" aria-labelledby="diff{suffix}-h">',
        f'<h2 id="diff{suffix}-h">What changed, {_e(human_date(diff.from_))} → '
        f"{_e(human_date(diff.to))}</h2>",
    ]
    for verdict in VERDICT_ORDER:
        changes = sorted(diff.by_verdict(verdict), key=lambda c: _KIND_ORDER.get(c.kind, 9))
        name = verdict.value
        out.append(
            f'<section class="verdict verdict-{name}" id="diff{suffix}-{name}">'
            f'<h3><span class="chip v-{name}">{_e(name)}</span> {len(changes)} '
            f"<small>{_e(_VERDICT_NOTES[verdict])}</small></h3>"
        )
        if changes:
            out.append(
                '<table class="changes"><thead><tr><th scope="col">What</th>'
                '<th scope="col">Before</th><th scope="col">After</th>'
                '<th scope="col">Rests on</th></tr></thead><tbody>'
            )
            out += [
                f'<tr><th scope="row"><span class="kind">{_e(c.kind)}</span>'
                f"{_e(key_label(c.kind, c.key))}</th><td>{_level(c.before)}</td>"
                f"<td>{_level(c.after)}</td><td>{_evidence(c)}</td></tr>"
                for c in changes
            ]
            out.append("</tbody></table>")
        out.append("</section>")
    out.append("</section>")
    return "\n".join(out)


_STATUS_CHIP = {"persisted": "persisted", "not_named_again": "dropped", "newly_named": "new"}


def _items(items: Sequence[RecommendationMade]) -> str:
    if not items:
        return '<span class="absent">—</span>'
    return "".join(
        f"<blockquote>{_e(_short(i.source.quote))}</blockquote><cite>{_e(i.source.file_name)}</cite>"
        for i in items
    )


def _report_heading(found: Weaknesses, *, first: bool) -> str:
    """ "Report published 11 February 2022 (in force on 1 March 2022)"."""
    report, day = (found.before, found.from_) if first else (found.after, found.to)
    if report is None:
        return f"No report on {human_date(day)}"
    return (
        f"Report published {human_date(report.document.published)} (in force on {human_date(day)})"
    )


def _named_for_improvement(found: Weaknesses, suffix: str) -> str:
    """Themes the two reports' lists of what must improve name: both, the first or the second,
    each with the items quoted."""
    out = [
        f'<section id="named-for-improvement{suffix}" class="diff" '
        f'aria-labelledby="named-for-improvement{suffix}-h">',
        f'<h2 id="named-for-improvement{suffix}-h">What each report named for improvement</h2>',
        f'<p class="note">{_e(weaknesses_text(found))}. A theme is named when an item of the '
        "report's own list of what must improve carries it; one not named again is not said "
        "to have improved.</p>",
    ]
    if found.tracks:
        for status in STATUSES:
            tracks = found.by_status(status)
            chip = _STATUS_CHIP[status]
            out.append(
                f'<section class="verdict verdict-{chip}" id="named-for-improvement{suffix}-'
                f'{status}"><h3><span class="chip v-{chip}">{_e(status.replace("_", " "))}</span>'
                f" {len(tracks)} <small>{_e(WEAKNESS_HEADINGS[status])}</small></h3>"
            )
            if tracks:
                out.append(
                    '<table class="changes"><thead><tr><th scope="col">Theme</th>'
                    f'<th scope="col">{_e(_report_heading(found, first=True))}</th>'
                    f'<th scope="col">{_e(_report_heading(found, first=False))}</th>'
                    "</tr></thead><tbody>"
                )
                out += [
                    f'<tr><th scope="row">{_e(key_label("theme", t.theme))}</th>'
                    f"<td>{_items(t.before)}</td><td>{_items(t.after)}</td></tr>"
                    for t in tracks
                ]
                out.append("</tbody></table>")
            out.append("</section>")
    out.append("</section>")
    return "\n".join(out)


def _findings(events: Sequence[AnyEvent], columns: Sequence[_Column], suffix: str) -> str:
    by_document: dict[str, list[FindingRecorded]] = defaultdict(list)
    for event in events:
        if isinstance(event, FindingRecorded):
            by_document[event.source.document_id].append(event)
    out = [
        f'<section id="findings{suffix}" class="findings" aria-labelledby="findings{suffix}-h">',
        f'<h2 id="findings{suffix}-h">Every finding, by document</h2>',
    ]
    for n, column in enumerate(columns, 1):
        findings = sorted(by_document.get(column.document_id, []), key=lambda f: f.source.start)
        tally = Counter(f.polarity.value for f in findings)
        visit = f" · visit {_e(human_period(column.visit))}" if column.visit else ""
        out.append(
            f'<article class="document" id="findings{suffix}-doc-{n}">'
            f"<h3>{_e(column.heading)}</h3>"
            f'<p class="meta"><code>{_e(column.file_name)}</code> · {_e(column.title)}{visit} · '
            f"{len(findings)} findings: {tally['positive']} positive, {tally['mixed']} mixed, "
            f"{tally['negative']} negative</p>"
        )
        if findings:
            out.append(
                '<table class="finding-list"><thead><tr><th scope="col">Reads</th>'
                '<th scope="col">Finding</th><th scope="col">Themes</th></tr></thead><tbody>'
            )
            out += [
                f'<tr><td><span class="pill {f.polarity.value}">{_e(f.polarity.value)}</span>'
                f"</td><td>{_e(' '.join(f.source.quote.split()))}</td>"
                f"<td>{_e(', '.join(key_label('theme', t) for t in f.themes) or '—')}</td></tr>"
                for f in findings
            ]
            out.append("</tbody></table>")
        out.append("</article>")
    out.append("</section>")
    return "\n".join(out)


def _conflicts(conflicts: Sequence[Conflict]) -> str:
    out = [
        '<section id="conflicts" class="conflicts" aria-labelledby="conflicts-h">',
        '<h2 id="conflicts-h">Claims that disagree</h2>',
    ]
    if not conflicts:
        out.append("<p>No two sources disagree.</p>")
    for conflict in conflicts:
        out.append(
            f"<h3>{_e(conflict.subject)} · {_e(key_label(conflict.kind, conflict.key))} "
            f"<small>disagree on {_e(' and '.join(conflict.about))}</small></h3>"
            f'<p class="note">{_e(conflict.rule)}</p><ol class="claims">'
        )
        for n, claim in enumerate(conflict.claims):
            badge = '<span class="chip v-improved">believed</span> ' if n == 0 else ""
            out.append(
                f"<li>{badge}{_e(_claim(claim))}, known {_e(human_date(claim.known))}"
                f"<blockquote>{_e(_short(claim.source.quote))}</blockquote></li>"
            )
        out.append("</ol>")
    out.append("</section>")
    return "\n".join(out)
