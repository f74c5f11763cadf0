"""Fuzzing the reader: any text gives events whose quotes are their spans, or a library error."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from events import AnyEvent, PartialDate, TimelineError, decode, encode
from timeline.reading.dates import find_dates
from timeline.reading.document import Metadata
from timeline.reading.files import document_id
from timeline.reading.reader import read_text

ROOT = Path(__file__).resolve().parents[2]
SEEDS = {
    path.name: path.read_text(encoding="utf-8")
    for path in [
        *sorted((ROOT / "seeds").glob("*.txt")),
        *sorted((ROOT / "tests" / "timeline" / "documents").glob("*.txt")),
    ]
}
# A window of a seed keeps each example fast; the largest seed takes most of a second whole.
WINDOW = 3000
METADATA = (
    None,
    Metadata(published=PartialDate(2020, 1, 1)),
    Metadata(published=PartialDate(2020, 1, 1), subject="Fuzzshire"),
)
# Pieces the reader keys on, and dates that are wrong in every way a document gets them wrong.
FRAGMENTS = (
    "Report published: ",
    "Inspection dates: ",
    "Date: ",
    "Dear Ms Lee\n\n",
    "Monitoring visit to Wokingham children's services",
    "Wokingham County Council",
    "Overall effectiveness",
    "Requires improvement to be good",
    "Inadequate",
    "Good",
    "\n\n",
    "\n- ",
    "\n12. ",
    "RESOLVED –",
    "’",
    "\u00a0",
    "\r\n",
    "\x00",
    "%",
    " per 10,000 children",
    "At 31 March 2019, 12% of",
    "31 February 2019",
    "0 January 2019",
    "29 February 2021",
    "2019-13-45",
    "32/13/2020",
    "00/00/0000",
    "between 29 November and",
    "Autumn 2019",
    "since 2014",
    "in 10000",
    "1 January 1",
    "٢٠١٩",
    "𝟚𝟘𝟙𝟡",
)


@st.composite
def _mutated_seeds(draw: st.DrawFn) -> str:
    """A window of a seed with random insertions, deletions and swapped or garbled dates."""
    text = SEEDS[draw(st.sampled_from(sorted(SEEDS)))]
    start = draw(st.one_of(st.just(0), st.integers(0, max(0, len(text) - WINDOW))))
    text = text[start : start + WINDOW]
    for _ in range(draw(st.integers(0, 6))):
        op = draw(st.sampled_from(("insert", "delete", "swap dates", "garble date")))
        at = draw(st.integers(0, len(text)))
        if op == "insert":
            piece = draw(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=20)))
            text = text[:at] + piece + text[at:]
        elif op == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 200)) :]
        else:
            mentions = find_dates(text)
            if not mentions:
                continue
            first = draw(st.sampled_from(mentions))
            if op == "swap dates":
                second = draw(st.sampled_from(mentions))
                first, second = sorted((first, second), key=lambda m: m.start)
                if first.end > second.start:
                    continue
                text = (
                    text[: first.start]
                    + text[second.start : second.end]
                    + text[first.end : second.start]
                    + text[first.start : first.end]
                    + text[second.end :]
                )
            else:
                garbled = draw(st.sampled_from(FRAGMENTS[-14:]))
                text = text[: first.start] + garbled + text[first.end :]
    return text


_WORDS = st.one_of(
    st.sampled_from(FRAGMENTS),
    st.sampled_from(("the", "council", "children", "inspectors", "found", "were", "judged", ".")),
    st.text(max_size=12),
)
_RANDOM_TEXT = st.one_of(
    st.text(max_size=400),
    st.lists(_WORDS, max_size=80).map(" ".join),
)


def _check(text: str, metadata: Metadata | None) -> None:
    try:
        reading = read_text(text, "fuzz.txt", metadata)
    except TimelineError:
        return
    events: tuple[AnyEvent, ...] = reading.events
    assert events
    for event in events:
        source = event.source
        assert source.quote == text[source.start : source.end]
        assert source.file_name == "fuzz.txt"
        assert source.document_id == document_id(text)
        assert decode(encode(event)) == event


@given(_RANDOM_TEXT, st.sampled_from(METADATA))
def test_random_text_reads_or_raises_a_library_error(text: str, metadata: Metadata | None) -> None:
    """Random text and reader keywords: events quote their spans, or a TimelineError is raised."""
    _check(text, metadata)


@given(_mutated_seeds(), st.sampled_from(METADATA))
def test_mutated_seed_reads_or_raises_a_library_error(text: str, metadata: Metadata | None) -> None:
    """Seeds with insertions, deletions, swapped or garbled dates: library errors, true quotes."""
    _check(text, metadata)
