"""Load a ``questions.yaml``: parse, check shapes and cross-references, build the model.

Every problem in the file is collected and reported at once, each with its line and column.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any

from pm_quiz.bank import format as fmt
from pm_quiz.bank.model import (
    EMPTY,
    Bank,
    Context,
    Dimension,
    LText,
    Option,
    Profile,
    Question,
    Scale,
)
from pm_quiz.bank.spec import INVALID, LocDict, Rec
from pm_quiz.bank.spec import Context as ReadContext
from pm_quiz.parsing.files import PathLike, decode, read_bytes
from pm_quiz.parsing.problems import InputError, did_you_mean, one_of
from pm_quiz.parsing.yamldoc import Mapping, Node, Scalar, gc_paused, parse
from pm_quiz.parsing.yamldoc import Sequence as SeqNode

WHAT = "a questions.yaml file"


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
    text = decode(data, name)
    root = parse(text, name)
    ctx = ReadContext(name)
    rec = fmt.BANK.read(root, ctx)
    bank = None
    if rec is not INVALID:
        bank = _check_and_build(rec, ctx, data)
    if any(p.is_error for p in ctx.problems) or bank is None or not rec.complete:
        raise InputError(ctx.problems)
    return bank


def _text(value: Any) -> LText:
    return LText(value) if value else EMPTY


def _texts(values: Iterable[Any]) -> tuple[LText, ...]:
    return tuple(LText(v) for v in values)


def _unique(items: list[Rec], what: str, ctx: ReadContext) -> list[Rec]:
    """Items with an id not seen before; later duplicates are reported and dropped."""
    seen: dict[str, Node] = {}
    out = []
    for item in items:
        node = item.value_node("id")
        if item["id"] in seen:
            ctx.error(node, f"duplicate {what} id '{item['id']}' (first at line "
                            f"{seen[item['id']].line})", f"a unique {what} id")
            continue
        seen[item["id"]] = node
        out.append(item)
    return out


def _check_refs(refs: LocDict, known: Iterable[str], where: str, ctx: ReadContext) -> bool:
    ok = True
    names = list(known)
    for key in refs:
        if key not in names:
            ctx.error(refs.key_nodes[key], f"unknown dimension '{key}' in {where}"
                                           f"{did_you_mean(key, names)}",
                      f"a dimension id: {one_of(names)}")
            ok = False
    return ok


def _check_and_build(rec: Rec, ctx: ReadContext, data: bytes) -> Bank | None:
    languages = tuple(rec.get("languages") or (ctx.languages or ()))
    scale = _build_scale(rec["scale"], ctx) if "scale" in rec else None

    dimensions = [
        Dimension(d["id"], LText(d["name"]), _text(d["description"]), d.node.line)
        for d in _unique(rec.get("dimensions", []), "dimension", ctx)
    ]
    # References are checked against every id written, even of a dimension that is wrong
    # in other ways: that one is reported already, its references are not wrong too.
    dim_ids = _written_ids(rec.value_node("dimensions")) or [d.id for d in dimensions]

    profiles = []
    for p in _unique(rec.get("profiles", []), "profile", ctx):
        targets: LocDict = p["targets"]
        weights: LocDict = p["weights"]
        _check_refs(targets, dim_ids, f"the targets of profile '{p['id']}'", ctx)
        for key in weights:
            if key not in targets:
                hint = "" if key in dim_ids else did_you_mean(key, dim_ids)
                ctx.error(weights.key_nodes[key],
                          f"weight for '{key}', which profile '{p['id']}' does not target{hint}",
                          f"a dimension in its targets: {one_of(targets)}")
        profiles.append(Profile(
            p["id"], LText(p["name"]), _text(p["description"]),
            {k: float(v) for k, v in targets.items()},
            {k: float(v) for k, v in weights.items()},
            _texts(p["tips"]), _texts(p["industries"]), p.node.line,
        ))

    questions = []
    measured: set[str] = set()
    for q in _unique(rec.get("questions", []), "question", ctx):
        if q["type"] == "likert":
            dim = q["dimension"]
            if dim not in dim_ids:
                ctx.error(q.value_node("dimension"),
                          f"unknown dimension '{dim}' in question '{q['id']}'"
                          f"{did_you_mean(dim, dim_ids)}", f"a dimension id: {one_of(dim_ids)}")
            measured.add(dim)
            questions.append(Question(q["id"], "likert", LText(q["text"]), dimension=dim,
                                      reverse=q["reverse"], weight=float(q["weight"]),
                                      line=q.node.line))
        else:
            options = []
            for o in _unique(q["options"], "option", ctx):
                scores: LocDict = o["scores"]
                _check_refs(scores, dim_ids, f"the scores of option '{o['id']}'", ctx)
                measured.update(k for k, v in scores.items() if v)
                options.append(Option(o["id"], LText(o["text"]),
                                      {k: float(v) for k, v in scores.items()}, o.node.line))
            questions.append(Question(q["id"], "choice", LText(q["text"]),
                                      options=tuple(options), line=q.node.line))

    # Only when every question was read: a question with errors would otherwise make its
    # dimension look unmeasured, a warning that is only an echo of the error.
    written = rec.value_node("questions")
    all_read = isinstance(written, SeqNode) and len(written.items) == len(rec.get("questions", []))
    for d in dimensions:
        if all_read and d.id not in measured:
            ctx.warning(_node_of(rec.get("dimensions", []), d.id),
                        f"no question measures the dimension '{d.id}'",
                        "at least one question or option score for it")

    context = None
    if rec.get("context") is not None:
        c = rec["context"]
        context = Context(LText(c["heading"]), _texts(c["points"]), _text(c["source"]))

    if scale is None or not rec.complete:
        return None
    return Bank(
        path=ctx.path,
        data=data,
        title=LText(rec["title"]),
        intro=_text(rec["intro"]),
        languages=languages,
        close_call=float(rec["close_call"]),
        scale=scale,
        dimensions=tuple(dimensions),
        profiles=tuple(profiles),
        questions=tuple(questions),
        context=context,
        warnings=tuple(str(p) for p in ctx.problems if not p.is_error),
    )


def _written_ids(node: Node) -> list[str]:
    ids: dict[str, None] = {}
    if isinstance(node, SeqNode):
        for item in node.items:
            if isinstance(item, Mapping) and "id" in item.items:
                key = item.items["id"][1]
                if isinstance(key, Scalar) and key.tag == "str" and key.text.strip():
                    ids.setdefault(key.text, None)
    return list(ids)


def _node_of(items: list[Rec], item_id: str) -> Node:
    for item in items:
        if item["id"] == item_id:
            return item.node
    raise KeyError(item_id)  # pragma: no cover - only called for ids that exist


def _build_scale(s: Rec, ctx: ReadContext) -> Scale | None:
    low, high = int(s["min"]), int(s["max"])
    if high <= low:
        ctx.error(s.value_node("max"), f"max {high} is not greater than min {low}",
                  f"a whole number greater than {low}")
        return None
    steps = high - low + 1
    labels: dict[str, tuple[str, ...]] = {}
    label_node = s.value_node("labels")
    for lang, items in s["labels"].items():
        if len(items) != steps:
            where = "" if lang == "*" else f" for '{lang}'"
            ctx.error(_lang_node(label_node, lang),
                      f"{len(items)} labels{where}, but the scale has {steps} steps "
                      f"({low} to {high})", f"{steps} labels, one per step")
        labels[lang] = tuple(items)
    return Scale(low, high, labels)


def _lang_node(node: Node, lang: str) -> Node:
    if isinstance(node, Mapping) and lang in node.items:
        return node.items[lang][1]
    return node
