"""The shape of the code: what each package exports, and imports pointing one way only."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

EXPORTS = {
    "events": [
        "GENESIS", "SCHEMA_VERSION", "AnyEvent", "Area", "Authority", "AuthorityReorganised",
        "CodecError", "Comparator", "CorrectionAction", "CorrectionMade", "DateError", "DateLike",
        "DateSource", "Direction", "DocumentError", "DocumentKind", "DocumentRecorded", "Event",
        "EventError", "EventStore", "FindingRecorded", "Framework", "Grade", "Hand", "Head",
        "IntegrityError", "JudgementIssued", "MemoryStore", "MetricObserved", "PartialDate",
        "Period", "Polarity", "PostgresStore", "Precision", "RecommendationMade", "Reorganisation",
        "SQLiteStore", "SchemaVersionError", "Source", "StoreError", "TimelineError",
        "UnknownAuthorityError", "UnknownKeyError", "about", "decode", "dump_jsonl", "encode",
        "export_jsonl", "from_json", "import_jsonl", "load_jsonl", "open_store", "span", "to_json",
    ],
    "projections": [
        "EMPTY", "END_OF_TIME", "MARGIN_DAYS", "Change", "Comparison", "Conflict", "Distribution",
        "England", "EventIndex", "FilingCache", "HistoryEntry", "Holding", "ImprovementList",
        "IndexRow", "Inspection", "JudgementView", "Key", "Lineage", "Member", "MetricView",
        "Movement", "Movements", "Snapshot", "Standing", "State", "StateDiff", "SubjectState",
        "Succession", "ThemeTrack", "ThemeView", "ThemesNamed", "Verdict", "View", "Weaknesses",
        "belief_key", "bucket_keys", "diff_states", "document_rank", "england", "find_conflicts",
        "group_inspections", "history", "index_row", "latest_report", "movements", "themes_by_year",
        "themes_named", "weaknesses",
    ],
    "timeline": [
        "DocumentInfo", "Ingested", "LocalAuthority", "Metadata", "Reading", "Register", "Timeline",
        "read_file", "read_text",
    ],
}  # fmt: skip

# A package may import only from the packages below it.
ALLOWED = {"events": set(), "projections": {"events"}, "timeline": {"events", "projections"}}


@pytest.mark.parametrize("package", sorted(EXPORTS))
def test_public_names_are_a_deliberate_list(package: str) -> None:
    """Each package's __all__ is exactly the pinned list, and every name in it exists."""
    module = importlib.import_module(package)
    assert module.__all__ == EXPORTS[package]
    for name in module.__all__:
        assert hasattr(module, name), name


def _imported_packages(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found & set(ALLOWED)


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_imports_point_one_way(package: str) -> None:
    """events imports neither projections nor timeline; projections does not import timeline."""
    for path in sorted((ROOT / package).rglob("*.py")):
        wrong = _imported_packages(path) - ALLOWED[package] - {package}
        assert not wrong, f"{path.relative_to(ROOT)} imports {sorted(wrong)}"
