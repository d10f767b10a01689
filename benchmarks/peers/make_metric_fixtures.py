#!/usr/bin/python3
"""Writes the outlier-metric fixtures that TabularOd.Evaluation is tested against.

Expected values come from scikit-learn (roc_auc_score, average_precision_score, f1_score,
precision_recall_curve) and from a NumPy transcription of PyOD's precision_n_scores, so the C# tests
compare against the peer rather than against a second copy of our own reasoning.

Run with the Debian interpreter, which has numpy/scipy/sklearn:
    /usr/bin/python3 benchmarks/peers/make_metric_fixtures.py
Output: tests/TabularOd.Tests/Fixtures/metrics/outlier_metric_cases.json
"""

import json
import pathlib
import platform
import warnings

import numpy as np
import sklearn
from sklearn.exceptions import UndefinedMetricWarning
from sklearn.metrics import (
    average_precision_score,
    f1_score,
    precision_recall_curve,
    precision_score,
    roc_auc_score,
)

OUT = (
    pathlib.Path(__file__).resolve().parents[2]
    / "tests" / "TabularOd.Tests" / "Fixtures" / "metrics" / "outlier_metric_cases.json"
)


def pyod_precision_n(y, scores, n=None):
    """PyOD's utility.precision_n_scores/get_label_n, copied in behaviour (note the strict '>')."""
    y_len = len(y)
    outliers_fraction = (n / y_len) if n is not None else (np.count_nonzero(y) / y_len)
    threshold = np.percentile(scores, 100 * (1 - outliers_fraction))
    predicted = (scores > threshold).astype(int)
    return float(precision_score(y, predicted, zero_division=0))


def best_f1(y, scores):
    precision, recall, _ = precision_recall_curve(y, scores)
    with np.errstate(invalid="ignore", divide="ignore"):
        f = np.where(precision + recall > 0, 2 * precision * recall / (precision + recall), 0.0)
    return float(np.max(f))


def expected(y, scores, threshold, n):
    one_class = y.min() == y.max()
    has_outliers = y.max() == 1
    return {
        "auroc": None if one_class else float(roc_auc_score(y, scores)),
        "auprc": None if one_class else float(average_precision_score(y, scores)),
        "precision_at_n": pyod_precision_n(y, scores, n) if has_outliers else None,
        "f1_at_threshold": float(f1_score(y, (scores > threshold).astype(int), zero_division=0)),
        "best_f1": best_f1(y, scores),
    }


cases = []


def add(name, labels, scores, threshold=None, n=None):
    y = np.asarray(labels, dtype=np.int64)
    # Round-trip through Python floats so the values the expectations use are exactly the ones written.
    s = np.asarray([float(v) for v in scores], dtype=np.float64)
    assert y.shape == s.shape and y.size > 0 and np.all(np.isfinite(s))
    if threshold is None:
        # PyOD's contamination threshold at the true outlier fraction, so F1 is exercised where it matters.
        fraction = max(y.mean(), 1 / len(y))
        threshold = float(np.percentile(s, 100 * (1 - fraction)))
    cases.append({
        "name": name,
        "n": n,
        "threshold": float(threshold),
        "labels": [int(v) for v in y],
        "scores": [float(v) for v in s],
        "expected": expected(y, s, threshold, n),
    })


def main():
    rng = np.random.RandomState(20260611)

    add("sklearn_doc_example", [0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])
    add("tiny_n2_separated", [0, 1], [0.0, 1.0])
    add("tiny_n2_inverted", [0, 1], [1.0, 0.0])
    add("tiny_n2_tied", [1, 0], [3.0, 3.0])
    add("tiny_n3_one_outlier", [0, 1, 0], [0.2, 0.5, 0.5])
    add("tiny_n3_two_outliers", [1, 0, 1], [0.7, 0.1, 0.1])
    add("tiny_n3_threshold_equals_score", [0, 1, 1], [1.0, 2.0, 3.0], threshold=2.0)

    y = (rng.rand(60) < 0.2).astype(int)
    y[:2] = [0, 1]
    add("all_equal_scores", y, np.full(60, 0.25))

    for k in range(3):
        n = 400 + 100 * k
        y = (rng.rand(n) < 0.1 + 0.05 * k).astype(int)
        s = np.round(rng.randn(n) + 1.0 * y, 1)
        add(f"many_ties_1_decimal_{k}", y, s)

    y = np.zeros(150, dtype=int)
    y[77] = 1
    add("one_outlier", y, np.round(rng.randn(150), 3))
    add("one_outlier_ranked_last", y, np.where(y == 1, -10.0, np.round(rng.rand(150), 2)))
    y = np.ones(150, dtype=int)
    y[3] = 0
    add("one_inlier", y, np.round(rng.randn(150), 3))

    y = (rng.rand(200) < 0.15).astype(int)
    add("negative_scores", y, np.round(-50 - 20 * rng.rand(200) + 5 * y, 2))
    add("huge_scores", y, np.round(rng.randn(200) + y, 2) * 1e300)
    add("huge_mixed_sign_scores", y, (np.round(rng.rand(200) + 0.3 * y, 2) - 0.5) * 3e305)
    add("tiny_scores", y, np.round(rng.rand(200) + 0.2 * y, 2) * 1e-300)

    y = np.r_[np.zeros(90, dtype=int), np.ones(10, dtype=int)]
    s = np.r_[np.round(rng.rand(90), 3), 2 + np.round(rng.rand(10), 3)]
    add("perfectly_separated", y, s)
    add("perfectly_inverted", y, -s)
    add("separated_with_boundary_tie", y, np.r_[np.arange(90.0), np.full(10, 89.0)])

    y = (rng.rand(300) < 0.1).astype(int)
    s = np.round(rng.randn(300) + 1.5 * y, 2)
    for n in (1, 7, 45, 300):
        add(f"explicit_n_{n}", y, s, n=n)

    add("one_class_all_inliers", np.zeros(40, dtype=int), np.round(rng.rand(40), 2))
    add("one_class_all_outliers", np.ones(40, dtype=int), np.round(rng.rand(40), 2))
    add("one_class_all_outliers_tied", np.ones(5, dtype=int), np.full(5, 1.0))
    add("one_class_single_row", [0], [0.5])

    # Large sets stay small on disk by using integer or two-decimal scores (and so carry many ties).
    n = 20000
    y = (rng.rand(n) < 0.05).astype(int)
    add("large_integer_scores", y, np.floor(rng.gamma(2.0, 20.0, n) + 25 * y))
    y = (rng.rand(n) < 0.1).astype(int)
    add("large_two_decimals", y, np.round(rng.randn(n) + 0.8 * y, 2))

    # Random small sets with heavy ties: the cases a midrank or tie-grouping slip would show up in.
    for k in range(40):
        n = int(rng.randint(2, 40))
        y = (rng.rand(n) < rng.uniform(0.1, 0.6)).astype(int)
        if y.min() == y.max():
            y[rng.randint(n)] = 1 - y[0]
        s = rng.randint(0, int(rng.randint(1, 6)) + 1, n).astype(float)
        add(f"random_small_ties_{k:02d}", y, s, threshold=float(rng.randint(0, 4)))

    OUT.parent.mkdir(parents=True, exist_ok=True)
    header = {
        "generator": "benchmarks/peers/make_metric_fixtures.py",
        "python": platform.python_version(),
        "numpy": np.__version__,
        "sklearn": sklearn.__version__,
        "precision_at_n": "PyOD precision_n_scores: threshold = np.percentile(scores, 100*(1 - n/len)), predicted = scores > threshold",
        "f1_at_threshold": "sklearn f1_score(labels, scores > threshold, zero_division=0)",
        "undefined": "null: AUROC and AUPRC for one-class label sets, precision@n without outliers",
    }
    lines = ["{"]
    for key, value in header.items():
        lines.append(f"  {json.dumps(key)}: {json.dumps(value)},")
    lines.append('  "cases": [')
    body = [json.dumps(c, separators=(",", ":"), allow_nan=False) for c in cases]
    lines.append(",\n".join("    " + b for b in body))
    lines.append("  ]")
    lines.append("}")
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(cases)} cases -> {OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    with warnings.catch_warnings():
        # One-class sets make sklearn warn; their values are replaced by null above or are the documented 0.
        warnings.simplefilter("ignore", UndefinedMetricWarning)
        warnings.simplefilter("ignore", UserWarning)
        main()
