#!/usr/bin/python3
"""Writes the cross-dataset statistics fixtures that TabularOd.Evaluation.Statistics is tested against.

Expected values come from SciPy (rankdata, friedmanchisquare, wilcoxon with its defaults,
studentized_range) and NumPy (mean, median, percentile). Two things are not in SciPy and are written here
from their definitions instead:

- Holm's step-down adjustment (what statsmodels' multipletests(method='holm') returns): sort ascending,
  multiply the i-th smallest (0-based) by m - i, take the running maximum, cap at 1.
- The percentile bootstrap, which must draw the same resamples as the C# code: SeededRandom
  (xoshiro256** seeded through SplitMix64, Lemire bounded integers) is re-implemented from the published
  algorithms, one generator per method started from the table's seed, NextInt(n) per drawn dataset.

The rules for missing cells (NaN, written as null) are the library's, mirrored here:
per-method summaries use the method's own values; ranks, win rates, Friedman and the critical difference
use the datasets on which every method has a value; each pairwise comparison uses the datasets on which
both methods have a value.

Run with Debian's interpreter, which has numpy and scipy:
    /usr/bin/python3 benchmarks/peers/make_statistics_fixtures.py
Output: tests/TabularOd.Tests/Fixtures/statistics/scipy_statistics.json
"""

import json
import math
import pathlib
import platform
import warnings

import numpy as np
import scipy
from scipy.integrate import quad
from scipy.special import ndtr
from scipy.stats import friedmanchisquare, norm, rankdata, studentized_range, wilcoxon

OUT = (
    pathlib.Path(__file__).resolve().parents[2]
    / "tests" / "TabularOd.Tests" / "Fixtures" / "statistics" / "scipy_statistics.json"
)
MASK64 = (1 << 64) - 1
ALPHAS = (0.05, 0.10)


class SeededRandom:
    """xoshiro256** (prng.di.unimi.it) with the SplitMix64 seeding and bounded draws TabularOd specifies."""

    def __init__(self, seed):
        x = seed & MASK64
        self.s = []
        for _ in range(4):
            x = (x + 0x9E3779B97F4A7C15) & MASK64
            z = x
            z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
            z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
            self.s.append(z ^ (z >> 31))

    @staticmethod
    def rotl(x, k):
        return ((x << k) | (x >> (64 - k))) & MASK64

    def next_uint64(self):
        s0, s1, s2, s3 = self.s
        result = (self.rotl((s1 * 5) & MASK64, 7) * 9) & MASK64
        t = (s1 << 17) & MASK64
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = self.rotl(s3, 45)
        self.s = [s0, s1, s2, s3]
        return result

    def next_int(self, bound):
        product = (self.next_uint64() >> 32) * bound
        low = product & 0xFFFFFFFF
        if low < bound:
            threshold = (2**32 - bound) % bound
            while low < threshold:
                product = (self.next_uint64() >> 32) * bound
                low = product & 0xFFFFFFFF
        return product >> 32


def bootstrap_interval(values, resamples, level, seed):
    rng = SeededRandom(seed)
    n = len(values)
    means = np.empty(resamples)
    for b in range(resamples):
        means[b] = math.fsum(values[rng.next_int(n)] for _ in range(n)) / n
    alpha = 1 - level
    low, high = np.percentile(means, [50 * alpha, 100 - 50 * alpha])
    return float(low), float(high)


def holm(pvalues):
    p = np.asarray(pvalues, dtype=np.float64)
    m = p.size
    order = np.argsort(p, kind="stable")
    scaled = p[order] * np.arange(m, 0, -1)
    adjusted = np.minimum(np.maximum.accumulate(scaled), 1.0)
    out = np.empty(m)
    out[order] = adjusted
    return [float(v) for v in out]


def scipy_auto_regime(d):
    """Which branch scipy 1.10's wilcoxon(method='auto') takes: exact for n <= 50 without zero differences."""
    return "exact" if len(d) <= 50 and not np.any(d == 0) else "approx"


def wilcoxon_case(x, y):
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    d = x - y
    if np.all(d == 0):
        # SciPy raises here; the library reports "no evidence of a difference".
        return {"statistic": 0.0, "pvalue": 1.0, "count": 0, "regime": "all_zero"}
    res = wilcoxon(x, y)
    return {
        "statistic": float(res.statistic),
        "pvalue": float(res.pvalue),
        "count": int(np.count_nonzero(d)),
        "regime": scipy_auto_regime(d),
    }


def critical_difference(k, n, alpha):
    return float(studentized_range.ppf(1 - alpha, k, np.inf) / np.sqrt(2) * np.sqrt(k * (k + 1) / (6.0 * n)))


def nullable(values):
    return [None if math.isnan(v) else float(v) for v in values]


def table_expectations(scores, seed, resamples, level):
    k, _ = scores.shape
    complete = ~np.any(np.isnan(scores), axis=0)
    full = scores[:, complete]
    n_complete = full.shape[1]

    summaries = []
    for i in range(k):
        own = scores[i, ~np.isnan(scores[i])]
        low, high = bootstrap_interval(list(own), resamples, level, seed)
        summaries.append({
            "count": int(own.size),
            "mean": float(np.mean(own)),
            "median": float(np.median(own)),
            "ci_low": low,
            "ci_high": high,
        })

    # rank 1 = best: rankdata on the negated scores, per dataset (column).
    ranks = np.vstack([rankdata(-full[:, j]) for j in range(n_complete)]).T
    average_ranks = ranks.mean(axis=1)
    best = full.max(axis=0)
    strict_best = (full == best) & ((full == best).sum(axis=0) == 1)
    for i in range(k):
        summaries[i]["average_rank"] = float(average_ranks[i])
        summaries[i]["win_rate"] = float(strict_best[i].sum() / n_complete)

    friedman = None
    if k >= 3:
        with np.errstate(invalid="ignore", divide="ignore"):
            f = friedmanchisquare(*full)
        friedman = {"statistic": float(f.statistic), "pvalue": float(f.pvalue)}
        if math.isnan(f.statistic):
            # Every dataset ties every method: SciPy divides 0 by 0; the library reports 0 and p = 1.
            friedman = {"statistic": 0.0, "pvalue": 1.0}

    pairs = []
    for a in range(k):
        for b in range(a + 1, k):
            both = ~np.isnan(scores[a]) & ~np.isnan(scores[b])
            x, y = scores[a, both], scores[b, both]
            entry = {"first": a, "second": b, "datasets": int(both.sum()),
                     "first_wins": int(np.sum(x > y)), "ties": int(np.sum(x == y)),
                     "second_wins": int(np.sum(x < y))}
            entry.update(wilcoxon_case(x, y))
            pairs.append(entry)
    all_adjusted = holm([p["pvalue"] for p in pairs])
    for p, adj in zip(pairs, all_adjusted):
        p["holm"] = adj

    # Versus the best-ranked method (lowest average rank, lowest index on a tie), Holm over k - 1 tests.
    best_method = int(np.argmin(average_ranks))
    vs_best = []
    for other in range(k):
        if other == best_method:
            continue
        both = ~np.isnan(scores[best_method]) & ~np.isnan(scores[other])
        entry = {"first": best_method, "second": other}
        entry.update(wilcoxon_case(scores[best_method, both], scores[other, both]))
        vs_best.append(entry)
    for p, adj in zip(vs_best, holm([p["pvalue"] for p in vs_best])):
        p["holm"] = adj

    return {
        "complete_datasets": int(n_complete),
        "ranks": [[float(v) for v in col] for col in ranks.T],
        "methods": summaries,
        "friedman": friedman,
        "critical_difference": {str(a): critical_difference(k, n_complete, a) for a in ALPHAS},
        "best_method": best_method,
        "pairs": pairs,
        "versus_best": vs_best,
    }


tables = []


def add_table(name, scores, seed=0, resamples=2000, level=0.95):
    scores = np.asarray(scores, dtype=np.float64)
    k, n = scores.shape
    assert 2 <= k and n >= 1
    tables.append({
        "name": name,
        "methods": [f"m{i}" for i in range(k)],
        "scores": [nullable(row) for row in scores],
        "seed": seed,
        "resamples": resamples,
        "level": level,
        "expected": table_expectations(scores, seed, resamples, level),
    })


def build_tables(rng):
    # Continuous scores: no ties, no zero differences; the exact Wilcoxon regime for N <= 50.
    for k, n in [(3, 5), (4, 10), (5, 20), (8, 30), (12, 50)]:
        add_table(f"continuous_k{k}_n{n}", rng.uniform(0.5, 1.0, size=(k, n)), seed=k * 1000 + n)
    # Large N: the normal approximation (N > 50).
    for k, n in [(3, 51), (6, 120), (10, 300)]:
        add_table(f"continuous_k{k}_n{n}", rng.uniform(0.4, 1.0, size=(k, n)) + 0.02 * np.arange(k)[:, None],
                  seed=7 + k, resamples=500)
    # Rounded scores: ties within datasets (Friedman's tie correction) and tied |differences|.
    for k, n, decimals in [(2, 8, 2), (3, 12, 2), (4, 25, 2), (5, 40, 1), (7, 60, 2), (9, 16, 1), (11, 45, 2)]:
        add_table(f"ties_k{k}_n{n}_d{decimals}", np.round(rng.uniform(0.5, 1.0, size=(k, n)), decimals),
                  seed=k + n)
    # Equal scores on some datasets: zero differences push small N onto the normal approximation.
    for k, n in [(2, 6), (3, 20), (6, 35)]:
        base = np.round(rng.uniform(0.6, 1.0, size=n), 3)
        s = np.vstack([np.where(rng.uniform(size=n) < 0.3, base, np.round(rng.uniform(0.6, 1.0, size=n), 3))
                       for _ in range(k)])
        s[:, 0] = 1.0  # a dataset every method solves perfectly
        add_table(f"zeros_k{k}_n{n}", s, seed=99)
    # Missing cells.
    for k, n in [(4, 30), (10, 70)]:
        s = np.round(rng.uniform(0.5, 1.0, size=(k, n)), 3)
        s[rng.uniform(size=(k, n)) < 0.1] = np.nan
        s[:, 0] = np.round(rng.uniform(0.5, 1.0, size=k), 3)  # at least one complete dataset
        add_table(f"missing_k{k}_n{n}", s, seed=5, level=0.9)
    # Two methods, the smallest shapes.
    add_table("k2_n1", [[0.7], [0.6]])
    add_table("k2_n2_continuous", rng.uniform(size=(2, 2)), seed=3)
    add_table("k3_n3_all_tied", np.full((3, 3), 0.8))
    add_table("k3_n4_identical_pair", np.vstack([[0.9, 0.8, 0.7, 0.6], [0.9, 0.8, 0.7, 0.6], [0.5, 0.9, 0.6, 0.7]]))
    add_table("k12_n8_integers", rng.randint(0, 4, size=(12, 8)).astype(float), seed=12)


def wilcoxon_standalone(rng):
    cases = []

    def add(name, x, y):
        x = [float(v) for v in x]
        y = [float(v) for v in y]
        entry = {"name": name, "x": x, "y": y}
        entry.update(wilcoxon_case(np.array(x), np.array(y)))
        cases.append(entry)

    for n in [1, 2, 3, 4, 5, 6, 9, 10, 20, 35, 49, 50]:
        add(f"exact_continuous_n{n}", rng.normal(size=n), rng.normal(size=n) + 0.3)
    add("exact_all_positive_n50", rng.uniform(1, 2, size=50), np.zeros(50))
    add("exact_centre_n3", [1.0, -2.0, 3.0], [0, 0, 0])  # R+ = 4 of 6, near the centre
    add("exact_centre_n4", [1.0, 2.0, -3.0, -4.0], [0, 0, 0, 0])  # R+ = 3 = n(n+1)/4 - 2
    add("exact_centre_hit_n4", [1.0, -2.0, -3.0, 4.0], [0, 0, 0, 0])  # R+ = 5 = total // 2
    add("exact_with_tied_abs", [1.0, -1.0, 2.0, 2.0, 3.0, -4.0, 5.0], [0] * 7)
    add("exact_with_ties_half_rank", [0.5, 0.5, 1.0, -1.5, 2.0, 3.0], [0] * 6)
    for n in [51, 80, 200, 1000]:
        add(f"approx_continuous_n{n}", rng.normal(size=n), rng.normal(size=n) + 0.1)
    add("approx_ties_n120", np.round(rng.normal(size=120), 1), np.round(rng.normal(size=120), 1))
    x = np.round(rng.normal(size=30), 1)
    y = x.copy()
    y[:8] = np.round(rng.normal(size=8), 1)
    add("approx_zeros_n30", x, y)
    add("approx_one_nonzero", [1.0, 2.0, 3.0], [1.0, 2.0, 2.5])
    add("approx_huge_effect_n300", rng.uniform(1, 2, size=300), rng.uniform(0, 0.9, size=300))
    add("all_zero", [0.3, 0.4], [0.3, 0.4])
    return cases


def holm_standalone(rng):
    cases = []
    for p in ([0.01], [0.04, 0.01, 0.03], [0.5, 0.5, 0.5], [0.001, 0.001, 0.2, 0.9],
              [0.0, 1.0, 0.25, 0.0125], [0.3, 0.2, 0.1, 0.05, 0.01, 0.02]):
        cases.append({"p": [float(v) for v in p], "adjusted": holm(p)})
    for m in (10, 45, 66):
        p = np.round(rng.uniform(0, 0.2, size=m) ** 2, 6)
        cases.append({"p": [float(v) for v in p], "adjusted": holm(p)})
    return cases


def studentized_range_cases():
    quantiles = []
    for k in list(range(2, 51)) + [60, 75, 100]:
        for alpha in ALPHAS:
            q = float(studentized_range.ppf(1 - alpha, k, np.inf))
            quantiles.append({"k": k, "alpha": alpha, "q": q, "q_over_sqrt2": q / math.sqrt(2)})
    cdf = []
    for k in (2, 3, 5, 10, 30, 100):
        for q in (0.5, 1.5, 3.0, 4.5, 6.5):
            cdf.append({"k": k, "q": q, "cdf": float(studentized_range.cdf(q, k, np.inf)),
                        "cdf_tight": tight_range_cdf(q, k)})
    return quantiles, cdf


def tight_range_cdf(q, k):
    """P(range <= q) by quad at relative tolerance 1e-13 (SciPy's own cdf stops at absolute 1e-11, which
    leaves far-tail values such as 1e-26 correct to only a few digits)."""
    def integrand(z):
        return k * norm.pdf(z) * (ndtr(z + q) - ndtr(z)) ** (k - 1)
    # The integrand peaks near the z that centres the window [z, z + q] on 0.
    value, _ = quad(integrand, -12.0, 12.0, epsabs=0.0, epsrel=1e-13, limit=500, points=[-q / 2])
    return float(value)


def main():
    rng = np.random.RandomState(20260612)
    build_tables(rng)
    quantiles, cdf = studentized_range_cases()
    document = {
        "generator": "benchmarks/peers/make_statistics_fixtures.py",
        "python": platform.python_version(),
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "wilcoxon": "scipy.stats.wilcoxon(x, y) defaults: zero_method='wilcox', correction=False, two-sided, "
                    "method='auto' (exact when len(d) <= 50 and no zero difference, otherwise normal "
                    "approximation with tie correction); all-zero differences written as statistic 0, p 1",
        "holm": "step-down from the definition, as statsmodels multipletests(method='holm')",
        "bootstrap": "percentile bootstrap of the mean, SeededRandom(seed) per method, NextInt(n) per draw, "
                     "np.percentile linear at 50*(1-level) and 100-50*(1-level)",
        "critical_difference": "studentized_range.ppf(1 - alpha, k, inf) / sqrt(2) * sqrt(k (k + 1) / (6 N))",
        "studentized_range_quantiles": quantiles,
        "studentized_range_cdf": cdf,
        "wilcoxon_cases": wilcoxon_standalone(rng),
        "holm_cases": holm_standalone(rng),
        "tables": tables,
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    lines = ["{"]
    items = list(document.items())
    for i, (key, value) in enumerate(items):
        comma = "," if i < len(items) - 1 else ""
        if isinstance(value, list):
            body = ",\n".join("    " + json.dumps(v, separators=(",", ":"), allow_nan=False) for v in value)
            lines.append(f"  {json.dumps(key)}: [\n{body}\n  ]{comma}")
        else:
            lines.append(f"  {json.dumps(key)}: {json.dumps(value, allow_nan=False)}{comma}")
    lines.append("}")
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(tables)} tables -> {OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    with warnings.catch_warnings():
        # wilcoxon warns when it leaves the exact regime or n < 10; the regime is recorded per case instead.
        warnings.simplefilter("ignore", UserWarning)
        main()
