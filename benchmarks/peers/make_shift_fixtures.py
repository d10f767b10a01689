#!/usr/bin/python3
"""Writes the reference fixtures that pin TabularOd's covariate-shift module (SPEC section 6) to SciPy and scikit-learn.

For each small problem the kernel width sigma is computed by the SPEC rule (mean distance to the 50th nearest
neighbour, the rank capped at rows - 1, on the pooled rows; no sampling below 1000 rows), and the KMM and DW-KMM
quadratic programmes are solved independently with scipy.optimize.minimize, both method='SLSQP' and
method='trust-constr'; the better of the two is recorded, with both objectives. The logistic density ratio is
fitted with scikit-learn's LogisticRegression (newton-cholesky, C = 1; lbfgs stops ~1e-7 short) on the same standardised basis.

Tolerances the C# tests apply (tests/TabularOd.Tests/Shift/ShiftPeerFixtureTests.cs): sigma to 1e-12 relative;
objective (C# solved to a 1e-10 residual) within 1e-7 relative (+1e-12 absolute) of the peer's best, never worse; solutions to 1e-3 (in units of
beta and alpha) where the fixture says compare_solution (narrow kernels: a strictly convex, well-conditioned
problem with one minimiser; with a wide kernel the minimiser is determined only up to directions along which the
objective changes by less than the solvers' tolerances, so only the objective is compared); logistic
probabilities to 1e-6.

Run with Debian's interpreter, which has numpy, scipy and scikit-learn:

    /usr/bin/python3 benchmarks/peers/make_shift_fixtures.py

Output (committed): tests/TabularOd.Tests/Fixtures/shift/*.json
"""

import json
import pathlib

import numpy as np
import scipy
import sklearn
from scipy.optimize import Bounds, LinearConstraint, NonlinearConstraint, minimize
from scipy.spatial.distance import cdist
from sklearn.linear_model import LogisticRegression

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = ROOT / "tests" / "TabularOd.Tests" / "Fixtures" / "shift"
B = 1000.0


def sigma_rule(pooled):
    m = len(pooled)
    k = min(50, m - 1)
    d = cdist(pooled, pooled)
    np.fill_diagonal(d, np.inf)  # a row is never its own neighbour
    return float(np.sort(d, axis=1)[:, k - 1].mean())


def gauss(a, b, sigma):
    return np.exp(-cdist(a, b, "sqeuclidean") / (2 * sigma * sigma))


def best_of(problem, x0, bounds, constraints_slsqp, constraints_tc):
    """Solves with SLSQP and with trust-constr; returns both (clipped to the box) and their objectives."""
    f, g = problem
    slsqp = minimize(f, x0, jac=g, bounds=list(zip(bounds.lb, bounds.ub)), constraints=constraints_slsqp,
                     method="SLSQP", options={"ftol": 1e-16, "maxiter": 5000})
    tc = minimize(f, x0, jac=g, bounds=bounds, constraints=constraints_tc, method="trust-constr",
                  options={"gtol": 1e-14, "xtol": 1e-14, "maxiter": 20000, "verbose": 0})
    xs = [np.clip(slsqp.x, bounds.lb, bounds.ub), np.clip(tc.x, bounds.lb, bounds.ub)]
    return xs, [float(f(x)) for x in xs]


def kmm_case(name, train, test, sigma=None, compare_solution=False):
    n, t = len(train), len(test)
    pooled = np.vstack([train, test])
    rule = sigma is None
    sigma = sigma_rule(pooled) if rule else sigma
    k = gauss(train, train, sigma) + 1e-15 * np.eye(n)
    kappa = n / t * gauss(train, test, sigma).sum(axis=1)
    eps = 1 - 1 / np.sqrt(n)
    scale = 1.0 / n  # keeps SLSQP's absolute ftol meaningful

    def f(b):
        return scale * (0.5 * b @ k @ b - kappa @ b)

    def g(b):
        return scale * (k @ b - kappa)

    bounds = Bounds(np.zeros(n), np.full(n, B))
    slab_slsqp = [
        {"type": "ineq", "fun": lambda b: n * (1 + eps) - b.sum(), "jac": lambda b: -np.ones(n)},
        {"type": "ineq", "fun": lambda b: b.sum() - n * (1 - eps), "jac": lambda b: np.ones(n)},
    ]
    slab_tc = [LinearConstraint(np.ones((1, n)), n * (1 - eps), n * (1 + eps))]
    xs, values = best_of((f, g), np.ones(n), bounds, slab_slsqp, slab_tc)
    best = int(np.argmin(values))
    beta = xs[best]
    return {
        "name": name, "method": "kmm", "train": train.tolist(), "test": test.tolist(),
        "sigma": sigma, "sigma_from_rule": rule, "B": B, "D": 1.0,
        "objective": float(0.5 * beta @ k @ beta - kappa @ beta),
        "objective_slsqp": values[0] / scale, "objective_trust_constr": values[1] / scale,
        "beta": beta.tolist(), "alpha": [1.0] * t, "compare_solution": compare_solution,
    }


def dwkmm_case(name, train, test, d, sigma=None, compare_solution=False):
    n, t = len(train), len(test)
    pooled = np.vstack([train, test])
    rule = sigma is None
    sigma = sigma_rule(pooled) if rule else sigma
    k = gauss(pooled, pooled, sigma)
    eps = 1 - 1 / np.sqrt(n)
    radius = (1 - 1 / np.sqrt(d)) * np.sqrt(t)
    scale = float(n)  # v'Kv is O(1/n); scale it to O(1) for the solvers' absolute tolerances

    def v_of(x):
        return np.concatenate([x[:n] / n, -x[n:] / t])

    def f(x):
        v = v_of(x)
        return scale * (v @ k @ v)

    def g(x):
        kv = 2 * (k @ v_of(x))
        return scale * np.concatenate([kv[:n] / n, -kv[n:] / t])

    bounds = Bounds(np.zeros(n + t), np.concatenate([np.full(n, B / np.sqrt(d)), np.ones(t)]))
    a = np.concatenate([np.full(n, 1.0 / n), np.full(t, -1.0 / t)])
    cons_slsqp = [
        {"type": "ineq", "fun": lambda x: eps - a @ x, "jac": lambda x: -a},
        {"type": "ineq", "fun": lambda x: eps + a @ x, "jac": lambda x: a},
        {"type": "ineq", "fun": lambda x: radius ** 2 - np.sum((x[n:] - 1) ** 2),
         "jac": lambda x: np.concatenate([np.zeros(n), -2 * (x[n:] - 1)])},
    ]
    cons_tc = [
        LinearConstraint(a[None, :], -eps, eps),
        NonlinearConstraint(lambda x: np.sum((x[n:] - 1) ** 2), -np.inf, radius ** 2,
                            jac=lambda x: np.concatenate([np.zeros(n), 2 * (x[n:] - 1)])[None, :]),
    ]
    if d == 1:
        # Radius 0 pins alpha to 1: solve over beta alone (a degenerate ball constraint confuses both solvers).
        def fb(b):
            return f(np.concatenate([b, np.ones(t)]))

        def gb(b):
            return g(np.concatenate([b, np.ones(t)]))[:n]

        an = a[:n]
        slab_slsqp = [
            {"type": "ineq", "fun": lambda b: eps - (an @ b - 1), "jac": lambda b: -an},
            {"type": "ineq", "fun": lambda b: eps + (an @ b - 1), "jac": lambda b: an},
        ]
        slab_tc = [LinearConstraint(an[None, :], 1 - eps, 1 + eps)]
        bs, values = best_of((fb, gb), np.ones(n), Bounds(bounds.lb[:n], bounds.ub[:n]), slab_slsqp, slab_tc)
        xs = [np.concatenate([b, np.ones(t)]) for b in bs]
    else:
        xs, values = best_of((f, g), np.ones(n + t), bounds, cons_slsqp, cons_tc)
    best = int(np.argmin(values))
    x = xs[best]
    # The solvers may leave the ball by their feasibility tolerance; pull alpha back onto it (a no-op when inside).
    excess = np.sqrt(np.sum((x[n:] - 1) ** 2))
    if excess > radius > 0:
        x[n:] = 1 + (x[n:] - 1) * radius / excess
    v = v_of(x)
    return {
        "name": name, "method": "dwkmm", "train": train.tolist(), "test": test.tolist(),
        "sigma": sigma, "sigma_from_rule": rule, "B": B, "D": d,
        "objective": float(v @ k @ v),
        "objective_slsqp": values[0] / scale, "objective_trust_constr": values[1] / scale,
        "beta": x[:n].tolist(), "alpha": x[n:].tolist(), "compare_solution": compare_solution,
    }


def standardise(z):
    mean = z.mean(axis=0)
    sd = z.std(axis=0)
    sd[sd == 0] = 1.0
    return (z - mean) / sd


def logistic_case(name, train, test, basis="quadratic", c=1.0):
    n, t = len(train), len(test)
    pooled = np.vstack([train, test])
    z = np.hstack([pooled, pooled ** 2]) if basis == "quadratic" else pooled
    z = standardise(z)
    y = np.concatenate([np.zeros(n), np.ones(t)])
    model = LogisticRegression(C=c, solver="newton-cholesky", tol=1e-12, max_iter=1000).fit(z, y)
    p = model.predict_proba(z)[:, 1]
    r = np.clip(n / t * p[:n] / (1 - p[:n]), 0, B)
    beta = r * n / r.sum()
    return {
        "name": name, "method": "logistic", "train": train.tolist(), "test": test.tolist(), "basis": basis, "C": c,
        "intercept": float(model.intercept_[0]), "coef": model.coef_[0].tolist(),
        "probabilities": p.tolist(), "beta": beta.tolist(),
    }


def weighted_logistic_case(name, x, y, w, c):
    model = LogisticRegression(C=c, solver="newton-cholesky", tol=1e-12, max_iter=1000).fit(x, y, sample_weight=w)
    return {
        "name": name, "method": "weighted_logistic", "x": x.tolist(), "y": y.astype(int).tolist(), "w": w.tolist(),
        "C": c, "intercept": float(model.intercept_[0]), "coef": model.coef_[0].tolist(),
        "probabilities": model.predict_proba(x)[:, 1].tolist(),
    }


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(20261122)
    train = rng.normal(0.0, 1.0, size=(14, 2))
    test = rng.normal(0.7, 0.8, size=(10, 2))
    far = np.vstack([rng.normal(0.0, 1.0, size=(9, 2)), rng.normal(5.0, 0.3, size=(3, 2))])
    wide_train = rng.normal(0.0, 1.0, size=(60, 3))
    wide_test = rng.normal(0.5, 1.0, size=(45, 3))
    cases = [
        kmm_case("kmm_rule_sigma", train, test),
        kmm_case("kmm_narrow", train, test, sigma=0.3, compare_solution=True),
        kmm_case("kmm_rule_sigma_more_rows", wide_train, wide_test),
        dwkmm_case("dwkmm_rule_sigma", train, test, 4.0),
        dwkmm_case("dwkmm_outside_support", train, far, 4.0),
        dwkmm_case("dwkmm_narrow", train, test, 1 / 0.7 ** 2, sigma=0.5, compare_solution=True),
        dwkmm_case("dwkmm_d1_is_kmm", train, test, 1.0, sigma=0.5, compare_solution=True),
        dwkmm_case("dwkmm_rule_sigma_more_rows", wide_train, wide_test, 4.0),
        logistic_case("logistic_quadratic", train, far),
        logistic_case("logistic_linear", wide_train, wide_test, basis="linear"),
    ]
    x = rng.normal(size=(40, 3))
    y = (x[:, 0] + 0.5 * rng.normal(size=40) > 0).astype(float)
    w = rng.uniform(0.0, 3.0, size=40)
    cases.append(weighted_logistic_case("weighted_logistic", x, y, w, 0.5))
    for case in cases:
        case["versions"] = {"numpy": np.__version__, "scipy": scipy.__version__, "sklearn": sklearn.__version__}
        with open(OUT / f"{case['name']}.json", "w") as fh:
            json.dump(case, fh, indent=1)
        if "objective_slsqp" in case:
            print(f"{case['name']}: sigma {case['sigma']:.6f} objective slsqp {case['objective_slsqp']:.12g} "
                  f"trust-constr {case['objective_trust_constr']:.12g}")
        else:
            print(f"{case['name']}: written")


if __name__ == "__main__":
    main()
