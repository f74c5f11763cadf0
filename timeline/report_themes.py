"""A chart of the themes reports name for improvement across England, year by year, as SVG.

For the national report: ``themes_chart_svg(tl.themes_by_year(at))`` draws, for the themes most
named on the last date, the share of authorities with a report whose latest report names each
one, on 31 March of each year. Inline SVG with a ``<title>`` on every point (no scripts), every
text escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from projections import ThemesNamed
from timeline.labels import key_label
from timeline.report_svg import human_date

__all__ = ["themes_chart_svg"]

# Okabe-Ito and a grey: told apart by colour-blind readers.
_COLOURS = ("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#1a1a1a", "#999")
_WIDTH, _LEFT, _RIGHT, _TOP, _PLOT = 1120, 56, 300, 24, 260
_BOTTOM = _TOP + _PLOT
_HEIGHT = _BOTTOM + 56


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def themes_chart_svg(
    series: Sequence[ThemesNamed],
    *,
    themes: Sequence[str] | None = None,
    top: int = 6,
    chart_id: str = "themes-chart",
) -> str:
    """A line per theme: the percentage of authorities with a report whose latest report names
    it for improvement, on each date of ``series`` (oldest first, as ``themes_by_year`` gives).

    ``themes`` chooses the lines (default: the ``top`` most named on the last date, at most
    eight). Under each date, how many authorities had a report and how many had none yet.
    """
    if not series:
        return (
            f'<svg id="{_e(chart_id)}" role="img" aria-label="No data" width="0" height="0"></svg>'
        )
    last = series[-1]
    chosen = list(themes) if themes is not None else list(last.counts())[: min(top, 8)]
    chosen = chosen[: len(_COLOURS)]
    span = max(len(series) - 1, 1)
    step = (_WIDTH - _LEFT - _RIGHT) / span

    def x(n: int) -> float:
        return _LEFT + n * step

    def y(percent: float) -> float:
        return _BOTTOM - _PLOT * percent / 100

    parts = [
        f'<svg id="{_e(chart_id)}" class="themes-chart" '
        f'viewBox="0 0 {_WIDTH} {_HEIGHT}" role="img" aria-labelledby="{_e(chart_id)}-title">',
        f'<title id="{_e(chart_id)}-title">Themes named for improvement by each authority\'s '
        f"latest inspection report, {_e(human_date(series[0].at))} to "
        f"{_e(human_date(last.at))}: percentage of authorities with a report</title>",
    ]
    for percent in range(0, 101, 25):
        parts.append(
            f'<line x1="{_LEFT}" x2="{_WIDTH - _RIGHT}" y1="{y(percent):.1f}" '
            f'y2="{y(percent):.1f}" stroke="#ddd"/>'
            f'<text x="{_LEFT - 8}" y="{y(percent) + 4:.1f}" text-anchor="end" '
            f'font-size="12">{percent}%</text>'
        )
    for n, named in enumerate(series):
        reported, missing = len(named.reported()), len(named.without_report())
        parts.append(
            f'<text x="{x(n):.1f}" y="{_BOTTOM + 18}" text-anchor="middle" font-size="12">'
            f"{_e(named.at.year)}</text>"
            f'<text x="{x(n):.1f}" y="{_BOTTOM + 34}" text-anchor="middle" font-size="10" '
            f'fill="#555"><title>{_e(human_date(named.at))}: {reported} authorities with a '
            f"report, {missing} with none yet</title>n={reported}</text>"
        )
    for colour, theme in zip(_COLOURS, chosen, strict=False):
        label = key_label("theme", theme)
        # A year with no report anywhere has no share to draw.
        points = [(n, named) for n, named in enumerate(series) if named.reported()]
        path = " ".join(
            f"{'M' if i == 0 else 'L'}{x(n):.1f},{y(named.share(theme)):.1f}"
            for i, (n, named) in enumerate(points)
        )
        parts.append(
            f'<g class="theme-line" data-theme="{_e(theme)}">'
            f'<path d="{path}" fill="none" stroke="{colour}" stroke-width="2.5"/>'
        )
        for n, named in points:
            count, reported = len(named.naming(theme)), len(named.reported())
            parts.append(
                f'<circle cx="{x(n):.1f}" cy="{y(named.share(theme)):.1f}" r="4" '
                f'fill="{colour}"><title>{_e(label)}, {_e(human_date(named.at))}: {count} of '
                f"{reported} authorities with a report ({named.share(theme):.0f}%)</title>"
                "</circle>"
            )
        parts.append("</g>")
    for i, (colour, theme) in enumerate(zip(_COLOURS, chosen, strict=False)):
        top_y = _TOP + 8 + i * 22
        count = len(last.naming(theme))
        parts.append(
            f'<line x1="{_WIDTH - _RIGHT + 16}" x2="{_WIDTH - _RIGHT + 40}" y1="{top_y}" '
            f'y2="{top_y}" stroke="{colour}" stroke-width="3"/>'
            f'<text x="{_WIDTH - _RIGHT + 46}" y="{top_y + 4}" font-size="12">'
            f"{_e(key_label('theme', theme))} ({count})</text>"
        )
    parts.append("</svg>")
    return "\n".join(parts)
