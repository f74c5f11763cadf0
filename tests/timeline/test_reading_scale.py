"""Reading time grows linearly with the size of the text (issue 13.5)."""

from __future__ import annotations

import gc
import time

from timeline.reading.reader import read_text

FRONT = "Buckinghamshire County Council\n\nCabinet minutes\n\nPublished: 29 January 2018\n\n"
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August")
BODIES = (
    "adoption panel",
    "fostering panel",
    "corporate parenting board",
    "children's services scrutiny committee",
)


def _item(i: int) -> str:
    month, year, body = MONTHS[i % 8], 2015 + (i // 8) % 4, BODIES[i % len(BODIES)]
    days = ", ".join(f"{day} {month} {year}" for day in (3, 10, 17, 24))
    return f"- The {body} met on {days}, and considered {20 + i % 37} children's cases.\n\n"


def minutes(size: int) -> str:
    """Whole items of minutes up to ``size`` characters, each a figure with four dates before it.

    Dates beside figures are where reading went quadratic (each one rewrote the whole
    document), so a little of this text shows it at sizes a test can afford.
    """
    out, total, i = [FRONT], len(FRONT), 0
    while total + len(item := _item(i)) <= size:
        out.append(item)
        total += len(item)
        i += 1
    return "".join(out)


def one_line(size: int) -> str:
    """The minutes as one paragraph on one line: a paste that lost its line breaks."""
    return " ".join(minutes(size).replace("\n- ", "\n").split())


def _seconds(text: str) -> float:
    """The best of three readings, in CPU time: other processes on the machine count less."""
    best = float("inf")
    for _ in range(3):
        gc.collect()
        start = time.process_time()
        read_text(text, "minutes.txt")
        best = min(best, time.process_time() - start)
    return best


def test_minutes_are_dated_figures() -> None:
    """The scale text is read as one council's document whose every item is a dated figure."""
    reading = read_text(minutes(20_000), "minutes.txt")
    assert reading.info.subject == "Buckinghamshire"
    figures = [e for e in reading.events if e.kind == "metric_observed"]
    assert len(figures) == minutes(20_000).count("considered")


def test_doubling_the_text_at_most_doubles_the_time() -> None:
    """Reading 400 kB takes at most 2.5 times as long as reading 200 kB (linear, with slack)."""
    read_text(minutes(10_000), "warm.txt")  # vocabularies loaded and patterns compiled
    small, large = _seconds(minutes(200_000)), _seconds(minutes(400_000))
    assert large / small <= 2.5, f"200 kB in {small:.2f} s, 400 kB in {large:.2f} s"


def test_a_text_without_line_breaks_reads_in_linear_time() -> None:
    """One 200 kB line takes at most 2.5 times as long as one 100 kB line."""
    read_text(one_line(10_000), "warm.txt")
    small, large = _seconds(one_line(100_000)), _seconds(one_line(200_000))
    assert large / small <= 2.5, f"100 kB in {small:.2f} s, 200 kB in {large:.2f} s"
