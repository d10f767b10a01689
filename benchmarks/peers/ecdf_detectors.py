#!/usr/bin/python3
"""Writes the ECOD, COPOD and HBOS fixtures that TabularOd.Detectors.Probabilistic is tested against.

PyOD itself is not installed here, so its formulas are transcribed with NumPy/SciPy only:

- ECOD (pyod.models.ecod.ECOD.decision_function with pyod.utils.stat_models.column_ecdf): the ECDF of each
  column is built on the training column plus the rows being scored (PyOD refits on the concatenation),
  skewness too; score = sum_j max(U_skew, (U_l + U_r) / 2).
- ECOD/COPOD inductive mode [TabularOd's own]: the ECDF is frozen on the training column with
  F = (count + 1) / (n + 1), and the skewness signs are the training ones. Written here a second way
  (np.searchsorted instead of the argsort/tie pass) so the two modes are not one piece of code.
- COPOD as the specification and Li et al. (ICDM 2020) state it: score = max(sum U_l, sum U_r, sum U_skew)
  with the same tail matrices. (PyOD's COPOD class sums ECOD's per-dimension maximum instead.)
- HBOS (pyod.models.hbos.HBOS with _calculate_outlier_scores): np.histogram(density=True) per column,
  np.digitize(right=True), log2(density + alpha), the tol rule outside the edges, score = -sum.

Run with the Debian interpreter, which has numpy/scipy:
    /usr/bin/python3 benchmarks/peers/ecdf_detectors.py
Output: tests/TabularOd.Tests/Fixtures/detectors/ecdf_detectors.json (well under 300 KB).
"""

import json
import pathlib
import platform
import warnings

import numpy as np
import scipy
from scipy.stats import skew as skew_sp

OUT = (
    pathlib.Path(__file__).resolve().parents[2]
    / "tests" / "TabularOd.Tests" / "Fixtures" / "detectors" / "ecdf_detectors.json"
)

HBOS_BINS, HBOS_ALPHA, HBOS_TOL = 10, 0.1, 0.5


# ----------------------------------------------------------------------------------------------- ECDF tails

def column_ecdf(matrix):
    """pyod.utils.stat_models.column_ecdf: rank r/n per column, ties all taking the largest rank."""
    assert matrix.ndim == 2
    probabilities = np.linspace(np.ones(matrix.shape[1]) / matrix.shape[0], np.ones(matrix.shape[1]), matrix.shape[0])
    sort_idx = np.argsort(matrix, axis=0)
    ordered = np.take_along_axis(matrix, sort_idx, axis=0)
    for cx in range(probabilities.shape[1]):
        for rx in range(probabilities.shape[0] - 2, -1, -1):
            if ordered[rx, cx] == ordered[rx + 1, cx]:
                probabilities[rx, cx] = probabilities[rx + 1, cx]
    reordered = np.ones_like(probabilities)
    np.put_along_axis(reordered, sort_idx, probabilities, axis=0)
    return reordered


def skew_signs(X):
    """pyod.models.ecod.skew, reduced to its sign: NaN (a constant column) becomes 0."""
    with warnings.catch_warnings():
        # SciPy warns about constant columns, which are exactly the case the NaN -> 0 rule is for.
        warnings.simplefilter("ignore", RuntimeWarning)
        return np.sign(np.nan_to_num(skew_sp(X, axis=0)))


def skew_tail(U_l, U_r, signs):
    return U_l * -1 * np.sign(signs - 1) + U_r * np.sign(signs + 1)


def pyod_tails(train, rows=None):
    """U_l, U_r and skew signs as PyOD's decision_function builds them: on train, or on train + rows."""
    X = train if rows is None else np.concatenate((train, rows), axis=0)
    U_l = -1 * np.log(column_ecdf(X))
    U_r = -1 * np.log(column_ecdf(-X))
    signs = skew_signs(X)
    keep = slice(None) if rows is None else slice(-rows.shape[0], None)
    return U_l[keep], U_r[keep], signs


def inductive_tails(train, rows):
    """The frozen-ECDF tails: F = (#train <= x + 1) / (n + 1) on the left, (#train >= x + 1) / (n + 1) on the right."""
    n = train.shape[0]
    U_l = np.empty(rows.shape)
    U_r = np.empty(rows.shape)
    for j in range(train.shape[1]):
        ordered = np.sort(train[:, j])
        at_most = np.searchsorted(ordered, rows[:, j], side="right")
        at_least = n - np.searchsorted(ordered, rows[:, j], side="left")
        U_l[:, j] = -np.log((at_most + 1) / (n + 1))
        U_r[:, j] = -np.log((at_least + 1) / (n + 1))
    return U_l, U_r, skew_signs(train)


def ecod_score(U_l, U_r, signs):
    return np.maximum(skew_tail(U_l, U_r, signs), np.add(U_l, U_r) / 2).sum(axis=1)


def copod_score(U_l, U_r, signs):
    return np.maximum.reduce([U_l.sum(axis=1), U_r.sum(axis=1), skew_tail(U_l, U_r, signs).sum(axis=1)])


def check_training_scores_are_leave_one_out(train, score):
    """The inductive formula applied to each training row against the other n - 1 rows gives count/n, i.e. the
    PyOD training scores (skew signs from all n rows): the reason the inductive mode keeps those scores."""
    expected = score(*pyod_tails(train))
    signs = skew_signs(train)
    for i in range(train.shape[0]):
        others = np.delete(train, i, axis=0)
        U_l, U_r, _ = inductive_tails(others, train[i:i + 1])
        assert np.isclose(score(U_l, U_r, signs)[0], expected[i], rtol=1e-12, atol=1e-12)


# ----------------------------------------------------------------------------------------------------- HBOS

def hbos_fit(train):
    hist = np.zeros([HBOS_BINS, train.shape[1]])
    edges = np.zeros([HBOS_BINS + 1, train.shape[1]])
    for i in range(train.shape[1]):
        hist[:, i], edges[:, i] = np.histogram(train[:, i], bins=HBOS_BINS, density=True)
    return hist, edges


def hbos_score(X, edges, hist):
    """pyod.models.hbos._calculate_outlier_scores followed by invert_order(np.sum(..., axis=1))."""
    n_samples, n_features = X.shape
    outlier_scores = np.zeros((n_samples, n_features))
    for i in range(n_features):
        bin_inds = np.digitize(X[:, i], edges[:, i], right=True)
        out_score_i = np.log2(hist[:, i] + HBOS_ALPHA)
        for j in range(n_samples):
            if bin_inds[j] == 0:
                dist = edges[0, i] - X[j, i]
                bin_width = edges[1, i] - edges[0, i]
                outlier_scores[j, i] = out_score_i[0] if dist <= bin_width * HBOS_TOL else np.min(out_score_i)
            elif bin_inds[j] == HBOS_BINS + 1:
                dist = X[j, i] - edges[-1, i]
                bin_width = edges[-1, i] - edges[-2, i]
                outlier_scores[j, i] = out_score_i[HBOS_BINS - 1] if dist <= bin_width * HBOS_TOL else np.min(out_score_i)
            else:
                outlier_scores[j, i] = out_score_i[bin_inds[j] - 1]
    return np.sum(outlier_scores, axis=1) * -1


# ---------------------------------------------------------------------------------------------------- cases

def hbos_probe_rows(train, rng, count):
    """Rows that hit HBOS's branches: exactly on edges, just inside and beyond tol outside, far out."""
    _, edges = hbos_fit(train)
    rows = []
    for k in range(count):
        row = []
        for j in range(train.shape[1]):
            e = edges[:, j]
            width_low, width_high = e[1] - e[0], e[-1] - e[-2]
            choices = [
                e[rng.integers(0, HBOS_BINS + 1)],  # on an edge (interior edges score with the bin below)
                e[0] - 0.3 * width_low,  # within tol below
                e[0] - 0.9 * width_low,  # beyond tol below
                e[-1] + 0.4 * width_high,  # within tol above
                e[-1] + 2.5 * width_high,  # beyond tol above
                rng.uniform(e[0], e[-1]),
            ]
            row.append(choices[(k + j) % len(choices)])
        rows.append(row)
    return np.array(rows)


def cases():
    rng = np.random.default_rng(20240611)
    spec_train = np.array([[1, 5, 3], [2, 5, 1], [3, 4, 2], [4, 3, 2], [10, 1, 3], [2, 5, 7]], dtype=float)
    spec_rows = np.array([[2.5, 4, 2], [20, 0, 9]])
    yield "spec", spec_train, spec_rows

    gaussian = rng.normal(size=(60, 4))
    yield "gaussian", gaussian, np.concatenate([rng.normal(size=(10, 4)), rng.normal(scale=5, size=(5, 4))])

    ties = np.column_stack([rng.integers(0, 5, 50), rng.integers(0, 2, 50), rng.integers(-3, 3, 50) * 0.5]).astype(float)
    ties_rows = np.column_stack([rng.integers(-1, 7, 12), rng.integers(0, 3, 12), rng.integers(-4, 4, 12) * 0.5]).astype(float)
    yield "ties", ties, ties_rows

    skewed = np.column_stack([rng.exponential(size=70), rng.lognormal(sigma=1.0, size=70), -rng.lognormal(sigma=0.8, size=70)])
    skewed_rows = np.column_stack([rng.exponential(scale=3, size=12), rng.lognormal(sigma=1.5, size=12), -rng.lognormal(sigma=1.2, size=12)])
    yield "skewed", skewed, skewed_rows

    constant = np.column_stack([rng.normal(size=40), np.full(40, 2.5), np.zeros(40), rng.normal(size=40)])
    constant_rows = np.column_stack([rng.normal(size=8), np.array([2.5, 2.5, 3.0, -1.0, 2.5, 2.5, 2.5, 7.0]),
                                     np.array([0.0, 0.0, 0.0, 0.0, 1e-3, -0.2, 0.0, 0.0]), rng.normal(size=8)])
    yield "constant", constant, constant_rows

    uniform = rng.uniform(-2, 3, size=(45, 3))
    yield "hbos_edges", uniform, hbos_probe_rows(uniform, rng, 18)

    wide = np.column_stack([rng.normal(size=150) * 10 ** rng.integers(-3, 4, 150).astype(float) for _ in range(5)])
    yield "wide", wide, rng.normal(scale=30, size=(20, 5))


def flat(a):
    a = np.asarray(a, dtype=float)
    assert np.all(np.isfinite(a))
    return [float(v) for v in np.ascontiguousarray(a).ravel()]


def main():
    out = []
    for name, train, rows in cases():
        check_training_scores_are_leave_one_out(train, ecod_score)
        check_training_scores_are_leave_one_out(train, copod_score)
        hist, edges = hbos_fit(train)
        out.append({
            "name": name,
            "rows": train.shape[0],
            "columns": train.shape[1],
            "train": flat(train),
            "test_rows": rows.shape[0],
            "test": flat(rows),
            "ecod": {
                "train": flat(ecod_score(*pyod_tails(train))),
                "transductive": flat(ecod_score(*pyod_tails(train, rows))),
                "inductive": flat(ecod_score(*inductive_tails(train, rows))),
                "skew_signs": flat(skew_signs(train)),
            },
            "copod": {
                "train": flat(copod_score(*pyod_tails(train))),
                "transductive": flat(copod_score(*pyod_tails(train, rows))),
                "inductive": flat(copod_score(*inductive_tails(train, rows))),
            },
            "hbos": {
                "train": flat(hbos_score(train, edges, hist)),
                "test": flat(hbos_score(rows, edges, hist)),
                "edges": flat(edges.T),
                "densities": flat(hist.T),
            },
        })
    document = {
        "generator": "benchmarks/peers/ecdf_detectors.py",
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "python": platform.python_version(),
        "hbos": {"n_bins": HBOS_BINS, "alpha": HBOS_ALPHA, "tol": HBOS_TOL},
        "cases": out,
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(document, indent=1) + "\n")
    spec = out[0]
    print("ECOD spec train:", np.round(spec["ecod"]["train"], 6), "new:", np.round(spec["ecod"]["transductive"], 6))
    print(f"wrote {OUT} ({OUT.stat().st_size / 1024:.0f} KB)")


if __name__ == "__main__":
    main()
