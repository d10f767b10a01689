#!/usr/bin/python3
"""Writes the Isolation Forest peer fixture: scikit-learn's test AUROC on a fixed split of ADBench cardio.

Split (simple and deterministic, so the C# test rebuilds it from the indices written here): the inliers
(y = 0) in file order, every second one (positions 0, 2, 4, ...) to train; the other inliers and all the
outliers to test, in file order. Features are standardised with the training mean and population standard
deviation (scikit-learn's StandardScaler). scikit-learn's IsolationForest(random_state=0) is fitted on
train and scores test with -score_samples; its AUROC is what ours must come close to (the random streams
differ, so the trees do too). AUROCs for random_state 0..9 are written as well, to show the seed spread.

Run with the Debian interpreter, which has numpy/scikit-learn:
    /usr/bin/python3 benchmarks/peers/make_iforest_fixture.py
Output: tests/TabularOd.Tests/Fixtures/iforest/cardio_split.json (about 10 KB).
"""

import json
import pathlib
import platform

import numpy as np
import sklearn
from sklearn.ensemble import IsolationForest
from sklearn.metrics import roc_auc_score
from sklearn.preprocessing import StandardScaler

ROOT = pathlib.Path(__file__).resolve().parents[2]
DATASET = "data-catalog/adbench/6_cardio.npz"
OUT = ROOT / "tests" / "TabularOd.Tests" / "Fixtures" / "iforest" / "cardio_split.json"


def main():
    with np.load(ROOT / DATASET) as archive:
        x = np.asarray(archive["X"], dtype=np.float64)
        y = np.asarray(archive["y"]).astype(int)

    inliers = np.flatnonzero(y == 0)
    train = inliers[0::2]
    test = np.sort(np.concatenate([inliers[1::2], np.flatnonzero(y == 1)]))

    scaler = StandardScaler().fit(x[train])
    x_train, x_test = scaler.transform(x[train]), scaler.transform(x[test])
    y_test = y[test]

    def auroc(seed):
        model = IsolationForest(random_state=seed).fit(x_train)
        return float(roc_auc_score(y_test, -model.score_samples(x_test)))

    seeds = [auroc(seed) for seed in range(10)]
    fixture = {
        "generator": "benchmarks/peers/make_iforest_fixture.py",
        "sklearn": sklearn.__version__,
        "numpy": np.__version__,
        "python": platform.python_version(),
        "dataset": DATASET,
        "rule": "inliers in file order: even positions to train; odd positions and all outliers to test, in file order",
        "train_indices": train.tolist(),
        "test_indices": test.tolist(),
        "sklearn_auroc": seeds[0],
        "sklearn_auroc_seeds_0_to_9": seeds,
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(fixture, separators=(",", ":")) + "\n")
    print(f"train {len(train)}, test {len(test)} ({int(y_test.sum())} outliers); "
          f"sklearn AUROC seed 0: {seeds[0]:.4f}, seeds 0-9 mean {np.mean(seeds):.4f} sd {np.std(seeds):.4f}")


if __name__ == "__main__":
    main()
