"""Recommendations and actions: the lists documents use to say what must improve.

Read from a section whose heading names recommendations, areas for improvement or what needs
to improve; from the list that follows a sentence introducing actions or recommendations ("the
actions that the Council needed to take:"); and from paragraphs marked "(Recommendation)" when
the document has no list of its own (a report with a list marks the findings behind each
recommendation that way, and those stay findings).
"""

from __future__ import annotations

import re

from events import RecommendationMade
from timeline.reading.areas import area_for_heading
from timeline.reading.context import DocumentContext
from timeline.reading.layout import Block, clean
from timeline.reading.themes import themes_in

__all__ = ["is_recommendation_heading", "read_recommendations", "recommendation_blocks"]

_HEADING = re.compile(
    r"\b(?:recommendations?|what\s+needs\s+to\s+improve|areas?\s+(?:for|of)\s+(?:improvement|"
    r"development)|actions?\s+(?:required|needed|plan)|next\s+steps)\b",
    re.IGNORECASE,
)
_INTRO = re.compile(
    r"\b(?:actions?|recommendations?|areas?\s+for\s+(?:improvement|development)|"
    r"needs?\s+to\s+improve|should\s+(?:improve|ensure))\b[^:]*:\s*$",
    re.IGNORECASE,
)
_MARKED = re.compile(r"\(\s*Recommendation\s*\)", re.IGNORECASE)
_LIST_NUMBER = re.compile(r"\s*(?:[-*•·]\s+)?(?:\(?[0-9ivx]{1,5}[.)]\s+)?")


def _introduces(text: str) -> bool:
    """Whether ``text`` introduces a list of actions or recommendations."""
    # Only text ending in a colon can; the search would otherwise scan every block in full.
    return text.rstrip().endswith(":") and _INTRO.search(text) is not None


def is_recommendation_heading(heading: str) -> bool:
    """Whether a section heading introduces recommendations or what needs to improve."""
    return bool(_HEADING.search(clean(heading)))


def recommendation_blocks(ctx: DocumentContext) -> list[Block]:
    """The blocks that are recommendations or actions, in order."""
    chosen: list[Block] = []
    introduced = False
    for block in ctx.blocks:
        if block.kind == "heading":
            introduced = _introduces(block.text(ctx.text))
            continue
        text = block.text(ctx.text)
        if block.kind == "bullet" and (introduced or is_recommendation_heading(block.heading)):
            chosen.append(block)
            continue
        if (
            block.kind == "paragraph"
            and is_recommendation_heading(block.heading)
            and block.number is not None
        ):
            # Some reports number recommendations as plain paragraphs.
            chosen.append(block)
            continue
        introduced = _introduces(text)
    if not chosen:
        chosen = [b for b in ctx.blocks if b.kind != "heading" and _MARKED.search(b.text(ctx.text))]
    return chosen


def read_recommendations(ctx: DocumentContext) -> list[RecommendationMade]:
    """Every recommendation or action, quoted without its list marker."""
    events = []
    for block in recommendation_blocks(ctx):
        marker = _LIST_NUMBER.match(ctx.text, block.start)
        start = marker.end() if marker is not None else block.start
        source = ctx.source(start, block.end)
        if not source.quote.strip():
            continue
        text = _MARKED.sub("", clean(source.quote)).strip()
        events.append(
            RecommendationMade(
                subject=ctx.subject,
                valid=ctx.valid,
                known=ctx.published,
                source=source,
                text=text,
                themes=themes_in(source.quote),
                area=area_for_heading(block.heading),
            )
        )
    return events
