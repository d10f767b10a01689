#!/usr/bin/python3
"""Evidence for the weighting-vector detector ('wv'): exact solve against its patch approximation, and the exact
solve against SciPy's, in one run.

    /usr/bin/python3 benchmarks/peers/magnitude.py [--dll PATH] [--artifacts-path DIR] [--n 10000] [--d 16]
                                                   [--repeat 2] [--max-rows 2000] [--patch P] [--cell S] [--sweeps N] [--split SEED]
                                                   [--skip-scores] [--skip-split] [--skip-timing]

1. Agreement, on the bundled ADBench datasets with at most 2000 rows (data-catalog/adbench/*.npz, X and y): ours
   (`TabularOd.Benchmarks.dll magnitude scores`) fits the detector with method=exact and with method=approx (t = 1,
   patches of P = 512 points around cells of s = 64 and one far-field sweep unless --patch/--cell/--sweeps say
   otherwise; standardised inside);
   here SciPy's spearmanr gives the rank correlation of the two sets of scores and scikit-learn's roc_auc_score the
   AUROC of each against y. Twice: (a) fitted on all rows, scoring the training rows; (b) fitted on the MacrOData
   split's training rows (half the inliers, --split seed, default 0) and scoring its test rows as new points.
   Goals: Spearman >= 0.95 and |AUROC exact - approx| <= 0.01.
2. Speed at n rows (default 10,000 x 16, a seeded Gaussian mixture, standardised here):
   - the detector's fit time, exact over approximate (goal: at least 10x), and the rank correlation of their scores;
   - the exact solve of Z w = 1 with Z = exp(-cdist(X, X)) (t = 1): ours, SpdSolver.Factor + CholeskySolve on the
     default backend, against scipy.linalg.cho_factor + cho_solve on the same matrix, best of --repeat, side by side
     (both copy Z before factorising); the magnitudes sum(w) must agree.
Unless --dll is given the script first runs `dotnet build -c Release benchmarks/TabularOd.Benchmarks` (into
--artifacts-path when given).
"""

import argparse
import csv
import glob
import os
import subprocess
import sys
import tempfile
import time
from collections import defaultdict

import numpy as np
import scipy
from scipy.linalg import cho_factor, cho_solve
from scipy.spatial.distance import cdist
from scipy.stats import spearmanr
from sklearn.metrics import roc_auc_score

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
PROJECT = os.path.join(ROOT, "benchmarks", "TabularOd.Benchmarks")
ADBENCH = os.path.join(ROOT, "data-catalog", "adbench")


def build(artifacts):
    command = ["dotnet", "build", "-c", "Release", PROJECT, "--nologo", "-v", "quiet"]
    if artifacts:
        command += ["--artifacts-path", artifacts]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    if artifacts:
        return os.path.join(artifacts, "bin", "TabularOd.Benchmarks", "release", "TabularOd.Benchmarks.dll")
    return os.path.join(PROJECT, "bin", "Release", "net10.0", "TabularOd.Benchmarks.dll")


def run(dll, *args):
    result = subprocess.run(["dotnet", dll, "magnitude", *args], check=True, capture_output=True, text=True)
    return result.stdout


def agreement(dll, max_rows, sizes, split=None):
    files = []
    for path in sorted(glob.glob(os.path.join(ADBENCH, "*.npz"))):
        with np.load(path) as archive:
            if archive["X"].shape[0] <= max_rows:
                files.append(path)
    with tempfile.TemporaryDirectory() as folder:
        out = os.path.join(folder, "scores.csv")
        extra = ["--split", str(split)] if split is not None else []
        log = run(dll, "scores", "--out", out, "--max-rows", str(max_rows), *sizes, *extra, *files)
        rows = defaultdict(lambda: ([], [], []))
        with open(out, newline="") as handle:
            for line in csv.DictReader(handle):
                labels, exact, approx = rows[line["dataset"]]
                labels.append(int(line["label"]))
                exact.append(float(line["exact"]))
                approx.append(float(line["approx"]))
    seconds, features, fitted = {}, {}, {}
    for line in log.splitlines():
        parts = line.split()
        if parts and parts[0] == "fit":
            fitted[parts[1]] = int(parts[3])
            features[parts[1]] = int(parts[5])
            seconds[parts[1]] = (float(parts[7]), float(parts[9]))
    what = (f"fitted on the MacrOData split (seed {split}: half the inliers), scoring the test rows as new points"
            if split is not None else "fitted on all rows, scoring them")
    print(f"1{'b' if split is not None else 'a'}. exact vs patch approximation ({' '.join(sizes) or 'detector defaults'}), t = 1, {what}; "
          f"{len(rows)} ADBench datasets with n <= {max_rows}")
    print(f"{'dataset':<18}{'fit n':>6}{'scored':>7}{'d':>5}{'spearman':>10}{'AUROC exact':>13}{'AUROC approx':>14}{'gap':>8}"
          f"{'fit s exact':>13}{'approx':>9}")
    summary = []
    for name, (labels, exact, approx) in rows.items():
        labels, exact, approx = np.array(labels), np.array(exact), np.array(approx)
        d = features.get(name, 0)
        rho = spearmanr(exact, approx)[0]
        auc_exact, auc_approx = roc_auc_score(labels, exact), roc_auc_score(labels, approx)
        fit_exact, fit_approx = seconds.get(name, (float("nan"), float("nan")))
        summary.append((rho, auc_exact, auc_approx, abs(auc_exact - auc_approx)))
        print(f"{name:<18}{fitted.get(name, 0):>6}{len(labels):>7}{d:>5}{rho:>10.4f}{auc_exact:>13.4f}{auc_approx:>14.4f}"
              f"{auc_approx - auc_exact:>+8.4f}{fit_exact:>13.3f}{fit_approx:>9.3f}")
    rho, auc_exact, auc_approx, gap = np.mean(summary, axis=0)
    print(f"{'mean':<36}{rho:>10.4f}{auc_exact:>13.4f}{auc_approx:>14.4f}{auc_approx - auc_exact:>+8.4f}")
    gaps = [s[3] for s in summary]
    print(f"min Spearman {min(s[0] for s in summary):.4f} (>= 0.95 on {sum(s[0] >= 0.95 for s in summary)} of {len(summary)}); "
          f"mean |AUROC exact - approx| {gap:.4f}, max {max(gaps):.4f} (<= 0.01 on {sum(g <= 0.01 for g in gaps)} of {len(gaps)})")


def mixture(n, d, seed=20261122):
    rng = np.random.default_rng(seed)
    centres = rng.normal(0, 3, (4, d))
    x = rng.standard_normal((n, d)) + centres[rng.integers(0, 4, n)]
    return (x - x.mean(axis=0)) / x.std(axis=0)


def best_of(repeat, work):
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = work()
        best = min(best, time.perf_counter() - start)
    return best, result


def speed(dll, n, d, repeat, sizes):
    x = mixture(n, d)
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, f"mixture_{n}x{d}.npz")
        np.savez(path, X=x, y=np.zeros(n, dtype=np.int64))
        scores_path = os.path.join(folder, "scores.csv")
        ours = {}
        for line in run(dll, "timing", path, "--repeat", str(repeat), "--scores", scores_path, *sizes).splitlines():
            parts = line.split()
            ours[parts[0]] = parts[1:]
        scores = np.loadtxt(scores_path, delimiter=",", skiprows=1)

    start = time.perf_counter()
    z = np.exp(-cdist(x, x))
    kernel_seconds = time.perf_counter() - start
    ones = np.ones(n)

    def solve():
        return cho_solve(cho_factor(z, lower=True, check_finite=False), ones, check_finite=False)

    solve()  # warm-up: OpenBLAS threads, page faults
    peer_seconds, w = best_of(repeat, solve)
    peer_magnitude = float(w.sum())

    exact_fit, approx_fit = float(ours["exact_fit_seconds"][0]), float(ours["approx_fit_seconds"][0])
    our_solve, our_magnitude = float(ours["solve_seconds"][0]), float(ours["solve_magnitude"][0])
    print(f"\n2. speed at n = {n}, d = {d} (seeded Gaussian mixture, standardised), t = 1; backend {ours['backend'][0]}; "
          f"patch {ours['rows'][4]}, cell {ours['rows'][6]}, sweeps {ours['rows'][8]}")
    print(f"detector fit, method=exact   {exact_fit:9.3f} s")
    print(f"detector fit, method=approx  {approx_fit:9.3f} s   ratio exact/approx {exact_fit / approx_fit:.1f}x (goal >= 10x)")
    print(f"kernel Z = exp(-d)           ours {float(ours['kernel_seconds'][0]):7.3f} s   NumPy/SciPy cdist+exp {kernel_seconds:7.3f} s")
    print(f"exact solve Z w = 1          ours {our_solve:7.3f} s   SciPy {scipy.__version__} cho_factor+cho_solve {peer_seconds:7.3f} s"
          f"   ratio ours/SciPy {our_solve / peer_seconds:.2f}")
    print(f"magnitude sum(w)             ours {our_magnitude:.10f}   SciPy {peer_magnitude:.10f}   "
          f"relative difference {abs(our_magnitude - peer_magnitude) / peer_magnitude:.1e}; jitter {ours['solve_jitter'][0]}")
    print(f"detector training scores: Spearman exact vs approx {spearmanr(scores[:, 0], scores[:, 1])[0]:.4f}; "
          f"magnitudes exact {float(ours['detector_magnitude_exact'][0]):.4f}, approx {float(ours['detector_magnitude_exact'][2]):.4f}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dll", help="a built TabularOd.Benchmarks.dll (skips the build)")
    parser.add_argument("--artifacts-path", help="build into this folder instead of the project's bin/")
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--d", type=int, default=16)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--max-rows", type=int, default=2000)
    parser.add_argument("--patch", type=int, help="P of the approximation (default: the detector's, 512)")
    parser.add_argument("--cell", type=int, help="s of the approximation (default: the detector's, 64)")
    parser.add_argument("--sweeps", type=int, help="far-field sweeps of the approximation (default: the detector's, 1)")
    parser.add_argument("--split", type=int, default=0, help="seed of the MacrOData split of part 1b")
    parser.add_argument("--skip-scores", action="store_true")
    parser.add_argument("--skip-split", action="store_true", help="part 1a only")
    parser.add_argument("--skip-timing", action="store_true")
    args = parser.parse_args()
    dll = args.dll or build(args.artifacts_path)
    sizes = (["--patch", str(args.patch)] if args.patch else []) + (["--cell", str(args.cell)] if args.cell else []) + (
        ["--sweeps", str(args.sweeps)] if args.sweeps is not None else [])
    if not args.skip_scores:
        agreement(dll, args.max_rows, sizes)
        if not args.skip_split:
            print()
            agreement(dll, args.max_rows, sizes, args.split)
    if not args.skip_timing:
        speed(dll, args.n, args.d, args.repeat, sizes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
