"""Sentence splitting: cuts after a full stop, question or exclamation mark, not abbreviations."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.reading.layout import Block, sentences

# The cut as first written, looking behind for the stop: the reader's pattern matches the stop.
_LOOKBEHIND_CUT = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"“‘(]?[A-Z0-9])")

WORDS = ["Care", "leavers", "are", "well", "supported", "e.g.", "Dr.", "3", "It", "A", "no."]
MARKS = [".", "!", "?", "...", ".)", ".'", "\u2019", "(", ")", "'", "\u201c", " ", "  ", "\n"]
pieces = st.sampled_from([*WORDS, *MARKS])


@settings(max_examples=300)
@given(st.lists(pieces, min_size=1, max_size=30).map(lambda p: " ".join(p)))
def test_sentences_end_where_a_stop_is_followed_by_a_new_sentence(text: str) -> None:
    """Every sentence but the last ends just after a stop and its closing marks, where the
    lookbehind form of the cut begins."""
    found = sentences(
        text, Block(start=0, end=len(text), kind="paragraph", number=None, heading="")
    )
    closes = {m.start() + len(m.group().rstrip()) for m in _LOOKBEHIND_CUT.finditer(text)}
    assert all(sentence.end in closes for sentence in found[:-1])
    assert all(text[s.start : s.end].strip() == text[s.start : s.end] for s in found)
