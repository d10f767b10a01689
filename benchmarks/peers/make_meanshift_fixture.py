#!/usr/bin/python3
"""Writes the mean-shift (MSS) peer fixtures: a brute-force NumPy re-implementation of SPEC §4 "Mean shift".

Training rows, iteration j = 1..m: every row becomes the mean of its k nearest rows (itself included) in the
training set as shifted after j - 1 iterations. A new row at iteration j becomes the mean of itself (as shifted so
far) and its k - 1 nearest rows of that same training set. k is capped at max(n - 1, 1). Neighbours are ranked by
(squared distance, index) with a stable argsort over every training row; each mean adds the neighbours in ascending
index (after the row itself, for a new row) and divides by k, the order TabularOd's MeanShift uses.

The script first checks itself against the SPEC §4 [ref] vector, then writes one file per case with the training
and test rows after every iteration 1..m.

Run with the Debian interpreter, which has numpy:
    /usr/bin/python3 benchmarks/peers/make_meanshift_fixture.py
Output: tests/TabularOd.Tests/Fixtures/meanshift/<case>.json
"""

import json
import pathlib
import platform

import numpy as np

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = ROOT / "tests" / "TabularOd.Tests" / "Fixtures" / "meanshift"

# (name, training rows, columns, test rows, k, iterations, seed, why)
CASES = [
    ("gaussian", 200, 5, 40, 10, 3, 0, "default k, below the k-d tree's 256 rows: tiled brute force"),
    ("kd_tree", 400, 3, 60, 10, 3, 1, "400 rows of 3 columns: the backend's k-d tree"),
    ("wide", 100, 20, 20, 7, 2, 2, "20 columns: tiled brute force"),
    ("k_capped", 8, 3, 5, 10, 3, 3, "k = 10 on 8 rows: capped at 7"),
    ("k_two", 50, 2, 10, 2, 3, 4, "k = 2: a new row averages itself and one training row"),
]


def nearest(reference, row, count):
    """Indices of the `count` rows of `reference` nearest to `row`, by (squared distance, index)."""
    squared = ((reference - row) ** 2).sum(axis=1)
    return np.argsort(squared, kind="stable")[:count]


def mean_of(start, rows, members, k):
    total = start.copy()
    for member in np.sort(members):
        total += rows[member]
    return total / k


def shift_training(current, k):
    zero = np.zeros(current.shape[1])
    return np.array([mean_of(zero, current, nearest(current, row, k), k) for row in current])


def shift_new(rows, reference, k):
    return np.array([mean_of(row, reference, nearest(reference, row, k - 1), k) for row in rows])


def mean_shift(train, test, k, iterations):
    """Training and test rows after each of the iterations 1..m."""
    k = min(k, max(train.shape[0] - 1, 1))
    stages, shifted_test = [train], [test]
    for _ in range(iterations):
        # A new row at iteration j uses the training set after j - 1 iterations: the last one before appending.
        shifted_test.append(shift_new(shifted_test[-1], stages[-1], k))
        stages.append(shift_training(stages[-1], k))
    return k, stages[1:], shifted_test[1:]


def check_spec_reference():
    train = np.array([[0, 0], [1, 0.1], [0.2, 1], [1.1, 1.3], [5, 4], [0.6, 0.45]])
    test = np.array([[0.5, 0.5], [4, 4.2]])
    _, stages, shifted = mean_shift(train, test, 3, 3)
    expected_train = [[0.533333, 0.183333], [0.533333, 0.183333], [0.633333, 0.916667],
                      [0.633333, 0.916667], [2.366667, 1.8], [0.6, 0.516667]]
    expected_test = [
        [[0.433333, 0.65], [3.366667, 3.166667]],
        [[0.555556, 0.694444], [2.122222, 1.961111]],
        [[0.6, 0.753704], [1.318519, 1.318519]],
    ]
    assert np.allclose(stages[0], expected_train, atol=1e-6, rtol=0), stages[0]
    for got, want in zip(shifted, expected_test):
        assert np.allclose(got, want, atol=1e-6, rtol=0), got


def make_case(name, n, d, q, k, iterations, seed, why):
    rng = np.random.default_rng(seed)
    base = rng.normal(size=(n - 6, d))
    # A few far rows (to be pulled in) and repeated rows (zero distances, ties broken by index).
    far = rng.normal(size=(3, d)) * 2 + 6
    train = np.vstack([base, far, base[[0, 0, 1]]])
    test = np.vstack([rng.normal(scale=1.5, size=(q - 2, d)), far[[0]] + 1, train[[1]]])
    k_effective, stages, shifted = mean_shift(train, test, k, iterations)
    return {
        "generator": "benchmarks/peers/make_meanshift_fixture.py",
        "numpy": np.__version__,
        "python": platform.python_version(),
        "name": name,
        "why": why,
        "k": k,
        "k_effective": k_effective,
        "iterations": iterations,
        "rows": train.shape[0],
        "columns": d,
        "train": train.ravel().tolist(),
        "test_rows": q,
        "test": test.ravel().tolist(),
        "expected_train": [stage.ravel().tolist() for stage in stages],
        "expected_test": [rows.ravel().tolist() for rows in shifted],
    }


def main():
    check_spec_reference()
    OUT.mkdir(parents=True, exist_ok=True)
    for case in CASES:
        fixture = make_case(*case)
        path = OUT / f"{fixture['name']}.json"
        path.write_text(json.dumps(fixture, indent=1) + "\n")
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
