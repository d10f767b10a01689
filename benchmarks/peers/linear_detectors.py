#!/usr/bin/python3
"""Writes the fixtures the PCA, Mahalanobis (empirical, shrunk, MCD) and GMM detector tests compare against.

Peers: scikit-learn's PCA (with PyOD's scoring formulas written out in NumPy, since PyOD is not packaged here),
EmpiricalCovariance, ShrunkCovariance, MinCovDet and GaussianMixture. Every case names the detector options as
the catalog spells them, so a test builds the detector with DetectorCatalog.Get(name).CreateFrom(options).

Kinds of agreement the tests check:
  exact   - deterministic methods (PCA, Mahalanobis, one-component GMM, one-column MCD): scores to 1e-8 relative.
  ranking - seeded methods whose random draws cannot match NumPy's (multivariate MCD, GMM with several
            components): AUROC within a tolerance and rank correlation of the scores.

PCA formulas (z = standardised row, scikit-learn StandardScaler; y_j = (z - pca.mean_) . components_[j];
lambda_j = explained_variance_; the k selected components are the last k rows of components_):
  projection: sum_j y_j^2 / lambda_j            (sum_j y_j^2 when not weighted)
  pyod:       sum_j ||z - components_[j]|| / explained_variance_ratio_[j]   (PyOD PCA.decision_function)
The pyod rule depends on scikit-learn's sign convention: the scikit-learn 1.2 used here flips by U (svd_flip with
u_based_decision=True); the recorded sklearn version says which convention a fixture holds.

Run with the Debian interpreter, which has numpy/scipy/sklearn:
    /usr/bin/python3 benchmarks/peers/linear_detectors.py
Output: tests/TabularOd.Tests/Fixtures/detectors/linear_detectors.json (about 200 KB).
"""

import json
import pathlib

import numpy as np
import scipy
import scipy.linalg
import sklearn
from scipy.spatial.distance import cdist
from scipy.stats import multivariate_normal, spearmanr
from sklearn.covariance import EmpiricalCovariance, MinCovDet, ShrunkCovariance
from sklearn.decomposition import PCA
from sklearn.metrics import roc_auc_score
from sklearn.mixture import GaussianMixture
from sklearn.preprocessing import StandardScaler

OUT = pathlib.Path(__file__).resolve().parents[2] / "tests" / "TabularOd.Tests" / "Fixtures" / "detectors"


def flat(a):
    a = np.asarray(a, dtype=np.float64)
    assert np.all(np.isfinite(a))
    return [float(v) for v in np.ascontiguousarray(a).ravel()]


def dataset(train, test, labels):
    return {
        "rows": int(train.shape[0]), "columns": int(train.shape[1]), "test_rows": int(test.shape[0]),
        "train": flat(train), "test": flat(test), "test_labels": [int(v) for v in labels],
    }


def correlated(rng):
    """Correlated Gaussian inliers on very different column scales; outliers break the correlation only."""
    d = 5
    mixing = rng.standard_normal((d, d)) + 2.0 * np.eye(d)
    scales = np.array([1.0, 10.0, 0.01, 300.0, 1.0])
    train = (rng.standard_normal((300, d)) @ mixing) * scales + np.array([0, 5, -1, 100, 2])
    inliers = (rng.standard_normal((120, d)) @ mixing) * scales + np.array([0, 5, -1, 100, 2])
    # Outliers: a small push along a random direction in whitened space, so marginals stay ordinary.
    outliers = rng.standard_normal((30, d))
    outliers = (outliers / np.linalg.norm(outliers, axis=1, keepdims=True) * 3.5 + rng.standard_normal((30, d)) * 0.3)
    outliers = (outliers @ mixing) * scales + np.array([0, 5, -1, 100, 2])
    outliers[:, 2] += 0.02 * rng.choice([-1, 1], 30)
    test = np.vstack([inliers, outliers])
    labels = np.r_[np.zeros(120), np.ones(30)]
    return train, test, labels


def contaminated(rng):
    """Correlated inliers with 15% of the training rows from a shifted cluster: the MCD case."""
    d = 4
    cov = np.array([[1.0, 0.8, 0.0, 0.3], [0.8, 1.0, 0.2, 0.0], [0.0, 0.2, 1.0, -0.5], [0.3, 0.0, -0.5, 1.0]])
    shift = np.array([3.0, -3.0, 3.0, 3.0])
    clean = rng.multivariate_normal(np.zeros(d), cov, 340)
    dirty = rng.multivariate_normal(shift, 0.3 * np.eye(d), 60)
    train = np.vstack([clean, dirty])[rng.permutation(400)]
    test = np.vstack([rng.multivariate_normal(np.zeros(d), cov, 150), rng.multivariate_normal(shift * 0.4, 0.5 * np.eye(d), 50)])
    labels = np.r_[np.zeros(150), np.ones(50)]
    return train, test, labels


def univariate(rng):
    train = np.r_[rng.normal(0, 1, 170), rng.normal(6, 0.5, 30)][:, None]
    test = np.r_[rng.normal(0, 1, 60), rng.normal(6, 0.5, 20)][:, None]
    labels = np.r_[np.zeros(60), np.ones(20)]
    return train, test, labels


def clusters(rng):
    """Three anisotropic clusters; outliers sit between and around them at moderate distance."""
    d = 4
    centres = np.array([[0, 0, 0, 0], [5, 5, 0, 0], [0, 5, 5, -3]], dtype=float)
    parts = []
    for c in centres:
        a = rng.standard_normal((d, d)) * 0.5 + np.eye(d)
        parts.append((c, a))

    def draw(count):
        which = rng.integers(0, 3, count)
        return np.array([parts[w][0] + rng.standard_normal(d) @ parts[w][1] for w in which])

    train = draw(450)
    outliers = rng.uniform(-3, 8, (60, d))
    test = np.vstack([draw(180), outliers])
    labels = np.r_[np.zeros(180), np.ones(60)]
    return train, test, labels


def pca_scores(train, rows, k, weighted, standardize, rule):
    if standardize:
        scaler = StandardScaler().fit(train)
        z_train, z_rows = scaler.transform(train), scaler.transform(rows)
    else:
        z_train, z_rows = train, rows
    pca = PCA(svd_solver="full").fit(z_train)
    k = pca.n_components_ if k == 0 else k
    comps = pca.components_[-k:]
    if rule == "projection":
        y = (z_rows - pca.mean_) @ comps.T
        w = pca.explained_variance_[-k:] if weighted else np.ones(k)
        return np.sum(y * y / w, axis=1)
    w = pca.explained_variance_ratio_[-k:] if weighted else np.ones(k)
    return np.sum(cdist(z_rows, comps) / w, axis=1)


def pca_cases(data):
    cases = []
    # Without standardisation the badly scaled "correlated" set has a covariance condition number near 1e10, where
    # a covariance eigen-solver and scikit-learn's SVD legitimately differ beyond 1e-8: use the clusters set there.
    for name, dataset_name, k, weighted, standardize, rule in [
        ("default", "correlated", 0, True, True, "projection"),
        ("minor2_weighted", "correlated", 2, True, True, "projection"),
        ("minor2_unweighted", "correlated", 2, False, True, "projection"),
        ("raw_all_weighted", "clusters", 0, True, False, "projection"),
        ("raw_minor2_unweighted", "clusters", 2, False, False, "projection"),
        ("pyod_default", "correlated", 0, True, True, "pyod"),
        ("pyod_minor3", "correlated", 3, True, True, "pyod"),
        ("pyod_unweighted", "correlated", 0, False, True, "pyod"),
        ("pyod_raw", "clusters", 0, True, False, "pyod"),
    ]:
        train, test, _ = data[f"{dataset_name}_arrays"]
        cases.append({
            "name": name, "dataset": dataset_name, "kind": "exact",
            "options": {"selected_components": str(k), "weighted": str(weighted).lower(),
                        "standardize": str(standardize).lower(), "scoring": "projection" if rule == "projection" else "pyoddistance"},
            # Training scores for a few cases only, to keep the file small.
            **({"train_scores": flat(pca_scores(train, train, k, weighted, standardize, rule))}
               if name in ("default", "pyod_default", "raw_all_weighted") else {}),
            "test_scores": flat(pca_scores(train, test, k, weighted, standardize, rule)),
        })
    return cases


def squared_mahalanobis(location, covariance, rows):
    """(x - mu)' C^-1 (x - mu) through a Cholesky solve on the correlation-scaled covariance.

    scikit-learn's own mahalanobis() goes through pinvh(covariance_), whose error grows with the raw condition
    number (about 2e10 on the badly scaled "correlated" set, i.e. ~5e-8 relative); scaling to the correlation
    matrix first (condition ~1.5e3) keeps the reference good to ~1e-13. The estimators' fitted location_ and
    covariance_ are what is being compared.
    """
    s = np.sqrt(np.diag(covariance))
    factor = np.linalg.cholesky(covariance / np.outer(s, s))
    y = scipy.linalg.solve_triangular(factor, ((rows - location) / s).T, lower=True)
    return np.sum(y * y, axis=0)


def checked_mahalanobis(estimator, rows, covariance=None):
    covariance = estimator.covariance_ if covariance is None else covariance
    accurate = squared_mahalanobis(estimator.location_, covariance, rows)
    if covariance is estimator.covariance_:
        assert np.allclose(estimator.mahalanobis(rows), accurate, rtol=1e-6), "same estimator, two evaluations"
    return accurate


def mahalanobis_cases(data):
    cases = []
    train, test, labels = data["correlated_arrays"]
    empirical = EmpiricalCovariance().fit(train)
    cases.append({"name": "empirical", "dataset": "correlated", "kind": "exact",
                  "options": {"ridge": "0"}, "test_scores": flat(checked_mahalanobis(empirical, test))})
    # The default ridge: 1e-6 of each column's own variance on the diagonal.
    ridged = empirical.covariance_ + np.diag(1e-6 * np.diag(empirical.covariance_))
    cases.append({"name": "default_ridge", "dataset": "correlated", "kind": "exact", "options": {},
                  "test_scores": flat(checked_mahalanobis(empirical, test, ridged))})
    shrunk = ShrunkCovariance(shrinkage=0.1).fit(train)
    cases.append({"name": "shrunk", "dataset": "correlated", "kind": "exact",
                  "options": {"ridge": "0", "shrinkage": "0.1"}, "test_scores": flat(checked_mahalanobis(shrunk, test))})

    train, test, labels = data["univariate_arrays"]
    mcd = MinCovDet(random_state=0).fit(train)
    cases.append({"name": "mcd_univariate", "dataset": "univariate", "kind": "exact",
                  "options": {"ridge": "0", "use_mcd": "true"}, "test_scores": flat(mcd.mahalanobis(test)),
                  "auroc": float(roc_auc_score(labels, mcd.mahalanobis(test)))})

    train, test, labels = data["contaminated_arrays"]
    mcd = MinCovDet(random_state=0).fit(train)
    plain = EmpiricalCovariance().fit(train)
    cases.append({"name": "mcd", "dataset": "contaminated", "kind": "ranking",
                  "options": {"use_mcd": "true", "seed": "0"}, "test_scores": flat(mcd.mahalanobis(test)),
                  "auroc": float(roc_auc_score(labels, mcd.mahalanobis(test))),
                  "location": flat(mcd.location_), "covariance": flat(mcd.covariance_)})
    cases.append({"name": "empirical_contaminated", "dataset": "contaminated", "kind": "exact",
                  "options": {"ridge": "0"}, "test_scores": flat(checked_mahalanobis(plain, test)),
                  "auroc": float(roc_auc_score(labels, plain.mahalanobis(test)))})
    return cases


def gmm_cases(data):
    cases = []
    # GMM needs scaled data (reg_covar is absolute), so both cases use the clusters set.
    train, test, labels = data["clusters_arrays"]
    # A one-component mixture is the Gaussian with the population covariance + reg_covar: check it two ways.
    cov = np.cov(train, rowvar=False, bias=True) + 1e-6 * np.eye(train.shape[1])
    closed = -multivariate_normal(train.mean(axis=0), cov).logpdf(test)
    for covariance, kind in [("full", "full"), ("diagonal", "diag")]:
        gm = GaussianMixture(n_components=1, covariance_type=kind, random_state=0).fit(train)
        scores = -gm.score_samples(test)
        if kind == "full":
            assert np.allclose(scores, closed, rtol=1e-10), "sklearn's one-component GMM is the closed form"
        cases.append({"name": f"one_component_{covariance}", "dataset": "clusters", "kind": "exact",
                      "options": {"components": "1", "covariance": covariance}, "test_scores": flat(scores)})

    for covariance, kind in [("full", "full"), ("diagonal", "diag")]:
        gm = GaussianMixture(n_components=3, covariance_type=kind, random_state=0).fit(train)
        scores = -gm.score_samples(test)
        cases.append({"name": f"three_components_{covariance}", "dataset": "clusters", "kind": "ranking",
                      "options": {"components": "3", "covariance": covariance, "seed": "0"},
                      "test_scores": flat(scores), "auroc": float(roc_auc_score(labels, scores)),
                      "converged": bool(gm.converged_), "iterations": int(gm.n_iter_)})
    return cases


def main():
    rng = np.random.default_rng(20260214)
    arrays = {
        "correlated": correlated(rng),
        "contaminated": contaminated(rng),
        "univariate": univariate(rng),
        "clusters": clusters(rng),
    }
    data = {f"{k}_arrays": v for k, v in arrays.items()}
    body = {
        "generator": "benchmarks/peers/linear_detectors.py",
        "sklearn": sklearn.__version__, "numpy": np.__version__, "scipy": scipy.__version__,
        "datasets": {k: dataset(*v) for k, v in arrays.items()},
        "pca": pca_cases(data),
        "mahalanobis": mahalanobis_cases(data),
        "gmm": gmm_cases(data),
    }
    for group in ("mahalanobis", "gmm"):
        for case in body[group]:
            if "auroc" in case:
                print(f"{group}/{case['name']}: peer AUROC {case['auroc']:.4f}")
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / "linear_detectors.json"
    path.write_text(json.dumps(body, separators=(",", ":"), allow_nan=False) + "\n", encoding="utf-8")
    print(f"wrote {path.name}: {path.stat().st_size} bytes")


if __name__ == "__main__":
    main()
