"""YAML read within budgets: for fact sheets and front matter from anyone.

PyYAML's loaders build a document by recursion (a deeply nested one
overflows the C stack), expand aliases without limit ("billion laughs") and
turn `2026-13-45` into a timestamp that raises. Here the parser's events are
built into plain data by a loop, with three limits:

- nesting deeper than `max_depth` is refused;
- aliases may not make the data larger than the text it came from: every node
  an alias repeats counts, and more than `len(text) + 1000` nodes is refused;
- only the standard tags; no Python objects, no merge keys.

Plain scalars are typed as YAML 1.1 core types (null, bool, int, float),
everything else stays text — timestamps included. With `typed=False` every
scalar is text (or None for an empty plain one): the caller validates.
"""

from __future__ import annotations

from typing import Any

import yaml

_Parser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's parser when installed
_RESOLVER = yaml.resolver.Resolver()
_CONSTRUCT = yaml.constructor.SafeConstructor()
_TYPED = {
    "tag:yaml.org,2002:null": _CONSTRUCT.construct_yaml_null,
    "tag:yaml.org,2002:bool": _CONSTRUCT.construct_yaml_bool,
    "tag:yaml.org,2002:int": _CONSTRUCT.construct_yaml_int,
    "tag:yaml.org,2002:float": _CONSTRUCT.construct_yaml_float,
}
_STANDARD = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
    *_TYPED,
    "!",
}


class YamlLimitError(ValueError):
    """The YAML is malformed or goes beyond a budget; the message says which."""


def load_all(text: str, *, max_depth: int = 32, typed: bool = True) -> list[Any]:
    """Every document of a YAML stream, as dicts, lists and scalars."""
    budget = len(text) + 1000
    docs: list[Any] = []
    anchors: dict[str, tuple[Any, int]] = {}
    # Each frame: [container, pending key or _NO_KEY, anchor, nodes at start].
    stack: list[list[Any]] = []
    nodes = 0
    root: Any = None

    def add(value: Any, size: int) -> None:
        nonlocal nodes, root
        nodes += size
        if nodes > budget:
            raise YamlLimitError("aliases expand beyond the size of the text")
        if not stack:
            root = value
            return
        frame = stack[-1]
        container = frame[0]
        if isinstance(container, list):
            container.append(value)
        elif frame[1] is _NO_KEY:
            if isinstance(value, (dict, list)):
                raise YamlLimitError("a mapping key must be a scalar")
            frame[1] = value
        else:
            if frame[1] in container:
                raise YamlLimitError(f"duplicate key {frame[1]!r}")
            container[frame[1]] = value
            frame[1] = _NO_KEY

    try:
        for event in yaml.parse(text, Loader=_Parser):
            if isinstance(event, yaml.ScalarEvent):
                _check_tag(event.tag)
                value = _scalar(event, typed)
                add(value, 1)
                if event.anchor:
                    anchors[event.anchor] = (value, 1)
            elif isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                _check_tag(event.tag)
                if len(stack) >= max_depth:
                    raise YamlLimitError(f"nested deeper than {max_depth} levels")
                container: Any = [] if isinstance(event, yaml.SequenceStartEvent) else {}
                stack.append([container, _NO_KEY, event.anchor, nodes])
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                container, _key, anchor, start = stack.pop()
                size = nodes - start + 1
                nodes = start
                add(container, size)
                if anchor:
                    anchors[anchor] = (container, size)
            elif isinstance(event, yaml.AliasEvent):
                if event.anchor not in anchors:
                    raise YamlLimitError(f"unknown alias *{event.anchor}")
                value, size = anchors[event.anchor]
                add(value, size)
            elif isinstance(event, yaml.DocumentStartEvent):
                root = None
                anchors.clear()
            elif isinstance(event, yaml.DocumentEndEvent):
                docs.append(root)
    except yaml.YAMLError as exc:
        raise YamlLimitError(f"not valid YAML: {_first_line(exc)}") from exc
    except (ValueError, OverflowError, RecursionError, MemoryError) as exc:
        if isinstance(exc, YamlLimitError):
            raise
        raise YamlLimitError(f"unreadable value: {_first_line(exc)}") from exc
    return docs


class _NoKey:
    def __repr__(self) -> str:
        return "<no key>"


_NO_KEY = _NoKey()


def _check_tag(tag: str | None) -> None:
    if tag is not None and tag not in _STANDARD:
        raise YamlLimitError(f"tag {tag} is not allowed")


def _scalar(event: yaml.ScalarEvent, typed: bool) -> Any:
    plain = event.implicit[0] and not event.style  # libyaml says "", PyYAML None
    if not typed:
        return None if plain and event.value in ("", "~", "null", "Null", "NULL") else event.value
    if event.tag is not None and event.tag != "!":
        tag = event.tag
    elif plain:
        tag = _RESOLVER.resolve(yaml.ScalarNode, event.value, (True, False))
    else:
        return event.value
    construct = _TYPED.get(tag)
    if construct is None:
        return event.value  # text, timestamps included
    return construct(yaml.ScalarNode(tag, event.value))


def _first_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:200]
