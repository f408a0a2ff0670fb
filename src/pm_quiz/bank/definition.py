"""The ``questions.yaml`` format, defined once.

These definitions read a bank into the model (:mod:`pm_quiz.bank.model`, whose records give
the defaults), generate its JSON Schema (``pm-quiz schema``) and the reference tables in the
README (``pm-quiz schema --markdown``). Rules that span several places (references between
ids, label counts, duplicate ids) are in the loader, and listed in :data:`RULES` so the
reference names them too.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pm_quiz.bank.model import (
    ANY_LANGUAGE,
    Bank,
    Context,
    Dimension,
    LText,
    Option,
    Profile,
    Question,
    Scale,
)
from pm_quiz.bank.spec import (
    Bool,
    Const,
    Field,
    Localized,
    MapOf,
    Num,
    Obj,
    ReadContext,
    Seq,
    Str,
    Tagged,
    markdown_reference,
    schema_text,
)

#: Bounds that keep every result finite, whatever the bank: scores and weights are
#: summed and multiplied over at most a 16 MiB file's worth of questions.
MAX_SCORE = 1000
MAX_WEIGHT = 1000

LANGUAGE = Str(
    pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$",
    pattern_doc="a language code such as de, en or pt-BR",
    label="language code",
)
ID = Str(
    pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$",
    pattern_doc="letters, digits, '_', '-' or '.', starting with a letter or digit",
    label="id",
)
TEXT = Localized(inner=Str(), language=LANGUAGE, what="text", build=LText)
TEXTS = Seq(item=TEXT)


def _set_languages(ctx: ReadContext, value: Any) -> None:
    if value:
        ctx.languages = tuple(value)


def _languages_from_title(ctx: ReadContext, value: Any) -> None:
    if ctx.languages is None and isinstance(value, LText):
        ctx.languages = tuple(lang for lang in value.by_lang if lang != ANY_LANGUAGE) or None


DIMENSION = Obj(
    name="dimension",
    model=Dimension,
    title="dimension",
    doc="A quality the quiz measures; every dimension gets a score from 0 to 100.",
    fields=[
        Field("id", ID, "Unique among the dimensions; questions and profiles refer to it.",
              required=True),
        Field("name", TEXT, "Shown in the result.", required=True),
        Field("description", TEXT, "What a high score means; shown in the result."),
    ],
)

SCALE = Obj(
    name="scale",
    model=Scale,
    title="scale",
    doc="The agreement scale of all likert questions, defined once.",
    fields=[
        Field("min", Num(integer=True), "The lowest answer, e.g. 1.", required=True),
        Field("max", Num(integer=True), "The highest answer, greater than `min`.",
              required=True),
        Field("labels", Localized(inner=Seq(item=Str(), min_items=2), language=LANGUAGE,
                                  what="label list"),
              "One label per step from `min` to `max`, in order: a list, or a map "
              "language → list.", required=True),
    ],
)

PROFILE = Obj(
    name="profile",
    model=Profile,
    title="profile",
    doc="A kind of person the answers are matched against.",
    fields=[
        Field("id", ID, "Unique among the profiles.", required=True),
        Field("name", TEXT, "Shown in the result.", required=True),
        Field("description", TEXT, "Who this is; shown for the best match."),
        Field("targets", MapOf(key=ID, value=Num(minimum=0, maximum=100), min_items=1,
                               what="dimension id → number 0..100"),
              "The ideal score per dimension: dimension id → 0..100. Matching compares your "
              "pattern with these targets, taking 50 (the middle) for a dimension not named; "
              "with fewer than three scored dimensions only the named ones count.",
              required=True),
        Field("weights", MapOf(key=ID, value=Num(above=0, maximum=MAX_WEIGHT),
                               what=f"dimension id → number > 0 and <= {MAX_WEIGHT}"),
              "How much a dimension counts in the match: dimension id → number greater "
              f"than 0, at most {MAX_WEIGHT}; a dimension not given here counts 1."),
        Field("tips", TEXTS, "Next steps shown with this profile's result."),
        Field("industries", TEXTS, "Where this profile fits best; shown in the result."),
    ],
)

OPTION = Obj(
    name="option",
    model=Option,
    title="option",
    doc="One answer of a choice question.",
    fields=[
        Field("id", ID, "Unique within its question; answers files use it.", required=True),
        Field("text", TEXT, "The answer as shown.", required=True),
        Field("scores", MapOf(key=ID, value=Num(minimum=-MAX_SCORE, maximum=MAX_SCORE),
                              what=f"dimension id → number -{MAX_SCORE}..{MAX_SCORE}"),
              "Points per dimension for choosing this option: dimension id → a number from "
              f"-{MAX_SCORE} to {MAX_SCORE}."),
    ],
)

#: The key every kind of question has first.
QUESTION_ID = Field("id", ID, "Unique among the questions; answers files use it.",
                    required=True)

LIKERT = Obj(
    name="likert",
    model=Question,
    title="likert question",
    doc="A statement answered on the scale; it measures one dimension.",
    fields=[
        QUESTION_ID,
        Field("type", Const(value="likert"), "`likert`.", required=True),
        Field("dimension", ID, "The dimension id it measures.", required=True),
        Field("text", TEXT, "The statement.", required=True),
        Field("reverse", Bool(), "`true` when agreeing means less of the dimension."),
        Field("weight", Num(above=0, maximum=MAX_WEIGHT),
              f"How much it counts against the other items: greater than 0, at most "
              f"{MAX_WEIGHT}."),
    ],
)

CHOICE = Obj(
    name="choice",
    model=Question,
    title="choice question",
    doc="A scenario with options; each option gives points to dimensions.",
    fields=[
        QUESTION_ID,
        Field("type", Const(value="choice"), "`choice`.", required=True),
        Field("text", TEXT, "The scenario and the question.", required=True),
        Field("options", Seq(item=OPTION, min_items=2), "At least two options.",
              required=True),
    ],
)

QUESTION = Tagged(tag="type", variants={"likert": LIKERT, "choice": CHOICE}, title="question")

CONTEXT = Obj(
    name="context",
    model=Context,
    title="context",
    doc="Background shown beside the result, e.g. what a source says about the job.",
    fields=[
        Field("heading", TEXT, "The heading of the context box.", required=True),
        Field("points", TEXTS, "Short points, one per line."),
        Field("source", TEXT, "Where the points come from."),
    ],
)

BANK = Obj(
    name="bank",
    model=Bank,
    title="bank",
    doc="The whole file.",
    fields=[
        Field("languages", Seq(item=LANGUAGE, min_items=1, unique=True),
              "The languages every text must provide, first is the default. Omitted: the "
              "languages of `title`.", after=_set_languages),
        Field("title", TEXT, "The quiz's name.", required=True, after=_languages_from_title),
        Field("intro", TEXT, "A short introduction on the welcome screen."),
        Field("close_call", Num(minimum=0, maximum=100), "The result is a close call when the "
              "first two profiles are less than this many points apart (scores are 0..100)."),
        Field("scale", SCALE, "The likert scale.", required=True),
        Field("dimensions", Seq(item=DIMENSION, min_items=1), "What is measured.",
              required=True),
        Field("profiles", Seq(item=PROFILE, min_items=1), "What answers are matched against.",
              required=True),
        Field("questions", Seq(item=QUESTION, min_items=1), "In the order they are asked.",
              required=True),
        Field("context", CONTEXT, "Background shown beside the result."),
    ],
)

#: Rules checked by the loader beyond the shapes above; the reference lists them.
RULES = (
    "An *id* is letters, digits, `_`, `-` or `.`, starting with a letter or digit; a "
    "*language code* is like `de`, `en` or `pt-BR`.",
    "A *text* is a plain string (the same in every language) or a map language → string "
    "that gives every language in `languages`, and no other; a *label list* likewise.",
    "Ids are unique within their list: dimensions, profiles, questions, and options within "
    "their question.",
    "`dimension` of a likert question, and the keys of `targets`, `weights` and `scores`, "
    "name a dimension `id`; `weights` only for dimensions in `targets`.",
    "`scale.max` is greater than `scale.min`, and every label list has one label per step.",
    f"Numbers are bounded so that every result stays finite: option scores from "
    f"-{MAX_SCORE} to {MAX_SCORE}, weights greater than 0 and at most {MAX_WEIGHT}.",
    "Quote strings YAML 1.1 reads as something else: `\"no\"`, `\"yes\"`, `\"on\"`, "
    "`\"off\"`, numbers meant as text.",
    "Duplicate keys, tabs for indentation, tags such as `!!python/...`, several documents "
    "in one file, files over 16 MiB and what is not a regular file (a pipe, a device) are "
    "refused.",
    "A dimension that no question measures gets a warning.",
)


def reference_markdown(lang: str = "en") -> str:
    """The format reference (the README's, in English): one table per mapping, then the
    rules; in ``lang`` where the catalogues have its words."""
    rules = "\n".join(f"- {schema_text(lang, rule)}" for rule in RULES)
    heading = schema_text(lang, "Rules across the file")
    return f"{markdown_reference(BANK, lang)}\n#### {heading}\n\n{rules}\n"


def json_schema(lang: str = "en") -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a bank, for editors; generated from the specs.
    Its descriptions (what an editor shows on hover) are in ``lang``, where the catalogue
    has them (``msgctxt "schema"``), else in English."""
    defs: dict[str, Any] = {}
    root = BANK.json_schema(defs)
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "pm-quiz question bank (questions.yaml)",
        "description": SCHEMA_DESCRIPTION,
        **root,
        "$defs": defs,
    }
    described: dict[str, Any] = _described_in(lang, schema)
    return described


SCHEMA_DESCRIPTION = ("Generated by `pm-quiz schema` from the definitions pm-quiz validates "
                      "with. Rules across the file (references between ids, label counts, "
                      "languages) are checked by `pm-quiz validate`.")


def _described_in(lang: str, node: Any) -> Any:
    return _map_descriptions(node, lambda text: schema_text(lang, text))


def _map_descriptions(node: Any, change: Callable[[str], str]) -> Any:
    """``node`` (a JSON Schema or part of one) with ``change`` applied to every description
    (a property named ``description`` is a mapping, and is walked into)."""
    if isinstance(node, dict):
        return {key: change(value) if key == "description" and isinstance(value, str)
                else _map_descriptions(value, change) for key, value in node.items()}
    if isinstance(node, list):
        return [_map_descriptions(value, change) for value in node]
    return node


def json_schema_text(lang: str = "en") -> str:
    import json

    return json.dumps(json_schema(lang), ensure_ascii=False, indent=2) + "\n"
