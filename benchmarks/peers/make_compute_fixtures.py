#!/usr/bin/python3
"""Writes the compute-backend fixtures that every IComputeBackend is tested against.

Expected values come from the peers the backends replace: scikit-learn (euclidean_distances through
pairwise_distances, NearestNeighbors), NumPy (matmul, linalg.cholesky, linalg.eigh, linalg.svd, linalg.inv)
and SciPy (cho_factor/cho_solve, lu_factor/lu_solve), so the C# conformance tests compare against the
peer rather than against a second copy of our own reasoning.

The interface's conventions are applied here, not in the tests: eigenvalues ascending with each eigenvector's
largest-magnitude component positive; singular values descending with each column of U having its
largest-magnitude component positive (and the matching row of Vt flipped with it); k-nearest distances are
Euclidean (not squared); GEMM and every matrix are row-major.

Run with the Debian interpreter, which has numpy/scipy/sklearn:
    /usr/bin/python3 benchmarks/peers/make_compute_fixtures.py
Output: tests/TabularOd.Tests/Fixtures/compute/*.json (well under 1 MB in all).
"""

import json
import pathlib
import platform

import numpy as np
import scipy
import scipy.linalg
import sklearn
from sklearn.metrics import pairwise_distances
from sklearn.neighbors import NearestNeighbors

OUT = pathlib.Path(__file__).resolve().parents[2] / "tests" / "TabularOd.Tests" / "Fixtures" / "compute"


def flat(a):
    """Row-major values as Python floats; float32 values widen exactly, so C# narrows them back bit for bit."""
    a = np.asarray(a)
    assert np.all(np.isfinite(a))
    return [float(v) for v in np.ascontiguousarray(a).ravel()]


def fix_columns(columns, rows_to_flip=None):
    """Flips each column so its largest-magnitude component is positive (the first such if several tie)."""
    columns = columns.copy()
    signs = np.ones(columns.shape[1])
    for j in range(columns.shape[1]):
        i = int(np.argmax(np.abs(columns[:, j])))
        if columns[i, j] < 0:
            signs[j] = -1.0
    columns *= signs
    if rows_to_flip is not None:
        rows_to_flip = rows_to_flip * signs[:, None]
    return columns, rows_to_flip


def distances(rng):
    cases = []
    for name, dtype, n, m, d, offset in [
        ("f64_small", np.float64, 9, 7, 3, 0.0),
        ("f64_rect", np.float64, 23, 31, 17, 0.0),
        ("f64_offset", np.float64, 12, 15, 5, 50.0),
        ("f32_small", np.float32, 9, 7, 3, 0.0),
        ("f32_rect", np.float32, 23, 31, 17, 0.0),
        ("f32_wide", np.float32, 10, 12, 70, 0.0),
    ]:
        x = (rng.standard_normal((n, d)) + offset).astype(dtype)
        y = (rng.standard_normal((m, d)) + offset).astype(dtype)
        xy = pairwise_distances(x, y, metric="euclidean", squared=True)
        xx = pairwise_distances(x, metric="euclidean", squared=True)
        cases.append({
            "name": name, "dtype": np.dtype(dtype).name, "n": n, "m": m, "d": d,
            "x": flat(x), "y": flat(y), "xy": flat(xy), "xx": flat(xx),
        })
    return {"function": "sklearn.metrics.pairwise_distances(metric='euclidean', squared=True)", "cases": cases}


def kneighbors(rng):
    cases = []
    for name, n, q, d, k in [("small", 12, 5, 2, 3), ("medium", 60, 17, 6, 7), ("all", 9, 4, 4, 9), ("wide", 40, 8, 33, 10)]:
        x = rng.standard_normal((n, d))
        queries = rng.standard_normal((q, d))
        model = NearestNeighbors(n_neighbors=k, algorithm="brute").fit(x)
        query_distances, query_indices = model.kneighbors(queries)
        self_k = min(k, n - 1)
        self_distances, self_indices = NearestNeighbors(n_neighbors=self_k, algorithm="brute").fit(x).kneighbors()
        cases.append({
            "name": name, "n": n, "q": q, "d": d, "k": k, "self_k": self_k,
            "x": flat(x), "queries": flat(queries),
            "query_indices": [int(v) for v in query_indices.ravel()], "query_distances": flat(query_distances),
            "self_indices": [int(v) for v in self_indices.ravel()], "self_distances": flat(self_distances),
        })
    return {"function": "NearestNeighbors(algorithm='brute').fit(x).kneighbors(queries) and .kneighbors() (self excluded)",
            "cases": cases}


def gemm(rng):
    cases = []
    for name, trans_a, trans_b, m, n, k, alpha, beta in [
        ("nn", False, False, 7, 5, 9, 1.0, 0.0),
        ("nt", False, True, 13, 11, 6, 0.5, 2.0),
        ("tn", True, False, 4, 17, 8, -1.5, 1.0),
        ("tt", True, True, 10, 3, 12, 2.0, -0.25),
    ]:
        a = rng.standard_normal((k, m) if trans_a else (m, k))
        b = rng.standard_normal((n, k) if trans_b else (k, n))
        c = rng.standard_normal((m, n))
        expected = alpha * ((a.T if trans_a else a) @ (b.T if trans_b else b)) + beta * c
        cases.append({
            "name": name, "trans_a": trans_a, "trans_b": trans_b, "m": m, "n": n, "k": k,
            "alpha": alpha, "beta": beta, "a": flat(a), "b": flat(b), "c": flat(c), "expected": flat(expected),
        })
    return {"function": "alpha * (op(a) @ op(b)) + beta * c", "cases": cases}


def spd(rng, n):
    m = rng.standard_normal((n, n))
    return m @ m.T + n * np.eye(n)


def cholesky(rng):
    cases = []
    for n, nrhs in [(1, 1), (5, 2), (24, 3), (40, 1)]:
        a = spd(rng, n)
        b = rng.standard_normal((n, nrhs))
        factor = np.linalg.cholesky(a)
        x = scipy.linalg.cho_solve(scipy.linalg.cho_factor(a, lower=True), b)
        cases.append({
            "n": n, "nrhs": nrhs, "a": flat(a), "l": flat(factor), "b": flat(b), "x": flat(x),
            "inverse": flat(np.linalg.inv(a)),
        })
    return {"function": "np.linalg.cholesky(a); scipy.linalg.cho_solve(cho_factor(a, lower=True), b); np.linalg.inv(a)",
            "cases": cases}


def eigh(rng):
    cases = []
    for n in (1, 2, 6, 25, 40):
        m = rng.standard_normal((n, n))
        a = (m + m.T) / 2
        values, vectors = np.linalg.eigh(a)
        vectors, _ = fix_columns(vectors)
        cases.append({"n": n, "a": flat(a), "values": flat(values), "vectors": flat(vectors)})
    return {"function": "np.linalg.eigh(a), each eigenvector's largest-magnitude component made positive", "cases": cases}


def svd(rng):
    cases = []
    for m, n in [(1, 1), (1, 4), (4, 1), (6, 6), (30, 12), (12, 30), (35, 35)]:
        a = rng.standard_normal((m, n))
        u, s, vt = np.linalg.svd(a, full_matrices=False)
        u, vt = fix_columns(u, vt)
        cases.append({"m": m, "n": n, "a": flat(a), "s": flat(s), "u": flat(u), "vt": flat(vt)})
    return {"function": "np.linalg.svd(a, full_matrices=False), each column of U with its largest-magnitude component "
                        "positive and the matching row of Vt flipped with it", "cases": cases}


def lu_solve(rng):
    cases = []
    for n, nrhs in [(1, 1), (3, 2), (20, 1), (32, 4)]:
        a = rng.standard_normal((n, n))
        b = rng.standard_normal((n, nrhs))
        x = scipy.linalg.lu_solve(scipy.linalg.lu_factor(a), b)
        cases.append({"n": n, "nrhs": nrhs, "a": flat(a), "b": flat(b), "x": flat(x)})
    return {"function": "scipy.linalg.lu_solve(scipy.linalg.lu_factor(a), b)", "cases": cases}


def write(name, body):
    header = {
        "generator": "benchmarks/peers/make_compute_fixtures.py",
        "python": platform.python_version(),
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "sklearn": sklearn.__version__,
        "layout": "every matrix is a flat row-major list",
    }
    path = OUT / f"{name}.json"
    lines = ["{"]
    for key, value in {**header, "function": body["function"]}.items():
        lines.append(f"  {json.dumps(key)}: {json.dumps(value)},")
    lines.append('  "cases": [')
    lines.append(",\n".join("    " + json.dumps(c, separators=(",", ":"), allow_nan=False) for c in body["cases"]))
    lines.append("  ]")
    lines.append("}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path.stat().st_size


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(20260612)
    total = 0
    for name, make in [("distances", distances), ("kneighbors", kneighbors), ("gemm", gemm), ("cholesky", cholesky),
                       ("eigh", eigh), ("svd", svd), ("lu_solve", lu_solve)]:
        size = write(name, make(rng))
        total += size
        print(f"{name}.json: {size} bytes")
    print(f"total {total} bytes in {OUT}")
    assert total < 1_000_000


if __name__ == "__main__":
    main()
