"""The controlled theme vocabulary, from ``timeline/data/themes.toml``, and finding it in text."""

from __future__ import annotations

import functools
import re
import tomllib
from importlib import resources

import attrs

from events import UnknownKeyError
from timeline.reading.literals import Needs, literal_test_holds, needs_of

__all__ = ["normalise", "theme_keys", "theme_label", "themes_in"]

_FOLD = (
    ("\u2018", "'"),
    ("\u2019", "'"),
    ("\u02bc", "'"),
    ("`", "'"),
    ("\u201c", '"'),
    ("\u201d", '"'),
    ("\u2010", "-"),
    ("\u2011", "-"),
    ("\u2012", "-"),
    ("\u2013", "-"),
    ("\u00a0", " "),
)


def normalise(text: str) -> str:
    """``text`` with curly quotes straightened and Unicode hyphens and spaces made plain.

    Every character maps to exactly one, so offsets into the result are offsets into ``text``.
    """
    if text.isascii():  # the only ASCII character folded is the backtick
        return text.replace("`", "'")
    # str.translate looks every character up in a dict: dozens of times slower than a scan
    # for each of the few characters folded.
    for char, plain in _FOLD:
        if char in text:
            text = text.replace(char, plain)
    return text


def _phrase(phrase: str) -> str:
    """A synonym as a regex: spaces match spaces, hyphens or line breaks; apostrophes and
    commas are optional; a plural "s"/"es" and a possessive apostrophe may follow."""
    parts = []
    for char in normalise(phrase.strip()):
        if char.isspace():
            parts.append(r"[\s-]+")
        elif char == "-":
            parts.append(r"[\s-]?")
        elif char in "',":
            parts.append(re.escape(char) + "?")
        else:
            parts.append(re.escape(char))
    return "".join(parts) + r"(?:s|es)?'?"


@attrs.frozen
class _Wording:
    """One synonym or pattern of one theme's group, with the word it cannot match without."""

    theme: str
    group: str  # "always", "in_context" or "context"
    pattern: re.Pattern[str]
    needs: str  # a lower-case word of the text; "" for patterns, always tried
    # What the lower-cased text must contain for the pattern to match, and the longest run of
    # it ("" if none), tested first since a test is cheaper than a call.
    literals: Needs
    key: str
    more: bool  # whether the literals need more than the key
    # What every match begins with, lower-cased ASCII ("" if not known): in ASCII text the
    # search starts at its first occurrence rather than at the start of the text.
    opening: str = ""

    @classmethod
    def of(
        cls, theme: str, group: str, pattern: re.Pattern[str], needs: str = "", opening: str = ""
    ) -> _Wording:
        """A wording whose literals are read from its pattern."""
        literals = needs_of(pattern)
        key = literals.runs[0] if literals.runs else ""
        more = len(literals.runs) > 1 or bool(literals.choices)
        return cls(theme, group, pattern, needs, literals, key, more, opening)


# What ends a synonym's first run of plain characters (see _phrase).
_OPENING_END = re.compile(r"[\s',-]")


def _wordings(theme: str, group: str, phrases: list[str], patterns: list[str]) -> list[_Wording]:
    out = []
    for phrase in phrases:
        words = re.findall(r"[a-z0-9]+", normalise(phrase).lower())
        pattern = re.compile(rf"(?<![\w-]){_phrase(phrase)}(?![\w-])", re.IGNORECASE)
        # A hyphen may be written or left out ("multi-agency", "multiagency"): such phrases
        # have no single word to wait for, so they are always tried.
        needs = words[0] if words and "-" not in phrase else ""
        opening = _OPENING_END.split(normalise(phrase.strip()), maxsplit=1)[0]
        # Only ASCII letters are equal ignoring case just when their lower cases are.
        opening = opening.lower() if opening.isascii() else ""
        out.append(_Wording.of(theme, group, pattern, needs, opening))
    out.extend(_Wording.of(theme, group, re.compile(p, re.IGNORECASE)) for p in patterns)
    return out


@attrs.frozen(kw_only=True)
class _Catalogue:
    """Theme labels, and every wording filed under the word it needs."""

    labels: dict[str, str]
    by_word: dict[str, tuple[_Wording, ...]]
    # The words a text may hold for each of by_word's: itself and its plurals in "s" and "es".
    forms: dict[str, tuple[str, ...]]
    always_try: tuple[_Wording, ...]


@functools.cache
def _catalogue() -> _Catalogue:
    source = resources.files("timeline.data").joinpath("themes.toml").read_text("utf-8")
    data = tomllib.loads(source)
    wordings: list[_Wording] = []
    for key, entry in sorted(data.items()):
        wordings += _wordings(key, "always", entry.get("synonyms", []), entry.get("patterns", []))
        wordings += _wordings(key, "in_context", entry.get("in_context", []), [])
        wordings += _wordings(key, "context", entry.get("context", []), [])
    by_word: dict[str, list[_Wording]] = {}
    for wording in wordings:
        if wording.needs:
            by_word.setdefault(wording.needs, []).append(wording)
    forms: dict[str, list[str]] = {}
    for word in by_word:
        for form in (word, word + "s", word + "es"):
            forms.setdefault(form, []).append(word)
    return _Catalogue(
        labels={key: entry["label"] for key, entry in sorted(data.items())},
        by_word={word: tuple(found) for word, found in by_word.items()},
        forms={form: tuple(words) for form, words in forms.items()},
        always_try=tuple(w for w in wordings if not w.needs),
    )


def theme_keys() -> tuple[str, ...]:
    """Every theme key in the vocabulary, sorted."""
    return tuple(_catalogue().labels)


def theme_label(key: str) -> str:
    """The display label of theme ``key``.

    Raises:
        UnknownKeyError: ``key`` is not in the vocabulary.
    """
    try:
        return _catalogue().labels[key]
    except KeyError:
        raise UnknownKeyError(
            f"unknown theme {key!r}",
            value=key,
            hint="see theme_keys(), or add it to timeline/data/themes.toml",
        ) from None


_WORD = re.compile(r"[a-z0-9]+")


def themes_in(text: str) -> tuple[str, ...]:
    """The sorted keys of every theme ``text`` mentions (whole words, any case).

    Only the wordings whose first word occurs in the text (or its singular) are searched for.
    """
    folded = normalise(text)
    lowered = folded.lower()
    catalogue = _catalogue()
    forms = catalogue.forms
    needed = {word for form in set(_WORD.findall(lowered)) & forms.keys() for word in forms[form]}
    literal_check = literal_test_holds(folded)
    same_offsets = folded.isascii()  # lowered's offsets are folded's
    found: dict[str, set[str]] = {}
    by_word = catalogue.by_word
    candidates = [w for word in needed for w in by_word[word]]
    for wording in [*candidates, *catalogue.always_try]:
        if literal_check and (
            wording.key not in lowered or (wording.more and not wording.literals.met_by(lowered))
        ):
            continue
        groups = found.setdefault(wording.theme, set())
        if wording.group in groups:
            continue
        start = 0
        if same_offsets and wording.opening:
            start = lowered.find(wording.opening)
            if start < 0:
                continue
        if wording.pattern.search(folded, start):
            groups.add(wording.group)
    return tuple(
        sorted(
            theme
            for theme, groups in found.items()
            if "always" in groups or {"in_context", "context"} <= groups
        )
    )
