#!/usr/bin/python3
"""Writes the LOF peer fixture: scikit-learn's LocalOutlierFactor(novelty=True) scores on small random data.

Each case is a random training matrix (with a few rows repeated, so zero distances and tied k-distances occur)
and random rows to score (one of them a copy of a training row). Expected values are scikit-learn's LOF, which
is what our detector reports (higher = more anomalous):
    train: -negative_outlier_factor_
    test:  -score_samples(test)

Run with the Debian interpreter, which has numpy/scikit-learn:
    /usr/bin/python3 benchmarks/peers/make_lof_fixture.py
Output: tests/TabularOd.Tests/Fixtures/detectors/lof.json
"""

import json
import pathlib
import platform

import numpy as np
import sklearn
from sklearn.neighbors import LocalOutlierFactor

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = ROOT / "tests" / "TabularOd.Tests" / "Fixtures" / "detectors" / "lof.json"

# (name, training rows, columns, test rows, n_neighbors, seed, extra copies of row 0)
# "duplicates" repeats row 0 more often than k: those rows have k-distance 0 and lrd 1e10 (sklearn's guard).
CASES = [
    ("default_k", 60, 3, 25, 20, 0, 0),
    ("small_k", 40, 2, 15, 5, 1, 0),
    ("k_above_rows", 12, 4, 8, 20, 2, 0),
    ("wide", 50, 10, 20, 20, 3, 0),
    ("duplicates", 30, 2, 10, 3, 4, 5),
]


def make_case(name, n, d, q, k, seed, extra):
    rng = np.random.default_rng(seed)
    base = rng.normal(size=(n - 4 - extra, d))
    # Repeat some rows (row 0 three times plus `extra`, rows 1 and 5 twice), to exercise zero distances.
    train = np.vstack([base, base[[0, 0, 5, 1] + [0] * extra]])
    test = np.vstack([rng.normal(scale=1.5, size=(q - 1, d)), train[[0]]])
    model = LocalOutlierFactor(n_neighbors=k, novelty=True).fit(train)
    return {
        "name": name,
        "n_neighbors": k,
        "n_neighbors_effective": int(model.n_neighbors_),
        "rows": n,
        "columns": d,
        "train": train.ravel().tolist(),
        "test_rows": q,
        "test": test.ravel().tolist(),
        "expected_train": (-model.negative_outlier_factor_).tolist(),
        "expected_test": (-model.score_samples(test)).tolist(),
    }


def main():
    fixture = {
        "generator": "benchmarks/peers/make_lof_fixture.py",
        "sklearn": sklearn.__version__,
        "numpy": np.__version__,
        "python": platform.python_version(),
        "cases": [make_case(*case) for case in CASES],
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(fixture, indent=1) + "\n")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
