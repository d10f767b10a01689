#!/usr/bin/python3
"""Times reading every array of the MacrOData .npz files: NumPy against TabularOd's DataReader, in one run.

    /usr/bin/python3 benchmarks/peers/load_npz.py [--dll PATH] [--artifacts-path DIR] [FOLDER ...]

Folders default to ../shared/datasets/macrodata/{oddbench,ovrbench} beside the checkout (699 files).
NumPy: np.load, then every key is read (the pickled 'meta_info' arrays raise ValueError without
allow_pickle and are skipped, as our reader skips them); best of 3 passes.
Ours: `dotnet TabularOd.Benchmarks.dll load-npz FOLDER...` reads every file with DataReader.Read after a
warm-up pass; best of 3 passes. Unless --dll is given, the script first runs
`dotnet build -c Release benchmarks/TabularOd.Benchmarks` (into --artifacts-path when given).
Prints both times and the ratio ours/NumPy (below 1 means we are faster).
"""

import argparse
import glob
import os
import subprocess
import sys
import time

import numpy as np

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
PROJECT = os.path.join(ROOT, "benchmarks", "TabularOd.Benchmarks")


def numpy_seconds(files):
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for path in files:
            with np.load(path) as archive:
                for key in archive.files:
                    try:
                        archive[key]
                    except ValueError:
                        pass  # object array: NumPy refuses to unpickle without allow_pickle
        best = min(best, time.perf_counter() - start)
    return best


def build(artifacts):
    command = ["dotnet", "build", "-c", "Release", PROJECT, "--nologo", "-v", "quiet"]
    if artifacts:
        command += ["--artifacts-path", artifacts]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    if artifacts:
        return os.path.join(artifacts, "bin", "TabularOd.Benchmarks", "release", "TabularOd.Benchmarks.dll")
    return os.path.join(PROJECT, "bin", "Release", "net10.0", "TabularOd.Benchmarks.dll")


def our_seconds(dll, folders):
    result = subprocess.run(["dotnet", dll, "load-npz", *folders], check=True, capture_output=True, text=True)
    last = result.stdout.strip().splitlines()[-1]
    label, value = last.split()
    if label != "seconds":
        sys.exit(f"unexpected output from {dll}: {result.stdout}")
    return float(value)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*")
    parser.add_argument("--dll", help="a built TabularOd.Benchmarks.dll (skips the build)")
    parser.add_argument("--artifacts-path", help="build into this folder instead of the project's bin/")
    args = parser.parse_args()
    shared = os.path.join(ROOT, "..", "shared", "datasets", "macrodata")
    folders = args.folders or [os.path.join(shared, "oddbench"), os.path.join(shared, "ovrbench")]
    folders = [os.path.normpath(f) for f in folders]
    files = sorted(f for folder in folders for f in glob.glob(os.path.join(folder, "*.npz")))
    if not files:
        sys.exit(f"no .npz files in {folders}")
    dll = args.dll or build(args.artifacts_path)

    ours = our_seconds(dll, folders)
    theirs = numpy_seconds(files)
    print(f"files: {len(files)} in {', '.join(folders)}")
    print(f"numpy {np.__version__} (np.load, every key), best of 3: {theirs:.3f} s")
    print(f"TabularOd DataReader.Read, best of 3 after warm-up: {ours:.3f} s")
    print(f"ratio ours/numpy: {ours / theirs:.2f}")


if __name__ == "__main__":
    main()
