#!/usr/bin/python3
"""Builds a real out-of-fold prediction matrix for `tabod stack` (SPEC §8).

Takes one continuous column of a MacrOData file as a regression target, predicts it from the file's other columns
with a library of diverse, cheap base models (ridge with different alphas, kNN with different k, shallow trees,
small random / extra-trees forests, linear models on feature subsets), and writes

  <out>/oof.csv   one column per base model (5-fold out-of-fold predictions on the development rows) + the target
  <out>/test.csv  the same base models refitted on all development rows, predicting held-out test rows, + the target

The data goes only where --out points (a scratch folder by default); nothing is written into the repository.

With --above-median the target is binary (1 where the column exceeds its median) and the library is the matching
classifiers (logistic regression, kNN, trees, forests, on all features and on subsets), each column its out-of-fold
probability of class 1: the input of `tabod stack fit --loss logloss`.

Default: oddbench/DiamondClarity.npz (18,002 rows, train and test stacked), target log(price) (7,070 distinct
prices), features = the other nine columns; 20% of the rows (seeded) are held out as the test table.

Usage:
  /usr/bin/python3 benchmarks/peers/make_oof_matrix.py \
      --data ../shared/datasets/macrodata/oddbench/DiamondClarity.npz --target price --log-target --out out/stack-oof
"""

import argparse
import tempfile
import os
import time

import numpy as np
from sklearn.ensemble import ExtraTreesClassifier, ExtraTreesRegressor, RandomForestClassifier, RandomForestRegressor
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.model_selection import KFold
from sklearn.neighbors import KNeighborsClassifier, KNeighborsRegressor
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import PolynomialFeatures, StandardScaler
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor


class Subset:
    """A regressor on a subset of the feature columns (by position)."""

    def __init__(self, columns, model):
        self.columns = list(columns)
        self.model = model

    def fit(self, x, y):
        self.model.fit(x[:, self.columns], y)
        return self

    def predict(self, x):
        return self.model.predict(x[:, self.columns])


class Probability:
    """A classifier whose prediction is its probability of class 1."""

    def __init__(self, model):
        self.model = model

    def fit(self, x, y):
        self.model.fit(x, y)
        return self

    def predict(self, x):
        return self.model.predict_proba(x)[:, 1]


class Clipped:
    """A regressor whose predictions are clipped to the training target's range (keeps polynomial models from
    extrapolating wildly on the few extreme rows of the file)."""

    def __init__(self, model):
        self.model = model

    def fit(self, x, y):
        self.low, self.high = float(np.min(y)), float(np.max(y))
        self.model.fit(x, y)
        return self

    def predict(self, x):
        return np.clip(self.model.predict(x), self.low, self.high)


def clipped(factory):
    """The factory's regressor wrapped in Clipped (unless it already is)."""

    def make():
        model = factory()
        return model if isinstance(model, Clipped) else Clipped(model)

    return make


def library(names, seed):
    """(name, factory) pairs; each factory returns a fresh, unfitted regressor on the full feature matrix."""
    d = len(names)
    models = []
    for alpha in [1e-3, 1e-1, 1, 10, 100, 1e3, 1e4]:
        models.append((f"ridge_a{alpha:g}", lambda a=alpha: make_pipeline(StandardScaler(), Ridge(alpha=a))))
    for alpha in [1e-2, 1, 100, 1e4]:
        models.append((f"ridge_poly2_a{alpha:g}",
                       lambda a=alpha: Clipped(make_pipeline(StandardScaler(), PolynomialFeatures(2), StandardScaler(), Ridge(alpha=a)))))
    for k in [1, 2, 3, 5, 8, 12, 20, 35, 60, 100, 200]:
        models.append((f"knn_k{k}", lambda k=k: make_pipeline(StandardScaler(), KNeighborsRegressor(n_neighbors=k))))
    for k in [5, 20, 60]:
        models.append((f"knn_dist_k{k}",
                       lambda k=k: make_pipeline(StandardScaler(), KNeighborsRegressor(n_neighbors=k, weights="distance"))))
    for depth in [2, 3, 4, 5, 6, 8, 10, 14]:
        models.append((f"tree_d{depth}", lambda m=depth: DecisionTreeRegressor(max_depth=m, random_state=seed)))
    for trees, depth in [(3, 4), (3, 8), (5, 6), (5, None), (10, 10), (10, None)]:
        models.append((f"rf_t{trees}_d{depth}",
                       lambda t=trees, m=depth: RandomForestRegressor(n_estimators=t, max_depth=m, random_state=seed, n_jobs=1)))
    for trees, depth in [(5, 8), (10, None)]:
        models.append((f"et_t{trees}_d{depth}",
                       lambda t=trees, m=depth: ExtraTreesRegressor(n_estimators=t, max_depth=m, random_state=seed, n_jobs=1)))
    # Linear models on feature subsets: each single feature, and a few seeded random halves.
    for j in range(d):
        models.append((f"linear_on_{names[j]}", lambda j=j: Subset([j], make_pipeline(StandardScaler(), Ridge(alpha=1e-3)))))
    rng = np.random.default_rng(seed)
    for s in range(4):
        cols = sorted(rng.choice(d, size=max(2, d // 2), replace=False).tolist())
        models.append((f"linear_subset{s}", lambda c=cols: Subset(c, make_pipeline(StandardScaler(), Ridge(alpha=1e-3)))))
        models.append((f"knn_subset{s}_k10", lambda c=cols: Subset(c, make_pipeline(StandardScaler(), KNeighborsRegressor(n_neighbors=10)))))
    return models


def classifier_library(names, seed):
    """(name, factory) pairs of probability models for a 0/1 target, mirroring library()."""
    d = len(names)
    models = []
    for c in [1e-3, 1e-2, 1e-1, 1, 100]:
        models.append((f"logit_c{c:g}", lambda c=c: Probability(make_pipeline(StandardScaler(), LogisticRegression(C=c, max_iter=2000)))))
    for c in [1e-2, 1]:
        models.append((f"logit_poly2_c{c:g}",
                       lambda c=c: Probability(make_pipeline(StandardScaler(), PolynomialFeatures(2), StandardScaler(),
                                                             LogisticRegression(C=c, max_iter=2000)))))
    for k in [3, 5, 10, 20, 50, 100, 200]:
        models.append((f"knn_k{k}", lambda k=k: Probability(make_pipeline(StandardScaler(), KNeighborsClassifier(n_neighbors=k)))))
    for k in [20, 60]:
        models.append((f"knn_dist_k{k}",
                       lambda k=k: Probability(make_pipeline(StandardScaler(), KNeighborsClassifier(n_neighbors=k, weights="distance")))))
    for depth in [2, 3, 4, 6, 8, 12]:
        models.append((f"tree_d{depth}", lambda m=depth: Probability(DecisionTreeClassifier(max_depth=m, random_state=seed))))
    for trees, depth in [(5, 6), (10, 10), (30, None)]:
        models.append((f"rf_t{trees}_d{depth}", lambda t=trees, m=depth: Probability(
            RandomForestClassifier(n_estimators=t, max_depth=m, random_state=seed, n_jobs=1))))
    for trees, depth in [(10, 8), (30, None)]:
        models.append((f"et_t{trees}_d{depth}", lambda t=trees, m=depth: Probability(
            ExtraTreesClassifier(n_estimators=t, max_depth=m, random_state=seed, n_jobs=1))))
    for j in range(d):
        models.append((f"logit_on_{names[j]}", lambda j=j: Subset([j], Probability(make_pipeline(StandardScaler(), LogisticRegression(max_iter=2000))))))
    rng = np.random.default_rng(seed)
    for s in range(4):
        cols = sorted(rng.choice(d, size=max(2, d // 2), replace=False).tolist())
        models.append((f"logit_subset{s}", lambda c=cols: Subset(c, Probability(make_pipeline(StandardScaler(), LogisticRegression(max_iter=2000))))))
        models.append((f"knn_subset{s}_k20", lambda c=cols: Subset(c, Probability(make_pipeline(StandardScaler(), KNeighborsClassifier(n_neighbors=20))))))
    return models


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "shared", "datasets", "macrodata", "oddbench", "DiamondClarity.npz"))
    parser.add_argument("--target", default="price", help="name (feature_names) or index of the target column")
    parser.add_argument("--log-target", action="store_true", help="predict log(target) (a positive, skewed column)")
    parser.add_argument("--above-median", action="store_true",
                        help="binary target: 1 where the column exceeds its median; classifiers' probabilities as columns")
    parser.add_argument("--out", default=os.path.join(tempfile.gettempdir(), "stack-oof"))
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--test-fraction", type=float, default=0.2)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--clip", action="store_true",
                        help="clip every base model's predictions to its training target range (polynomial models always are)")
    args = parser.parse_args()

    z = np.load(args.data, allow_pickle=False)
    x_all = np.vstack([z["train"], z["test"]]).astype(np.float64)
    names = [str(n) for n in z["feature_names"]] if "feature_names" in z.files else [f"f{j}" for j in range(x_all.shape[1])]
    t = names.index(args.target) if args.target in names else int(args.target)
    y = x_all[:, t]
    if args.log_target:
        if np.any(y <= 0):
            raise SystemExit(f"{args.data}: column {names[t]} has non-positive values; drop --log-target")
        y = np.log(y)
    if args.above_median:
        y = (y > np.median(y)).astype(np.float64)
    features = [j for j in range(x_all.shape[1]) if j != t]
    x = x_all[:, features]
    feature_names = [names[j].replace(" ", "_").replace("/", "_per_") for j in features]

    rng = np.random.default_rng(args.seed)
    order = rng.permutation(len(y))
    n_test = int(round(args.test_fraction * len(y)))
    test_rows, dev_rows = order[:n_test], order[n_test:]
    x_dev, y_dev, x_test, y_test = x[dev_rows], y[dev_rows], x[test_rows], y[test_rows]
    print(f"{args.data}: target {names[t]}{' (log)' if args.log_target else ''}, "
          f"{len(np.unique(y))} distinct values; {len(y_dev)} development rows, {len(y_test)} test rows, {x.shape[1]} features")

    models = classifier_library(feature_names, args.seed) if args.above_median else library(feature_names, args.seed)
    if args.clip and not args.above_median:
        models = [(name, clipped(factory)) for name, factory in models]
    folds = list(KFold(args.folds, shuffle=True, random_state=args.seed).split(x_dev))
    oof = np.empty((len(y_dev), len(models)))
    test = np.empty((len(y_test), len(models)))
    for m, (name, factory) in enumerate(models):
        start = time.perf_counter()
        for train, held in folds:
            oof[held, m] = factory().fit(x_dev[train], y_dev[train]).predict(x_dev[held])
        test[:, m] = factory().fit(x_dev, y_dev).predict(x_test)
        rmse = np.sqrt(np.mean((oof[:, m] - y_dev) ** 2))
        print(f"{m + 1:3d}/{len(models)} {name:28s} OOF RMSE {rmse:.5f}  {time.perf_counter() - start:6.1f} s", flush=True)

    os.makedirs(args.out, exist_ok=True)
    header = ",".join([name for name, _ in models] + ["target"])
    np.savetxt(os.path.join(args.out, "oof.csv"), np.column_stack([oof, y_dev]), delimiter=",", header=header, comments="", fmt="%.17g")
    np.savetxt(os.path.join(args.out, "test.csv"), np.column_stack([test, y_test]), delimiter=",", header=header, comments="", fmt="%.17g")
    print(f"wrote {args.out}/oof.csv ({len(y_dev)} × {len(models)} + target) and {args.out}/test.csv ({len(y_test)} rows)")


if __name__ == "__main__":
    main()
