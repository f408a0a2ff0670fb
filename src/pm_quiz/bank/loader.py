"""Load a ``questions.yaml``: parse, read it into the model, check references across it.

The definition (:mod:`pm_quiz.bank.definition`) reads every part into its record; what is
left here are the rules that span the file: unique ids, references to dimensions, one
label per step. Every problem in the file is reported at once, each with line and column.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any

from pm_quiz.bank.definition import BANK
from pm_quiz.bank.locate import WHAT
from pm_quiz.bank.model import ANY_LANGUAGE, Bank, Option, Profile, Question, Scale
from pm_quiz.bank.spec import ReadContext
from pm_quiz.i18n import Phrase, say
from pm_quiz.parsing.files import PathLike, decode, read_bytes
from pm_quiz.parsing.problems import Problem, one_of_said
from pm_quiz.parsing.yamldoc import MapNode, Node, Scalar, SeqNode, gc_paused, parse


def load_bank(path: PathLike) -> Bank:
    """Load and validate the bank at ``path``; raise :class:`InputError` listing every problem.

    Warnings alone do not fail: they are kept, formatted, in ``Bank.warnings``.
    """
    data = read_bytes(path, WHAT)
    return load_bank_bytes(data, os.fspath(path))


def load_bank_bytes(data: bytes, name: str) -> Bank:
    with gc_paused():
        return _load(data, name)


def _load(data: bytes, name: str) -> Bank:
    root = parse(decode(data, name), name)
    ctx = ReadContext(name)
    values = BANK.read_fields(root, ctx, partial=True)
    if values is not None:
        _check(values, root, ctx)
    if values is None or ctx.failed:
        raise ctx.as_error()
    values["languages"] = tuple(values.get("languages") or ctx.languages or ())
    warnings = [p for p in ctx.problems if not p.is_error]
    if ctx.more:  # only warnings, or the bank would have failed
        warnings.append(Problem.not_shown(name, ctx.more, len(warnings), "warning"))
    return Bank(path=name, source=data, warnings=tuple(str(w) for w in warnings), **values)


def _check(values: dict[str, Any], root: Node, ctx: ReadContext) -> None:
    """The rules across the file, on what could be read of it."""
    assert isinstance(root, MapNode)  # read_fields made sure
    dimensions = values.get("dimensions", ())
    _unique(dimensions, "dimension", ctx)
    # References are checked against every id written, even of a dimension that is wrong
    # in other ways: that one is reported already, its references are not wrong too.
    written = _value_node(root, "dimensions")
    dim_ids = _written_ids(written) or [d.id for d in dimensions]
    if "scale" in values:
        _check_scale(values["scale"], ctx)
    for profile in _unique(values.get("profiles", ()), "profile", ctx):
        _check_profile(profile, dim_ids, ctx)
    measured: set[str] = set()
    questions = values.get("questions", ())
    for question in _unique(questions, "question", ctx):
        measured |= _check_question(question, dim_ids, ctx)
    # Only when every question was read: a question with errors would otherwise make its
    # dimension look unmeasured, a warning that is only an echo of the error.
    asked = _value_node(root, "questions")
    if isinstance(asked, SeqNode) and len(asked.items) == len(questions):
        for dimension in dimensions:
            if dimension.id not in measured:
                ctx.warn(ctx.source(dimension), "msg_unmeasured", "exp_measured",
                         id=dimension.id)


def _value_node(node: MapNode, key: str) -> Node:
    """The node of ``key``'s value in ``node``; ``node`` itself when the key is not there."""
    entry = node.items.get(key)
    return entry[1] if entry else node


def _unique(items: Iterable[Any], what: str, ctx: ReadContext) -> list[Any]:
    """Items with an id not seen before; later duplicates are reported."""
    seen: dict[str, Node] = {}
    out = []
    for item in items:
        node = _value_node(ctx.source(item), "id")
        first = seen.get(item.id)
        if first is not None:
            ctx.err(node, f"msg_duplicate_{what}", f"exp_unique_{what}", id=item.id,
                    first=first.line)
            continue
        seen[item.id] = node
        out.append(item)
    return out


def _check_refs(refs: Iterable[str], node: Node, known: list[str], where: Phrase,
                ctx: ReadContext) -> None:
    """Each key of the mapping ``node`` read as ``refs`` names a dimension in ``known``."""
    for key in refs:
        if key not in known:
            ctx.err(_key_node(node, key), "msg_unknown_dimension_in", "exp_dimension_id",
                    id=key, where=where, hint=ctx.hint(key, known), ids=one_of_said(known))


def _key_node(node: Node, key: str) -> Node:
    return node.items[key][0] if isinstance(node, MapNode) and key in node.items else node


def _check_profile(profile: Profile, dim_ids: list[str], ctx: ReadContext) -> None:
    source = ctx.source(profile)
    _check_refs(profile.targets, _value_node(source, "targets"), dim_ids,
                say("msg_targets_of", id=profile.id), ctx)
    weights = _value_node(source, "weights")
    for key in profile.weights:
        if key not in profile.targets:
            hint = "" if key in dim_ids else ctx.hint(key, dim_ids)
            ctx.err(_key_node(weights, key), "msg_weight_not_targeted", "exp_in_targets",
                    id=key, profile=profile.id, hint=hint, ids=one_of_said(profile.targets))


def _check_question(question: Question, dim_ids: list[str], ctx: ReadContext) -> set[str]:
    """Check the question's references; the dimensions it measures."""
    dim = question.dimension
    if dim is not None:
        if dim not in dim_ids:
            ctx.err(_value_node(ctx.source(question), "dimension"), "msg_unknown_dimension_in",
                    "exp_dimension_id", id=dim, where=say("msg_in_question", id=question.id),
                    hint=ctx.hint(dim, dim_ids), ids=one_of_said(dim_ids))
        return {dim}
    measured: set[str] = set()
    for option in _unique(question.options, "option", ctx):
        measured |= _check_option(option, dim_ids, ctx)
    return measured


def _check_option(option: Option, dim_ids: list[str], ctx: ReadContext) -> set[str]:
    _check_refs(option.scores, _value_node(ctx.source(option), "scores"), dim_ids,
                say("msg_scores_of", id=option.id), ctx)
    return {dim for dim, points in option.scores.items() if points}


def _written_ids(node: Node) -> list[str]:
    ids: dict[str, None] = {}
    if isinstance(node, SeqNode):
        for item in node.items:
            if isinstance(item, MapNode) and "id" in item.items:
                key = item.items["id"][1]
                if isinstance(key, Scalar) and key.tag == "str" and key.text.strip():
                    ids.setdefault(key.text, None)
    return list(ids)


def _check_scale(scale: Scale, ctx: ReadContext) -> None:
    source = ctx.source(scale)
    low, high = scale.min, scale.max
    if high <= low:
        ctx.err(_value_node(source, "max"), "msg_scale_inverted", "exp_greater_than",
                high=high, low=low)
        return
    steps = high - low + 1
    labels = _value_node(source, "labels")
    for lang, items in scale.labels.items():
        node = _value_node(labels, lang) if isinstance(labels, MapNode) else labels
        # count what was written: a label already reported (an unquoted no) is still one
        written = len(node.items) if isinstance(node, SeqNode) else len(items)
        if written != steps:
            where = "" if lang == ANY_LANGUAGE else say("msg_for_language", lang=lang)
            ctx.err(node, "msg_label_count", "exp_label_count", n=written, where=where,
                    steps=steps, low=low, high=high)
