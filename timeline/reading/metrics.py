"""The metric catalogue (``timeline/data/metrics.toml``); naming a figure by the words around it."""

from __future__ import annotations

import functools
import re
import tomllib
from importlib import resources

import attrs

from events import Direction
from timeline.reading.figures_keys import KeyFinder
from timeline.reading.literals import Needs, literal_test_holds, needs_of

__all__ = ["Catalogue", "Metric", "catalogue", "name_metric"]


@attrs.frozen
class Metric:
    """One metric of the catalogue: its key, label, unit, better direction and phrases."""

    key: str
    label: str
    unit: str
    direction: Direction
    patterns: tuple[re.Pattern[str], ...]  # one a phrase, so the longest can win
    population: bool


@attrs.frozen
class _Phrase:
    """One phrase of a metric, with what the lower-cased text must hold for it to match."""

    metric: Metric
    pattern: re.Pattern[str]
    needs: Needs
    key: str  # the longest run of ``needs``: one test rules most phrases out


@attrs.frozen
class Catalogue:
    """The metrics, the nouns a measurement counts, and the comparators' wordings."""

    metrics: tuple[Metric, ...]
    phrases: dict[bool, tuple[_Phrase, ...]]  # by population, in catalogue order
    nouns: re.Pattern[str]  # "<number> <noun>" is a measurement
    before: dict[str, re.Pattern[str]]  # "the England average (" + number
    after: dict[str, re.Pattern[str]]  # number + " nationally"


@functools.cache
def catalogue() -> Catalogue:
    """The metric catalogue, read once from the package data."""
    text = resources.files("timeline.data").joinpath("metrics.toml").read_text("utf-8")
    data = tomllib.loads(text)
    names = {name: "|".join(phrases) for name, phrases in data["comparators"].items()}
    metrics = []
    for key, entry in data["metrics"].items():
        patterns = tuple(re.compile(rf"(?<!\w)(?:{p})(?!\w)", re.I) for p in entry["phrases"])
        metrics.append(
            Metric(
                key=key,
                label=entry.get("label", key),
                unit=entry["unit"],
                direction=Direction(entry["direction"]),
                patterns=patterns,
                population=bool(entry.get("population", False)),
            )
        )
    phrases: dict[bool, list[_Phrase]] = {False: [], True: []}
    for metric in metrics:
        for pattern in metric.patterns:
            needs = needs_of(pattern)
            key = needs.runs[0] if needs.runs else ""
            phrases[metric.population].append(_Phrase(metric, pattern, needs, key))
    return Catalogue(
        metrics=tuple(metrics),
        phrases={population: tuple(found) for population, found in phrases.items()},
        nouns=re.compile(rf"\b(?:{'|'.join(data['measured']['nouns'])})\b", re.I),
        before={
            n: re.compile(rf"\b(?:{p})\W*(?:(?:is|was|are|were|of|at|stands at)\W+)*\(?\s*$", re.I)
            for n, p in names.items()
        },
        after={
            n: re.compile(rf"\s*(?:for |in |across |among )?(?:{p})\b", re.I)
            for n, p in names.items()
        },
    )


# Opening with a lookahead of its words' first letters, the search skips other positions.
_COMPLEMENT = re.compile(
    r"(?=[abiorstw])\b(?:is|was|are|were|be|been|stood at|stands at|reached|to|of)\s*$", re.I
)
_SHARE_OF = re.compile(r"\s*of\b")
_NEXT_CLAUSE = re.compile(
    r"(?<=[\w)'\u2019])\s*,\s(?!\w+(?: \w+)?,? (?:or|and)\b)"
)  # not in a list


_GATED = 3  # shorter keys (" ") are in nearly every window: their phrases are always tried


@functools.cache
def _index(population: bool) -> tuple[KeyFinder, dict[str, tuple[int, ...]], tuple[int, ...]]:
    """The population's keys, the phrases (their places in the catalogue) of each key, and the
    phrases whose key is short."""
    by_key: dict[str, list[int]] = {}
    short = []
    for i, phrase in enumerate(catalogue().phrases[population]):
        if len(phrase.key) < _GATED:
            short.append(i)
        else:
            by_key.setdefault(phrase.key, []).append(i)
    found = {key: tuple(places) for key, places in by_key.items()}
    return KeyFinder(list(by_key)), found, tuple(short)


def _matches(text: str, population: bool) -> list[tuple[int, int, Metric]]:
    phrases = catalogue().phrases[population]
    out = []
    if not literal_test_holds(text):
        for phrase in phrases:
            out += [(m.start(), m.end(), phrase.metric) for m in phrase.pattern.finditer(text)]
        return out
    # Each window holds few of the catalogue's phrases: only those whose key it holds are
    # tested, in catalogue order, for the rest of their words before searching.
    lowered = text.lower()
    finder, by_key, short = _index(population)
    places = sorted({*short, *(i for key in finder.present(lowered) for i in by_key[key])})
    for i in places:
        phrase = phrases[i]
        if phrase.key not in lowered or not phrase.needs.met_by(lowered):
            continue
        out += [(m.start(), m.end(), phrase.metric) for m in phrase.pattern.finditer(text)]
    return out


def name_metric(after: str, before: str, label: str | None = None) -> tuple[Metric, str] | None:
    """The metric named nearest the number: specific phrases first, then whole groups.

    The words after the number are read up to the next comma ("fallen to 12%, and ... agency
    staff" is not an agency figure). When the number counts a noun of its own ("18 newly
    qualified social workers"), only a phrase close before it names it. "58% of children who
    go missing" and "turnover was 19% and ..." read the words before first: after "of" comes
    the population, and a figure after "was" completes what the words before it name.
    """
    after = _NEXT_CLAUSE.split(after, maxsplit=1)[0]
    if catalogue().nouns.search(" ".join(after.split()[:4])):
        before = " ".join(before.split()[-10:])
    share_of = _SHARE_OF.match(after)  # "47% of children who went missing were offered"
    windows = (before, after) if share_of or _COMPLEMENT.search(before) else (after, before)
    for population in (False, True):
        for window in windows:
            if hits := _matches(window, population):
                if window is after and not share_of:  # the first phrase after, else the last
                    s, e, metric = min(hits, key=lambda h: (h[0], h[0] - h[1]))
                else:
                    s, e, metric = max(hits, key=lambda h: (h[1], h[1] - h[0]))
                return metric, window[s:e]
    combined = f"{label} {before} {after}"
    if label and (hits := _matches(combined, False) + _matches(combined, True)):
        s, e, metric = max(hits, key=lambda h: (h[1] - h[0], h[1]))
        return metric, combined[s:e]
    return None
