"""Findings: which blocks and sentences are findings, their polarity, themes, areas and sources."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from events import Area, DocumentKind, FindingRecorded, PartialDate, Period, Polarity
from timeline.reading.context import DocumentContext
from timeline.reading.findings import read_findings
from timeline.reading.layout import clean
from timeline.reading.polarity import polarity_of, sentence_polarity
from timeline.reading.themes import themes_in

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
HEALTH = "care_leavers_health_histories"


def _context(text: str, kind: DocumentKind = DocumentKind.OTHER) -> DocumentContext:
    return DocumentContext(
        text=text,
        document_id="d" * 64,
        file_name="document.txt",
        subject="Harfield",
        kind=kind,
        published=PartialDate.coerce("2023-05-02"),
        visit=Period.of("2023-03-14", "2023-03-15"),
    )


def _seed(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def _findings(text: str, kind: DocumentKind = DocumentKind.OTHER) -> list[FindingRecorded]:
    return read_findings(_context(text, kind))


@functools.cache
def _seed_findings(prefix: str) -> list[FindingRecorded]:
    return _findings(_seed(prefix))


def _containing(findings: list[FindingRecorded], words: str) -> list[FindingRecorded]:
    return [f for f in findings if words in f.text]


# Invented documents about other authorities, in the style of the document kinds.
HARFIELD_LETTER = """\
3 May 2023

Ms Joanna Pell
Director of Children's Services
Harfield Borough Council
Civic Centre
Harfield
HF1 2AA

Dear Ms Pell

Monitoring visit to Harfield children's services

This letter summarises the findings of the monitoring visit to Harfield children's services on \
14 and 15 March 2023. This was the third monitoring visit since the local authority was judged \
inadequate in March 2021. The visit was carried out by Amir Shah, His Majesty's Inspector.

Areas covered by the visit

Inspectors reviewed the progress made in the following areas of concern:

- the effectiveness of support for care leavers, including their health and accommodation
- the quality of supervision and management oversight in the leaving care team.

Findings and evaluation of progress

- Care leavers in Harfield do not receive a summary of their health history. However, a \
health passport is being designed with young people.
- Personal advisers are well supported and caseloads are manageable. They visit young people \
regularly and know them well.
- Pathway plans are too variable in quality and many lack contingency planning. Too few plans \
are updated when young people's circumstances change.
- Management oversight is not yet consistently effective in the leaving care team.

I am copying this letter to the Department for Education. This letter will be published on \
the Ofsted website.

Yours sincerely

Amir Shah
His Majesty's Inspector
"""

WEXLEY_REPORT = """\
Wexley Borough Council

Inspection of children's social care services

Judgement\tGrade
Overall effectiveness\tRequires improvement to be good
The experiences and progress of care leavers\tGood

Information about this local authority area

- At 31 March 2022, 312 children were looked after (a rate of 61 per 10,000 children).
- Approximately 18% of children live in low-income families.

Recommendations

- 1. Ensure that all care leavers have timely access to their health histories.
- 2. Improve the quality and timeliness of return home interviews.

The experiences and progress of care leavers: good

31. Care leavers in Wexley receive a summary of their health history when they turn 18, and \
their health passports are detailed and up to date.

32. Staying put arrangements are promoted well. However, too many care leavers live in \
unsuitable accommodation. (Recommendation)
"""

KELSEY_FOCUSED = """\
Dear Mr Obi

Focused visit to Kelsey local authority children's services

What needs to improve in this area of social work practice

- The timeliness of strategy meetings when risks escalate.
- The quality of return home interviews.

Findings

- Strategy meetings in Kelsey are held promptly and partners attend them, but section 47 \
enquiries are not always thorough.
- Return home interviews are timely and of good quality.

Ofsted will take the findings of this focused visit into account when planning your next \
inspection or visit.

Yours sincerely
"""

# PDF text as PDFium gives it: titles run into the paragraphs after them, bullets in a symbol
# font the layout does not know, and "Information about this inspection" before the findings.
BRANSCOMBE_PDF = """\
Contents
Summary of key findings 3
Information about this inspection 9

Summary of key findings
Children in Branscombe wait too long for help.

Information about this inspection
Inspectors have looked closely at the experiences of children and young people who
have needed help and protection, and evaluated the effectiveness of leaders.
The inspection team
Lead inspector: Ann Lee

Recommendations
\uf06e Ensure that plans are reviewed regularly and that managers oversee them well.
\uf06e Improve the timeliness of assessments.
The experiences and progress of children who need help and
protection
Inadequate
Summary
Too many children wait too long for an assessment. Managers do not oversee
plans well enough. (Recommendation)
"""

ASHBY_NEWS = """\
Ashby makes progress, says Ofsted
Inspectors said that the council has made steady progress since its last inspection.
"Leaders have a clear understanding of the quality of practice," the report said.
However, inspectors found that care leavers do not always receive their health histories.
"""


@pytest.mark.parametrize(
    ("prefix", "words", "polarity"),
    [
        (
            "000",
            "Inspectors found no evidence that young people are given a summary of their "
            "health history",
            Polarity.NEGATIVE,
        ),
        ("002", "Care leavers do not receive a summary of their health history", Polarity.NEGATIVE),
        ("003", "Most care leavers have access to their health histories", Polarity.POSITIVE),
    ],
)
def test_seed_health_history_findings(prefix: str, words: str, polarity: Polarity) -> None:
    """Each seed discussing care leavers' health histories has that finding, rightly polarised."""
    (finding,) = _containing(_seed_findings(prefix), words)
    assert HEALTH in finding.themes
    assert finding.polarity is polarity


def test_seed_002_paragraph_74_keeps_its_area() -> None:
    """Paragraph 74 is under the care leavers' sub-judgement, which a paragraph opens."""
    findings = _seed_findings("002")
    (finding,) = _containing(findings, "Care leavers do not receive a summary")
    assert finding.area is Area.CARE_LEAVERS
    (twelve,) = _containing(findings, "Management oversight, in the majority")
    assert twelve.area is Area.HELP_AND_PROTECTION
    (adoption,) = _containing(findings, "Family finding is thorough and careful")
    assert adoption.area is Area.ADOPTION


@pytest.mark.parametrize(
    ("text", "polarity"),
    [
        ("Management oversight in Tolworth is effective and timely.", Polarity.POSITIVE),
        ("Management oversight is not yet consistently effective.", Polarity.NEGATIVE),
        ("Visits to children in Bramford are not always timely.", Polarity.NEGATIVE),
        ("Children's services in Dunmere are no longer inadequate.", Polarity.POSITIVE),
        ("Care leavers do not receive a summary of their health history.", Polarity.NEGATIVE),
        ("There is no evidence of management oversight on files.", Polarity.NEGATIVE),
        ("There have been no delays in issuing proceedings.", Polarity.POSITIVE),
        ("Inspectors saw no widespread or serious failures in Dunmere.", Polarity.POSITIVE),
        ("Progress in Ashby has been too slow.", Polarity.NEGATIVE),
        ("The quality of assessments is too variable.", Polarity.NEGATIVE),
        ("Placement sufficiency in Kelsey has improved.", Polarity.POSITIVE),
        ("There is drift and delay for some children.", Polarity.NEGATIVE),
        ("Assessments are thorough and of good quality.", Polarity.POSITIVE),
        ("Supervision is neither regular nor reflective.", Polarity.NEGATIVE),
        ("Leaders have not identified these shortfalls.", Polarity.NEGATIVE),
        ("This reduces unnecessary delay for children in Tolworth.", Polarity.POSITIVE),
        ("Managers in Ashby lack the rigour needed to progress plans.", Polarity.NEGATIVE),
        ("Wexley would benefit from clearer performance reports.", Polarity.NEGATIVE),
        ("Sufficient improvements for care leavers are not evident.", Polarity.NEGATIVE),
        (
            "Return home interviews are timely. However, they are not used to inform plans.",
            Polarity.MIXED,
        ),
        ("Although a few good examples were seen, most plans lack contingencies.", Polarity.MIXED),
        ("Social workers are well supported, but caseloads remain high.", Polarity.MIXED),
        (
            "Care leavers lack health histories. However, a passport is being designed.",
            Polarity.MIXED,
        ),
        ("The council has analysed its data.", Polarity.MIXED),  # evaluates nothing
        ("The majority of reviews, but not all, are held on time.", Polarity.MIXED),
        ("Despite the pressures of the pandemic, visits are timely.", Polarity.POSITIVE),
        ("Caseloads in Kelsey have reduced.", Polarity.POSITIVE),
        ("Staff turnover remains relatively high.", Polarity.NEGATIVE),
        ("Attendance at school is low.", Polarity.NEGATIVE),
        ("Staff morale is high and turnover is low.", Polarity.POSITIVE),
        ("Delay in responding to referrals is minimised.", Polarity.POSITIVE),
        ("The provision of sufficient placements has taken too long.", Polarity.NEGATIVE),
        ("The new model is yet to be embedded.", Polarity.NEGATIVE),
        ("Only a few care leavers have a health passport.", Polarity.NEGATIVE),
        ("These arrangements do not leave children at risk of harm.", Polarity.POSITIVE),
        ("The attainment gap with their peers has narrowed.", Polarity.POSITIVE),
        (
            "A shortage of suitable homes means that some care leavers wait while housing is "
            "secured for them.",
            Polarity.NEGATIVE,
        ),
        (
            "While absence has reduced, attainment at key stage 4 has declined.",
            Polarity.MIXED,
        ),
        ("Leaders have provided stability in times of challenge.", Polarity.POSITIVE),
        ("Plans are well below the standard expected.", Polarity.NEGATIVE),
        ("Workers help as a good parent would.", Polarity.POSITIVE),
        (
            "Although plans are not always updated, children's views are recorded well.",
            Polarity.MIXED,
        ),
    ],
)
def test_polarity(text: str, polarity: Polarity) -> None:
    """Cues, negation ("not yet", "no longer", "lack"), contrast and "However" give polarity."""
    assert polarity_of(text) is polarity


@pytest.mark.parametrize(
    "text",
    [
        "No looked after children in Ashby are home-educated.",
        "Children who are unable to live with their families are placed in Kelsey.",
        "The new hub is intended to improve the timeliness of assessments.",
        "Five care leavers are not in education, employment or training.",
    ],
)
def test_sentences_that_evaluate_nothing(text: str) -> None:
    """Counts, descriptions of children and intentions are not evaluations."""
    assert sentence_polarity(text) is None


def test_grade_claims_across_a_line_break_are_set_aside() -> None:
    """A grade claim wrapped over two lines of a PDF is no evaluation of the sentence."""
    text = (
        "Leaders have achieved important improvements in practice following two inadequate\n"
        "inspection judgements in 2014 and 2017.\n"
    )
    (finding,) = _findings(text, DocumentKind.INSPECTION_REPORT)
    assert finding.polarity is Polarity.POSITIVE


def test_curly_quotes_and_case_do_not_matter() -> None:
    """Polarity reads the same whatever the quotes and capitals."""
    assert polarity_of("Children\u2019s plans are NOT ALWAYS TIMELY.") is Polarity.NEGATIVE


def test_letter_furniture_and_scope_are_not_findings() -> None:
    """Addresses, salutation, "This letter summarises", inspectors' names, scope and sign-off."""
    texts = " ".join(f.text for f in _findings(HARFIELD_LETTER, DocumentKind.MONITORING_VISIT))
    for furniture in (
        "Dear",
        "This letter summarises",
        "His Majesty's Inspector",
        "judged inadequate",
        "the quality of supervision and management oversight in the leaving care team",
        "I am copying",
        "Yours sincerely",
        "Civic Centre",
    ):
        assert furniture not in texts


def test_seed_letter_furniture_is_not_a_finding() -> None:
    """The seed letters' furniture, scope bullets and closing lines give no findings."""
    for prefix in ("000", "003"):
        texts = " ".join(f.text for f in _seed_findings(prefix))
        for furniture in (
            "This letter summarises",
            "The inspectors were",
            "Her Majesty's Inspector",
            "I am copying",
            "methodology",
            "Ofsted will take the findings",
            "the quality of staff and case supervision within the aftercare service",
        ):
            assert furniture not in texts


def test_what_needs_to_improve_bullets_are_not_findings() -> None:
    """ "What needs to improve" bullets are recommendations, read elsewhere, in seeds and not."""
    kelsey = " ".join(f.text for f in _findings(KELSEY_FOCUSED, DocumentKind.FOCUSED_VISIT))
    assert "timeliness of strategy meetings when risks escalate" not in kelsey
    assert "Return home interviews are timely and of good quality." in kelsey
    seed = " ".join(f.text for f in _seed_findings("003"))
    assert "The effectiveness of management oversight and supervision to ensure" not in seed
    assert "The effectiveness of quality assurance arrangements, promoting" not in seed


def test_recommendations_tables_and_statistics_are_not_findings() -> None:
    """Recommendation lists, judgement table rows and the area's figures are no findings."""
    wexley = " ".join(f.text for f in _findings(WEXLEY_REPORT, DocumentKind.INSPECTION_REPORT))
    for excluded in (
        "Ensure that all care leavers",
        "Overall effectiveness",
        "312 children",
        "low-income families",
        "return home interviews",
    ):
        assert excluded not in wexley
    seed = " ".join(f.text for f in _seed_findings("002"))
    for excluded in (
        "Take immediate action",
        "Children who need help and protection inadequate",
        "Approximately 122,200 children",
        "Lead inspector",
        "Crown copyright",
    ):
        assert excluded not in seed


def test_report_section_sets_area_and_recommendation_tag_is_left_out() -> None:
    """A "care leavers: good" title sets the area; "(Recommendation)" is not part of the quote."""
    findings = _findings(WEXLEY_REPORT, DocumentKind.INSPECTION_REPORT)
    assert findings
    assert all(f.area is Area.CARE_LEAVERS for f in findings)
    (health,) = _containing(findings, "health passports are detailed")
    assert health.polarity is Polarity.POSITIVE
    assert HEALTH in health.themes
    assert health.source.quote.startswith("Care leavers in Wexley")  # no "31."
    assert not any("(Recommendation)" in f.source.quote for f in findings)


def test_titles_run_into_paragraphs_open_their_sections() -> None:
    """A title on a paragraph's first lines opens its section: a skipped one ("Information about
    this inspection", "Recommendations"), or an area's, wrapped and with its grade, which ends
    the skipping and sets the area."""
    findings = _findings(BRANSCOMBE_PDF, DocumentKind.INSPECTION_REPORT)
    assert [f.text for f in findings] == [
        "Children in Branscombe wait too long for help.",
        "Too many children wait too long for an assessment. Managers do not oversee plans "
        "well enough.",
    ]
    assert findings[1].area is Area.HELP_AND_PROTECTION
    assert findings[1].source.quote.startswith("Too many children")


def test_mixed_paragraph_is_split_into_sentences() -> None:
    """A bullet with a strength and a weakness becomes one finding per evaluative sentence."""
    findings = _findings(HARFIELD_LETTER, DocumentKind.MONITORING_VISIT)
    (lack,) = _containing(findings, "do not receive a summary of their health history")
    (passport,) = _containing(findings, "health passport is being designed")
    assert lack.text == "Care leavers in Harfield do not receive a summary of their health history."
    assert (lack.polarity, passport.polarity) == (Polarity.NEGATIVE, Polarity.POSITIVE)
    assert HEALTH in lack.themes
    assert HEALTH in passport.themes
    seed = _seed_findings("000")
    parts = _containing(seed, "personal advisers") + _containing(seed, "Personal advisers")
    assert {f.polarity for f in parts} >= {Polarity.POSITIVE, Polarity.NEGATIVE}


def test_uniform_paragraph_is_one_finding() -> None:
    """A bullet whose sentences all point one way stays one finding, quoting the whole bullet."""
    findings = _findings(HARFIELD_LETTER, DocumentKind.MONITORING_VISIT)
    (plans,) = _containing(findings, "Pathway plans are too variable")
    assert plans.polarity is Polarity.NEGATIVE
    assert plans.text.endswith("when young people's circumstances change.")
    assert not plans.source.quote.startswith("-")
    (advisers,) = _containing(findings, "Personal advisers are well supported")
    assert advisers.polarity is Polarity.POSITIVE
    assert {"caseloads", "personal_advisers", "visits"} <= set(advisers.themes)


def test_findings_are_runs_of_sentences_that_read_alike() -> None:
    """Consecutive sentences reading the same way are one finding; one evaluating nothing is in
    no finding, so it splits the paragraph."""
    text = (
        "Assessments in Kelsey are thorough. Plans are clear and up to date. Kelsey has two "
        "assessment teams. Visits to children are timely.\n"
    )
    findings = _findings(text, DocumentKind.INSPECTION_REPORT)
    assert [f.source.quote for f in findings] == [
        "Assessments in Kelsey are thorough. Plans are clear and up to date.",
        "Visits to children are timely.",
    ]
    assert {f.polarity for f in findings} == {Polarity.POSITIVE}


def test_mixed_sentence_within_one_finding() -> None:
    """A single sentence with "but" is one mixed finding."""
    (finding,) = _containing(_findings(KELSEY_FOCUSED), "Strategy meetings in Kelsey")
    assert finding.polarity is Polarity.MIXED
    assert "strategy_meetings" in finding.themes


def test_news_article_paragraphs_one_a_line() -> None:
    """Web text with a paragraph a line is read line by line; second-hand findings are kept."""
    findings = _findings(ASHBY_NEWS, DocumentKind.NEWS_ARTICLE)
    assert [f.polarity for f in findings] == [
        Polarity.POSITIVE,
        Polarity.POSITIVE,
        Polarity.NEGATIVE,
    ]
    assert HEALTH in findings[-1].themes


def test_finding_fields_come_from_context_and_quote() -> None:
    """Subject, dates and source come from the document; text is the cleaned quote."""
    ctx = _context(HARFIELD_LETTER, DocumentKind.MONITORING_VISIT)
    before: tuple[str, ...] = ()
    for finding in read_findings(ctx):
        assert finding.subject == "Harfield"
        assert finding.valid == ctx.valid
        assert finding.known == ctx.published
        assert finding.text == clean(finding.source.quote)
        # A sentence naming no theme that refers back ("However, this ...") keeps the themes of
        # the finding before it; any other finding's themes are its quote's own.
        own = themes_in(finding.source.quote)
        assert finding.themes in ((own,) if own else (own, before))
        before = finding.themes


def test_a_sentence_referring_back_keeps_the_themes_before_it() -> None:
    """Split off for reading otherwise, "However, this is not yet embedded." is about what the
    sentence before it named."""
    text = (
        "Monitoring visit to Harfield children's services\n\n"
        "Social workers now complete assessments of children's needs promptly and they are "
        "thorough. However, this is not yet consistent across all teams.\n"
    )
    ctx = _context(text, DocumentKind.MONITORING_VISIT)
    found = read_findings(ctx)
    assert [f.polarity for f in found][-2:] == [Polarity.POSITIVE, Polarity.NEGATIVE]
    assert found[-1].themes == found[-2].themes != ()
    assert themes_in(found[-1].source.quote) == ()


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_every_quote_is_its_span(prefix: str) -> None:
    """Every finding's quote is the text at its span, trimmed, without list markers."""
    text = _seed(prefix)
    findings = _seed_findings(prefix)
    assert findings
    for finding in findings:
        source = finding.source
        assert text[source.start : source.end] == source.quote
        assert source.quote == source.quote.strip()
        assert not source.quote.startswith(("- ", "· ", "(i"))
        assert not source.quote[:3].rstrip(".").isdigit()


def test_second_hand_documents_still_give_findings() -> None:
    """The news article and council minutes give evaluative findings, not their grade claims."""
    news = _findings(_seed("001"), DocumentKind.NEWS_ARTICLE)
    minutes = _findings(_seed("004"), DocumentKind.COUNCIL_MINUTES)
    assert len(news) > 20
    assert minutes
    assert not _containing(minutes, "That the positive outcome")
    assert not any(f.text.startswith("(i") for f in minutes)  # the council's actions


@settings(max_examples=200)
@given(st.text())
def test_polarity_never_crashes(text: str) -> None:
    """Arbitrary text always gets a polarity."""
    assert isinstance(polarity_of(text), Polarity)


@settings(max_examples=50)
@given(
    st.sampled_from(["000", "003", "004"]),
    st.lists(st.tuples(st.integers(0, 12_000), st.text(max_size=20)), max_size=5),
)
def test_edited_seed_text_gives_exact_quotes(prefix: str, edits: list[tuple[int, str]]) -> None:
    """Seed text with random edits never crashes the reader and every quote is its span."""
    text = _seed(prefix)
    for position, insert in edits:
        text = text[:position] + insert + text[position + len(insert) :]
    for finding in _findings(text):
        assert text[finding.source.start : finding.source.end] == finding.source.quote


@settings(max_examples=100)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=400))
def test_arbitrary_text_gives_exact_quotes(text: str) -> None:
    """Generated text never crashes the reader and every quote is its span."""
    for finding in _findings(text):
        assert text[finding.source.start : finding.source.end] == finding.source.quote


def test_questions_and_procedure_in_minutes_are_not_findings() -> None:
    """A meeting's questions and what it sought or discussed evaluate nothing themselves, even
    when they name a weakness; what officers reported in answer still does."""
    text = (
        "Children's Services Scrutiny Committee, minutes\n\n"
        "Further information was sought on why placement stability remained poor.\n\n"
        "Members asked why the timeliness of assessments had not improved.\n\n"
        "Is the quality of practice for care leavers good enough?\n\n"
        "In response to a question, the director said caseloads were too high.\n\n"
        "Officers reported that too many care leavers are not in education or employment.\n"
    )
    found = read_findings(_context(text, DocumentKind.COUNCIL_MINUTES))
    assert [f.source.quote for f in found] == [
        "Officers reported that too many care leavers are not in education or employment."
    ]
    assert found[0].polarity is Polarity.NEGATIVE


KELSEY_HEADER = "Inspection of Kelsey local authority children's services"


def _paged(pages: list[str], header: str = KELSEY_HEADER) -> str:
    """Pages joined as PDF text comes out: a blank line, then the running header and the dates
    with the page number."""
    return "".join(
        f"\n{header}\n3 to 14 March 2025 {n}\n{page}" if n > 1 else page
        for n, page in enumerate(pages, start=1)
    )


def test_a_sentence_cut_by_a_page_break_is_one_finding_without_the_header() -> None:
    """A running header between pages is no part of a finding: the sentence the page cut is
    rejoined, read as one, and its text leaves the header out while its span still covers it."""
    text = _paged(
        [
            "Overall effectiveness Requires improvement to be good\n"
            "1. Too many children wait too long for their assessments to be\n",
            "completed within the timescales that managers set.\n\n"
            "2. Care leavers in Kelsey live in safe and suitable accommodation.\n",
            "3. Social workers visit children regularly and see them alone.\n",
            "4. Pathway plans are detailed and kept up to date.\n",
        ]
    )
    findings = _findings(text, DocumentKind.INSPECTION_REPORT)
    (wait,) = _containing(findings, "wait too long")
    assert wait.text == (
        "Too many children wait too long for their assessments to be completed within the "
        "timescales that managers set."
    )
    assert "Inspection of Kelsey" in wait.source.quote
    assert "assessments" in wait.themes
    assert wait.area is Area.OVERALL_EFFECTIVENESS
    assert not any("Inspection of" in f.text or "Overall effectiveness" in f.text for f in findings)


def test_a_sentence_that_repeats_is_not_a_running_header() -> None:
    """Minutes repeat their items: a recurring sentence or list item is read every time."""
    item = "- The adoption panel met on 3 March 2025; its decisions were timely and thorough.\n\n"
    findings = _findings(item * 4, DocumentKind.COUNCIL_MINUTES)
    assert len(findings) == 4
    assert all(f.polarity is Polarity.POSITIVE for f in findings)


@pytest.mark.parametrize(
    "follower",
    [
        "However, the response is not within statutory timescales.",
        "Managers have not yet checked that this work has made a difference.",
        "Despite recent efforts, progress has been too slow.",
    ],
)
def test_a_sentence_that_turns_on_the_one_before_keeps_its_themes(follower: str) -> None:
    """A sentence naming no theme that opens by turning on the one before, or names "this work",
    is about what that sentence named."""
    text = f"Strategy meetings in Kelsey are well attended and thorough. {follower}\n"
    first, second = _findings(text, DocumentKind.INSPECTION_REPORT)
    assert "strategy_meetings" in first.themes
    assert second.themes == first.themes
    assert first.polarity is not second.polarity
