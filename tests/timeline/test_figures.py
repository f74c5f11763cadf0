"""Reading figures: values, units, as-at dates, comparators, earlier values, and non-figures."""

from __future__ import annotations

import re
import tomllib
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from events import Direction, DocumentKind, MetricObserved, PartialDate, Period
from timeline.reading.context import DocumentContext
from timeline.reading.figures import read_figures

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
DASH = "\u2013"  # the en dash financial years are written with


def _seed(prefix: str, published: str, visit: tuple[str, str]) -> DocumentContext:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return DocumentContext(
        text=path.read_text("utf-8"),
        document_id=prefix,
        file_name=path.name,
        subject="Buckinghamshire",
        kind=DocumentKind.INSPECTION_REPORT,
        published=PartialDate.parse(published),
        visit=Period.of(*visit),
    )


def _invented(text: str) -> DocumentContext:
    return DocumentContext(
        text=text,
        document_id="t",
        file_name="t.txt",
        subject="Testshire",
        kind=DocumentKind.INSPECTION_REPORT,
        published=PartialDate.parse("2019-06-01"),
        visit=Period.of("2019-04-01", "2019-04-12"),
    )


def _by_key(figures: list[MetricObserved]) -> dict[tuple[str, str], MetricObserved]:
    return {(f.metric, str(f.as_at)): f for f in figures}


@pytest.fixture(scope="module")
def report() -> list[MetricObserved]:
    """The figures of the 2017 full inspection report (002)."""
    return read_figures(_seed("002", "2018-01-29", ("2017-11-06", "2017-11-30")))


def _p(value: str) -> PartialDate:
    return PartialDate.parse(value)


# ---------------------------------------------------------------- seed 002


def test_report_states_at_least_fifteen_dated_figures(report: list[MetricObserved]) -> None:
    """002's figures have the right values and as-at dates, at least fifteen of them."""
    expected = {
        ("children_in_need", "2017-10-31"): 2447,
        ("children_in_need", "2017-03-31"): 3363,
        ("child_protection_plans", "2017-10-31"): 598,
        ("child_protection_plans_rate", "2017-10-31"): 49,
        ("child_protection_plans", "2017-03-31"): 553,
        ("child_protection_plans_rate", "2017-03-31"): 45,
        ("privately_fostered_children", "2017-10-31"): 4,
        ("privately_fostered_children", "2017-03-31"): 1,
        ("children_looked_after", "2017-10-31"): 471,
        ("children_looked_after_rate", "2017-10-31"): 39,
        ("children_looked_after", "2017-03-31"): 455,
        ("children_looked_after_rate", "2017-03-31"): 37,
        ("children_looked_after_out_of_area", "2017-10-31"): 227,
        ("unaccompanied_asylum_seeking_children", "2017-10-31"): 26,
        ("social_worker_turnover", "2017-09-30"): 14.2,
        ("staying_put", "2017-01"): 22,
        ("child_population", "2017-11-06"): 122200,
        ("re_referral_rate", "2017-11-06"): 33,
        ("adoptions", "2017-11-06"): 29,
        ("special_guardianship_orders", "2017-11-06"): 32,
    }
    found = _by_key(report)
    assert {key: found[key].value for key in expected if key in found} == expected
    assert len(report) >= 15


def test_re_referral_rate_with_its_comparators(report: list[MetricObserved]) -> None:
    """'At 33%, the re-referral rate ...' carries the England and statistical neighbour figures."""
    (rate,) = [f for f in report if f.metric == "re_referral_rate"]
    assert (rate.value, rate.unit, rate.direction) == (33, "percent", Direction.LOWER_IS_BETTER)
    assert {c.name: c.value for c in rate.comparators} == {
        "england_average": 22,
        "statistical_neighbours": 21,
    }
    assert rate.valid == Period.of("2017-11-06", "2017-11-30")
    assert rate.known == _p("2018-01-29")


def test_child_protection_plans_now_and_earlier(report: list[MetricObserved]) -> None:
    """598 (49 per 10,000) at 31 October 2017; 553 (45 per 10,000) at 31 March 2017."""
    plans = {(f.value, f.as_at) for f in report if f.metric == "child_protection_plans"}
    rates = {(f.value, f.as_at) for f in report if f.metric == "child_protection_plans_rate"}
    assert plans == {(598, _p("2017-10-31")), (553, _p("2017-03-31"))}
    assert rates == {(49, _p("2017-10-31")), (45, _p("2017-03-31"))}
    (earlier,) = [f for f in report if f.value == 553]
    assert earlier.source.quote.startswith("This is an increase from 553")


def test_children_looked_after_at_31_october(report: list[MetricObserved]) -> None:
    """471 children looked after at 31 October 2017, a count with no better direction."""
    (now,) = [f for f in report if f.metric == "children_looked_after" and f.value == 471]
    assert now.valid == Period.of("2017-10-31")
    assert now.direction is Direction.NONE
    assert "471 children are being looked after" in now.source.quote


def test_social_work_churn_at_end_of_september(report: list[MetricObserved]) -> None:
    """'at the end of September 2017 it was 14.2%' is turnover, lower is better."""
    (churn,) = [f for f in report if f.metric == "social_worker_turnover"]
    assert (churn.value, churn.unit, churn.as_at) == (14.2, "percent", _p("2017-09-30"))
    assert churn.direction is Direction.LOWER_IS_BETTER
    assert churn.wording == "churn"


def test_staying_put_with_earlier_value(report: list[MetricObserved]) -> None:
    """29 young people staying put at the inspection, up from 22 in January 2017."""
    staying = {(f.value, str(f.valid)) for f in report if f.metric == "staying_put"}
    assert staying == {(29, "2017-11-06/2017-11-30"), (22, "2017-01")}
    assert all(
        f.direction is Direction.HIGHER_IS_BETTER for f in report if f.metric == "staying_put"
    )


def test_list_items_take_the_lead_in_date_and_words(report: list[MetricObserved]) -> None:
    """'Of this number:' items are as at 31 October 2017; 'free school meals:' names its items."""
    found = _by_key(report)
    assert found["children_in_foster_care", "2017-10-31"].value == 337
    assert found["children_looked_after_out_of_area_percent", "2017-10-31"].value == 48
    primary = found["free_school_meals_primary", "2017-11-06"]
    assert (primary.value, [(c.name, c.value) for c in primary.comparators]) == (
        7,
        [("national_average", 15)],
    )
    assert found["free_school_meals_secondary", "2017-11-06"].value == 5


def test_report_has_no_years_ages_or_paragraph_numbers(report: list[MetricObserved]) -> None:
    """No figure is a year, an age, a list number, a page or a phone number."""
    values = {f.value for f in report}
    assert not values & {2014, 2016, 2017, 2018, 1989, 2006, 136, 152, 300, 123, 4234}
    small = [f.wording for f in report if f.value in (16, 17, 18) and f.unit == "count"]
    assert small == ["newly qualified social workers"]
    assert not [f for f in report if "section" in f.wording.lower() or "Act" in f.wording]


# ---------------------------------------------------------------- seed 000


def test_monitoring_letter_staying_put() -> None:
    """000's '29 young people over the age of 18 were living with their former foster carers'."""
    figures = read_figures(_seed("000", "2017-08-24", ("2017-07-25", "2017-07-26")))
    (staying,) = [f for f in figures if f.metric == "staying_put"]
    assert staying.value == 29
    assert staying.valid == Period.of("2017-07-25", "2017-07-26")
    assert not [f for f in figures if f.value == 18]


@pytest.mark.parametrize(
    ("prefix", "published", "visit"),
    [
        ("000", "2017-08-24", ("2017-07-25", "2017-07-26")),
        ("001", "2019-12-18", ("2019-10-01", "2019-10-31")),
        ("002", "2018-01-29", ("2017-11-06", "2017-11-30")),
        ("003", "2021-04-12", ("2021-02-24", "2021-02-25")),
        ("004", "2022-03-01", ("2021-11-29", "2021-12-17")),
    ],
)
def test_seed_quotes_match_their_spans(prefix: str, published: str, visit: tuple[str, str]) -> None:
    """Every figure of every seed quotes the document text exactly at its span."""
    ctx = _seed(prefix, published, visit)
    for figure in read_figures(ctx):
        assert ctx.text[figure.source.start : figure.source.end] == figure.source.quote
        assert figure.known == ctx.published


# ---------------------------------------------------------------- invented documents


def test_count_with_rate_and_earlier_value_in_one_sentence() -> None:
    """A count, its rate and 'an increase from' value in one sentence are three observations."""
    text = (
        "At 31 March 2019, 1,204 children were looked after (a rate of 62 per 10,000 children), "
        "an increase from 1,150 at 31 March 2018.\n"
    )
    found = {(f.metric, f.value, str(f.as_at)) for f in read_figures(_invented(text))}
    assert found == {
        ("children_looked_after", 1204, "2019-03-31"),
        ("children_looked_after_rate", 62, "2019-03-31"),
        ("children_looked_after", 1150, "2018-03-31"),
    }


def test_comparators_stated_after_the_figure() -> None:
    """'compared with 22% nationally and 21% for statistical neighbours' are comparators."""
    text = (
        "- The re-referral rate is 18%, compared with 22% nationally and 21% for statistical "
        "neighbours.\n"
    )
    (rate,) = read_figures(_invented(text))
    assert (rate.metric, rate.value) == ("re_referral_rate", 18)
    assert {c.name: c.value for c in rate.comparators} == {
        "national_average": 22,
        "statistical_neighbours": 21,
    }
    assert rate.valid == Period.of("2019-04-01", "2019-04-12")


def test_change_from_one_date_to_another() -> None:
    """'fallen from 21% in March 2018 to 12% in March 2019' gives both values at their dates."""
    text = "Social worker turnover has fallen from 21% in March 2018 to 12% in March 2019.\n"
    found = {(f.metric, f.value, str(f.as_at)) for f in read_figures(_invented(text))}
    assert found == {
        ("social_worker_turnover", 21, "2018-03"),
        ("social_worker_turnover", 12, "2019-03"),
    }


def test_earlier_value_without_a_date_is_not_recorded() -> None:
    """'compared with 80 at the last visit' cannot be dated, so only the current value stands."""
    text = (
        "At the time of the visit, 46 children had an agency social worker, compared with 80 at "
        "the last visit.\n"
    )
    assert [f.value for f in read_figures(_invented(text))] == [46]


def test_financial_years_date_figures() -> None:
    """'In 2017-18 ... compared with 71% in 2016-17' dates each value by its financial year."""
    text = (
        f"In 2017{DASH}18, 96% of initial health assessments were completed within 20 working "
        f"days, compared with 71% in 2016{DASH}17.\n"
    )
    found = {(f.value, str(f.valid)) for f in read_figures(_invented(text))}
    assert found == {(96, "2017-04/2018-03"), (71, "2016-04/2017-03")}


def test_share_of_a_group_reads_the_metric_before_of() -> None:
    """'Return home interviews are offered to only 58% of children who go missing' is interviews."""
    text = (
        "Return home interviews are offered to only 58% of children who go missing. This is a "
        "decline from 71% in January 2022.\n"
    )
    found = {(f.metric, f.value, str(f.as_at)) for f in read_figures(_invented(text))}
    assert found == {
        ("return_home_interviews", 58, "2019-04-01"),
        ("return_home_interviews", 71, "2022-01"),
    }


def test_next_clause_does_not_name_the_figure() -> None:
    """'turnover has fallen to 12%, and ... agency staff' is a turnover figure."""
    text = (
        "Social worker turnover has fallen to 12%, and the council now relies far less on agency "
        "staff.\n"
    )
    assert [f.metric for f in read_figures(_invented(text))] == ["social_worker_turnover"]


def test_ages_years_durations_and_labels_are_not_figures() -> None:
    """Ages, years, statutes, sections, durations, phone numbers and postcodes yield nothing."""
    text = (
        "Services for 16- and 17-year-olds who present as homeless are effective. Young people "
        "aged 16 and 17 are assessed under section 17 of the Children Act 1989 within 10 working "
        "days. Children aged under 16 years old are seen. The board met in 2018 and agreed "
        "priority 3. See page 14 and paragraph 3.2. Call 0300 123 4666 or write to Manchester "
        "M1 2WD. Young people over the age of 18 are supported from the age of 16. Since "
        f"2016{DASH}17 the service has changed.\n"
    )
    assert read_figures(_invented(text)) == []


def test_list_numbers_and_contents_pages_are_not_figures() -> None:
    """Paragraph numbers, judgement table numbers and contents page numbers yield nothing."""
    text = (
        "Contents\n\nExecutive summary\t2\nChildren looked after and achieving permanence\t15\n\n"
        "1. Children who need help and protection\tinadequate\n"
        "2.1 Adoption performance\tgood\n\n"
        "- 12. Children looked after receive good support from their social workers.\n"
    )
    assert read_figures(_invented(text)) == []


def test_number_words_count_in_lists_but_not_in_narrative() -> None:
    """'seven live in ...' heads a list item; 'One child described ...' is narrative."""
    text = (
        "- 13. Social workers visit regularly. One child described her social worker as kind. "
        "Three social workers said they felt supported.\n"
        "- In the last 12 months:\n"
        "  - there have been 14 adoptions\n"
        "  - seven children became the subject of special guardianship orders\n"
    )
    found = {(f.metric, f.value) for f in read_figures(_invented(text))}
    assert found == {("adoptions", 14), ("special_guardianship_orders", 7)}


def test_numbers_in_words_with_a_unit_and_lists_inside_a_phrase() -> None:
    """'Ninety-two per cent of ...' is 92%; 'education, employment or training' stays one phrase."""
    text = (
        "Ninety-two per cent of initial health assessments are completed on time. Of the 26 care "
        "leavers aged 19 to 21, 65% are in education, employment or training.\n"
    )
    found = {(f.metric, f.value) for f in read_figures(_invented(text))}
    assert found == {
        ("initial_health_assessments_within_timescales", 92),
        ("care_leavers", 26),
        ("care_leavers_in_education_employment_training", 65),
    }


def test_unknown_figure_is_kept_under_other() -> None:
    """A count of children no phrase names is recorded under 'other:' with no direction."""
    text = (
        "At 31 March 2019, 37 children were receiving support from the family group conference "
        "service.\n"
    )
    (figure,) = read_figures(_invented(text))
    assert figure.metric.startswith("other:")
    assert figure.metric == "other:children_were_receiving_support_from_the_family_group"
    assert (figure.value, figure.direction, figure.as_at) == (37, Direction.NONE, _p("2019-03-31"))
    (contacts, _) = read_figures(
        _invented("Of 340 contacts in January 2022, 41% led to a referral.\n")
    )
    assert (contacts.metric, contacts.wording, str(contacts.as_at)) == (
        "other:contacts",
        "contacts",
        "2022-01",
    )


def test_shares_are_keyed_under_their_group() -> None:
    """'54 live in children's homes, of whom 65% live out of area' is a share of the 54."""
    text = (
        "- At 31 March 2019, 310 children were looked after. Of this number:\n"
        "  - 54 live in residential children's homes, of whom 65% live out of the authority area\n"
        "  - 12 (or 4%) live outside the local authority area\n"
    )
    found = {(f.metric, f.value, str(f.as_at)) for f in read_figures(_invented(text))}
    assert found == {
        ("children_looked_after", 310, "2019-03-31"),
        ("children_in_residential_care", 54, "2019-03-31"),
        ("children_in_residential_care/children_looked_after_out_of_area", 65, "2019-03-31"),
        ("children_looked_after_out_of_area", 12, "2019-03-31"),
        ("children_looked_after_out_of_area_percent", 4, "2019-03-31"),
    }


def test_directions_follow_the_catalogue() -> None:
    """Churn and re-referrals are lower-is-better, staying put higher, counts of children none."""
    text = (
        "- At 31 March 2019, 41 young people were staying put with their former foster carers.\n"
        "- The re-referral rate was 24% and social worker turnover was 19%.\n"
        "- At 31 March 2019, 250 children were the subject of a child protection plan.\n"
    )
    found = {f.metric: f.direction for f in read_figures(_invented(text))}
    assert found == {
        "staying_put": Direction.HIGHER_IS_BETTER,
        "re_referral_rate": Direction.LOWER_IS_BETTER,
        "social_worker_turnover": Direction.LOWER_IS_BETTER,
        "child_protection_plans": Direction.NONE,
    }


def test_inspectors_own_sampling_is_not_a_figure() -> None:
    """'Inspectors reviewed 120 case files' describes the inspection, not the authority."""
    assert read_figures(_invented("Inspectors reviewed 120 children's case files.\n")) == []


def test_catalogue_entries_are_complete() -> None:
    """Every catalogue entry has a label, a known unit and direction, and phrases that compile."""
    text = resources.files("timeline.data").joinpath("metrics.toml").read_text("utf-8")
    metrics = tomllib.loads(text)["metrics"]
    assert len(metrics) >= 50
    for key, entry in metrics.items():
        assert re.fullmatch(r"[a-z0-9_]+", key), key
        assert entry["label"], key
        assert entry["phrases"], key
        assert entry["unit"] in {"percent", "count", "rate_per_10000", "days", "weeks"}, key
        Direction(entry["direction"])
        for phrase in entry["phrases"]:
            re.compile(phrase)
    assert metrics["children_looked_after"]["direction"] == "none"


_WORDS = st.sampled_from(
    [
        "At 31 March 2019,",
        "471",
        "children",
        "(a rate of",
        "49 per 10,000",
        "children)",
        "an increase from",
        "22",
        "in January 2017",
        "of whom",
        "65%",
        "the England average",
        "(22%)",
        "seven",
        "aged 16",
        "section 47",
        "1989",
        "0300 123",
        "-",
        "\n",
        "\n- ",
        ";",
        ".",
        ":",
        "\t",
        "(",
        ")",
        "care leavers",
        "staying put",
        "re-referral rate",
        "one",
        "compared with",
        "nationally",
        "£2 million",
        f"2016{DASH}17",
        "at the time of the visit",
    ]
)


@given(st.lists(_WORDS | st.text(max_size=8), max_size=40).map(" ".join))
def test_any_text_reads_without_error(text: str) -> None:
    """Arbitrary text never crashes the reader, and every quote matches its span."""
    for figure in read_figures(_invented(text)):
        assert text[figure.source.start : figure.source.end] == figure.source.quote
