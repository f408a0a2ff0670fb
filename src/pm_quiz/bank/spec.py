"""A small language of shape definitions: one description of a format, three uses.

Each :class:`Spec` can

* ``read`` a YAML node (from :mod:`pm_quiz.parsing.yamldoc`) into the value the model holds
  (an :class:`Obj` builds its model's dataclass), reporting every mismatch as a
  :class:`~pm_quiz.parsing.problems.Problem` with line and column;
* produce its part of a JSON Schema (``json_schema``), for editors;
* describe itself for the format reference (``type_name``) and say what it expects
  (``expects``).

The bank format in :mod:`pm_quiz.bank.definition` is written once in these terms, so the
loader, the JSON Schema and the README's reference can never disagree.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import MISSING
from typing import Any

from pm_quiz.bank.model import ANY_LANGUAGE
from pm_quiz.i18n import Phrase, has, say, unformatted
from pm_quiz.i18n.catalog import in_context
from pm_quiz.parsing.problems import Collector, one_of_said
from pm_quiz.parsing.yamldoc import MapNode, Node, Scalar, SeqNode, described


def words(text: str) -> Phrase | str:
    """A word of the format's definition (a title such as ``scale``, a kind such as
    ``a text``) in the message language: the catalogue has them with the English words as
    their keys, as gettext does; a word it lacks stays English."""
    return say(text) if has(text) else text


#: The ``msgctxt`` of the format's own words in the catalogues (the JSON Schema's
#: descriptions, the reference's tables and rules), keyed by their English.
SCHEMA_CONTEXT = "schema"


def schema_text(lang: str, english: str) -> str:
    """A word or sentence of the format's documentation in ``lang``, as written in English
    where no catalogue has it."""
    return unformatted(lang, in_context(SCHEMA_CONTEXT, english)) or english


class _Invalid:
    def __repr__(self) -> str:
        return "INVALID"


#: What ``read`` returns for a value that was reported as wrong.
INVALID: Any = _Invalid()


class ReadContext(Collector):
    """What reading one file collects: its problems (see
    :class:`~pm_quiz.parsing.problems.Collector`), the languages its texts must give, and
    the node each object was built from, so that checks across the file can point there."""

    def __init__(self, path: str) -> None:
        super().__init__(path)
        self.languages: tuple[str, ...] | None = None
        self._sources: dict[int, tuple[object, MapNode]] = {}

    @property
    def count(self) -> int:
        """How many problems were found so far, counted ones included."""
        return len(self.problems) + self.more

    def err(self, node: Node, key: str, expected_key: str | None = None, /,
            **params: object) -> None:
        """An error the catalogue text ``key`` describes (see :meth:`Collector.say`)."""
        self.put(node.line, node.col, key, expected_key, params)

    def warn(self, node: Node, key: str, expected_key: str | None = None, /,
             **params: object) -> None:
        """A warning the catalogue text ``key`` describes."""
        self.put(node.line, node.col, key, expected_key, params, "warning")

    def built(self, obj: object, node: MapNode) -> None:
        self._sources[id(obj)] = (obj, node)  # the object is kept, so its id stays its own

    def source(self, obj: object) -> MapNode:
        """The mapping ``obj`` was built from."""
        return self._sources[id(obj)][1]


class Spec:
    """Base of all shapes."""

    doc: str = ""

    def read(self, node: Node, ctx: ReadContext) -> Any:
        """The value ``node`` stands for, or :data:`INVALID` once what is wrong with it is
        reported to ``ctx``."""
        raise NotImplementedError

    def json_schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        raise NotImplementedError

    def type_name(self) -> str:
        """Short type for the reference table, e.g. ``number 0..100``."""
        raise NotImplementedError

    def expects(self) -> Phrase:
        """What a person should write instead, e.g. ``a number from 0 to 100``, said in the
        message language."""
        raise NotImplementedError

    def wrong_type(self, node: Node, ctx: ReadContext) -> Any:
        ctx.err(node, "msg_found", "exp_said", found=described(node), what=self.expects())
        return INVALID


class Str(Spec):
    """A string; optionally matching ``pattern`` (described for people by ``pattern_doc``);
    ``label`` is its short name in the reference tables (``id``, ``language code``)."""

    def __init__(self, pattern: str | None = None, pattern_doc: str = "", doc: str = "",
                 label: str = "") -> None:
        self.pattern = pattern
        self.pattern_doc = pattern_doc
        self.doc = doc
        self.label = label
        self._regex = re.compile(pattern) if pattern else None

    def read(self, node: Node, ctx: ReadContext) -> Any:
        if not isinstance(node, Scalar) or node.tag not in ("str", "timestamp"):
            return self._not_a_string(node, ctx)
        value: str = node.text
        if not value.strip():
            ctx.err(node, "msg_empty_string", "exp_said", what=self.expects())
            return INVALID
        if self._regex is not None and not self._regex.match(value):
            ctx.err(node, "msg_not_allowed_here", "exp_said", text=repr(value),
                    what=self.expects())
            return INVALID
        return value

    def _not_a_string(self, node: Node, ctx: ReadContext) -> Any:
        if isinstance(node, Scalar) and node.plain and node.tag == "bool":
            ctx.err(node, "msg_read_as_bool", "exp_quoted_string", text=node.text,
                    value=str(node.value).lower())
            return INVALID
        if isinstance(node, Scalar) and node.tag in ("int", "float"):
            ctx.err(node, "msg_found", "exp_write_quoted", found=described(node),
                    what=self.expects(), text=node.text)
            return INVALID
        return self.wrong_type(node, ctx)

    def json_schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "string", "minLength": 1}
        schema["pattern"] = self.pattern or r"\S"  # not only white space
        if self.doc:
            schema["description"] = self.doc
        return schema

    def type_name(self) -> str:
        return self.label or "string"

    def expects(self) -> Phrase:
        if self.pattern_doc:
            return say("exp_string_pattern", doc=words(self.pattern_doc))
        return say("exp_nonempty_string")


class Const(Spec):
    """Exactly one string value (the discriminator of a :class:`Tagged`)."""

    def __init__(self, value: str) -> None:
        self.value = value

    def read(self, node: Node, ctx: ReadContext) -> Any:
        if isinstance(node, Scalar) and node.tag == "str" and node.text == self.value:
            return self.value
        return self.wrong_type(node, ctx)

    def json_schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        return {"const": self.value}

    def type_name(self) -> str:
        return f"`{self.value}`"

    def expects(self) -> Phrase:
        return say("exp_said", what=f"'{self.value}'")


class Num(Spec):
    """A finite number within optional bounds (``above``: exclusive minimum), read as a
    float; ``integer`` for whole numbers only, read as an int."""

    def __init__(self, minimum: float | None = None, maximum: float | None = None,
                 above: float | None = None, integer: bool = False, doc: str = "") -> None:
        self.minimum = minimum
        self.maximum = maximum
        self.above = above
        self.integer = integer
        self.doc = doc

    def read(self, node: Node, ctx: ReadContext) -> Any:
        if not isinstance(node, Scalar) or node.tag not in ("int", "float"):
            return self.wrong_type(node, ctx)  # "found the string '…'", "found a list"…
        value = node.value
        if not math.isfinite(value):
            ctx.err(node, "msg_not_finite", "exp_said", text=node.text, what=self.expects())
            return INVALID
        if self.integer and node.tag != "int":
            ctx.err(node, "msg_not_whole", "exp_said", text=node.text, what=self.expects())
            return INVALID
        if not self._within(value):
            ctx.err(node, "msg_out_of_range", "exp_said", text=node.text, what=self.expects())
            return INVALID
        return int(value) if self.integer else float(value)

    def _within(self, value: float) -> bool:
        return not (
            (self.minimum is not None and value < self.minimum)
            or (self.maximum is not None and value > self.maximum)
            or (self.above is not None and value <= self.above)
        )

    def _bounds(self) -> list[tuple[str, float]]:
        """The bounds as (comparison, number): ``(">=", 0)``, ``(">", 0)``, ``("<=", 100)``."""
        bounds = [(">=", self.minimum), (">", self.above), ("<=", self.maximum)]
        return [(op, x) for op, x in bounds if x is not None]

    def json_schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "integer" if self.integer else "number"}
        if self.minimum is not None:
            schema["minimum"] = self.minimum
        if self.maximum is not None:
            schema["maximum"] = self.maximum
        if self.above is not None:
            schema["exclusiveMinimum"] = self.above
        return schema

    def type_name(self) -> str:
        base = "whole number" if self.integer else "number"
        if self.minimum is not None and self.maximum is not None:
            return f"{base} {self.minimum:g}..{self.maximum:g}"
        return " ".join([base, " and ".join(f"{op} {x:g}" for op, x in self._bounds())]).strip()

    def expects(self) -> Phrase:
        base = say("exp_a_whole_number" if self.integer else "exp_a_number")
        if self.minimum is not None and self.maximum is not None:
            return say("exp_number_from_to", base=base, low=f"{self.minimum:g}",
                       high=f"{self.maximum:g}")
        keys = {">=": "exp_at_least", ">": "exp_greater", "<=": "exp_at_most"}
        bounds: list[Phrase] = [say(keys[op], x=f"{x:g}") for op, x in self._bounds()]
        if len(bounds) == 1 and bounds[0].key != "exp_greater":
            bounds = [say("exp_of_bound", bound=bounds[0])]  # "a number of at least 0"
        if len(bounds) == 2:
            return say("exp_number_bounds", base=base, bounds=say("exp_and", a=bounds[0],
                                                                   b=bounds[1]))
        return say("exp_number_bounds", base=base, bounds=bounds[0]) if bounds else base


class Bool(Spec):
    def read(self, node: Node, ctx: ReadContext) -> Any:
        if isinstance(node, Scalar) and node.tag == "bool":
            return node.value
        return self.wrong_type(node, ctx)

    def json_schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        return {"type": "boolean"}

    def type_name(self) -> str:
        return "true/false"

    def expects(self) -> Phrase:
        return say("exp_true_false")


class Seq(Spec):
    """A list of ``item``; invalid items are reported and left out of the result."""

    def __init__(self, item: Spec, min_items: int = 0, unique: bool = False) -> None:
        self.item = item
        self.min_items = min_items
        self.unique = unique

    def read(self, node: Node, ctx: ReadContext) -> Any:
        """A tuple of the items that are right."""
        if not isinstance(node, SeqNode):
            return self.wrong_type(node, ctx)
        if len(node.items) < self.min_items:
            count = len(node.items)
            ctx.err(node, "msg_list_items", "exp_said", n=count, what=self.expects())
        out = []
        seen: dict[Any, Node] = {}
        for child in node.items:
            value = self.item.read(child, ctx)
            if value is INVALID:
                continue
            if self.unique:
                if value in seen:
                    ctx.err(child, "msg_listed_twice", "exp_each_once", text=repr(value),
                            first=seen[value].line)
                    continue
                seen[value] = child
            out.append(value)
        return tuple(out)

    def json_schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "array", "items": self.item.json_schema(defs)}
        if self.min_items:
            schema["minItems"] = self.min_items
        if self.unique:
            schema["uniqueItems"] = True
        return schema

    def type_name(self) -> str:
        return f"list of {self.item.type_name()}"

    def expects(self) -> Phrase:
        kind = words(self.item.type_name())
        if self.min_items:
            return say("exp_list_at_least", n=self.min_items, kind=kind)
        return say("exp_list", kind=kind)


class MapOf(Spec):
    """A mapping with free keys (``key``) and values of one shape (``value``); ``what`` is
    how a person reads one entry, e.g. ``dimension id → number 0..100``."""

    def __init__(self, key: Str, value: Spec, min_items: int = 0,
                 what: str = "name → value") -> None:
        self.key = key
        self.value = value
        self.min_items = min_items
        self.what = what

    def read(self, node: Node, ctx: ReadContext) -> Any:
        """A dict of the entries that are right; their nodes are in ``node.items``."""
        if not isinstance(node, MapNode):
            return self.wrong_type(node, ctx)
        out: dict[str, Any] = {}
        for key_node, _ in node.odd_keys:
            self.key.read(key_node, ctx)  # reports it: only strings make keys
        for key_node, value_node in node.items.values():
            key = self.key.read(key_node, ctx)
            value = self.value.read(value_node, ctx)
            if key is INVALID or value is INVALID:
                continue
            out[key] = value
        if len(node.items) + len(node.odd_keys) < self.min_items:
            ctx.err(node, "msg_empty_mapping", "exp_said", what=self.expects())
        return out

    def json_schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        schema: dict[str, Any] = {
            "type": "object",
            "additionalProperties": self.value.json_schema(defs),
        }
        if self.key.pattern:
            schema["propertyNames"] = {"pattern": self.key.pattern}
        if self.min_items:
            schema["minProperties"] = self.min_items
        return schema

    def type_name(self) -> str:
        return f"map {self.what}"

    def expects(self) -> Phrase:
        return say("exp_mapping_entries" if self.min_items else "exp_mapping_what",
                   what=words(self.what))


class Localized(Spec):
    """``inner`` for all languages, or a map language code → ``inner``.

    A map must give every declared language (``ReadContext.languages``) and no other.
    The result is ``build`` called with a dict language → value; a language-neutral value
    is kept under :data:`~pm_quiz.bank.model.ANY_LANGUAGE`.
    """

    def __init__(self, inner: Spec, language: Str, what: str = "text",
                 build: Callable[[dict[str, Any]], Any] = dict) -> None:
        self.inner = inner
        self.language = language
        self.what = what
        self.build = build

    def read(self, node: Node, ctx: ReadContext) -> Any:
        if not isinstance(node, MapNode):
            if isinstance(node, SeqNode) and not isinstance(self.inner, Seq):
                return self.wrong_type(node, ctx)
            value = self.inner.read(node, ctx)
            return INVALID if value is INVALID else self.build({ANY_LANGUAGE: value})
        out: dict[str, Any] = {}
        ok = True
        for key_node, _ in node.odd_keys:
            self.language.read(key_node, ctx)
            ok = False
        declared = ctx.languages
        for key_node, value_node in node.items.values():
            lang = self.language.read(key_node, ctx)
            value = self.inner.read(value_node, ctx)
            if lang is INVALID or value is INVALID:
                ok = False
                continue
            if declared is not None and lang not in declared:
                ctx.err(key_node, "msg_language_not_declared", "exp_said", lang=lang,
                        hint=ctx.hint(lang, declared), what=one_of_said(declared))
                ok = False
                continue
            out[lang] = value
        if declared is not None and ok:
            missing = [lang for lang in declared if lang not in out]
            if missing:
                shown = ", ".join(f"'{lang}'" for lang in missing)
                ctx.err(node, "msg_no_version", "exp_every_language",
                        this=words(f"this {self.what}"), shown=shown,
                        what=words(f"a {self.what}"), langs=", ".join(declared))
                ok = False
        if not node.items and not node.odd_keys:
            ctx.err(node, "msg_empty_mapping", "exp_said", what=self.expects())
            return INVALID
        return self.build(out) if ok else INVALID

    def json_schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        inner = self.inner.json_schema(defs)
        return {
            "anyOf": [
                inner,
                {
                    "type": "object",
                    "propertyNames": {"pattern": self.language.pattern or ".+"},
                    "additionalProperties": inner,
                    "minProperties": 1,
                },
            ]
        }

    def type_name(self) -> str:
        return self.what

    def expects(self) -> Phrase:
        return say("exp_localized", what=words(f"a {self.what}"),
                   inner=words(self.inner.type_name()))


class Field:
    """One key of an :class:`Obj`, read into the model's attribute of the same name.
    ``after`` is called with the context and the value once it is read cleanly (e.g. to
    set the languages). An optional key that is left out takes the model's default."""

    def __init__(self, name: str, spec: Spec, doc: str, required: bool = False,
                 after: Callable[[ReadContext, Any], None] | None = None) -> None:
        self.name = name
        self.spec = spec
        self.doc = doc
        self.required = required
        self.after = after


class Obj(Spec):
    """A mapping with known keys, read into an instance of ``model`` (a dataclass whose
    fields include every key; a field ``line`` gets the mapping's line). Unknown keys are
    errors with a "did you mean" hint; the defaults of optional keys are the model's."""

    def __init__(self, name: str, title: str, model: type, fields: Sequence[Field],
                 doc: str = "") -> None:
        self.name = name
        self.title = title
        self.model = model
        self.fields = fields
        self.doc = doc
        self._by_name = {f.name: f for f in fields}
        self.defaults = _defaults(model)
        self._has_line = "line" in self.defaults
        for fld in fields:  # the definition and the model must agree
            if fld.name not in self.defaults:
                raise TypeError(f"{model.__name__} has no field {fld.name!r}")
            if not fld.required and self.defaults[fld.name] is MISSING:
                raise TypeError(f"{model.__name__}.{fld.name} is optional but has no default")

    def read(self, node: Node, ctx: ReadContext) -> Any:
        if not isinstance(node, MapNode):
            return self.wrong_type(node, ctx)
        values = self.read_fields(node, ctx)
        if values is None:
            return INVALID
        obj = self.model(**values)
        ctx.built(obj, node)
        return obj

    def read_fields(self, node: Node, ctx: ReadContext, partial: bool = False
                    ) -> dict[str, Any] | None:
        """The model's arguments read from ``node``, or None when something is wrong.
        ``partial``: what could be read even then, so that checks across the file still
        run and every problem is reported at once (the caller checks ``ctx.failed``)."""
        if not isinstance(node, MapNode):
            self.wrong_type(node, ctx)
            return None
        ok = self._known_keys(node, ctx)
        values: dict[str, Any] = {"line": node.line} if self._has_line else {}
        for fld in self.fields:
            ok = self._read_field(fld, node, ctx, values) and ok
        return values if ok or partial else None

    def _known_keys(self, node: MapNode, ctx: ReadContext) -> bool:
        for key_node, _ in node.odd_keys:
            ctx.err(key_node, "msg_key_not_name", "exp_said", text=key_node.text,
                    kind=described(key_node), what=one_of_said(self._by_name))
        unknown = [key for key in node.items if key not in self._by_name]
        for key in unknown:
            ctx.err(node.items[key][0], "msg_unknown_key", "exp_said", key=key,
                    title=words(self.title), hint=ctx.hint(key, self._by_name),
                    what=one_of_said(self._by_name))
        return not node.odd_keys and not unknown

    def _read_field(self, fld: Field, node: MapNode, ctx: ReadContext,
                    values: dict[str, Any]) -> bool:
        entry = node.items.get(fld.name)
        if entry is None:
            if fld.required:
                ctx.err(node, "msg_has_no", "exp_the_key", title=words(self.title),
                        name=fld.name, what=fld.spec.expects())
            return not fld.required
        before = ctx.count
        value = fld.spec.read(entry[1], ctx)
        if value is INVALID:
            return False
        values[fld.name] = value
        if fld.after and ctx.count == before:
            fld.after(ctx, value)
        return True

    def default_doc(self, fld: Field, lang: str = "en") -> str:
        """``required``, ``optional`` or ``default `x``` for the reference, in ``lang``."""
        if fld.required:
            return schema_text(lang, "required")
        default = _json_default(self.defaults[fld.name])
        if default is MISSING or default == {}:
            return schema_text(lang, "optional")
        if isinstance(default, bool):
            shown = str(default).lower()
        else:
            shown = f"{default:g}" if isinstance(default, float) else f"{default}"
        return f"{schema_text(lang, 'default')} `{shown}`"

    def json_schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        if self.name not in defs:
            defs[self.name] = {}  # placeholder against recursion
            props = {}
            for fld in self.fields:
                sub = dict(fld.spec.json_schema(defs))
                sub["description"] = fld.doc
                default = _json_default(self.defaults[fld.name])
                if not fld.required and default is not MISSING:
                    sub["default"] = default
                props[fld.name] = sub
            defs[self.name] = {
                "title": self.title,
                "description": self.doc,
                "type": "object",
                "properties": props,
                "required": [f.name for f in self.fields if f.required],
                "additionalProperties": False,
            }
        return {"$ref": f"#/$defs/{self.name}"}

    def type_name(self) -> str:
        return self.title

    def expects(self) -> Phrase:
        return say("exp_mapping_of", title=words(self.title))

    def walk(self) -> Iterator[Obj]:
        """This object and every object reachable from it, each once, in reading order."""
        seen: set[str] = set()

        def visit(spec: Spec) -> Iterator[Obj]:
            if isinstance(spec, Obj):
                if spec.name in seen:
                    return
                seen.add(spec.name)
                yield spec
                for fld in spec.fields:
                    yield from visit(fld.spec)
            elif isinstance(spec, Tagged):
                for variant in spec.variants.values():
                    yield from visit(variant)
            elif isinstance(spec, (Seq, Localized)):
                yield from visit(spec.item if isinstance(spec, Seq) else spec.inner)
            elif isinstance(spec, MapOf):
                yield from visit(spec.value)

        yield from visit(self)


class Tagged(Spec):
    """One of several :class:`Obj` variants, chosen by the value of the key ``tag``."""

    def __init__(self, tag: str, variants: dict[str, Obj], title: str) -> None:
        self.tag = tag
        self.variants = variants
        self.title = title

    def read(self, node: Node, ctx: ReadContext) -> Any:
        if not isinstance(node, MapNode):
            return self.wrong_type(node, ctx)
        entry = node.items.get(self.tag)
        if entry is None:
            ctx.err(node, "msg_has_no", "exp_tag_one_of", title=words(self.title),
                    name=self.tag, what=one_of_said(self.variants))
            return INVALID
        tag_node = entry[1]
        variant = (
            self.variants.get(tag_node.text) if isinstance(tag_node, Scalar)
            and tag_node.tag == "str" else None
        )
        if variant is None:
            shown = tag_node.text if isinstance(tag_node, Scalar) else described(tag_node)
            ctx.err(tag_node, "msg_unknown_tagged", "exp_said", tag=self.tag, shown=shown,
                    hint=ctx.hint(str(shown), self.variants), what=one_of_said(self.variants))
            return INVALID
        return variant.read(node, ctx)

    def json_schema(self, defs: dict[str, Any]) -> dict[str, Any]:
        return {"oneOf": [v.json_schema(defs) for v in self.variants.values()]}

    def type_name(self) -> str:
        return " or ".join(v.title for v in self.variants.values())

    def expects(self) -> Phrase:
        titles = [v.title for v in self.variants.values()]
        if len(titles) != 2:
            return say("exp_mapping_of", title=self.type_name())
        return say("exp_mapping_of", title=say("exp_or", a=words(titles[0]),
                                               b=words(titles[1])))


def markdown_reference(root: Obj, lang: str = "en") -> str:
    """The format reference, one table per kind of mapping, generated from the specs; its
    words in ``lang`` (see :func:`schema_text`)."""
    def said(english: str) -> str:
        return schema_text(lang, english)

    out: list[str] = []
    for obj in root.walk():
        title = said(obj.title)
        out.append(f"#### {title[:1].upper()}{title[1:]}\n")
        if obj.doc:
            out.append(f"{said(obj.doc)}\n")
        out.append(f"| {said('key')} | {said('type')} | | {said('meaning')} |")
        out.append("|---|---|---|---|")
        for fld in obj.fields:
            type_name = said(fld.spec.type_name()).replace("|", "\\|")
            default = obj.default_doc(fld, lang)
            out.append(f"| `{fld.name}` | {type_name} | {default} | {said(fld.doc)} |")
        out.append("")
    return "\n".join(out)


def _defaults(model: type) -> dict[str, Any]:
    """Each field of the dataclass ``model`` that is set when it is made → its default
    (:data:`dataclasses.MISSING` when it has none)."""
    out: dict[str, Any] = {}
    for fld in dataclasses.fields(model):
        if fld.init:
            factory = fld.default_factory
            out[fld.name] = fld.default if factory is MISSING else factory()
    return out


def _json_default(value: Any) -> Any:
    """A default as JSON Schema states it; :data:`dataclasses.MISSING` for those it cannot
    (texts, empty lists, nothing)."""
    if isinstance(value, (bool, int, float, str)) or (isinstance(value, dict) and not value):
        return value
    return MISSING
