"""Generate big, valid, bilingual (de/en) question banks for the benchmarks.

The banks are in the real format with realistic sizes: a title and intro, statement texts
of 60-120 characters per language, about 75 % likert questions (a third of them reversed)
and 25 % choice questions with 3-4 options that score 1-3 dimensions each, profiles that
target 4-8 dimensions (some weighted), a 1..5 scale with labels, and every dimension
measured by at least one likert question.

As a module: ``generate(questions, dimensions, profiles, seed)`` returns the YAML text and
``answers(questions, ...)`` a full answers file for the same bank.
Run: ``python benchmarks/genbank.py QUESTIONS [--dimensions N] [--profiles N] [--seed N]
[--output BANK] [--answers FILE]``.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

LANGS = ("de", "en")
LIKERT_SHARE = 0.75
SCALE_LABELS = {
    "de": ["Trifft gar nicht zu", "Trifft eher nicht zu", "Teils, teils", "Trifft eher zu",
           "Trifft voll zu"],
    "en": ["Strongly disagree", "Somewhat disagree", "Neutral", "Somewhat agree",
           "Strongly agree"],
}
WORDS = {
    "de": (
        "ich", "arbeite", "gern", "mit", "Teams", "Kunden", "Daten", "Ideen", "Zielen", "Plänen",
        "Märkten", "Produkten", "und", "plane", "sorgfältig", "jeden", "Schritt", "bevor", "wir",
        "gemeinsam", "eine", "Entscheidung", "treffen", "oft", "lieber", "schnell", "als",
        "perfekt", "wenn", "Termine", "drängen", "halte", "ich", "den", "Überblick", "über",
        "offene", "Fragen", "Risiken", "Chancen", "Prioritäten", "Gespräche", "Technik", "Vertrieb",
        "Entwicklung", "Werkshalle", "Geschäftsführung", "Region", "Wandel", "Geduld", "Neugier",
        "Klarheit"
    ),
    "en": (
        "I", "like", "working", "with", "teams", "customers", "data", "ideas", "goals", "plans",
        "markets", "products", "and", "plan", "every", "step", "carefully", "before", "we", "make",
        "a", "decision", "together", "often", "rather", "fast", "than", "perfect", "when",
        "deadlines", "press", "I", "keep", "track", "of", "open", "questions", "risks", "chances",
        "priorities", "conversations", "technology", "sales", "development", "shop", "floor",
        "management", "region", "change", "patience", "curiosity", "clarity"
    ),
}


def _q(text: str) -> str:
    """A YAML double-quoted string (a JSON string is one)."""
    return json.dumps(text, ensure_ascii=False)


def _sentence(rng: random.Random, lang: str, low: int, high: int) -> str:
    """Words until the text is ``low``..``high`` characters long, ending in a full stop."""
    goal = rng.randint(low, high)
    words: list[str] = []
    length = 0
    while length < goal - 1:
        word = rng.choice(WORDS[lang])
        if length + len(word) + 2 > high:
            break
        words.append(word)
        length += len(word) + (1 if len(words) > 1 else 0)
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


def _text(rng: random.Random, low: int, high: int) -> str:
    parts = ", ".join(f"{lang}: {_q(_sentence(rng, lang, low, high))}" for lang in LANGS)
    return "{" + parts + "}"


def _name(kind: str, n: int) -> str:
    german = {"Dimension": "Dimension", "Profile": "Profil"}[kind]
    return "{" + f"de: {_q(f'{german} {n}')}, en: {_q(f'{kind} {n}')}" + "}"


def _flow_map(items: dict[str, int | float]) -> str:
    return "{" + ", ".join(f"{key}: {value}" for key, value in items.items()) + "}"


def question_kinds(questions: int, dimensions: int = 20, seed: int = 0) -> list[tuple[str, int]]:
    """Per question: ``("likert", 5)`` or ``("choice", number of options)``; the order and
    kinds :func:`generate` uses for the same arguments."""
    rng = random.Random(f"kinds-{questions}-{dimensions}-{seed}")
    kinds: list[tuple[str, int]] = []
    for i in range(questions):
        # the first `dimensions` questions are likert, so every dimension is measured
        likert = i < dimensions or rng.random() < LIKERT_SHARE
        kinds.append(("likert", 5) if likert else ("choice", rng.choice((3, 4))))
    return kinds


def generate(questions: int, dimensions: int = 20, profiles: int = 10, seed: int = 0) -> str:
    """A valid bilingual bank of ``questions`` questions as YAML text."""
    if questions < dimensions:
        raise ValueError("a bank needs at least one question per dimension")
    rng = random.Random(f"bank-{questions}-{dimensions}-{profiles}-{seed}")
    dims = [f"dim{d:02d}" for d in range(1, dimensions + 1)]
    out = [
        "# A generated bank for the benchmarks (benchmarks/genbank.py)",
        f"title: {_text(rng, 30, 60)}",
        f"intro: {_text(rng, 200, 300)}",
        "languages: [de, en]",
        "close_call: 5",
        "scale:",
        "  min: 1",
        "  max: 5",
        "  labels:",
        *(f"    {lang}: [{', '.join(_q(label) for label in SCALE_LABELS[lang])}]"
          for lang in LANGS),
        "dimensions:",
    ]
    for n, dim in enumerate(dims, 1):
        out += [f"  - id: {_q(dim)}",
                f"    name: {_name('Dimension', n)}",
                f"    description: {_text(rng, 60, 110)}"]
    out.append("profiles:")
    for n in range(1, profiles + 1):
        targeted = rng.sample(dims, rng.randint(4, min(8, dimensions)))
        targets = {dim: rng.randrange(20, 100, 5) for dim in targeted}
        weighted = rng.sample(targeted, rng.randint(0, 2))
        weights = {dim: rng.choice((1.5, 2)) for dim in weighted}
        out += [f"  - id: \"profile{n:03d}\"",
                f"    name: {_name('Profile', n)}",
                f"    description: {_text(rng, 150, 250)}",
                f"    targets: {_flow_map(dict(targets))}"]
        if weights:
            out.append(f"    weights: {_flow_map(dict(weights))}")
        out.append("    tips:")
        out += [f"      - {_text(rng, 60, 110)}" for _ in range(2)]
        out.append("    industries:")
        out += [f"      - {_text(rng, 8, 20)}" for _ in range(rng.randint(1, 2))]
    out.append("questions:")
    for i, (kind, options) in enumerate(question_kinds(questions, dimensions, seed)):
        qid = f"q{i + 1:05d}"
        out += [f"  - id: {_q(qid)}", f"    type: {_q(kind)}"]
        if kind == "likert":
            dim = dims[i % dimensions] if i < dimensions else rng.choice(dims)
            out += [f"    dimension: {_q(dim)}",
                    f"    text: {_text(rng, 60, 120)}",
                    f"    reverse: {'true' if rng.random() < 1 / 3 else 'false'}"]
        else:
            out += [f"    text: {_text(rng, 80, 120)}", "    options:"]
            for o in range(options):
                scores = {dim: rng.randint(1, 3) for dim in rng.sample(dims, rng.randint(1, 3))}
                out.append(f"      - {{id: {_q('abcd'[o])}, text: {_text(rng, 40, 80)}, "
                           f"scores: {_flow_map(dict(scores))}}}")
    return "\n".join(out) + "\n"


def answers(questions: int, dimensions: int = 20, seed: int = 0, answer_seed: int = 1) -> str:
    """A full answers file (YAML: question id → likert value or option id) for the bank
    :func:`generate` makes with the same ``questions``, ``dimensions`` and ``seed``."""
    rng = random.Random(f"answers-{answer_seed}")
    lines = []
    for i, (kind, options) in enumerate(question_kinds(questions, dimensions, seed)):
        value = str(rng.randint(1, 5)) if kind == "likert" else _q("abcd"[rng.randrange(options)])
        lines.append(f"\"q{i + 1:05d}\": {value}")
    return "\n".join(lines) + "\n"


def write(directory: Path, questions: int, dimensions: int = 20, profiles: int = 10,
          seed: int = 0) -> tuple[Path, Path]:
    """Write a generated bank and its answers file into ``directory``; returns both paths."""
    stem = f"bank-{questions}q-{dimensions}d-{profiles}p-{seed}"
    bank = directory / f"{stem}.yaml"
    bank.write_text(generate(questions, dimensions, profiles, seed), encoding="utf-8")
    answers_file = directory / f"{stem}-answers.yaml"
    answers_file.write_text(answers(questions, dimensions, seed), encoding="utf-8")
    return bank, answers_file


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("questions", type=int)
    parser.add_argument("--dimensions", type=int, default=20)
    parser.add_argument("--profiles", type=int, default=10)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--output", metavar="BANK", help="write the bank here (default: stdout)")
    parser.add_argument("--answers", metavar="FILE", help="also write a full answers file")
    args = parser.parse_args()
    text = generate(args.questions, args.dimensions, args.profiles, args.seed)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    if args.answers:
        Path(args.answers).write_text(answers(args.questions, args.dimensions, args.seed),
                                      encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
