#!/usr/bin/python3
"""Writes the linear meta-model fixtures that TabularOd.Stacking is tested against.

Every expected number comes from scikit-learn (Ridge, RidgeCV, Lasso, ElasticNet, LassoCV, ElasticNetCV), so
the C# tests compare against the peer rather than against a second copy of our own reasoning. The cases are the
shapes a stacking library meets: an ordinary n > p design, more columns than rows, exactly collinear columns
(duplicated and scaled copies), a constant column, and sample weights.

Cross-validated selectors use unshuffled KFold(3) (scikit-learn's default for cv=3) so that the folds are
reproducible without sharing a random permutation. Both coordinate-descent variants are covered: the plain one
(precompute=False) and the Gram-matrix one (ElasticNet(precompute=True), LassoCV's default precompute='auto').

Run with the Debian interpreter, which has numpy/scipy/sklearn:
    /usr/bin/python3 benchmarks/peers/make_stacking_fixtures.py
Output: tests/TabularOd.Tests/Fixtures/stacking/linear_cases.json
"""

import json
import pathlib
import platform
import warnings

import numpy as np
import sklearn
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import ElasticNet, ElasticNetCV, Lasso, LassoCV, Ridge, RidgeCV

OUT = (
    pathlib.Path(__file__).resolve().parents[2]
    / "tests" / "TabularOd.Tests" / "Fixtures" / "stacking" / "linear_cases.json"
)

RIDGE_ALPHAS = [0.01, 1.0, 30.0]
RIDGE_CV_ALPHAS = np.logspace(-3, 5, 50)
ENET_ALPHAS = [0.001, 0.05, 0.3]
ENET_L1_RATIOS = [0.5, 0.9]
CV_ALPHAS = np.logspace(-5, 1, 30)
CV_L1_RATIOS = [0.1, 0.5, 0.9, 1.0]
CV_FOLDS = 3
MAX_ITER = 10000
TOL = 1e-4


def designs():
    rng = np.random.RandomState(20261202)

    def target(X, noise=2.0):
        beta = rng.uniform(-2, 2, X.shape[1])
        return X @ beta + 1.5 + noise * rng.randn(X.shape[0])

    X = rng.randn(30, 5)
    yield "random", X, target(X), None

    X = rng.randn(12, 20)
    yield "wide", X, target(X), None

    base = rng.randn(25, 3)
    X = np.column_stack([base, base[:, 0], 2.0 * base[:, 1]])  # exact copies: rank 3 of 5
    yield "collinear", X, target(base) + 0.0, None

    X = rng.randn(20, 4)
    X[:, 2] = 3.0
    yield "constant_column", X, target(X), None

    X = rng.randn(30, 5)
    w = rng.uniform(0.2, 3.0, 30)
    yield "weighted", X, target(X), w


def fitted(model):
    return {"coef": model.coef_.tolist(), "intercept": float(model.intercept_)}


def case(name, X, y, w):
    out = {"name": name, "rows": X.shape[0], "columns": X.shape[1],
           "x": X.ravel().tolist(), "y": y.tolist(), "sample_weight": None if w is None else w.tolist()}

    out["ridge"] = [dict(alpha=a, **fitted(Ridge(alpha=a).fit(X, y, sample_weight=w))) for a in RIDGE_ALPHAS]

    cv = RidgeCV(alphas=RIDGE_CV_ALPHAS, store_cv_values=True).fit(X, y, sample_weight=w)
    out["ridge_cv"] = dict(alpha=float(cv.alpha_), alphas=RIDGE_CV_ALPHAS.tolist(), loo_mse=cv.cv_values_.mean(axis=0).tolist(), **fitted(cv))

    out["elastic_net"] = []
    for a in ENET_ALPHAS:
        for l1 in ENET_L1_RATIOS + [1.0]:
            cls = Lasso(alpha=a, max_iter=MAX_ITER, tol=TOL) if l1 == 1.0 else \
                ElasticNet(alpha=a, l1_ratio=l1, max_iter=MAX_ITER, tol=TOL)
            m = cls.fit(X, y, sample_weight=w)
            out["elastic_net"].append(dict(alpha=a, l1_ratio=l1, n_iter=int(m.n_iter_), **fitted(m)))

    # The Gram-matrix variant of the same descent (precompute=True), on the same grid.
    out["elastic_net_gram"] = []
    for a in ENET_ALPHAS:
        for l1 in ENET_L1_RATIOS + [1.0]:
            m = ElasticNet(alpha=a, l1_ratio=l1, max_iter=MAX_ITER, tol=TOL, precompute=True).fit(X, y, sample_weight=w)
            out["elastic_net_gram"].append(dict(alpha=a, l1_ratio=l1, n_iter=int(m.n_iter_), **fitted(m)))

    lasso_cv = LassoCV(alphas=CV_ALPHAS, cv=CV_FOLDS, max_iter=MAX_ITER, tol=TOL, precompute=False)
    lasso_cv.fit(X, y, sample_weight=w)
    out["lasso_cv"] = dict(alpha=float(lasso_cv.alpha_), alphas=lasso_cv.alphas_.tolist(),
                           mse_path=lasso_cv.mse_path_.mean(axis=1).tolist(), **fitted(lasso_cv))

    # LassoCV's own default, precompute='auto': Gram paths on folds with more rows than columns.
    auto_cv = LassoCV(alphas=CV_ALPHAS, cv=CV_FOLDS, max_iter=MAX_ITER, tol=TOL).fit(X, y, sample_weight=w)
    out["lasso_cv_auto"] = dict(alpha=float(auto_cv.alpha_), alphas=auto_cv.alphas_.tolist(),
                                mse_path=auto_cv.mse_path_.mean(axis=1).tolist(), **fitted(auto_cv))

    enet_cv = ElasticNetCV(alphas=CV_ALPHAS, l1_ratio=CV_L1_RATIOS, cv=CV_FOLDS, max_iter=MAX_ITER, tol=TOL,
                           precompute=False)
    enet_cv.fit(X, y, sample_weight=w)
    out["elastic_net_cv"] = dict(alpha=float(enet_cv.alpha_), l1_ratio=float(enet_cv.l1_ratio_),
                                 l1_ratios=CV_L1_RATIOS, alphas=np.asarray(enet_cv.alphas_).reshape(-1, len(CV_ALPHAS))[0].tolist(),
                                 mse_path=enet_cv.mse_path_.mean(axis=2).tolist(), **fitted(enet_cv))
    return out


def main():
    cases = [case(*d) for d in designs()]
    header = {
        "generator": "benchmarks/peers/make_stacking_fixtures.py",
        "python": platform.python_version(),
        "numpy": np.__version__,
        "sklearn": sklearn.__version__,
        "x": "row-major, rows x columns",
        "ridge_cv": "RidgeCV(alphas=logspace(-3,5,50)) (efficient LOO); loo_mse = cv_values_.mean(axis=0)",
        "cv": f"KFold({CV_FOLDS}) unshuffled, precompute=False (lasso_cv_auto: 'auto'), max_iter={MAX_ITER}, tol={TOL}; "
              "mse_path averaged over folds, alphas descending",
    }
    lines = ["{"]
    for key, value in header.items():
        lines.append(f"  {json.dumps(key)}: {json.dumps(value)},")
    lines.append('  "cases": [')
    lines.append(",\n".join("    " + json.dumps(c, separators=(",", ":"), allow_nan=False) for c in cases))
    lines.append("  ]")
    lines.append("}")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(cases)} cases -> {OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    with warnings.catch_warnings():
        # Small alphas on the wide and collinear designs may stop at max_iter; that is part of what is compared.
        warnings.simplefilter("ignore", ConvergenceWarning)
        main()
