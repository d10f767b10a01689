#!/usr/bin/python3
"""Writes the binary log-loss cases that PredictionLosses.BinaryLogLoss is tested against.

Every expected value is scikit-learn's `log_loss` (eps=1e-15, its default in 1.2), so the C# test compares with the
peer. Cases: random probabilities, predictions at and beyond 0 and 1 (a linear probability model's stack predicts
outside [0, 1]; log_loss clips them), one class only (with labels=[0, 1]), and sample weights.

Run with the Debian interpreter:
    /usr/bin/python3 benchmarks/peers/make_logloss_fixture.py
Output: tests/TabularOd.Tests/Fixtures/stacking/log_loss_cases.json
"""

import json
import pathlib
import warnings

import numpy as np
import sklearn
from sklearn.metrics import log_loss

OUT = pathlib.Path(__file__).resolve().parents[2] / "tests" / "TabularOd.Tests" / "Fixtures" / "stacking" / "log_loss_cases.json"


def case(name, y, p, w=None):
    with warnings.catch_warnings():
        # scikit-learn warns when predictions leave [0, 1] or do not sum to 1; clipping them is the behaviour tested.
        warnings.simplefilter("ignore")
        value = log_loss(y, p, sample_weight=w, labels=[0, 1], eps=1e-15)
    return {"name": name, "target": [float(v) for v in y], "prediction": [float(v) for v in p],
            "weights": [] if w is None else [float(v) for v in w], "log_loss": float(value)}


def main():
    rng = np.random.default_rng(20261202)
    y = (rng.random(200) < 0.3).astype(float)
    p = np.clip(0.3 + 0.4 * (y - 0.3) + 0.25 * rng.standard_normal(200), 0.01, 0.99)
    beyond = 0.3 + 0.6 * (y - 0.3) + 0.5 * rng.standard_normal(200)  # a linear probability model's range
    cases = [
        case("random", y, p),
        case("beyond_0_1", y, beyond),
        case("exact_0_and_1", [0, 1, 0, 1, 1], [0.0, 1.0, 1.0, 0.0, 0.5]),
        case("one_class", [1, 1, 1], [0.9, 0.6, 0.99]),
        case("weighted", y, p, rng.uniform(0.2, 3.0, 200)),
        case("weighted_beyond", y, beyond, rng.uniform(0.2, 3.0, 200)),
    ]
    OUT.write_text(json.dumps({"sklearn": sklearn.__version__, "cases": cases}, indent=1) + "\n")
    print(f"wrote {OUT} ({len(cases)} cases, scikit-learn {sklearn.__version__})")


if __name__ == "__main__":
    main()
