"""Numbers that decide outcomes, made the same on every CPU, BLAS kernel and thread count.

Vectors are snapped to a grid of ``2**-GRID_BITS`` in float64. A dot product of grid vectors (or of
sums of them) is then exact: every product is a multiple of ``2**-(2 * GRID_BITS)`` and every
partial sum stays far below 2**53 such units, so no summation order, SIMD width or thread split can
change it. Scores built from other floating-point steps (logs, divisions, weighted sums) are
rounded to ``DECIMALS`` before they are compared or ranked, and ties are broken by stable ids.
"""

from __future__ import annotations

import numpy as np

GRID_BITS = 16  # 1/65536: a cosine moves by ~1e-5 at most; dot products stay exact for sums of up to 2**21 unit vectors
DECIMALS = 9  # far above float64 noise (~1e-16), far below any meaningful difference of two scores
_SCALE = float(2**GRID_BITS)


def snap(x: np.ndarray) -> np.ndarray:
    """``x`` in float64 on the grid (scaling by a power of two and rounding are exact)."""
    return np.round(np.asarray(x, dtype=np.float64) * _SCALE) / _SCALE


def settle(x: np.ndarray | float) -> np.ndarray | float:
    """``x`` rounded to ``DECIMALS``: what thresholds and rankings compare."""
    out = np.round(x, DECIMALS)
    return float(out) if isinstance(x, float) else out
