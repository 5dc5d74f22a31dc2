"""The TIMEX3 value validator."""

from __future__ import annotations

import pytest

from claimx.dates.timex import is_valid


@pytest.mark.parametrize(
    "value",
    [
        "2026", "2026-01", "2026-01-13", "2024-02-29", "XXXX-02-29", "XXXX-01-05", "XXXX-XX-XX",
        "2026-W02", "2026-W02-3", "2026-W02-WE", "XXXX-WXX-5", "2020-W53", "2026-Q1", "XXXX-QX",
        "2026-H2", "2026-SU", "19", "199X", "199", "PRESENT_REF", "PAST_REF", "FUTURE_REF",
        "2026-01-13T08:06", "2026-01-13T08:06:30", "2026-01-13T24:00", "2026-01-13T00:55Z",
        "2024-03-22T23:42-05:00", "2024-06-26T14:05+01:00", "XXXX-XX-XXT12:00",
        "2026-01-09TMO", "2026-01-09TNI", "XXXX-WXX-4TNI", "P3Y", "PT2H", "P2W", "PXY",
        "1910/1945", "0001-01-01", "9999-12-31",
    ],
)  # fmt: skip
def test_valid(value):
    assert is_valid(value)


@pytest.mark.parametrize(
    "value",
    [
        "", "2026-13", "2026-00", "2026-02-30", "2023-02-29", "2026-01-32", "0000", "0000-01-01",
        "10000-01-01", "2026-W54", "2025-W53", "2026-W00", "2026-Q5", "2026-H3",
        "2026-01-13T25:00", "2026-01-13T24:30", "2026-01-13T40:00", "2026-01-13T08:60",
        "2026-01-13TXY", "2026-01-13T08:00+15:00", "2026-01T08:00", "2026T08:00", "T08:00",
        "X9X9", "tomorrow", "2026-1-3", "1910/1945/1950", "2026-01-13T08:06 EST",
    ],
)  # fmt: skip
def test_invalid(value):
    assert not is_valid(value)
