#!/usr/bin/python3
"""Writes the fixture the one-class SVM tests compare against: scikit-learn's OneClassSVM (libsvm).

Data: 200x4 training rows (two correlated Gaussian blobs) and 50x4 test rows (40 inlier-like, 10 far away),
standardised with StandardScaler fitted on the training rows.

TabularOd's detector sorts the training rows lexicographically before running SMO (so its model does not depend
on row order). libsvm's iterates depend on row order, so the reference model here is fitted on the same sorted rows;
with shrinking=False libsvm takes the same steps as far as float rounding of the kernel lets it (nu=0.1 agrees to
1e-8; a single different step elsewhere leaves differences of the order of tol). The default case keeps
scikit-learn's shrinking=True. The tests require agreement to 1e-3 at tol=1e-3 and to 1e-5 at tol=1e-6.
'unsorted_test' holds scikit-learn's answer on the rows in their given order, for reporting only.

Run with the Debian interpreter, which has numpy/sklearn:
    /usr/bin/python3 benchmarks/peers/make_ocsvm_fixture.py
Output: tests/TabularOd.Tests/Fixtures/detectors/ocsvm.json
"""

import json
import pathlib

import numpy as np
import sklearn
from sklearn.preprocessing import StandardScaler
from sklearn.svm import OneClassSVM

OUT = pathlib.Path(__file__).resolve().parents[2] / "tests" / "TabularOd.Tests" / "Fixtures" / "detectors" / "ocsvm.json"


def flat(a):
    a = np.asarray(a, dtype=np.float64)
    assert np.all(np.isfinite(a))
    return [float(v) for v in np.ascontiguousarray(a).ravel()]


def main():
    rng = np.random.default_rng(20240611)
    d = 4
    mixing = rng.standard_normal((d, d)) + 1.5 * np.eye(d)
    centres = np.array([[0.0, 0.0, 0.0, 0.0], [3.0, -2.0, 1.0, 0.5]])
    train = rng.standard_normal((200, d)) @ mixing + centres[rng.integers(0, 2, 200)]
    test_in = rng.standard_normal((40, d)) @ mixing + centres[rng.integers(0, 2, 40)]
    test_out = rng.uniform(-12, 12, (10, d))
    test = np.vstack([test_in, test_out])
    scaler = StandardScaler().fit(train)
    train, test = scaler.transform(train), scaler.transform(test)
    order = np.lexsort(train.T[::-1])  # lexicographic: column 0 first
    sorted_train = train[order]

    cases = []
    for name, options, kwargs in [
        ("default", {}, {}),
        ("no_shrinking", {}, {"shrinking": False}),
        ("nu_0.1", {"nu": "0.1"}, {"nu": 0.1, "shrinking": False}),
        ("scale", {"gamma_rule": "scale"}, {"gamma": "scale", "shrinking": False}),
        ("gamma_2_tight", {"gamma": "2", "tol": "1e-6"}, {"gamma": 2.0, "tol": 1e-6, "shrinking": False}),
    ]:
        params = {"kernel": "rbf", "gamma": "auto", "nu": 0.5, "tol": 1e-3}
        params.update(kwargs)
        model = OneClassSVM(**params).fit(sorted_train)
        train_dec = np.empty(len(train))
        train_dec[order] = model.decision_function(sorted_train)
        unsorted = OneClassSVM(**params).fit(train)
        cases.append({
            "name": name,
            "options": options,
            "shrinking": bool(params.get("shrinking", True)),
            "n_support": int(model.support_.shape[0]),
            "rho": float(model.offset_[0]),
            "gamma": float(model._gamma),
            "train_decision": flat(train_dec),
            "test_decision": flat(model.decision_function(test)),
            "unsorted_test_decision": flat(unsorted.decision_function(test)),
        })
    fixture = {
        "sklearn_version": sklearn.__version__,
        "rows": int(train.shape[0]), "columns": d, "test_rows": int(test.shape[0]),
        "train": flat(train), "test": flat(test),
        "cases": cases,
    }
    OUT.write_text(json.dumps(fixture, indent=1) + "\n")
    for c in cases:
        diff = np.max(np.abs(np.array(c["test_decision"]) - np.array(c["unsorted_test_decision"])))
        print(f"{c['name']}: nSV={c['n_support']} rho={c['rho']:.6f} sorted-vs-unsorted max |diff| = {diff:.2e}")
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
