"""Check tests/data/polarity_sentences.json against the documents' text (standard library only).

    python tests/data/check_polarity_sentences.py [--corpus ../shared/corpus] [--text-dir DIR]

Every sentence must occur verbatim in its document's whitespace-normalised text (runs of
whitespace made single spaces, nothing else changed), be whitespace-normalised itself, be one
sentence (a capital or opening quote to a full stop) and carry one of the four labels; a "mixed"
label needs a "why". Corpus entries ("<folder>/<file>.pdf") must be files of the corpus's
gold.json, at least 250 sentences from at least 40 reports; seed entries ("seeds/<name>") are read
from the project's seeds/ folder.

The corpus PDFs are read as plain-text copies of their PDFium text, DIR/"<folder>__<file>.txt"
(for example "80473_hartlepool__children's services inspection - 11 february 2014.pdf.txt"), so
that the check needs neither a PDF library nor the project's reader. Exits 1 and lists the
failures if any check fails.
"""

from __future__ import annotations

import argparse
import collections
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
LABELS = {"positive", "negative", "mixed", "neutral"}
KEYS = {"file", "sentence", "label", "why"}
MIN_SENTENCES, MIN_REPORTS = 250, 40


def normalise(text: str) -> str:
    return " ".join(text.split())


def document_text(file: str, text_dir: Path) -> str:
    if file.startswith("seeds/"):
        return (ROOT / file).read_text(encoding="utf-8")
    return (text_dir / (file.replace("/", "__") + ".txt")).read_text(encoding="utf-8")


def check(gold_path: Path, corpus: Path, text_dir: Path) -> tuple[list[str], str]:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    errors: list[str] = []
    if set(gold) != {"about", "sentences"}:
        errors.append(f"top-level keys {sorted(gold)}")
    corpus_files = {x["file"] for x in json.loads((corpus / "gold.json").read_text("utf-8"))}
    texts: dict[str, str] = {}
    seen: set[tuple[str, str]] = set()
    counts: dict[str, collections.Counter[str]] = {
        "corpus": collections.Counter(),
        "seeds": collections.Counter(),
    }
    reports: set[str] = set()
    for n, entry in enumerate(gold["sentences"], 1):
        file, sentence, label = entry.get("file", ""), entry.get("sentence", ""), entry.get("label")
        at = f"#{n} {file}"
        if set(entry) - KEYS or not {"file", "sentence", "label"} <= set(entry):
            errors.append(f"{at}: keys {sorted(entry)}")
        if label not in LABELS:
            errors.append(f"{at}: label {label!r}")
        if label == "mixed" and not entry.get("why"):
            errors.append(f"{at}: mixed without a why")
        if sentence != normalise(sentence):
            errors.append(f"{at}: not whitespace-normalised: {sentence!r}")
        if not re.match(r"[A-Z\u2018\u201c\"']", sentence) or not sentence.endswith("."):
            errors.append(f"{at}: not a full sentence: {sentence!r}")
        if (file, sentence) in seen:
            errors.append(f"{at}: listed twice: {sentence!r}")
        seen.add((file, sentence))
        seed = file.startswith("seeds/")
        if not seed:
            if file not in corpus_files:
                errors.append(f"{at}: not a file of the corpus's gold.json")
                continue
            reports.add(file)
        if file not in texts:
            try:
                texts[file] = normalise(document_text(file, text_dir))
            except OSError as exc:
                errors.append(f"{at}: cannot read the text: {exc}")
                texts[file] = ""
        if sentence not in texts[file]:
            errors.append(f"{at}: not in the document text: {sentence!r}")
        counts["seeds" if seed else "corpus"][str(label)] += 1
    total = sum(counts["corpus"].values())
    if total < MIN_SENTENCES:
        errors.append(f"only {total} corpus sentences (at least {MIN_SENTENCES})")
    if len(reports) < MIN_REPORTS:
        errors.append(f"only {len(reports)} reports (at least {MIN_REPORTS})")
    corpus_counts = dict(sorted(counts["corpus"].items()))
    seed_counts = dict(sorted(counts["seeds"].items()))
    summary = (
        f"corpus: {total} sentences from {len(reports)} reports {corpus_counts}; "
        f"seeds: {sum(counts['seeds'].values())} {seed_counts}"
    )
    return errors, summary


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=HERE / "polarity_sentences.json")
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--text-dir", type=Path, default=Path("/tmp/ct"))
    args = parser.parse_args()
    errors, summary = check(args.gold, args.corpus, args.text_dir)
    for error in errors:
        print(error)
    print(summary)
    print(f"{len(errors)} failure(s)" if errors else "ok")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
