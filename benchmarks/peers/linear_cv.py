#!/usr/bin/python3
"""CV path time of the linear meta-models, ours against scikit-learn's RidgeCV / LassoCV / ElasticNetCV, side by side.

    /usr/bin/python3 benchmarks/peers/linear_cv.py [--dll PATH] [--artifacts-path DIR] [--sizes 20000x72,100000x72]
                                                   [--repeat 3] [--parallel 1] [--seed 20261202]

For each size n x p, a seeded regression matrix shaped like stacked model predictions (a common signal, eight groups
of models sharing a group error, and per-model noise of varying scale; y = signal + noise) is written to a temporary
folder as X.npy / y.npy (never in the repository). On the same matrix:

- ours, `TabularOd.Benchmarks.dll linear-cv --x X.npy --y y.npy --repeat R --parallel J --out result.json`:
  RidgeCvRegressor over logspace(-3, 5, 50) (efficient leave-one-out); ElasticNetCvRegressor over logspace(-5, 1, 30),
  3 unshuffled folds, max 10000 sweeps, tol 1e-4, with l1_ratio 1 (Lasso) and with
  l1_ratio in {0.1, 0.5, 0.7, 0.9, 0.95, 0.99, 1}; --parallel J threads for the (l1_ratio, fold) paths (default 1);
- scikit-learn: RidgeCV(alphas=logspace(-3, 5, 50)) (cv=None: efficient LOO, gcv_mode auto);
  LassoCV(alphas=logspace(-5, 1, 30), cv=KFold(3), max_iter=10000, tol=1e-4, n_jobs=None);
  ElasticNetCV(l1_ratio=[0.1, 0.5, 0.7, 0.9, 0.95, 0.99, 1], same alphas, cv=KFold(3), max_iter=10000, tol=1e-4,
  n_jobs=None), precompute 'auto' (their default: Gram on the folds, none on the final refit) unless
  --sklearn-precompute true (Gram on the refit too, as ours does under GramMode.Auto). n_jobs=None runs the folds one
  after another; OpenBLAS keeps its default threads (all cores) on the BLAS calls, as our compute backend does.

Both sides: one warm-up fit, then the best of --repeat timed fits, per model. The table gives the seconds, the
ratio ours/scikit-learn (goal <= 1.0), whether the same alpha (and l1_ratio) was chosen, and the largest absolute
difference of the refitted coefficients (and intercept).
Unless --dll is given the script first runs `dotnet build -c Release benchmarks/TabularOd.Benchmarks` (into
--artifacts-path when given).
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

import numpy as np
import sklearn
from sklearn.linear_model import ElasticNetCV, LassoCV, RidgeCV
from sklearn.model_selection import KFold

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
PROJECT = os.path.join(ROOT, "benchmarks", "TabularOd.Benchmarks")

RIDGE_ALPHAS = np.logspace(-3, 5, 50)
SPARSE_ALPHAS = np.logspace(-5, 1, 30)
L1_RATIOS = [0.1, 0.5, 0.7, 0.9, 0.95, 0.99, 1.0]


def build(artifacts):
    command = ["dotnet", "build", "-c", "Release", PROJECT, "--nologo", "-v", "quiet"]
    if artifacts:
        command += ["--artifacts-path", artifacts]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    if artifacts:
        return os.path.join(artifacts, "bin", "TabularOd.Benchmarks", "release", "TabularOd.Benchmarks.dll")
    return os.path.join(PROJECT, "bin", "Release", "net10.0", "TabularOd.Benchmarks.dll")


def stacked_predictions(n, p, seed):
    """n rows of p correlated 'model predictions' of y: signal + group error + own noise, with biases and scales."""
    rng = np.random.default_rng(seed)
    signal = rng.standard_normal(n)
    y = signal + 0.5 * rng.standard_normal(n)
    groups = 8
    group_error = rng.standard_normal((n, groups)) * rng.uniform(0.2, 0.6, groups)
    member = np.arange(p) % groups
    noise_scale = rng.uniform(0.1, 1.0, p)
    scale = rng.uniform(0.7, 1.2, p)
    bias = rng.normal(0, 0.2, p)
    x = (signal[:, None] + group_error[:, member]) * scale + bias + rng.standard_normal((n, p)) * noise_scale
    return np.ascontiguousarray(x), y


def sklearn_models(precompute):
    return {
        "ridge_cv": lambda: RidgeCV(alphas=RIDGE_ALPHAS),
        "lasso_cv": lambda: LassoCV(alphas=SPARSE_ALPHAS, cv=KFold(3), max_iter=10000, tol=1e-4, n_jobs=None,
                                    precompute=precompute),
        "elastic_net_cv": lambda: ElasticNetCV(l1_ratio=L1_RATIOS, alphas=SPARSE_ALPHAS, cv=KFold(3), max_iter=10000,
                                               tol=1e-4, n_jobs=None, precompute=precompute),
    }


def time_sklearn(make, x, y, repeat):
    make().fit(x, y)  # warm-up
    best, model = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        model = make().fit(x, y)
        best = min(best, time.perf_counter() - start)
    return best, model


def run_ours(dll, x, y, repeat, parallel):
    with tempfile.TemporaryDirectory() as folder:
        x_path, y_path = os.path.join(folder, "X.npy"), os.path.join(folder, "y.npy")
        out = os.path.join(folder, "result.json")
        np.save(x_path, x)
        np.save(y_path, y.reshape(-1, 1))
        result = subprocess.run(["dotnet", dll, "linear-cv", "--x", x_path, "--y", y_path, "--repeat", str(repeat),
                                 "--parallel", str(parallel), "--out", out], check=True, capture_output=True, text=True)
        with open(out) as handle:
            fits = {entry["model"]: entry for entry in json.load(handle)}
    header = result.stdout.splitlines()[0]
    return header, fits


def compare(dll, n, p, repeat, parallel, seed, precompute):
    x, y = stacked_predictions(n, p, seed)
    header, ours = run_ours(dll, x, y, repeat, parallel)
    corr = np.corrcoef(x, rowvar=False)
    off = corr[~np.eye(p, dtype=bool)]
    print(f"\n{n:,} x {p} (seed {seed}; column correlation {off.min():.2f}..{off.max():.2f}, mean {off.mean():.2f}); "
          f"ours: {header}")
    print(f"| model | ours s | scikit-learn s | ours/sklearn | same alpha (l1_ratio)? | alpha ours / sklearn | "
          f"max abs d coef | abs d intercept |")
    print("|---|---:|---:|---:|---|---|---:|---:|")
    rows = []
    for name, make in sklearn_models(precompute).items():
        seconds, model = time_sklearn(make, x, y, repeat)
        fit = ours[name]
        alpha_peer = float(model.alpha_)
        same_alpha = np.isclose(fit["alpha"], alpha_peer, rtol=1e-9, atol=0)
        same = "yes" if same_alpha else "no"
        chosen = f"{fit['alpha']:.4g} / {alpha_peer:.4g}"
        if name == "elastic_net_cv":
            ratio_peer = float(model.l1_ratio_)
            same_ratio = np.isclose(fit["l1_ratio"], ratio_peer)
            same = "yes" if same_alpha and same_ratio else "no"
            chosen += f" (l1_ratio {fit['l1_ratio']:g} / {ratio_peer:g})"
        d_coef = float(np.max(np.abs(np.asarray(fit["coef"]) - model.coef_)))
        d_intercept = abs(fit["intercept"] - float(model.intercept_))
        ratio = fit["seconds"] / seconds
        rows.append((name, fit["seconds"], seconds, ratio))
        print(f"| {name} | {fit['seconds']:.3f} | {seconds:.3f} | {ratio:.2f} | {same} | {chosen} | {d_coef:.1e} | "
              f"{d_intercept:.1e} |", flush=True)
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dll", help="a built TabularOd.Benchmarks.dll (skips the build)")
    parser.add_argument("--artifacts-path", help="build into this folder instead of the project's bin/")
    parser.add_argument("--sizes", default="20000x72,100000x72", help="comma-separated n x p")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--parallel", type=int, default=1,
                        help="threads of our (l1_ratio, fold) paths; 1 matches scikit-learn's n_jobs=None, 0 = all cores")
    parser.add_argument("--seed", type=int, default=20261202)
    parser.add_argument("--sklearn-precompute", choices=["auto", "true"], default="auto",
                        help="precompute of LassoCV/ElasticNetCV: 'auto' (their default: Gram on the folds, none on the "
                             "final refit) or 'true' (Gram on the refit too, as ours does)")
    args = parser.parse_args()
    dll = args.dll or build(args.artifacts_path)
    precompute = True if args.sklearn_precompute == "true" else "auto"
    print(f"scikit-learn {sklearn.__version__}, NumPy {np.__version__}, n_jobs=None, precompute={precompute!r}; "
          f"best of {args.repeat} after one warm-up per model on each side; ours --parallel {args.parallel}")
    for size in args.sizes.split(","):
        n, p = (int(v) for v in size.lower().split("x"))
        compare(dll, n, p, args.repeat, args.parallel, args.seed, precompute)
    return 0


if __name__ == "__main__":
    sys.exit(main())
