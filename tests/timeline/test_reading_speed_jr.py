"""The judgements and recommendations readers' speed-ups find what the plain forms they replace
find (issue 17.4): lists read from their candidate lines, headlines tried where their opening
words stand, sentences read for retold grades only where a grade and a cue stand, and the
area wordings grouped by their first letter."""

from __future__ import annotations

import collections
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from events import Authority, DocumentKind, PartialDate, Period
from timeline.reading import areas, judgements, recommendations
from timeline.reading.context import DocumentContext
from timeline.reading.document import describe
from timeline.reading.files import document_id, load_document
from timeline.reading.judgements_scan import finditer_opening
from timeline.reading.layout import clean, sentences
from timeline.reading.manifest import MANIFEST_NAME, load_manifest

_ROOT = Path(__file__).resolve().parents[2]
_REAL = sorted((_ROOT / "seeds").glob("*.txt")) + sorted(
    (_ROOT / "tests" / "timeline" / "documents").glob("*.txt")
)

# Lines of the kinds reports hold: list titles, numbered and bulleted items, group headings,
# grade lines and table rows, retold grades, the board's review, running headers and page
# numbers, markup and footnotes, and letters whose case twins defeat lower-case searches (kept
# out of grade words: the plain reader itself cannot parse "ınadequate", which its patterns find).
_LINES = st.sampled_from(
    [
        *("Recommendations", "What needs to improve?", "Areas for improvement", "Next steps"),
        *("What does the local authority need to improve?", "Priority and immediate action"),
        *("RECOMMENDATIONS", "Areas for development:", "Recommendations 12", "Priority actions"),
        *("1. Improve the quality of plans.", "2) Ensure that managers oversee", "(iv) Plans"),
        *("• Strengthen supervision.", "- the quality of", "practice for care leavers.", "12"),
        *("Care leavers", "Leadership and management", "Immediately:", "Page 2 of 14"),
        *("1. The local authority should take the following action.", "Within three months:"),
        *("Inspection of Kent local authority children's services 3", "Summary of findings"),
        *("Review of the Local Safeguarding Children Board", "The LSCB", "Safeguarding Children"),
        *("Board", "What does the LSCB need to improve?", "The inspection did not find any areas"),
        *("Overall effectiveness Inadequate", "Children who need help and protection Good"),
        *("The experiences and progress of", "children in care and care leavers", "Requires"),
        *("improvement to be good", "Adoption performance: good", "Leadership, management and"),
        *("governance Outstanding", "Overall effectiveness Inadequate Adoption performance Good"),
        *("Children's services in Kent are good.", "Children's services for care leavers are"),
        "The overall judgement is that children's services require improvement to be good.",
        *("The graded judgement for adoption performance is that it is good.", "not judged"),
        *("The local authority was judged inadequate in June 2014.", "rated as good in 2019"),
        *("the November 2017 'Inadequate' judgement was published.", "found to be inadequate"),
        *("Children's services in Eastwick were judged to require improvement in 2016.", ""),
        "The last inspection report was published in August 2014. The judgements were:",
        *("- overall effectiveness: inadequate", "The council aims to be rated at least good."),
        *("One children's home, which was judged to be good in 2018.", "This inspection found"),
        *("services in Kent remain inadequate", "The rating of the service was 'good' in 2015"),
        *("**Recommendations**", "Improve¹ plans", "impro²ve", "Recom*mendations", "[x](y)"),
        *("ſervices in Kent are good", "CHILDREN'S SERVICES IN KENT ARE GOOD", "İnspection"),
        *("Kelvin: \u212aent", "judged good by ınspectors in 2014", "Overall effectiveneſs good"),
        *("Priority actionſ", "Recommendationſ", "What needs to improve?\u212a", "ſafeguarding"),
        "Senior leaders have not ensured that the quality of practice for children in need of help"
        " and protection is consistently good, which was judged good in May 2019.",
    ]
)
# Runs of lines that make a list, a table or a retelling, so that the readers find something.
_UNITS = st.sampled_from(
    [
        "Priority actions\n1. Improve the quality of plans.\n2) Ensure that managers\nact.",
        "Areas for development\n• Strengthen supervision.\n• Improve\nplans for care leavers.",
        "Recommendations\nCare leavers\n1. Ensure that pathway plans are clear.\n2. Review plans.",
        "What needs to improve?\n1. The local authority should take the following action.\n"
        "Immediately:\n- stop delays.\nWithin three months:\n- review cases.",
        "Review of the LSCB\nWhat does the LSCB need to improve?\n(i) Audit.\n(ii) Train staff.",
        "Safeguarding children board\nRecommendations\n1. Publish the report.",
        "Running header of this report 1\n\nRunning header of this report 2\n\n"
        "Running header of this report 3",
        "Overall effectiveness\nRequires improvement\nto be good\nAdoption performance Good",
        "The last inspection report was published in August 2014. The judgements were:\n"
        "- overall effectiveness: inadequate\n- adoption performance: good",
        "Kent report 1\n\nRecommendations\n1. Improve plans\n\nKent report 2\n\nand oversight.\n"
        "2. Audit cases.\n\nKent report 3\n\nKent report 4",
        "The graded judgement for the graded judgement about adoption is that it is good.",
        "Priority actıons\n1. Audit cases.\n2. Train staff.",
        "Chıldren's services in Kent are good. Kent was judged ınadequately staffed in 2014.",
        "The council was found to be inadequate in March 2016. Rated good in 2019 by Ofsted.",
        "Children's services in Kent are good. They were judged inadequate in June 2014, "
        "and found to be good in 2016; the 2018 'Good' judgement stands.",
    ]
)
_BREAKS = st.sampled_from(["\n", "\n", "\n", "\n\n", "\r\n", "\x0c", " \n", "\u2028", "\n\n\n"])


@st.composite
def _documents(draw: st.DrawFn) -> str:
    """Lines and runs of lines joined by line breaks of every kind."""
    lines = draw(st.lists(_LINES | _UNITS, max_size=40))
    return "".join(line + draw(_BREAKS) for line in lines)


def _plain_lines(text: str) -> list[tuple[int, int, str]]:
    out = []
    pos = 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        out.append((pos, pos + len(body), clean(body)))
        pos += len(raw)
    return out


def _plain_running(lines: list[recommendations._Line]) -> set[str]:
    counts = collections.Counter(
        recommendations._DIGITS.sub("#", ln.text) for ln in lines if ln.text
    )
    return {
        line
        for line, n in counts.items()
        if n >= recommendations._RUNNING
        and len(line.split()) >= 3
        and not recommendations._is_title(line)
    }


def _plain_improvement_items(text: str) -> tuple[recommendations.ListItem, ...]:
    """``recommendations._improvement_items`` as it was written: every line tried."""
    r = recommendations
    lines = r._lines(text)
    running = _plain_running(lines)
    out: list[recommendations.ListItem] = []
    board = False
    i = 0
    while i < len(lines):
        body = lines[i].text
        if r._is_title(body):
            items, after = r._read_list(
                text, lines, i, running, board or bool(r._BOARD.search(body))
            )
            out.extend(items)
            i = max(after, i + 1)
            continue
        if out and r._heading_like(body) and not body[-1].isdigit() and r._BOARD.search(body):
            board = True
        i += 1
    return tuple(out)


def _context(text: str, authority: Authority = Authority.PRIMARY) -> DocumentContext:
    return DocumentContext(
        text=text,
        document_id="d",
        file_name="d.txt",
        subject="Kent",
        kind=DocumentKind.INSPECTION_REPORT,
        published=PartialDate(2020, 3, 1),
        visit=Period(PartialDate(2020, 1, 6), PartialDate(2020, 1, 17)),
        authority=authority,
    )


def _plain_retold(ctx: DocumentContext) -> list[judgements._Claim]:
    """``judgements._retold`` as it was written: every sentence read."""
    reported_visit = ctx.visit if ctx.authority is Authority.SECONDARY else None
    reported_published = judgements._reported_publication(ctx)
    claims = []
    for block in ctx.blocks:
        for sentence in sentences(ctx.text, block):
            claims.extend(
                judgements._retold_in(
                    ctx, sentence.start, sentence.end, reported_visit, reported_published
                )
            )
    return claims


def _assert_agree(text: str, authority: Authority = Authority.PRIMARY) -> None:
    recommendations._improvement_items.cache_clear()
    assert recommendations._lines(text) == _plain_lines(text)
    assert recommendations._improvement_items(text) == _plain_improvement_items(text)
    for pattern, words in (
        (judgements._HEADLINE, judgements._HEADLINE_OPENINGS),
        (judgements._GRADED_SENTENCE, judgements._GRADED_OPENINGS),
    ):
        found = [m.span() for m in finditer_opening(pattern, text, words)]
        assert found == [m.span() for m in pattern.finditer(text)]
    ctx = _context(text, authority)
    assert judgements._retold(ctx) == _plain_retold(ctx)
    assert areas.find_areas(text) == [m.span() for m in areas.area_pattern().finditer(text)]


@given(_documents(), st.sampled_from([Authority.PRIMARY, Authority.SECONDARY]))
def test_the_fast_readers_read_what_the_plain_ones_read(text: str, authority: Authority) -> None:
    """Lists, headlines, retold grades and area wordings found from candidate places are those
    found by trying every line, position and sentence."""
    _assert_agree(text, authority)


@given(st.text(alphabet="Ab1 \n\x0cgodnſK'’.:-*", max_size=200))
def test_odd_text_is_read_as_the_plain_readers_read_it(text: str) -> None:
    """Short runs of odd characters, line breaks and case twins agree too."""
    _assert_agree(text)


@pytest.mark.parametrize("path", _REAL, ids=lambda p: p.name)
def test_real_documents_are_read_as_the_plain_readers_read_them(path: Path) -> None:
    text = load_document(path).text
    _assert_agree(text)
    info = describe(text, path.name, load_manifest(path.parent / MANIFEST_NAME).get(path.name))
    ctx = DocumentContext(
        text=text,
        document_id=document_id(text),
        file_name=path.name,
        subject=info.subject,
        kind=info.kind,
        published=info.published,
        visit=info.visit,
        authority=info.authority,
    )
    assert judgements._retold(ctx) == _plain_retold(ctx)


def test_the_grouped_area_pattern_is_the_lower_case_pattern_when_wordings_are_letters() -> None:
    """Every wording starts with a letter, so the grouped pattern is the one in use."""
    pattern = areas._lower_case_pattern()
    assert pattern is not None
    assert pattern.pattern != areas.area_pattern().pattern
    first = areas._wordings()[0][0][0]
    assert pattern.pattern.startswith(f"(?<![A-Za-z])(?:{first}(?:")
