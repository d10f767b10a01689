#!/usr/bin/python3
"""Writes the fixture the weighting-vector (metric-space magnitude) tests compare against, with NumPy/SciPy:
Z = exp(-t * scipy.spatial.distance.cdist(X, X)), solved by scipy.linalg.cho_factor / cho_solve.

point_sets: the SPEC section 5 sets as given (no standardisation): weights of every row at t, the magnitude, and
    the weight of new points by the Schur complement w_p = (1 - c Z^-1 1) / (1 - c Z^-1 c^T), c = exp(-t d(p, X)).
detector: 150x4 training rows (two Gaussian blobs, 6 rows repeated) and 31 test rows (25 inlier-like, 5 far away,
    1 copy of a training row). As the detector does: columns standardised with the training mean and population
    standard deviation, equal rows merged (np.unique), then
      exact:  training scores w_i (copies share their representative's weight), test scores by the Schur complement,
              a test row equal to a training row takes that row's weight;
      approx: the detector's patch approximation. The 150 rows fit in one patch (default patch size 384), where
              the approximation is the exact solve, so these cases hold it to the same SciPy values; with more rows
              than a patch it is checked against the exact solve in WeightingVectorTests.
The tests require agreement to 1e-9.

Run with the Debian interpreter, which has numpy/scipy:
    /usr/bin/python3 benchmarks/peers/make_magnitude_fixture.py
Output: tests/TabularOd.Tests/Fixtures/magnitude/weighting_vector.json
"""

import json
import pathlib

import numpy as np
import scipy
from scipy.linalg import cho_factor, cho_solve
from scipy.spatial.distance import cdist

OUT = pathlib.Path(__file__).resolve().parents[2] / "tests" / "TabularOd.Tests" / "Fixtures" / "magnitude" / "weighting_vector.json"


def flat(a):
    a = np.asarray(a, dtype=np.float64)
    assert np.all(np.isfinite(a))
    return [float(v) for v in np.ascontiguousarray(a).ravel()]


class Exact:
    """The weighting vector of the distinct rows of `points` at scale t, with its Cholesky factor."""

    def __init__(self, points, t):
        self.points, inverse = np.unique(points, axis=0, return_inverse=True)
        self.inverse = np.asarray(inverse).ravel()
        self.t = t
        self.factor = cho_factor(np.exp(-t * cdist(self.points, self.points)), lower=True)
        self.w = cho_solve(self.factor, np.ones(len(self.points)))

    def row_weights(self):
        return self.w[self.inverse]

    def new_weights(self, rows):
        out = []
        for p in rows:
            d = cdist(p[None, :], self.points)[0]
            if np.any(d == 0):
                out.append(self.w[np.argmin(d)])
                continue
            c = np.exp(-self.t * d)
            out.append((1 - c @ self.w) / (1 - c @ cho_solve(self.factor, c)))
        return np.array(out)


def point_sets():
    line = np.array([[0.0], [1.0], [2.0]])
    square = np.array([[0, 0], [1, 0], [0, 1], [1, 1], [0.5, 0.5], [3, 3]], dtype=float)
    sets = []
    for name, points, t, new in [
        ("spec_1d_t1", line, 1.0, np.array([[0.5], [-3.0]])),
        ("spec_2d_t0.5", square, 0.5, None),
        ("spec_2d_t1", square, 1.0, None),
        ("spec_2d_t2", square, 2.0, None),
        ("spec_2d_first5_t1", square[:5], 1.0, square[5:]),
    ]:
        model = Exact(points, t)
        entry = {
            "name": name, "columns": points.shape[1], "t": t, "points": flat(points),
            "weights": flat(model.row_weights()), "magnitude": float(model.w.sum()),
        }
        if new is not None:
            entry["new_points"] = flat(new)
            entry["new_weights"] = flat(model.new_weights(new))
        sets.append(entry)
    return sets


def detector_data(rng):
    d = 4
    mixing = rng.standard_normal((d, d)) + 1.5 * np.eye(d)
    centres = np.array([[0.0, 0.0, 0.0, 0.0], [3.0, -2.0, 1.0, 0.5]])
    base = rng.standard_normal((144, d)) @ mixing + centres[rng.integers(0, 2, 144)]
    train = np.vstack([base, base[[3, 17, 17, 40, 99, 120]]])
    train = train[rng.permutation(len(train))]
    test_in = rng.standard_normal((25, d)) @ mixing + centres[rng.integers(0, 2, 25)]
    test_out = rng.uniform(-12, 12, (5, d))
    test = np.vstack([test_in, test_out, train[[7]]])
    return train, test


def main():
    rng = np.random.default_rng(20261122)
    train, test = detector_data(rng)
    mean, std = train.mean(axis=0), train.std(axis=0)
    std[std == 0] = 1
    train_z, test_z = (train - mean) / std, (test - mean) / std

    cases = []
    for name, options, make in [
        ("exact_t0.5", {"method": "exact", "t": "0.5"}, lambda: Exact(train_z, 0.5)),
        ("exact_t1", {"method": "exact"}, lambda: Exact(train_z, 1.0)),
        ("exact_t2", {"method": "exact", "t": "2"}, lambda: Exact(train_z, 2.0)),
        ("auto_default", {}, lambda: Exact(train_z, 1.0)),
        ("approx_one_patch_t1", {"method": "approx"}, lambda: Exact(train_z, 1.0)),
        ("approx_one_patch_t2", {"method": "approx", "t": "2"}, lambda: Exact(train_z, 2.0)),
    ]:
        model = make()
        cases.append({
            "name": name, "options": options, "distinct": int(len(model.points)),
            "magnitude": float(model.w.sum()),
            "train_scores": flat(model.row_weights()), "test_scores": flat(model.new_weights(test_z)),
        })
    fixture = {
        "numpy_version": np.__version__, "scipy_version": scipy.__version__,
        "point_sets": point_sets(),
        "detector": {
            "rows": int(train.shape[0]), "columns": int(train.shape[1]), "test_rows": int(test.shape[0]),
            "train": flat(train), "test": flat(test), "cases": cases,
        },
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(fixture, indent=1) + "\n")
    for s in fixture["point_sets"]:
        print(f"{s['name']}: magnitude {s['magnitude']:.6f}, weights {np.round(s['weights'], 6)}"
              + (f", new {np.round(s['new_weights'], 6)}" if "new_weights" in s else ""))
    for c in cases:
        print(f"{c['name']}: {c['distinct']} distinct rows, magnitude {c['magnitude']:.6f}")
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
