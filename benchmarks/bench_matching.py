"""Match 100,000 statement lines against 100,000 expected recoveries; compare with the naive pairwise scan.

The naive scan is measured on a sample of lines against all expected recoveries in the same run and
extrapolated linearly (it is O(lines × expected)); both must agree on the sample's matches.
"""

from __future__ import annotations

import random
import time

from legalops.ledger.reconciliation.matching import Expected, Line, match_lines, naive_match

N = 100_000
SAMPLE = 500


def build(n: int, seed: int = 7):
    """Return n expected recoveries and n lines: most pay one expectation, some are ambiguous or unknown."""
    rng = random.Random(seed)
    expected, lines = [], []
    for i in range(n):
        amount = rng.choice([500_000, 1_000_000, 2_000_000]) if i % 10 == 0 else rng.randrange(10_000, 50_000_000)
        day = 738_000 + rng.randrange(0, 365)
        ref = f"(2025)沪0115执{i:05d}号"
        expected.append(Expected(i, amount, day, 10, f"债务人{i % 5000}", (f"C-{i:06d}", ref)))
        memo = f"还款 C-{i:06d}" if i % 3 else "还款"
        lines.append(Line(i, amount if i % 20 else amount + 1, day + rng.randrange(-5, 6), f"债务人{i % 5000}", memo))
    rng.shuffle(lines)
    return lines, expected


def main() -> None:
    lines, expected = build(N)
    start = time.perf_counter()
    matches = match_lines(lines, expected)
    fast = time.perf_counter() - start
    print(f"indexed matching: {N:,} lines × {N:,} expected in {fast:.2f} s — {len(matches):,} matched, "
          f"{N - len(matches):,} left for a human")

    sample = lines[:SAMPLE]
    start = time.perf_counter()
    naive = naive_match(sample, expected)
    naive_time = time.perf_counter() - start
    extrapolated = naive_time * N / SAMPLE
    assert naive == match_lines(sample, expected), "the indexed matcher disagrees with the naive scan"
    print(f"naive pairwise scan: {SAMPLE} lines in {naive_time:.2f} s → {extrapolated:,.0f} s extrapolated for {N:,}")
    print(f"speed-up: {extrapolated / fast:,.0f}×")


if __name__ == "__main__":
    main()
