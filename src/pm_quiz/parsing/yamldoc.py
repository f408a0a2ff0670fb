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
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, ClassVar

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

from pm_quiz.i18n import Phrase, say
from pm_quiz.i18n.external import explain, yaml_problem
from pm_quiz.parsing.problems import Collector, InputError, Problem

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


# The nodes are plain slotted classes, not dataclasses: containers are filled in place while
# the document is read, and every command that reads a file defines them at start-up.
class Node:
    """A node of the tree; ``line`` and ``col`` are 1-based."""

    __slots__ = ("col", "line")
    kind: ClassVar[str] = "node"

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


class MapNode(Node):
    """A mapping. String keys live in ``items``; any other key in ``odd_keys``."""

    __slots__ = ("items", "odd_keys")
    kind = "mapping"

    def __init__(self, line: int, col: int) -> None:
        super().__init__(line, col)
        self.items: dict[str, tuple[Scalar, Node]] = {}
        self.odd_keys: list[tuple[Scalar, Node]] = []


class SeqNode(Node):
    """A sequence."""

    __slots__ = ("items",)
    kind = "sequence"

    def __init__(self, line: int, col: int) -> None:
        super().__init__(line, col)
        self.items: list[Node] = []


def described(node: Node) -> Phrase:
    """How the value reads to a person, in the message language: ``the number 3``, ``the
    boolean false``, ``a mapping``..."""
    if not isinstance(node, Scalar):
        return say(f"msg_node_{node.kind}")
    if node.tag in ("str", "timestamp"):
        return say("msg_node_string", text=repr(node.text))
    if node.tag == "null":
        return say("msg_node_null")
    if node.tag == "bool":
        return say("msg_node_bool", text=str(node.value).lower())
    return say("msg_node_number", text=node.text)


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


class _Stop(Exception):
    """Abandon the parse: the document cannot be read further with any sense."""


def parse(text: str, name: str, syntax: str = "YAML") -> Node:
    """Parse one YAML document into nodes, or raise :class:`InputError` with every problem.
    ``syntax`` names the language in syntax errors: JSON files are read by the same parser
    (JSON is YAML), but their authors wrote JSON."""
    problems = Collector(name)
    root: Node | None = None
    try:
        root = _Builder(problems).build(_Loader(text))
    except _Stop:
        pass
    except yaml.MarkedYAMLError as exc:
        line, col, key, expected_key, params = _syntax_problem(exc, text, syntax)
        problems.put(line, col, key, expected_key, params)
    except yaml.reader.ReaderError as exc:
        line, col = _text_position(text, exc.position)
        char = exc.character if isinstance(exc.character, str) else chr(exc.character)
        problems.say(line, col, "msg_control_char", "exp_printable", code=f"{ord(char):04X}")
    except yaml.YAMLError as exc:  # pragma: no cover - other parser failures
        problems.say(1, 1, "msg_yaml_error", why=explain(exc))
    if problems.problems or problems.more:
        raise problems.as_error()
    if root is None:
        raise InputError([Problem.of(name, 0, 0, "msg_empty_file", "exp_yaml_mapping")])
    return root


#: The one message for absurd nesting, whichever check (ours or libyaml's) stops it: its
#: catalogue keys and values.
TOO_DEEP = ("msg_too_deep", "exp_too_deep")
_DEPTH: dict[str, object] = {"depth": MAX_DEPTH}


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str, syntax: str = "YAML"
                    ) -> tuple[int, int, str, str, dict[str, object]]:
    """Line, column, catalogue keys of message and expectation, and their values, for a
    syntax error. The parser's description is put in the message language."""
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    what = (exc.problem or "invalid YAML").strip()
    if "nesting depth" in what:
        # libyaml 0.2.6 and later stop deep nesting themselves, before our own check
        return (line, col, *TOO_DEEP, _DEPTH)
    if "tab character" in what or (
            mark is not None and "cannot start any token" in what
            and _is_tab(text, line, col, getattr(mark, "index", None))):
        return line, col, "msg_tab_indent", "exp_spaces", {}
    index = getattr(mark, "index", None)
    if what == "found character that cannot start any token" and index is not None \
            and index < len(text):  # libyaml does not name it; the Python loader does
        what = f"found character {text[index]!r} that cannot start any token"
    return line, col, "msg_syntax_error", "exp_valid_syntax", {
        "syntax": syntax, "what": yaml_problem(what, exc.context)}


def _is_tab(text: str, line: int, col: int, index: int | None) -> bool:
    lines = text.splitlines()
    char = lines[line - 1][col - 1 : col] if 0 < line <= len(lines) else ""
    return char == "\t" or (index is not None and text[index : index + 1] == "\t")


#: Plain scalars YAML 1.1 resolves to a tag of its own rather than a string.
_SPECIAL_PLAIN = {_CORE + "value": "msg_default_value_key", _CORE + "merge": "msg_merge_key"}


class _Open:
    """A mapping or sequence being read. ``size`` counts the nodes in it, aliases expanded.
    In a mapping, ``key`` is the key read last; ``expect_key`` says whether the next node
    is a key (else it is the value of ``key``, dropped when that key was refused)."""

    __slots__ = ("anchor", "expect_key", "key", "node", "size")

    def __init__(self, node: MapNode | SeqNode, anchor: str | None) -> None:
        self.node = node
        self.anchor = anchor
        self.size = 1
        self.key: Scalar | None = None
        self.expect_key = True


class _Builder:
    """Turns the parser's events into nodes: one handler per kind of event.

    Nothing recurses, so nesting is limited by :data:`MAX_DEPTH` alone. Aliases are
    followed by sharing the node they name, and counted as the size they expand to."""

    def __init__(self, problems: Collector) -> None:
        self.problems = problems
        self.stack: list[_Open] = []
        self.anchors: dict[str, tuple[Node, int]] = {}  # anchor → (node, expanded size)
        self.open_anchors: set[str] = set()  # anchors of containers not yet closed
        self.root: Node | None = None
        self.documents = 0
        self.literal = 0  # nodes written in the file
        self.expanded = 0  # nodes after aliases are followed
        self.handlers: dict[type, Callable[[Any], None]] = {
            ScalarEvent: self.scalar,
            MappingStartEvent: self.start,
            SequenceStartEvent: self.start,
            MappingEndEvent: self.end,
            SequenceEndEvent: self.end,
            AliasEvent: self.alias,
            DocumentStartEvent: self.document,
        }

    def build(self, loader: Any) -> Node | None:
        handlers = self.handlers
        try:
            while loader.check_event():
                event = loader.get_event()
                handler = handlers.get(type(event))
                if handler is not None:
                    handler(event)
        finally:
            dispose = getattr(loader, "dispose", None)
            if dispose is not None:
                dispose()
        return self.root

    def problem(self, event: Any, key: str, expected_key: str, **params: object) -> None:
        mark = event.start_mark
        self.problems.put(mark.line + 1, mark.column + 1, key, expected_key, params)

    # -- the handlers ------------------------------------------------------------------

    def scalar(self, event: Any) -> None:
        self.literal += 1
        self.expanded += 1
        plain = event.tag is None and bool(event.implicit[0]) and not event.style
        short = self._short_tag(event, plain)
        try:
            value = _construct(short, event.value)
        except (ConstructorError, ValueError):
            self.problem(event, "msg_cannot_read_as", "exp_valid_tag", text=repr(event.value),
                         tag=short)
            value, short = event.value, "str"
        mark = event.start_mark
        node = Scalar(mark.line + 1, mark.column + 1, value, event.value, short, plain)
        if event.anchor:
            self.anchors[event.anchor] = (node, 1)
        self._add(node, 1)

    def start(self, event: Any) -> None:
        self.literal += 1
        if event.tag not in (None, "!", _CORE + "map", _CORE + "seq"):
            self._refuse_tag(event, str(event.tag))
        if len(self.stack) >= MAX_DEPTH:
            self.problem(event, *TOO_DEEP, depth=MAX_DEPTH)
            raise _Stop
        mark = event.start_mark
        kind = MapNode if type(event) is MappingStartEvent else SeqNode
        if event.anchor:
            self.open_anchors.add(event.anchor)
        self.stack.append(_Open(kind(mark.line + 1, mark.column + 1), event.anchor))

    def end(self, event: Any) -> None:
        done = self.stack.pop()
        if done.anchor:
            self.open_anchors.discard(done.anchor)
            self.anchors[done.anchor] = (done.node, done.size)
        self.expanded += 1
        self._add(done.node, done.size)

    def alias(self, event: Any) -> None:
        self.literal += 1
        target = self.anchors.get(event.anchor)
        if target is None:
            what = (say("msg_recursive_alias") if event.anchor in self.open_anchors
                    else say("msg_undefined_anchor"))
            self.problem(event, "msg_alias_refers", "exp_anchor_earlier",
                         anchor=event.anchor, what=what)
            raise _Stop
        node, size = target
        self.expanded += size
        if self.expanded > MAX_EXPANSION * self.literal + EXPANSION_SLACK:
            self.problem(event, "msg_alias_bomb", "exp_alias_bomb", times=MAX_EXPANSION)
            raise _Stop
        self._add(node, size)

    def document(self, event: Any) -> None:
        self.documents += 1
        if self.documents > 1:
            self.problem(event, "msg_second_document", "exp_single_document")
            raise _Stop

    # -- helpers -----------------------------------------------------------------------

    def _short_tag(self, event: Any, plain: bool) -> str:
        """The scalar's type (``str``, ``int``...): a ``plain`` one resolved like PyYAML's
        safe loader; a tag other than plain YAML's is refused and the value read as a
        string."""
        tag = event.tag
        if tag is None or tag == "!":
            tag = _resolve_plain(event.value) if plain else _CORE + "str"
        short = _KNOWN_TAGS.get(tag)
        if short is not None:
            return short
        if tag == _CORE + "timestamp":
            return "timestamp"
        self._refuse_tag(event, tag)
        return "str"

    def _refuse_tag(self, event: Any, tag: str) -> None:
        if event.tag is None and tag in _SPECIAL_PLAIN:
            # no tag was written: a plain `=` or `<<` that YAML 1.1 gives a meaning
            self.problem(event, "msg_special_plain", "exp_quoted_string", text=event.value,
                         what=say(_SPECIAL_PLAIN[tag]))
            return
        shown = tag.replace(_CORE, "!!")
        self.problem(event, "msg_tag_refused", "exp_plain_yaml", tag=shown)

    def _add(self, node: Node, size: int) -> None:
        """Put a finished node into the container being read (or make it the root)."""
        if not self.stack:
            self.root = node
            return
        into = self.stack[-1]
        into.size += size
        if isinstance(into.node, SeqNode):
            into.node.items.append(node)
        elif into.expect_key:
            into.expect_key = False
            into.key = self._key(node)
        else:
            into.expect_key = True
            if into.key is not None:
                self._put(into.node, into.key, node)

    def _key(self, node: Node) -> Scalar | None:
        if isinstance(node, Scalar):
            return node
        self.problems.say(node.line, node.col, "msg_bad_key", "exp_plain_key",
                          kind=described(node))
        return None

    def _put(self, mapping: MapNode, key: Scalar, value: Node) -> None:
        first: Scalar | None
        if key.tag == "str":
            earlier = mapping.items.get(key.value)
            if earlier is None:
                mapping.items[key.value] = (key, value)
                return
            first = earlier[0]
        else:
            first = next((other for other, _ in mapping.odd_keys
                          if other.tag == key.tag and other.value == key.value), None)
            if first is None:
                mapping.odd_keys.append((key, value))
                return
        self.problems.say(key.line, key.col, "msg_duplicate_key", "exp_key_once",
                          key=key.text, first=first.line)


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
