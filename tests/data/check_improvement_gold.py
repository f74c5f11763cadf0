"""Check tests/data/improvement_gold.json against the corpus reports' text (standard library only).

    python tests/data/check_improvement_gold.py [--corpus ../shared/corpus] [--text-dir DIR]

For every report it checks that each list's heading, parent heading and item text occurs in the
whitespace-normalised document text, items in the order printed; that framework and published
date agree with the corpus's gold.json; and that every theme is a key of timeline/data/themes.toml.

The document text is the PDF's text as the project loads it (timeline.reading.files.load_text,
which needs pypdfium2), or, with --text-dir, plain-text copies named "<folder>__<file>.txt"
(for example "80473_hartlepool__children's services inspection - 11 february 2014.pdf.txt").
Exits 1 and lists the failures if any check fails.
"""

from __future__ import annotations

import argparse
import json
import sys
import tomllib
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
LISTS = {"main", "priority", "areas", "lscb"}
ITEM_KEYS = {"text", "number", "subheading", "themes", "suggested_theme", "note"}


def normalise(text: str) -> str:
    """Single spaces; PDFium's mark for a hyphen it cannot place (U+FFFE) read as "-"."""
    return " ".join(text.replace("\ufffe", "-").split())


def document_text(corpus: Path, file: str, text_dir: Path | None) -> str:
    if text_dir is not None:
        return (text_dir / (file.replace("/", "__") + ".txt")).read_text(encoding="utf-8")
    sys.path.insert(0, str(ROOT))
    from timeline.reading.files import load_text  # the project's PDF-to-text loader only

    return load_text(corpus / "reports" / file)


def check(gold_path: Path, corpus: Path, text_dir: Path | None) -> list[str]:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    corpus_gold = {x["file"]: x for x in json.loads((corpus / "gold.json").read_text("utf-8"))}
    themes = set(tomllib.loads((ROOT / "timeline/data/themes.toml").read_text("utf-8")))
    errors: list[str] = []
    seen: set[str] = set()
    for report in gold["reports"]:
        file = report["file"]
        where = file
        if file in seen:
            errors.append(f"{where}: listed twice")
        seen.add(file)
        label = corpus_gold.get(file)
        if label is None:
            errors.append(f"{where}: not in the corpus's gold.json")
            continue
        for key in ("framework", "published", "authority"):
            if report.get(key) != label.get(key):
                errors.append(f"{where}: {key} {report.get(key)!r} != gold.json {label.get(key)!r}")
        text = normalise(document_text(corpus, file, text_dir))
        for n, lst in enumerate(report["lists"], 1):
            at = f"{where} list {n}"
            if lst["list"] not in LISTS:
                errors.append(f"{at}: list kind {lst['list']!r}")
            for key in ("heading", "parent_heading"):
                if key in lst and normalise(lst[key]) not in text:
                    errors.append(f"{at}: {key} not in text: {lst[key]!r}")
            if not lst["items"]:
                errors.append(f"{at}: no items")
            position = text.find(normalise(lst["heading"]))
            for i, item in enumerate(lst["items"], 1):
                it = f"{at} item {i}"
                if set(item) - ITEM_KEYS:
                    errors.append(f"{it}: unknown keys {sorted(set(item) - ITEM_KEYS)}")
                body = item["text"]
                if body != normalise(body) or not body:
                    errors.append(f"{it}: text is not whitespace-normalised: {body!r}")
                found = text.find(normalise(body), position)
                if found < 0:
                    where_else = text.find(normalise(body))
                    problem = "out of order" if where_else >= 0 else "not in text"
                    errors.append(f"{it}: {problem}: {body[:80]!r}")
                else:
                    position = found + len(normalise(body))
                unknown = [t for t in item["themes"] if t not in themes]
                if unknown:
                    errors.append(f"{it}: unknown themes {unknown}")
                if len(set(item["themes"])) != len(item["themes"]):
                    errors.append(f"{it}: a theme repeated")
                if not item["themes"] and not item.get("suggested_theme"):
                    errors.append(f"{it}: no theme and no suggested_theme")
    return errors


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=HERE / "improvement_gold.json")
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--text-dir", type=Path, default=None)
    args = parser.parse_args()
    errors = check(args.gold, args.corpus, args.text_dir)
    gold = json.loads(args.gold.read_text(encoding="utf-8"))
    items = sum(len(lst["items"]) for r in gold["reports"] for lst in r["lists"])
    for error in errors:
        print(error)
    print(f"{len(gold['reports'])} reports, {items} items: {len(errors)} problem(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
