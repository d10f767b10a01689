#!/usr/bin/python3
"""Writes the reference fixtures that pin TabularOd's preprocessing and random source to independent code.

Scalers and the median imputer are compared with scikit-learn / NumPy; SeededRandom (xoshiro256** seeded
through SplitMix64, Lemire bounded ints, Fisher-Yates) is re-implemented here from the published
algorithms with Python's arbitrary-precision integers, so a mistake on either side shows up as a mismatch.

Run with Debian's interpreter, which has numpy and scikit-learn:

    /usr/bin/python3 benchmarks/peers/make_scaler_fixtures.py

Output (committed): tests/TabularOd.Tests/Fixtures/preprocessing/*.json and
tests/TabularOd.Tests/Fixtures/sampling/seeded_random.json. JSON has no NaN, so NaN is written as null.
"""

import json
import math
import pathlib

import numpy as np
import sklearn
from sklearn.preprocessing import MinMaxScaler, RobustScaler, StandardScaler
from sklearn.preprocessing._data import _handle_zeros_in_scale

ROOT = pathlib.Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "TabularOd.Tests" / "Fixtures"
MASK64 = (1 << 64) - 1


def matrix(a):
    return [[None if math.isnan(v) else float(v) for v in row] for row in np.asarray(a, dtype=np.float64)]


def vector(a):
    return [None if math.isnan(v) else float(v) for v in np.asarray(a, dtype=np.float64)]


def scaler_cases():
    rng = np.random.default_rng(20260401)

    n, d = 40, 5
    train = rng.normal(0.0, 3.0, size=(n, d))
    train[:, 1] = rng.normal(100.0, 0.5, size=n)  # offset column
    train[:, 2] = 3.7  # constant column
    train[:, 4] = -np.abs(train[:, 4])  # negative only
    test = rng.normal(0.0, 4.0, size=(15, d))
    test[:, 1] += 100.0
    yield "random_with_constant_column", train, test

    # Integer values in a small range: many ties at the quartiles and the median; odd row count.
    train = rng.integers(-3, 4, size=(31, 4)).astype(np.float64)
    test = rng.integers(-5, 6, size=(9, 4)).astype(np.float64)
    yield "ties_odd_rows", train, test

    # Even row count, so medians average the two middle values.
    train = rng.integers(-2, 3, size=(20, 3)).astype(np.float64) * 0.5
    test = rng.normal(size=(6, 3))
    yield "ties_even_rows", train, test

    # A column that is constant in value but whose computed variance is a few ulps above zero
    # (0.1 is not representable): scikit-learn's near-constant test must still give scale 1.
    train = np.column_stack([np.full(7, 0.1), np.full(7, -1e-3), rng.normal(size=7)])
    test = rng.normal(size=(4, 3))
    yield "near_constant_columns", train, test

    yield "one_row", np.array([[1.5, -2.0, 0.0]]), np.array([[0.0, 0.0, 0.0], [3.0, -4.0, 1.0]])
    yield "two_rows", np.array([[1.0, 5.0], [3.0, 5.0]]), np.array([[2.0, 4.0]])


def median_imputer_cases():
    rng = np.random.default_rng(7)
    train = rng.normal(size=(12, 4))
    train[[0, 3, 5], 0] = np.nan
    train[[1, 2], 1] = np.nan
    train[:, 3] = np.nan  # all-NaN column imputes 0
    test = rng.normal(size=(5, 4))
    test[[0, 4], 0] = np.nan
    test[2, 3] = np.nan
    test[1, 1] = np.nan
    yield "nan_pattern", train, test


def affine(scaler, train, test):
    fitted = scaler.fit(train)
    if isinstance(fitted, MinMaxScaler):
        # scikit-learn stores the reciprocal (scale_ = 1 / range); TabularOd stores the range itself.
        center, scale = fitted.data_min_, _handle_zeros_in_scale(fitted.data_range_, copy=True)
    elif isinstance(fitted, StandardScaler):
        center, scale = fitted.mean_, fitted.scale_
    else:
        center, scale = fitted.center_, fitted.scale_
    return {
        "center": vector(center),
        "scale": vector(scale),
        "train_transformed": matrix(fitted.transform(train)),
        "test_transformed": matrix(fitted.transform(test)),
    }


def write_preprocessing():
    folder = FIXTURES / "preprocessing"
    folder.mkdir(parents=True, exist_ok=True)
    for name, train, test in scaler_cases():
        case = {
            "generator": f"scikit-learn {sklearn.__version__}, numpy {np.__version__}",
            "train": matrix(train),
            "test": matrix(test),
            "standard": affine(StandardScaler(), train, test),
            "robust": affine(RobustScaler(), train, test),
            "robust_10_90": affine(RobustScaler(quantile_range=(10.0, 90.0)), train, test),
            "minmax": affine(MinMaxScaler(), train, test),
        }
        (folder / f"scalers_{name}.json").write_text(json.dumps(case, indent=1) + "\n")
    for name, train, test in median_imputer_cases():
        medians = np.array([np.nanmedian(c) if not np.all(np.isnan(c)) else 0.0 for c in train.T])
        case = {
            "generator": f"numpy {np.__version__} nanmedian; all-NaN columns impute 0",
            "train": matrix(train),
            "test": matrix(test),
            "medians": vector(medians),
            "test_imputed": matrix(np.where(np.isnan(test), medians, test)),
        }
        (folder / f"median_imputer_{name}.json").write_text(json.dumps(case, indent=1) + "\n")


class Xoshiro256StarStar:
    """Straight from https://prng.di.unimi.it/xoshiro256starstar.c and splitmix64.c."""

    def __init__(self, state):
        self.s = list(state)

    @staticmethod
    def from_seed(seed):
        x = seed & MASK64
        state = []
        for _ in range(4):
            x = (x + 0x9E3779B97F4A7C15) & MASK64
            z = x
            z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
            z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
            state.append(z ^ (z >> 31))
        return Xoshiro256StarStar(state)

    @staticmethod
    def rotl(x, k):
        return ((x << k) | (x >> (64 - k))) & MASK64

    def next(self):
        s = self.s
        result = (self.rotl((s[1] * 5) & MASK64, 7) * 9) & MASK64
        t = (s[1] << 17) & MASK64
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = self.rotl(s[3], 45)
        return result

    def next_double(self):
        return (self.next() >> 11) * 2.0**-53

    def next_int(self, bound):
        # Lemire, "Fast random integer generation in an interval" (2019), on the top 32 bits.
        m = (self.next() >> 32) * bound
        low = m & 0xFFFFFFFF
        if low < bound:
            threshold = (2**32 - bound) % bound
            while low < threshold:
                m = (self.next() >> 32) * bound
                low = m & 0xFFFFFFFF
        return m >> 32

    def shuffle(self, items):
        for i in range(len(items) - 1, 0, -1):
            j = self.next_int(i + 1)
            items[i], items[j] = items[j], items[i]
        return items


def write_sampling():
    folder = FIXTURES / "sampling"
    folder.mkdir(parents=True, exist_ok=True)
    # Seeds and 64-bit values are decimal strings, so no JSON reader rounds them through a double.
    seeds = []
    for seed in [0, 1, 42, 20260401, -1, -123456789, 2**63 - 1]:
        g = Xoshiro256StarStar.from_seed(seed)
        entry = {"seed": str(seed), "state": [str(v) for v in g.s], "uint64": [str(g.next()) for _ in range(8)]}
        g = Xoshiro256StarStar.from_seed(seed)
        entry["double"] = [g.next_double() for _ in range(8)]
        g = Xoshiro256StarStar.from_seed(seed)
        # Bounds that reject often (just above 2^31, and 3·2^30) exercise the rejection loop.
        bounds = [1, 2, 3, 7, 10, 1000, 2**31 - 1, 3 * 2**29 + 1, 1431655766]
        entry["int_bounds"] = bounds
        entry["int"] = [g.next_int(b) for b in bounds for _ in range(5)]
        g = Xoshiro256StarStar.from_seed(seed)
        entry["shuffle_20"] = g.shuffle(list(range(20)))
        seeds.append(entry)
    reference = Xoshiro256StarStar([1, 2, 3, 4])
    doc = {
        "generator": "benchmarks/peers/make_scaler_fixtures.py (independent Python implementation)",
        "state_1234_uint64": [str(reference.next()) for _ in range(6)],
        "seeds": seeds,
    }
    (folder / "seeded_random.json").write_text(json.dumps(doc, indent=1) + "\n")


if __name__ == "__main__":
    write_preprocessing()
    write_sampling()
    print(f"fixtures written under {FIXTURES}")
