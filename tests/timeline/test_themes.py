"""The theme vocabulary: every theme DOMAIN.md names, matched by wording, whole words only."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from events import UnknownKeyError
from timeline.reading.files import load_text
from timeline.reading.themes import _catalogue, normalise, theme_keys, theme_label, themes_in

HERE = Path(__file__).resolve().parent
SEEDS = HERE.parents[1] / "seeds"
DOCUMENTS = HERE / "documents"

# One theme per line of DOMAIN.md's "themes recur across years", compound ones split.
DOMAIN_THEMES = {
    "management_oversight": "Management oversight is not always effective.",
    "workforce_stability": "Staff turnover remains high and agency staff cover vacancies.",
    "caseloads": "Caseloads are manageable in most teams.",
    "quality_assurance": "The quality assurance framework includes regular case file audits.",
    "performance_information": "Performance information is accurate and timely.",
    "assessments": "Assessments are thorough and consider family history.",
    "plans": "Children's plans are specific and reviewed regularly.",
    "child_protection_plans": "Child protection plans are ended too quickly.",
    "care_plans": "Care plans are not always up to date.",
    "pathway_plans": "Pathway plans now incorporate young people's views.",
    "visits": "Social workers visit children regularly and see them alone.",
    "strategy_meetings": "Strategy meetings lead to timely section 47 enquiries.",
    "front_door": "The multi-agency safeguarding hub (MASH) provides a prompt response.",
    "early_help": "Early help services are well coordinated.",
    "missing_children": "Children who go missing are offered a return home interview.",
    "exploitation": "The response to child sexual exploitation and county lines is strong.",
    "domestic_abuse": "Domestic abuse is a risk factor for many children.",
    "disabled_children": "Disabled children receive a good service.",
    "private_fostering": "Awareness of private fostering is low.",
    "homeless_16_17": "Assessments of 16- and 17-year-olds who present as homeless are weak.",
    "unaccompanied_children": "Unaccompanied asylum-seeking children are well supported.",
    "pre_proceedings": "The pre-proceedings phase of the Public Law Outline is used well.",
    "court_work": "The judiciary and Cafcass report improvements in court work.",
    "permanence": "Early permanence planning is effective.",
    "adoption": "Adopters receive excellent support.",
    "special_guardianship": "Special guardianship orders are supported well.",
    "placements_sufficiency": "Placement sufficiency remains a challenge.",
    "fostering": "Foster carers are trained and supported well.",
    "iros": "Independent reviewing officers (IROs) challenge drift.",
    "health_assessments": "Initial health assessments are completed on time.",
    "education": "Personal education plans are of good quality.",
    "virtual_school": "The virtual school monitors attendance closely.",
    "care_leavers_accommodation": "Care leavers live in suitable accommodation.",
    "care_leavers_health_histories": "Care leavers receive a summary of their health history.",
    "care_leavers_education_employment": "Care leavers are supported into apprenticeships.",
    "staying_put": "More young people are staying put with their foster carers.",
    "personal_advisers": "Personal advisers stay in touch with care leavers.",
    "corporate_parenting": "The corporate parenting panel challenges performance.",
    "participation": "The children in care council influences decisions.",
    "recording": "Case recording is poor and chronologies are out of date.",
    "training": "Not all staff have attended mandatory training.",
}


def test_vocabulary_holds_every_domain_theme() -> None:
    """Every theme DOMAIN.md lists has a key, a label, and is found in a sentence about it."""
    keys = theme_keys()
    for key, sentence in DOMAIN_THEMES.items():
        assert key in keys
        assert theme_label(key)
        assert key in themes_in(sentence), (key, themes_in(sentence))


def test_vocabulary_file_is_well_formed() -> None:
    """Each entry has a label and at least one way to be found; contextual wordings need context."""
    source = resources.files("timeline.data").joinpath("themes.toml").read_text("utf-8")
    for key, entry in tomllib.loads(source).items():
        assert key.isidentifier(), key
        assert key == key.lower(), key
        assert entry["label"].strip(), key
        assert entry.get("synonyms") or entry.get("patterns") or entry.get("in_context"), key
        assert bool(entry.get("in_context")) == bool(entry.get("context")), key


def test_vocabulary_lists_each_wording_once() -> None:
    """No theme lists a wording twice (a grown vocabulary stays readable)."""
    source = resources.files("timeline.data").joinpath("themes.toml").read_text("utf-8")
    for key, entry in tomllib.loads(source).items():
        for field in ("synonyms", "patterns", "in_context", "context"):
            wordings = entry.get(field, [])
            assert len(wordings) == len(set(wordings)), (key, field)


@pytest.mark.parametrize(
    "text",
    [
        "Care leavers do not receive a summary of their health history.",
        "Inspectors found no evidence that young people are given a summary of their health "
        "history when they reach the age of 18.",
        "Most care leavers have access to their health histories.",
        "For example, health summaries for care leavers are still in draft.",
        "Young people have been involved in the design of a health passport.",
        "Not all care leavers in Wexley have their Health Passports.",
    ],
)
def test_care_leavers_health_histories_wordings(text: str) -> None:
    """Health histories, summaries and passports are the care leavers' theme in their context."""
    assert "care_leavers_health_histories" in themes_in(text)


def test_contextual_wording_needs_its_context() -> None:
    """ "Health history" without care leavers or young people is not the care leavers' theme."""
    assert "care_leavers_health_histories" not in themes_in(
        "The GP records the family's health history at registration."
    )


def test_matching_is_whole_word_and_case_insensitive() -> None:
    """Synonyms match whole words in any case, across hyphens, line breaks and curly quotes."""
    assert "front_door" in themes_in("the MULTI-AGENCY\nSAFEGUARDING HUB")
    assert "participation" in themes_in("young people\u2019s views are sought")
    assert "iros" in themes_in("IROs\u2019 escalations")
    assert "adoption" not in themes_in("the council adopted a new policy")
    assert "front_door" not in themes_in("a smashing result")  # no "MASH" inside words


def test_inspectors_own_visits_are_not_the_visits_theme() -> None:
    """A monitoring or focused visit is the inspectors', not social workers' visits to children."""
    assert "visits" not in themes_in("This was the fourth monitoring visit since 2014.")
    assert "visits" not in themes_in("Findings of the focused visit to Harfield.")
    assert "visits" in themes_in("Visits to children are not always purposeful.")


def test_care_leavers_training_is_not_staff_training() -> None:
    """ "Education, employment or training" is about care leavers, not staff training."""
    themes = themes_in("Most care leavers in Ashby are in education, employment or training.")
    assert "care_leavers_education_employment" in themes
    assert "training" not in themes


def test_several_themes_sorted() -> None:
    """A sentence about several themes gets each, sorted by key."""
    themes = themes_in(
        "In Kelsey, high caseloads and frequent changes of social worker delay pathway plans."
    )
    assert themes == tuple(sorted(themes))
    assert {"caseloads", "workforce_stability", "pathway_plans"} <= set(themes)


def test_unknown_theme_label_is_refused() -> None:
    """Asking for the label of a theme that does not exist raises the library's own error."""
    with pytest.raises(UnknownKeyError, match="unknown theme"):
        theme_label("no_such_theme")


@settings(max_examples=200)
@given(st.text())
def test_themes_in_never_crashes(text: str) -> None:
    """Arbitrary text gives a sorted tuple of known keys."""
    themes = themes_in(text)
    assert themes == tuple(sorted(themes))
    assert set(themes) <= set(theme_keys())


def _every_wording(text: str) -> tuple[str, ...]:
    """``themes_in`` without its shortcuts: every wording searched for from the start of the
    text."""
    catalogue = _catalogue()
    folded = normalise(text)
    wordings = [w for found in catalogue.by_word.values() for w in found]
    found: dict[str, set[str]] = {}
    for wording in [*wordings, *catalogue.always_try]:
        if wording.pattern.search(folded):
            found.setdefault(wording.theme, set()).add(wording.group)
    return tuple(
        sorted(t for t, g in found.items() if "always" in g or {"in_context", "context"} <= g)
    )


def _paragraphs() -> list[str]:
    """The paragraphs of the seeds and the invented test documents."""
    paths = sorted([*SEEDS.glob("*.txt"), *SEEDS.glob("*.md"), *DOCUMENTS.glob("*.txt")])
    return [p for path in paths for p in load_text(path).split("\n\n") if p.strip()]


PARAGRAPHS = _paragraphs()


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(PARAGRAPHS),
    st.sampled_from([str, str.upper, str.title, lambda t: t.replace("s", "\u017f")]),
)
def test_shortcuts_find_what_every_wording_finds(
    paragraph: str, case: Callable[[str], str]
) -> None:
    """Looking wordings up by word, testing their literals and starting each search at its
    opening find the same themes as searching every wording in the whole text."""
    text = case(paragraph)
    assert themes_in(text) == _every_wording(text)


# Themes grown from what the corpus's reports say (issue 15.6), each with a sentence worded as
# reports word it (invented authorities).
GROWN_THEMES = {
    "care_leavers_support": "Care-experienced young people in Ashby value the leaving care team.",
    "children_in_care_support": "Children looked after in Kelsey benefit from a stable service.",
    "case_management_systems": "The electronic recording system does not help social workers.",
    "case_reviews": "Learning from serious case reviews and the CDOP is shared widely.",
    "child_protection_medicals": "Child protection medicals are not always timely.",
    "children_in_need": "Child in need plans are reviewed regularly.",
    "delegated_authority": "Carers do not always have delegated authority for daily decisions.",
    "edge_of_care": "Family group conferences help children on the edge of care stay at home.",
    "family_time": "Family time with brothers and sisters is well supported.",
    "harmful_practices": "Awareness of female genital mutilation and forced marriage is good.",
    "leisure_activities": "Children enjoy a wide range of leisure activities and hobbies.",
    "pre_birth": "Pre-birth assessments for unborn babies start early enough.",
    "substance_misuse": "Parental substance misuse is a risk for many children.",
    "transition_to_adulthood": "Transition to adulthood starts late for disabled young people.",
    "young_carers": "Young carers are identified and supported in schools.",
    "youth_justice": "The youth offending service supports care leavers in custody.",
}


@pytest.mark.parametrize("key", sorted(GROWN_THEMES))
def test_grown_themes_are_found(key: str) -> None:
    """Each theme added from the reports' wording has a label and is found where reports say it."""
    assert theme_label(key)
    assert key in themes_in(GROWN_THEMES[key]), themes_in(GROWN_THEMES[key])


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Private fostering arrangements are identified and assessed.", "fostering"),
        ("Children in need of help and protection receive a good service.", "children_in_need"),
        ("Family group conferences are offered to most families.", "child_protection_plans"),
        ("The improvement plan and its action plans are monitored closely.", "plans"),
        ("Many positive plans, procedures and practices have been introduced.", "plans"),
        ("Parents and carers are involved in decisions.", "fostering"),
        ("Young carers are well supported.", "fostering"),
        ("Disruption activity targets perpetrators of exploitation.", "domestic_abuse"),
        ("Disruption activity targets perpetrators of exploitation.", "placements_sufficiency"),
        ("The independence of the IRO service is assured.", "transition_to_adulthood"),
        ("Personal advisers keep regular contacts with their young people.", "front_door"),
        ("Children are supported when they make allegations of abuse.", "designated_officer"),
        ("The improvement board meets monthly.", "partnership_working"),
        ("The corporate parenting board meets monthly.", "partnership_working"),
    ],
)
def test_broad_wordings_keep_their_exceptions(text: str, key: str) -> None:
    """The wider wordings leave out their look-alikes: private fostering is not fostering, a
    family group conference no child protection conference, an improvement plan no child's plan."""
    assert key not in themes_in(text), themes_in(text)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Plans are not specific enough about what needs to change.", "plans"),
        ("Potential carers are identified early.", "fostering"),
        ("The LSCB's business plan is comprehensive.", "partnership_working"),
        ("Allegations against professionals are managed well by the LADO.", "designated_officer"),
        ("Contacts are screened promptly and consent is sought.", "front_door"),
        ("Frequent changes of personnel have affected relationships.", "workforce_stability"),
        ("PAs keep in touch with young people until they are 25.", "personal_advisers"),
        ("Decisions for children to come into care are timely.", "edge_of_care"),
    ],
)
def test_reports_everyday_wordings(text: str, key: str) -> None:
    """Everyday report wordings of the older themes: "Plans are ...", "contacts", "PAs"."""
    assert key in themes_in(text), themes_in(text)
