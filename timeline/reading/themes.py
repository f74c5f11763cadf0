"""The controlled theme vocabulary, from ``timeline/data/themes.toml``, and finding it in text."""

from __future__ import annotations

import functools
import re
import tomllib
from importlib import resources

import attrs

from events import UnknownKeyError

__all__ = ["normalise", "theme_keys", "theme_label", "themes_in"]

_FOLD = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u02bc": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u00a0": " ",
    }
)


def normalise(text: str) -> str:
    """``text`` with curly quotes straightened and Unicode hyphens and spaces made plain.

    Every character maps to exactly one, so offsets into the result are offsets into ``text``.
    """
    return text.translate(_FOLD)


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
    """One synonym or pattern, with a word the text must contain for it to match at all."""

    pattern: re.Pattern[str]
    needs: str = ""  # lower case; checking it first skips most regex searches

    @classmethod
    def phrase(cls, phrase: str) -> _Wording:
        """A synonym, matched as whole words."""
        needs = re.findall(r"[a-z0-9]+", normalise(phrase).lower())
        return cls(
            pattern=re.compile(rf"(?<![\w-]){_phrase(phrase)}(?![\w-])", re.IGNORECASE),
            needs=needs[0] if needs else "",
        )

    def found_in(self, text: str, lowered: str) -> bool:
        return self.needs in lowered and self.pattern.search(text) is not None


def _wordings(phrases: list[str], patterns: list[str] = []) -> tuple[_Wording, ...]:  # noqa: B006
    return tuple(_Wording.phrase(p) for p in phrases) + tuple(
        _Wording(pattern=re.compile(p, re.IGNORECASE)) for p in patterns
    )


@attrs.frozen(kw_only=True)
class _Theme:
    """A theme's label and its wordings."""

    key: str
    label: str
    always: tuple[_Wording, ...]
    in_context: tuple[_Wording, ...]
    context: tuple[_Wording, ...]

    def found_in(self, text: str, lowered: str) -> bool:
        """Whether ``text`` (normalised; ``lowered`` is it in lower case) is about this theme."""
        if any(w.found_in(text, lowered) for w in self.always):
            return True
        return any(w.found_in(text, lowered) for w in self.in_context) and any(
            w.found_in(text, lowered) for w in self.context
        )


@functools.cache
def _catalogue() -> dict[str, _Theme]:
    source = resources.files("timeline.data").joinpath("themes.toml").read_text("utf-8")
    data = tomllib.loads(source)
    return {
        key: _Theme(
            key=key,
            label=entry["label"],
            always=_wordings(entry.get("synonyms", []), entry.get("patterns", [])),
            in_context=_wordings(entry.get("in_context", [])),
            context=_wordings(entry.get("context", [])),
        )
        for key, entry in sorted(data.items())
    }


def theme_keys() -> tuple[str, ...]:
    """Every theme key in the vocabulary, sorted."""
    return tuple(sorted(_catalogue()))


def theme_label(key: str) -> str:
    """The display label of theme ``key``.

    Raises:
        UnknownKeyError: ``key`` is not in the vocabulary.
    """
    try:
        return _catalogue()[key].label
    except KeyError:
        raise UnknownKeyError(
            f"unknown theme {key!r}",
            value=key,
            hint="see theme_keys(), or add it to timeline/data/themes.toml",
        ) from None


def themes_in(text: str) -> tuple[str, ...]:
    """The sorted keys of every theme ``text`` mentions (whole words, any case)."""
    folded = normalise(text)
    lowered = folded.lower()
    return tuple(key for key, theme in _catalogue().items() if theme.found_in(folded, lowered))
