"""When the answers do not support a type: the reasons a result is called unclear.

Each index is computed from the answers alone, in the spirit of the MMPI-2-RF validity
scales (VRIN-r, TRIN-r): pairs of statements of one dimension should be answered alike once
reverse keying is undone (otherwise the answers look random), and a forward and a reverse
statement of one dimension should not both be agreed with (yea-saying) or both be denied
(nay-saying). The README's "No clear fit" section states every rule and threshold.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

#: Each dimension the bank measures needs at least this share of its items answered.
COVERAGE = 2 / 3
#: Statements all answered with the same number, at least this many of them.
STRAIGHT_MIN = 4
#: Mean |k_i - k_j| / (max - min) over same-dimension pairs of keyed answers above this:
#: inconsistent. Random answers on any scale give about 0.4 (1.6 of 4 steps on 1..5).
INCONSISTENCY = 0.35
#: Mean (x_f + x_r - (min + max)) / (max - min) over forward/reverse pairs of raw answers
#: above this: yea-saying; below its negative: nay-saying.
ACQUIESCENCE = 0.35
#: An index is judged only when this many pairs were answered.
MIN_PAIRS = 3
#: A best match below this is no fit.
NO_FIT = 50.0

#: The order reasons are reported in, most fundamental first.
CODES = ("too_few_answers", "straight_lining", "inconsistent", "acquiescence",
         "nay_saying", "no_fit", "close_call")


@dataclass(frozen=True, slots=True)
class Reason:
    """Why a result is not a clear fit. ``value`` is the measured index, ``threshold`` the
    line it crossed; ``dimensions`` names the dimensions concerned (too few answers)."""

    code: str
    value: float | None = None
    threshold: float | None = None
    dimensions: tuple[str, ...] = ()

    @property
    def unclear(self) -> bool:
        """Every reason but a close call withholds the best profile."""
        return self.code != "close_call"


@dataclass(frozen=True, slots=True)
class Indices:
    """The validity indices of one set of answers; ``None`` where too few pairs were
    answered to judge."""

    inconsistency: float | None
    acquiescence: float | None
    straight: int | None  # the one number every statement got, if straight-lined
    uncovered: tuple[int, ...]  # indices of dimensions with too few answered items


def needed(items: int) -> int:
    """How many of a dimension's ``items`` must be answered."""
    return math.ceil(COVERAGE * items - 1e-9)


def pair_mean(pairs: Sequence[tuple[int, int]], values: Sequence[float | None],
              combine: str) -> float | None:
    """Mean over ``pairs`` whose both values are given: ``diff`` |a - b| or ``sum`` a + b."""
    total = 0.0
    count = 0
    for i, j in pairs:
        a, b = values[i], values[j]
        if a is None or b is None:
            continue
        total += abs(a - b) if combine == "diff" else a + b
        count += 1
    return total / count if count >= MIN_PAIRS else None


def reasons_for(indices: Indices, dimension_ids: Sequence[str], best: float | None,
                second: float | None, close_call: float) -> tuple[Reason, ...]:
    """The reasons, in :data:`CODES` order, that the indices and matches give."""
    out: list[Reason] = []
    if indices.uncovered or best is None:
        out.append(Reason("too_few_answers", threshold=COVERAGE,
                          dimensions=tuple(dimension_ids[d] for d in indices.uncovered)))
    if indices.straight is not None:
        out.append(Reason("straight_lining", value=float(indices.straight)))
    if indices.inconsistency is not None and indices.inconsistency > INCONSISTENCY:
        out.append(Reason("inconsistent", indices.inconsistency, INCONSISTENCY))
    acq = indices.acquiescence
    if acq is not None and acq > ACQUIESCENCE:
        out.append(Reason("acquiescence", acq, ACQUIESCENCE))
    elif acq is not None and acq < -ACQUIESCENCE:
        out.append(Reason("nay_saying", acq, -ACQUIESCENCE))
    if best is not None and best < NO_FIT:
        out.append(Reason("no_fit", best, NO_FIT))
    if best is not None and second is not None and best - second < close_call:
        out.append(Reason("close_call", best - second, close_call))
    return tuple(out)
