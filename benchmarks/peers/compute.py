#!/usr/bin/python3
"""Times the compute kernels against NumPy, SciPy and scikit-learn in one run, and prints one table.

    /usr/bin/python3 benchmarks/peers/compute.py [--repeat N] [--backend NAME|all] [--dll PATH] [--artifacts-path DIR]

Peers (Debian's python3-numpy/scipy/sklearn, on the system OpenBLAS), each after one warm-up call, best of N:
  sqdist-f32/f64   sklearn.metrics.pairwise_distances(X, Y, squared=True), X and Y 4000x64
  knn-f64          NearestNeighbors(n_neighbors=10).fit(X).kneighbors(), X 10,000x32 (self excluded)
  gemm-f32         a @ b, 4000x64 . 64x4000
  gemm-f64         a @ b, 2000x2000 . 2000x2000
  cholesky-N       scipy.linalg.cho_solve(scipy.linalg.cho_factor(A), b), A n x n SPD, one right-hand side
Ours: `dotnet tabod.dll bench-kernels --json FILE` (the same shapes, inputs from the project's seeded generator,
warm-up then best of N). Unless --dll is given, the script first runs `dotnet build -c Release src/TabularOd.Cli`
(into --artifacts-path when given).

Ratios are ours/peer of the best times: below 1 means we are faster. Goals (from the issue), per backend:
  distances, kNN:      time ratio <= 1.0 (as fast as the peer or faster)
  GEMM, Cholesky:      openblas speed >= 0.9x the peer (time ratio <= 1.11); managed speed >= 0.3x (time ratio <= 3.33)
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

import numpy as np
import scipy
import scipy.linalg
import sklearn
from sklearn.metrics import pairwise_distances
from sklearn.neighbors import NearestNeighbors

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
PROJECT = os.path.join(ROOT, "src", "TabularOd.Cli")

# Speed goals as the fraction of the peer's speed each backend must reach; None: the same goal for every backend.
SPEED_GOALS = {
    "sqdist-f32": {None: 1.0},
    "sqdist-f64": {None: 1.0},
    "knn-f64": {None: 1.0},
    "gemm-f32": {"openblas": 0.9, "managed": 0.3},
    "gemm-f64": {"openblas": 0.9, "managed": 0.3},
    "cholesky-2000": {"openblas": 0.9, "managed": 0.3},
    "cholesky-5000": {"openblas": 0.9, "managed": 0.3},
}


def scaled(size, scale):
    return max(2, int(round(size * scale)))


def best_of(repeat, work):
    work()  # warm-up: thread pools, page faults, first-call dispatch
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best * 1000


def spd(rng, n):
    """The same construction as KernelCases: symmetric, off-diagonal in [-1, 1), n + 1 on the diagonal."""
    a = rng.uniform(-1, 1, (n, n))
    a = np.tril(a, -1)
    a = a + a.T
    a[np.diag_indices(n)] = n + 1
    return a


def peer_times(repeat, scale):
    rng = np.random.default_rng(20260612)
    rows, knn_rows, gemm64 = scaled(4000, scale), scaled(10_000, scale), scaled(2000, scale)
    times = {}

    for dtype, key in ((np.float32, "sqdist-f32"), (np.float64, "sqdist-f64")):
        x = rng.uniform(-1, 1, (rows, 64)).astype(dtype)
        y = rng.uniform(-1, 1, (rows, 64)).astype(dtype)
        times[key] = best_of(repeat, lambda: pairwise_distances(x, y, metric="euclidean", squared=True))

    x = rng.uniform(-1, 1, (knn_rows, 32))
    k = min(10, knn_rows - 1)
    times["knn-f64"] = best_of(repeat, lambda: NearestNeighbors(n_neighbors=k).fit(x).kneighbors())

    a = rng.uniform(-1, 1, (rows, 64)).astype(np.float32)
    b = rng.uniform(-1, 1, (64, rows)).astype(np.float32)
    times["gemm-f32"] = best_of(repeat, lambda: a @ b)
    a = rng.uniform(-1, 1, (gemm64, gemm64))
    b = rng.uniform(-1, 1, (gemm64, gemm64))
    times["gemm-f64"] = best_of(repeat, lambda: a @ b)

    for n, key in ((scaled(2000, scale), "cholesky-2000"), (scaled(5000, scale), "cholesky-5000")):
        matrix = spd(rng, n)
        rhs = rng.uniform(-1, 1, n)
        times[key] = best_of(repeat, lambda: scipy.linalg.cho_solve(scipy.linalg.cho_factor(matrix), rhs))
    return times


def build(artifacts):
    command = ["dotnet", "build", "-c", "Release", PROJECT, "--nologo", "-v", "quiet"]
    if artifacts:
        command += ["--artifacts-path", artifacts]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    if artifacts:
        return os.path.join(artifacts, "bin", "TabularOd.Cli", "release", "tabod.dll")
    return os.path.join(PROJECT, "bin", "Release", "net10.0", "tabod.dll")


def our_times(dll, repeat, backend, scale):
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "kernels.json")
        command = ["dotnet", dll, "bench-kernels", "--json", path, "--repeat", str(repeat), "--backend", backend]
        if scale != 1:
            command += ["--scale", str(scale)]
        result = subprocess.run(command, capture_output=True, text=True)
        if result.returncode != 0:
            sys.exit(f"tabod bench-kernels failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
        with open(path, encoding="utf-8") as f:
            return json.load(f)


def goal_text(kernel, backends):
    goals = SPEED_GOALS[kernel]
    if None in goals:
        return f"time <= {1 / goals[None]:.2f}x"
    return ", ".join(f"{b} time <= {1 / goals[b]:.2f}x (speed >= {goals[b]}x)" for b in backends if b in goals)


def met(kernel, backend, ratio):
    goals = SPEED_GOALS[kernel]
    speed = goals.get(backend, goals.get(None))
    return "-" if speed is None else ("yes" if ratio <= 1 / speed + 1e-12 else "NO")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per kernel after a warm-up (best is reported)")
    parser.add_argument("--backend", default="all", help="our backend(s) to time: managed, openblas or all")
    parser.add_argument("--dll", help="a built tabod.dll (skips the build)")
    parser.add_argument("--artifacts-path", help="build into this folder instead of the project's bin/")
    parser.add_argument("--scale", type=float, default=1.0, help=argparse.SUPPRESS)  # shrinks shapes for a smoke test
    args = parser.parse_args()

    dll = args.dll or build(args.artifacts_path)
    ours = our_times(dll, args.repeat, args.backend, args.scale)
    theirs = peer_times(args.repeat, args.scale)

    backends = [b["name"] for b in ours["backends"]]
    by_key = {(r["id"], r["backend"]): r for r in ours["results"]}
    kernels = list(dict.fromkeys(r["id"] for r in ours["results"]))

    header = ["kernel", "shape", "peer ms"]
    for b in backends:
        header += [f"{b} ms", f"{b}/peer", f"{b} goal met"]
    header.append("goal (ratio = our time / peer time; lower is faster)")
    rows = []
    for kernel in kernels:
        first = by_key[(kernel, backends[0])]
        row = [kernel, first["shape"], f"{theirs[kernel]:.1f}"]
        for b in backends:
            ms = by_key[(kernel, b)]["best_ms"]
            ratio = ms / theirs[kernel]
            row += [f"{ms:.1f}", f"{ratio:.2f}", met(kernel, b, ratio)]
        row.append(goal_text(kernel, backends))
        rows.append(row)

    widths = [max(len(str(r[i])) for r in [header] + rows) for i in range(len(header))]
    print(f"peers: numpy {np.__version__}, scipy {scipy.__version__}, scikit-learn {sklearn.__version__}; "
          f"best of {args.repeat} after a warm-up" + (f"; shapes scaled by {args.scale}" if args.scale != 1 else ""))
    for b in ours["backends"]:
        description = b["description"]
        print("ours: " + (description if description.startswith(b["name"] + ":") else f"{b['name']}: {description}"))
    print(f"{ours['processors']} processors, {ours['runtime']}")
    print()
    print("  ".join(h.ljust(w) for h, w in zip(header, widths)))
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print("  ".join(str(c).ljust(w) if i < 2 or i == len(row) - 1 else str(c).rjust(w) for i, (c, w) in enumerate(zip(row, widths))))


if __name__ == "__main__":
    main()
