"""The results table: each figure with its target, PASS/FAIL (or n/a) and its ratio to a peer."""

from __future__ import annotations

import attrs

__all__ = ["Row", "Target", "render"]


@attrs.frozen(kw_only=True)
class Target:
    """A bound on a figure: ``at_least`` or at most ``limit``; ``applies`` False at small sizes."""

    limit: float
    at_least: bool
    text: str
    applies: bool = True

    def verdict(self, value: float) -> str:
        """PASS, FAIL, or n/a when the run is too small for the target to mean anything."""
        if not self.applies:
            return "n/a"
        ok = value >= self.limit if self.at_least else value <= self.limit
        return "PASS" if ok else "FAIL"


@attrs.frozen(kw_only=True)
class Row:
    """One line of the table."""

    name: str
    value: float
    unit: str
    target: Target | None = None
    ratio: str = ""

    def cells(self) -> list[str]:
        """The row as table cells."""
        return [
            self.name,
            f"{_number(self.value)} {self.unit}".strip(),
            self.target.text if self.target else "",
            self.target.verdict(self.value) if self.target else "",
            self.ratio,
        ]


def _number(value: float) -> str:
    if value >= 100:
        return f"{value:,.0f}"
    if value >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}" if value >= 0.1 else f"{value:.3f}"


def render(rows: list[Row]) -> str:
    """A Markdown table, columns padded so it also reads as plain text."""
    header = ["measurement", "value", "target", "result", "vs baseline (same run)"]
    table = [header] + [row.cells() for row in rows]
    widths = [max(len(line[i]) for line in table) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

    rule = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([line(header), rule, *(line(cells) for cells in table[1:])])
