"""A figure's value as an interval, from its hedge and the precision it is written to.

"2,445" is 2,444.5-2,445.5; "906,000" is rounded to the thousand; "nearly 40" is at most 40 and a little
below; "more than 2,000" is 2,000 and somewhat above; "about 1,000" is 900-1,100. Two figures agree
when their intervals overlap. Distances are compared in metres and times in seconds, so "26.2 miles"
and "42.195 km" meet.
"""

from __future__ import annotations

import math
import re

from claims.pipeline.match.frames.lexicon import LENGTH_UNITS

Interval = tuple[float, float]

APPROX_SHARE = 0.1  # "about 40": 36-44
AT_LEAST_SHARE = 0.25  # "more than 2,000": up to 2,500
AT_MOST_SHARE = 0.1  # "nearly 40", "up to 40": 36-40
_SECONDS = {"second": 1.0, "seconds": 1.0, "minute": 60.0, "minutes": 60.0, "hour": 3600.0, "hours": 3600.0}


def scale_of(unit: str) -> float:
    """How many base units (metres, seconds) one unit of the figure is; 1 when it has no such unit."""
    words = re.findall(r"[a-z]+", unit.lower())
    head = words[-1] if words else ""
    return LENGTH_UNITS.get(head) or _SECONDS.get(head) or 1.0


def precision_of(value: float) -> float:
    """The step a figure is written to: 1 for 2,445, 1,000 for 906,000, 0.1 for 6.3, never coarser than
    the figure's second digit (2,000 is taken to the hundred)."""
    magnitude = abs(value)
    if magnitude == 0:
        return 1.0
    if not float(magnitude).is_integer():
        decimals = len(f"{magnitude:.6f}".rstrip("0").split(".")[1])
        return 10.0**-decimals
    whole = int(magnitude)
    zeros = len(str(whole)) - len(str(whole).rstrip("0"))
    digits = len(str(whole))
    return 10.0 ** min(zeros, max(0, digits - 2))


def interval_of(value: float | None, *, hedge: str, unit: str = "") -> Interval | None:
    if value is None or math.isnan(value):
        return None
    scale = scale_of(unit)
    v = value * scale
    half = precision_of(value) * scale / 2
    magnitude = abs(v)
    if hedge == "approx":
        spread = max(half, APPROX_SHARE * magnitude)
        return v - spread, v + spread
    if hedge == "at_least":
        return v, v + max(2 * half, AT_LEAST_SHARE * magnitude)
    if hedge == "at_most":
        return v - max(2 * half, AT_MOST_SHARE * magnitude), v
    return v - half, v + half


def overlap(a: Interval, b: Interval) -> bool:
    """Whether the intervals share more than an end point: 2 (1.5-2.5) and 1 (0.5-1.5) do not."""
    tolerance = 1e-9 * max(abs(a[0]), abs(a[1]), abs(b[0]), abs(b[1]), 1.0)
    if a[0] == a[1] or b[0] == b[1]:
        return a[0] <= b[1] + tolerance and b[0] <= a[1] + tolerance
    return a[0] < b[1] - tolerance and b[0] < a[1] - tolerance
