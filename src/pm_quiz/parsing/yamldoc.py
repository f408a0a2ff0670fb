"""Safe YAML reading with positions: a small node tree built from the parser's events.

Why not ``yaml.safe_load``? It forgets where values stood, silently keeps the last of
duplicate keys, and the C composer recurses, so absurd nesting can crash the process.
Here the (C, where available) parser's event stream is turned into nodes iteratively:

* every node knows its 1-based line and column;
* duplicate keys, tags other than plain YAML's, recursive or undefined aliases, nesting
  deeper than :data:`MAX_DEPTH` and alias expansion out of proportion to the file
  (alias bombs) are all reported as :class:`~pm_quiz.parsing.problems.Problem`;
* nothing is ever constructed from a tag: ``!!python/...`` is refused, never run.

Plain scalars are resolved exactly as PyYAML's safe loader resolves them (YAML 1.1), so
``no`` is the boolean false here too; callers that expect a string say so clearly.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from pm_quiz.parsing.problems import InputError, Problem

try:  # the C parser is several times faster; fall back cleanly without libyaml
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_DEPTH = 64
#: Aliases may expand a document, but not beyond this many times its literal size.
MAX_EXPANSION = 10
EXPANSION_SLACK = 10_000

_CORE = "tag:yaml.org,2002:"
_KNOWN_TAGS = {f"{_CORE}{name}": name for name in ("str", "int", "float", "bool", "null")}
_RESOLVERS: dict[str, list[tuple[str, re.Pattern[str]]]] = {
    first: [(tag, regexp) for tag, regexp in entries]
    for first, entries in Resolver.yaml_implicit_resolvers.items()
}
_constructor = SafeConstructor()


class Node:
    __slots__ = ("col", "line")

    line: int
    col: int

    kind = "node"

    def __init__(self, line: int, col: int) -> None:
        self.line = line
        self.col = col


class Scalar(Node):
    """A scalar: ``value`` is the resolved Python value, ``text`` what the file says."""

    __slots__ = ("plain", "tag", "text", "value")
    kind = "scalar"

    def __init__(self, line: int, col: int, value: Any, text: str, tag: str, plain: bool) -> None:
        super().__init__(line, col)
        self.value = value
        self.text = text
        self.tag = tag  # short: str, int, float, bool, null, timestamp
        self.plain = plain

    def describe(self) -> str:
        """How the value reads to a person: ``the number 3``, ``the boolean false``..."""
        if self.tag == "str" or self.tag == "timestamp":
            return f"the string {self.text!r}"
        if self.tag == "null":
            return "nothing (an empty value)"
        if self.tag == "bool":
            return f"the boolean {str(self.value).lower()}"
        return f"the number {self.text}"


class Mapping(Node):
    """A mapping. String keys live in ``items``; any other key in ``odd_keys``."""

    __slots__ = ("items", "odd_keys")
    kind = "mapping"

    def __init__(self, line: int, col: int) -> None:
        super().__init__(line, col)
        self.items: dict[str, tuple[Scalar, Node]] = {}
        self.odd_keys: list[tuple[Scalar, Node]] = []


class Sequence(Node):
    __slots__ = ("items",)
    kind = "sequence"

    def __init__(self, line: int, col: int) -> None:
        super().__init__(line, col)
        self.items: list[Node] = []


def describe(node: Node) -> str:
    if isinstance(node, Scalar):
        return node.describe()
    return f"a {node.kind}"


def _text_position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _resolve_plain(value: str) -> str:
    for tag, regexp in _RESOLVERS.get(value[:1], ()):
        if regexp.match(value):
            return tag
    return f"{_CORE}str"


def _construct(tag: str, text: str) -> Any:
    if tag == "str":
        return text
    if tag == "null":
        return None
    if tag == "bool":
        return text.lower() in ("yes", "true", "on", "y")
    if tag == "int":
        try:
            return int(text)
        except ValueError:
            return _constructor.construct_yaml_int(ScalarNode(_CORE + "int", text))
    if tag == "float":
        try:
            return float(text)
        except ValueError:
            return _constructor.construct_yaml_float(ScalarNode(_CORE + "float", text))
    return text  # timestamp: kept as the text the author wrote


class _Frame:
    __slots__ = ("anchor", "key", "node", "size")

    def __init__(self, node: Mapping | Sequence, anchor: str | None) -> None:
        self.node = node
        self.anchor = anchor
        self.key: Scalar | bool | None = None  # None: expecting a key; a Scalar: have key
        self.size = 1


class _Stop(Exception):
    """Abandon the parse: the document cannot be read further with any sense."""


def parse(text: str, name: str) -> Node:
    """Parse one YAML document into nodes, or raise :class:`InputError` with every problem."""
    problems: list[Problem] = []

    def problem(line: int, col: int, message: str, expected: str | None = None) -> None:
        problems.append(Problem(name, line, col, message, expected))

    root: Node | None = None
    try:
        root = _build(text, name, problem)
    except _Stop:
        pass
    except yaml.MarkedYAMLError as exc:
        problems.append(_syntax_problem(exc, text, name))
    except yaml.reader.ReaderError as exc:
        line, col = _text_position(text, exc.position)
        char = exc.character if isinstance(exc.character, str) else chr(exc.character)
        problem(line, col, f"the control character U+{ord(char):04X} is not allowed in YAML",
                "printable text; write escapes like \\e inside double quotes")
    except yaml.YAMLError as exc:  # pragma: no cover - other parser failures
        problem(1, 1, f"YAML error: {exc}")
    if problems:
        raise InputError(problems)
    if root is None:
        raise InputError([Problem(name, 0, 0, "the file is empty", "a YAML mapping")])
    return root


#: The one message for absurd nesting, whichever check (ours or libyaml's) stops it.
TOO_DEEP = (f"the document is nested more than {MAX_DEPTH} levels deep",
            f"at most {MAX_DEPTH} levels")


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str, name: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    what = (exc.problem or "invalid YAML").strip()
    if "nesting depth" in what:
        # libyaml 0.2.6 and later stop deep nesting themselves, before our own check
        return Problem(name, line, col, *TOO_DEEP)
    if "tab character" in what:
        return Problem(name, line, col, "a tab character is used for indentation",
                       "spaces for indentation")
    if mark is not None and "cannot start any token" in what:
        index = getattr(mark, "index", None)
        lines = text.splitlines()
        char = lines[line - 1][col - 1 : col] if 0 < line <= len(lines) else ""
        if char == "\t" or (index is not None and text[index : index + 1] == "\t"):
            return Problem(name, line, col, "a tab character is used for indentation",
                           "spaces for indentation")
    context = f" {exc.context.strip()}" if exc.context else ""
    return Problem(name, line, col, f"YAML syntax error: {what}{context}", "valid YAML")


def _build(text: str, name: str, problem: Any) -> Node | None:
    loader = _Loader(text)
    stack: list[_Frame] = []
    anchors: dict[str, tuple[Node, int]] = {}
    open_anchors: set[str] = set()
    root: Node | None = None
    documents = 0
    literal = 0  # nodes written in the file
    expanded = 0  # nodes after aliases are followed

    def add(node: Node, size: int) -> None:
        nonlocal root
        if not stack:
            root = node
            return
        frame = stack[-1]
        frame.size += size
        container = frame.node
        if isinstance(container, Sequence):
            container.items.append(node)
            return
        key = frame.key
        if key is None:  # this node is a key
            if not isinstance(node, Scalar):
                problem(node.line, node.col, f"a {node.kind} cannot be a mapping key",
                        "a plain string key")
                frame.key = True  # skip the value
                return
            frame.key = node
            return
        frame.key = None
        if key is True:
            return
        assert isinstance(key, Scalar) and isinstance(container, Mapping)
        if key.tag == "str":
            earlier = container.items.get(key.value)
            if earlier is not None:
                problem(key.line, key.col,
                        f"duplicate key '{key.text}' (first at line {earlier[0].line})",
                        "each key once per mapping")
                return
            container.items[key.value] = (key, node)
        else:
            for other, _ in container.odd_keys:
                if other.tag == key.tag and other.value == key.value:
                    problem(key.line, key.col,
                            f"duplicate key '{key.text}' (first at line {other.line})",
                            "each key once per mapping")
                    return
            container.odd_keys.append((key, node))

    try:
        while loader.check_event():
            event: Any = loader.get_event()
            cls = type(event)
            if cls is ScalarEvent:
                mark = event.start_mark
                literal += 1
                tag = event.tag
                if tag is None or tag == "!":
                    plain = bool(event.implicit[0]) and not event.style and tag is None
                    full = _resolve_plain(event.value) if plain else _CORE + "str"
                else:
                    plain = False
                    full = tag
                short = _KNOWN_TAGS.get(full)
                if short is None:
                    if full == _CORE + "timestamp":
                        short = "timestamp"
                    else:
                        shown = full.replace(_CORE, "!!")
                        problem(mark.line + 1, mark.column + 1,
                                f"the tag {shown} is not allowed; it is never run or constructed",
                                "plain YAML: strings, numbers, lists and mappings")
                        short = "str"
                try:
                    value = _construct(short, event.value)
                except (ConstructorError, ValueError):
                    problem(mark.line + 1, mark.column + 1,
                            f"{event.value!r} cannot be read as {short}", f"a valid {short}")
                    value, short = event.value, "str"
                node: Node = Scalar(mark.line + 1, mark.column + 1, value, event.value, short,
                                    plain)
                if event.anchor:
                    anchors[event.anchor] = (node, 1)
                add(node, 1)
                expanded += 1
            elif cls is MappingStartEvent or cls is SequenceStartEvent:
                mark = event.start_mark
                literal += 1
                if event.tag not in (None, "!", _CORE + "map", _CORE + "seq"):
                    shown = str(event.tag).replace(_CORE, "!!")
                    problem(mark.line + 1, mark.column + 1,
                            f"the tag {shown} is not allowed; it is never run or constructed",
                            "plain YAML: strings, numbers, lists and mappings")
                if len(stack) >= MAX_DEPTH:
                    problem(mark.line + 1, mark.column + 1, *TOO_DEEP)
                    raise _Stop
                container: Mapping | Sequence = (
                    Mapping(mark.line + 1, mark.column + 1)
                    if cls is MappingStartEvent
                    else Sequence(mark.line + 1, mark.column + 1)
                )
                if event.anchor:
                    open_anchors.add(event.anchor)
                stack.append(_Frame(container, event.anchor))
            elif cls is MappingEndEvent or cls is SequenceEndEvent:
                frame = stack.pop()
                if frame.anchor:
                    open_anchors.discard(frame.anchor)
                    anchors[frame.anchor] = (frame.node, frame.size)
                add(frame.node, frame.size)
                expanded += 1
            elif cls is AliasEvent:
                mark = event.start_mark
                literal += 1
                target = anchors.get(event.anchor)
                if target is None:
                    recursive = event.anchor in open_anchors
                    problem(mark.line + 1, mark.column + 1,
                            f"the alias *{event.anchor} refers to "
                            + ("the node that contains it (a recursive alias)" if recursive
                               else "an anchor that is not defined before it"),
                            f"an anchor &{event.anchor} defined earlier")
                    raise _Stop
                add(target[0], target[1])
                expanded += target[1]
                if expanded > MAX_EXPANSION * literal + EXPANSION_SLACK:
                    problem(mark.line + 1, mark.column + 1,
                            "aliases expand the document far beyond its size (an alias bomb?)",
                            f"aliases that expand it at most {MAX_EXPANSION} times")
                    raise _Stop
            elif cls is DocumentStartEvent:
                documents += 1
                if documents > 1:
                    mark = event.start_mark
                    problem(mark.line + 1, mark.column + 1,
                            "a second YAML document starts here", "a single document")
                    raise _Stop
    finally:
        dispose = getattr(loader, "dispose", None)
        if dispose is not None:
            dispose()
    return root


@contextmanager
def gc_paused() -> Iterator[None]:
    """Reading a document makes many small objects and frees none: with the cyclic garbage
    collector running, its passes over them make reading grow faster than the file
    (benchmarks/bench_scale.py). Nothing read makes reference cycles worth collecting."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
