"""The controlled theme vocabulary, from ``timeline/data/themes.toml``, and finding it in text."""

from __future__ import annotations

import functools
import re
import tomllib
from importlib import resources

import attrs

from events import UnknownKeyError
from timeline.reading.literals import Needs, needs_of, untwinned
from timeline.reading.themes_openings import first_words_of, openings_of
from timeline.reading.themes_tokens import (
    PlainNode,
    plain_groups,
    plain_tree,
    plain_words,
    split_words,
)

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
    # Lower-cased ASCII one of which every match begins with (none if not known): in ASCII
    # text the pattern is tried only where they occur.
    openings: tuple[str, ...] = ()
    # The synonym's plain words (letters and digits only, between spaces), which every match
    # holds as whole words of the text, the last perhaps with a plural "s" or "es"; empty for
    # patterns. A set test of them replaces the literal tests.
    words: frozenset[str] = frozenset()
    # The synonym's words if it is nothing but plain words (see themes_tokens); else empty.
    plain: tuple[str, ...] = ()
    # The words one of which, in ASCII text, is the first word of every match (none if not
    # known): a set test of them stands for a key found in nearly every text.
    first_words: frozenset[str] = frozenset()
    # (theme, group), made once rather than in every text's loops.
    pair: tuple[str, str] = attrs.field(init=False)

    @pair.default
    def _pair(self) -> tuple[str, str]:
        return (self.theme, self.group)

    @classmethod
    def of(
        cls,
        theme: str,
        group: str,
        pattern: re.Pattern[str],
        needs: str = "",
        words: frozenset[str] = frozenset(),
        plain: tuple[str, ...] = (),
    ) -> _Wording:
        """A wording whose literals are read from its pattern."""
        literals = needs_of(pattern)
        key = literals.runs[0] if literals.runs else ""
        more = len(literals.runs) > 1 or bool(literals.choices)
        source = pattern.pattern
        return cls(
            theme,
            group,
            pattern,
            needs,
            literals,
            key,
            more,
            openings_of(source),
            words,
            plain,
            first_words_of(source),
        )

    def found_in(self, folded: str, lowered: str, same_offsets: bool) -> bool:
        """Whether the wording occurs in ``folded`` (``lowered`` is its lower case)."""
        if not (same_offsets and self.openings):
            return self.pattern.search(folded) is not None
        # Every match starts where an opening occurs: trying only there spares the engine
        # every other position of the text.
        match = self.pattern.match
        for opening in self.openings:
            at = lowered.find(opening)
            while at >= 0:
                if match(folded, at):
                    return True
                at = lowered.find(opening, at + 1)
        return False


_PLAIN_WORD = re.compile(r"[a-z0-9]+")


def _plain_words(phrase: str) -> frozenset[str]:
    """The words of a synonym that every match holds whole (see ``_Wording.words``).

    A space matches spaces, hyphens or line breaks, none of which a word of the text holds;
    a word with a hyphen, apostrophe or comma in it may be written otherwise, so it is left out.
    """
    parts = normalise(phrase.strip()).lower().split()
    return frozenset(p for p in parts if p.isascii() and _PLAIN_WORD.fullmatch(p))


def _wordings(theme: str, group: str, phrases: list[str], patterns: list[str]) -> list[_Wording]:
    out = []
    for phrase in phrases:
        words = re.findall(r"[a-z0-9]+", normalise(phrase).lower())
        pattern = re.compile(rf"(?<![\w-]){_phrase(phrase)}(?![\w-])", re.IGNORECASE)
        # A hyphen may be written or left out ("multi-agency", "multiagency"): such phrases
        # have no single word to wait for, so they are always tried.
        needs = words[0] if words and "-" not in phrase else ""
        plain = plain_words(normalise(phrase)) or ()
        out.append(_Wording.of(theme, group, pattern, needs, _plain_words(phrase), plain))
    out.extend(_Wording.of(theme, group, re.compile(p, re.IGNORECASE)) for p in patterns)
    return out


@attrs.frozen(kw_only=True)
class _Catalogue:
    """Theme labels, and every wording filed under the word it needs."""

    labels: dict[str, str]
    by_word: dict[str, tuple[_Wording, ...]]
    # The words a text may hold for each of by_word's and each synonym's plain word: itself
    # and its plurals in "s" and "es".
    forms: dict[str, tuple[str, ...]]
    always_try: tuple[_Wording, ...]
    # The same wordings for text whose literal tests hold (see themes_in): synonyms filed under
    # their longest plain word (likely the rarest), including those with no first word to wait
    # for; the rest filed under their key, so that each key is tested once.
    by_any_word: dict[str, tuple[_Wording, ...]]
    by_key: dict[str, tuple[_Wording, ...]]
    # The keys as a forest: a key's parent is the longest other key inside it, which a text
    # holds whenever it holds the key, so a key is tested only in a text holding its parent.
    root_keys: tuple[str, ...]
    # The root keys not made only of letters and digits (the others are found by word).
    other_root_keys: tuple[str, ...]
    key_children: dict[str, tuple[str, ...]]
    # For ASCII text: the synonyms of plain words as a tree of them (see themes_tokens), and
    # by_any_word and forms for the other wordings.
    plain_tree: dict[str, PlainNode]
    rest_by_any_word: dict[str, tuple[_Wording, ...]]
    rest_forms: dict[str, tuple[str, ...]]
    # by_key without the wordings whose key is a single character (" ": in nearly every text)
    # and whose first words are known, which are filed under those words instead.
    ascii_by_key: dict[str, tuple[_Wording, ...]]
    by_first_word: dict[str, tuple[_Wording, ...]]


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
    by_any_word: dict[str, list[_Wording]] = {}
    by_key: dict[str, list[_Wording]] = {}
    for wording in wordings:
        if wording.words:
            word = max(sorted(wording.words), key=len)
            by_any_word.setdefault(word, []).append(wording)
        else:
            by_key.setdefault(wording.key, []).append(wording)
    key_children: dict[str, list[str]] = {key: [] for key in by_key}
    root_keys = []
    for key in sorted(by_key):
        inside = [other for other in by_key if other != key and other in key]
        if inside:
            key_children[max(sorted(inside), key=len)].append(key)
        else:
            root_keys.append(key)
    every_word = {word for wording in wordings for word in wording.words}
    forms = _forms(by_word.keys() | every_word)
    rest = [w for w in wordings if w.words and not w.plain]
    rest_by_any_word: dict[str, list[_Wording]] = {}
    for wording in rest:
        word = max(sorted(wording.words), key=len)
        rest_by_any_word.setdefault(word, []).append(wording)
    by_first_word: dict[str, list[_Wording]] = {}
    for wording in (w for found in by_key.values() for w in found if _by_first_word(w)):
        for word in sorted(wording.first_words):
            by_first_word.setdefault(word, []).append(wording)
    return _Catalogue(
        labels={key: entry["label"] for key, entry in sorted(data.items())},
        by_word={word: tuple(found) for word, found in by_word.items()},
        forms=forms,
        always_try=tuple(w for w in wordings if not w.needs),
        by_any_word={word: tuple(found) for word, found in by_any_word.items()},
        by_key={key: tuple(found) for key, found in by_key.items()},
        root_keys=tuple(root_keys),
        other_root_keys=tuple(k for k in root_keys if not _WORD.fullmatch(k)),
        key_children={key: tuple(children) for key, children in key_children.items()},
        plain_tree=plain_tree((w.plain, (w.theme, w.group)) for w in wordings if w.plain),
        rest_by_any_word={word: tuple(found) for word, found in rest_by_any_word.items()},
        rest_forms=_forms({word for wording in rest for word in wording.words}),
        ascii_by_key={
            key: tuple(w for w in found if not _by_first_word(w)) for key, found in by_key.items()
        },
        by_first_word={word: tuple(found) for word, found in by_first_word.items()},
    )


def _by_first_word(wording: _Wording) -> bool:
    """Whether ASCII text has ``wording`` looked up by its first words rather than its key."""
    return len(wording.key) <= 1 and bool(wording.first_words)


def _forms(words: set[str]) -> dict[str, tuple[str, ...]]:
    """Each word a text may hold for ``words``: them and their plurals in "s" and "es"."""
    forms: dict[str, list[str]] = {}
    for word in words:
        for form in (word, word + "s", word + "es"):
            forms.setdefault(form, []).append(word)
    return {form: tuple(found) for form, found in forms.items()}


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


@functools.lru_cache(maxsize=1 << 16)
def _root_keys_in(token: str) -> tuple[str, ...]:
    """The root keys of letters and digits only that ``token`` (one such word) contains."""
    return tuple(k for k in _catalogue().root_keys if k in token and _WORD.fullmatch(k))


# Words found to hold no such key: most of a text's words, set aside by one set difference
# rather than a look-up each. Bounded, as the cache is, against unending new words.
_KEYLESS: set[str] = set()
_KEYLESS_MOST = 1 << 16


def _root_keys_of(tokens: set[str]) -> set[str]:
    """The root keys of letters and digits only that the words ``tokens`` contain."""
    found: set[str] = set()
    for token in tokens - _KEYLESS:
        keys = _root_keys_in(token)
        if keys:
            found.update(keys)
        elif len(_KEYLESS) < _KEYLESS_MOST:
            _KEYLESS.add(token)
    return found


def themes_in(text: str) -> tuple[str, ...]:
    """The sorted keys of every theme ``text`` mentions (whole words, any case).

    Only the wordings whose words occur in the text (or their singulars) are searched for.
    """
    # Every wording is case-blind, so it finds in the text untwinned what it finds in the text
    # ("allegatİonſ" reads as "allegations"), and the text's words and literals are then true.
    folded = untwinned(normalise(text))
    lowered = folded.lower()
    catalogue = _catalogue()
    if folded.isascii():
        parts = split_words(lowered)
        tokens = set(parts[::2])
        tokens.discard("")
        done = plain_groups(parts, catalogue.plain_tree)
        forms, by_any_word = catalogue.rest_forms, catalogue.rest_by_any_word
        by_key, by_first_word = catalogue.ascii_by_key, catalogue.by_first_word
    else:
        tokens = set(_WORD.findall(lowered))
        done = set()
        forms, by_any_word = catalogue.forms, catalogue.by_any_word
        by_key, by_first_word = catalogue.by_key, {}
    needed = {word for form in tokens & forms.keys() for word in forms[form]}
    # A synonym is tried only when each of its plain words is in the text, as itself or
    # with a plural ending (only its last word can have one, so the test is loose).
    wordings = [
        w for word in needed & by_any_word.keys() for w in by_any_word[word] if w.words <= needed
    ]
    # A key of letters and digits lies inside one of the text's words (maximal runs of
    # them), so the words' keys, remembered across texts, stand for substring tests.
    keys = [key for key in catalogue.other_root_keys if key in lowered]
    keys += _root_keys_of(tokens)
    for key in keys:  # grows as it goes: the children of each key found
        keys += [child for child in catalogue.key_children[key] if child in lowered]
    # Without a letter that lower-cases to two ("İ", untwinned), offsets into lowered are
    # offsets into folded.
    same_offsets = len(lowered) == len(folded)
    for wording in wordings:
        group = wording.pair
        if group not in done and wording.found_in(folded, lowered, same_offsets):
            done.add(group)
    # The literal tests come after the group test: a group found needs no more of them.
    tried = [w for key in keys for w in by_key[key]]
    tried += [w for word in tokens & by_first_word.keys() for w in by_first_word[word]]
    for wording in tried:
        group = wording.pair
        if (
            group not in done
            and (not wording.more or wording.literals.met_by(lowered))
            and wording.found_in(folded, lowered, same_offsets)
        ):
            done.add(group)
    return tuple(
        sorted(
            {
                theme
                for theme, group in done
                if group == "always" or {(theme, "in_context"), (theme, "context")} <= done
            }
        )
    )
