"""What makes claimx cheap must not change what it writes."""

from __future__ import annotations

import math

import pytest
import yaml

from claimx.sheet import SheetDumper, to_yaml

ODD = [
    "plain",
    "She said: \u201cNo.\u201d",
    "a: b # c",
    "line\nbreak",
    "next\x85line",
    "sep\u2028para\u2029end",
    "bom\ufeff and nbsp\u00a0",
    "'single' and \"double\" and \\back",
    "- dash first",
    "? question",
    "tab\there",
    "control\x07\x1b",
    "zero\u200bwidth",
    "\u00e9\u4e2d\u0301",
    "emoji \U0001f600 beyond the BMP",
    "",
    " lead and trail ",
    "yes",
    "null",
    "123",
    "2026-01-12",
    "x" * 300,
]


@pytest.mark.parametrize("value", ODD)
def test_yaml_is_what_the_pure_python_emitter_writes(value):
    data = {"text": value, "list": [value, 1, 2.5, None], "map": {"k": value}}
    python = yaml.dump(
        data,
        Dumper=SheetDumper,
        sort_keys=False,
        allow_unicode=True,
        width=math.inf,
        explicit_start=True,
        default_flow_style=False,
    )
    assert to_yaml(data, explicit_start=True) == python
