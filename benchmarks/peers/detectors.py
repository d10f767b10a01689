#!/usr/bin/python3
"""Our detector zoo against scikit-learn on the same train/test splits, in one run; prints one report.

    /usr/bin/python3 benchmarks/peers/detectors.py [--macrodata DIR] [--limit N] [--threads N]
                                                   [--work DIR] [--write-fixture] [--skip-memory]
                                                   [--detectors knn,lof,...]

Datasets: the 22 bundled ADBench files (data-catalog/adbench), split with the MacrOData protocol by
`tabod data split --seed 0`, and every MacrOData pair in --macrodata (default ../shared/datasets/macrodata,
beside the checkout), which carry their own train/test split. Both sides standardise with the training mean
and population standard deviation, fit on the training rows and score the test rows; the timed span is fit +
score only (loading and scaling are not timed on either side).

Peers (Debian python3-sklearn), at the settings our defaults mirror:
  knn      NearestNeighbors(n_neighbors=5); score = distance to the 5th nearest training row (PyOD KNN 'largest')
  lof      LocalOutlierFactor(n_neighbors=20, novelty=True); score = -score_samples
  iforest  IsolationForest(n_estimators=100, max_samples=256, random_state=0); score = -score_samples
  ocsvm    OneClassSVM(kernel='rbf', gamma='auto', nu=0.5, tol=1e-3, cache_size=200); score = -decision_function
  knn+train  (timing only) knn plus each training row's neighbours without itself, the training scores that
           PyOD's KNN and ours compute in fit to set the contamination threshold
Ours: `TabularOd.Benchmarks detectors` runs every detector of the catalog at its defaults over the same files.

--threads N limits both sides to N threads (DOTNET_PROCESSOR_COUNT for ours; OMP/OpenBLAS thread variables and
n_jobs for scikit-learn); without it each side uses the machine as it does by default (ours: every core;
scikit-learn: n_jobs=None, OpenMP/BLAS threads as installed).

Reported: per detector and panel, the mean AUROC of both sides, the mean |difference| and the Pearson
correlation over datasets; our Isolation Forest against the `ifor_auc` stored in each MacrOData file; total
seconds per detector and the ratio ours/scikit-learn; failures and non-finite scores of every detector of ours;
and, unless --skip-memory, our peak resident memory per detector on the largest MacrOData file (by bytes) and
on the one with the most rows, each detector in its own process.

--write-fixture writes scikit-learn's ADBench AUROCs to tests/TabularOd.Tests/Fixtures/detectors/
adbench_sklearn_auroc.json, which a unit test compares with ours.
"""

import argparse
import csv
import glob
import json
import math
import os
import platform
import subprocess
import sys
import time

import numpy as np
import scipy
import sklearn
from sklearn.ensemble import IsolationForest
from sklearn.metrics import roc_auc_score
from sklearn.neighbors import LocalOutlierFactor, NearestNeighbors
from sklearn.preprocessing import StandardScaler
from sklearn.svm import OneClassSVM

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
BENCH_PROJECT = os.path.join(ROOT, "benchmarks", "TabularOd.Benchmarks")
CLI_PROJECT = os.path.join(ROOT, "src", "TabularOd.Cli")
FIXTURE = os.path.join(ROOT, "tests", "TabularOd.Tests", "Fixtures", "detectors", "adbench_sklearn_auroc.json")
SHARED_DETECTORS = ["knn", "lof", "iforest", "ocsvm"]
# Timed only: scikit-learn doing the whole of a kNN detector's work (training scores too), compared with our knn.
TIMING_ONLY = {"knn+train": "knn"}

# Goals from the issue: mean AUROC within 0.01 of the peer; per-dataset correlation (IForest is random);
# our IForest vs the files' ifor_auc; speed ratio ours/peer; peak memory.
MEAN_GOAL = 0.01
CORR_GOAL = {"knn": 0.98, "lof": 0.98, "ocsvm": 0.98, "iforest": 0.95}
IFOR_AUC_MEAN_GOAL, IFOR_AUC_CORR_GOAL = 0.025, 0.97
SPEED_GOAL = 0.5
MEMORY_GOAL_MIB = 4096


def sklearn_score(name, train, test, n_jobs):
    """Fits the peer on train and returns its anomaly scores of test (higher = more anomalous)."""
    n = train.shape[0]
    if name == "knn":
        model = NearestNeighbors(n_neighbors=min(5, n), n_jobs=n_jobs).fit(train)
        return model.kneighbors(test)[0][:, -1]
    if name == "knn+train":
        # The whole of a kNN detector's work (PyOD's KNN, ours): also each training row's neighbours without
        # itself, whose distances are the training scores that set the contamination threshold.
        model = NearestNeighbors(n_neighbors=min(5, n), n_jobs=n_jobs).fit(train)
        if n > 1:
            model.kneighbors(n_neighbors=min(5, n - 1))
        return model.kneighbors(test)[0][:, -1]
    if name == "lof":
        model = LocalOutlierFactor(n_neighbors=min(20, n - 1), novelty=True, n_jobs=n_jobs).fit(train)
        return -model.score_samples(test)
    if name == "iforest":
        model = IsolationForest(n_estimators=100, max_samples=min(256, n), random_state=0, n_jobs=n_jobs).fit(train)
        return -model.score_samples(test)
    if name == "ocsvm":
        model = OneClassSVM(kernel="rbf", gamma="auto", nu=0.5, tol=1e-3, cache_size=200).fit(train)
        return -model.decision_function(test)
    raise ValueError(name)


def load_pair(path):
    with np.load(path, allow_pickle=False) as archive:
        names = set(archive.files)
        train = np.asarray(archive["train"], dtype=np.float64)
        test = np.asarray(archive["test"], dtype=np.float64)
        labels = np.asarray(archive["test_labels"]).astype(int)
        ifor = float(archive["ifor_auc"]) if "ifor_auc" in names else None
    return train, test, labels, ifor


def run_peer(files, n_jobs, wanted, progress_every=50):
    rows, ifor = {}, {}
    start = time.perf_counter()
    for i, path in enumerate(files):
        name = os.path.splitext(os.path.basename(path))[0]
        train, test, labels, stored = load_pair(path)
        ifor[name] = stored
        scaler = StandardScaler().fit(train)
        train, test = scaler.transform(train), scaler.transform(test)
        for detector in [d for d in SHARED_DETECTORS if d in wanted] + [t for t, d in TIMING_ONLY.items() if d in wanted]:
            clock = time.perf_counter()
            try:
                scores = sklearn_score(detector, train, test, n_jobs)
                seconds = time.perf_counter() - clock
                auroc = roc_auc_score(labels, scores) if 0 < labels.sum() < len(labels) else None
                rows[(name, detector)] = {"auroc": auroc, "seconds": seconds, "error": ""}
            except Exception as error:  # recorded, the sweep goes on
                rows[(name, detector)] = {"auroc": None, "seconds": time.perf_counter() - clock, "error": repr(error)}
        if (i + 1) % progress_every == 0 or i + 1 == len(files):
            print(f"  scikit-learn: {i + 1}/{len(files)} datasets, {time.perf_counter() - start:.0f} s", file=sys.stderr)
    return rows, ifor


def run_ours(executable, inputs, out_csv, env, detectors=None):
    command = [executable, "detectors", "--out", out_csv] + (["--detectors", ",".join(detectors)] if detectors else []) + inputs
    result = subprocess.run(command, env=env, stdout=subprocess.PIPE, text=True, check=True)
    peak = float(result.stdout.strip().splitlines()[-1].split()[1])
    rows = {}
    with open(out_csv, newline="") as handle:
        for row in csv.DictReader(handle):
            rows[(row["dataset"], row["detector"])] = {
                "auroc": float(row["auroc"]) if row["auroc"] else None,
                "seconds": (float(row["fit_seconds"] or 0) + float(row["score_seconds"] or 0)),
                "nonfinite": int(row["nonfinite_scores"] or 0),
                "error": row["error"],
            }
    return rows, peak


def build(work):
    for project in (BENCH_PROJECT, CLI_PROJECT):
        subprocess.run(["dotnet", "build", project, "-c", "Release", "--nologo", "-v", "q", "-o", os.path.join(work, "bin")],
                       check=True, stdout=subprocess.DEVNULL)
    return os.path.join(work, "bin", "TabularOd.Benchmarks"), os.path.join(work, "bin", "tabod.dll")


def split_adbench(cli, work):
    folder = os.path.join(work, "adbench")
    os.makedirs(folder, exist_ok=True)
    for source in sorted(glob.glob(os.path.join(ROOT, "data-catalog", "adbench", "*.npz"))):
        target = os.path.join(folder, os.path.basename(source))
        subprocess.run(["dotnet", cli, "data", "split", source, target, "--seed", "0", "--force"], check=True,
                       stdout=subprocess.DEVNULL)
    return folder


def pearson(a, b):
    a, b = np.asarray(a), np.asarray(b)
    if len(a) < 3 or a.std() == 0 or b.std() == 0:
        return float("nan")
    return float(np.corrcoef(a, b)[0, 1])


def agreement(ours, peer, names, detector):
    pairs = [(ours[(n, detector)]["auroc"], peer[(n, detector)]["auroc"]) for n in names
             if ours.get((n, detector), {}).get("auroc") is not None and peer.get((n, detector), {}).get("auroc") is not None]
    a = np.array([p[0] for p in pairs])
    b = np.array([p[1] for p in pairs])
    return len(pairs), a.mean(), b.mean(), np.abs(a - b).mean(), pearson(a, b)


def mark(ok):
    return "yes" if ok else "NO"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--macrodata", default=os.path.join(ROOT, "..", "shared", "datasets", "macrodata"))
    parser.add_argument("--limit", type=int, default=0, help="use only the first N MacrOData files (0 = all)")
    parser.add_argument("--threads", type=int, default=0, help="limit both sides to N threads (0 = each side's default)")
    parser.add_argument("--work", default=os.path.join("/tmp", "tabod-detectors-peer"), help="scratch folder")
    parser.add_argument("--write-fixture", action="store_true")
    parser.add_argument("--skip-memory", action="store_true")
    parser.add_argument("--detectors", default="", help="comma-separated subset of our detectors (default: all)")
    args = parser.parse_args()

    os.makedirs(args.work, exist_ok=True)
    env = dict(os.environ)
    n_jobs = None
    if args.threads > 0:
        env["DOTNET_PROCESSOR_COUNT"] = str(args.threads)
        n_jobs = args.threads
        # The peer's threads are fixed at import time; ask the caller to set them when they differ.
        for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
            if os.environ.get(variable) != str(args.threads):
                sys.exit(f"--threads {args.threads}: also run with {variable}={args.threads} so scikit-learn uses that many")

    print("building ...", file=sys.stderr)
    ours_exe, cli = build(args.work)
    adbench_folder = split_adbench(cli, args.work)
    adbench_files = sorted(glob.glob(os.path.join(adbench_folder, "*.npz")))
    macro_files = sorted(glob.glob(os.path.join(args.macrodata, "**", "*.npz"), recursive=True))
    if args.limit:
        macro_files = macro_files[: args.limit]
    if not macro_files:
        sys.exit(f"{args.macrodata}: no MacrOData .npz files")
    names_seen = [os.path.splitext(os.path.basename(f))[0] for f in adbench_files + macro_files]
    if len(set(names_seen)) != len(names_seen):
        sys.exit("dataset names are not unique across the panels")
    adbench_names = [os.path.splitext(os.path.basename(f))[0] for f in adbench_files]
    macro_names = [os.path.splitext(os.path.basename(f))[0] for f in macro_files]

    list_file = os.path.join(args.work, "files.txt")
    print(f"ours: {len(adbench_files) + len(macro_files)} datasets x every detector ...", file=sys.stderr)
    clock = time.perf_counter()
    chosen = [d for d in args.detectors.split(",") if d] or None
    shared = [d for d in SHARED_DETECTORS if chosen is None or d in chosen]
    ours, _ = run_ours(ours_exe, adbench_files + macro_files, os.path.join(args.work, "ours.csv"), env, chosen)
    ours_wall = time.perf_counter() - clock
    print("scikit-learn ...", file=sys.stderr)
    clock = time.perf_counter()
    peer, ifor = run_peer(adbench_files + macro_files, n_jobs, shared)
    peer_wall = time.perf_counter() - clock
    with open(os.path.join(args.work, "sklearn.csv"), "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["dataset", "detector", "auroc", "seconds", "error"])
        for (name, detector), row in sorted(peer.items()):
            writer.writerow([name, detector, "" if row["auroc"] is None else repr(row["auroc"]), repr(row["seconds"]), row["error"]])

    threads = f"{args.threads} thread(s) each" if args.threads else "each side's default threading"
    print(f"\n# Detectors vs scikit-learn {sklearn.__version__} (numpy {np.__version__}, scipy {scipy.__version__}, "
          f"Python {platform.python_version()}), {os.cpu_count()} cores, {threads}")
    print(f"datasets: ADBench {len(adbench_files)} (MacrOData split, seed 0), MacrOData {len(macro_files)}; "
          f"wall: ours {ours_wall:.0f} s ({len({d for _, d in ours})} detectors), scikit-learn {peer_wall:.0f} s ({len(shared)} detectors)\n")

    print("## AUROC agreement (datasets with both AUROCs defined)\n")
    print("| panel | detector | datasets | mean ours | mean sklearn | mean diff | mean abs diff | Pearson r | goals met |")
    print("|---|---|---|---|---|---|---|---|---|")
    all_met = True
    for panel, names in (("ADBench", adbench_names), ("MacrOData", macro_names), ("all", adbench_names + macro_names)):
        for detector in shared:
            count, mean_ours, mean_peer, mad, r = agreement(ours, peer, names, detector)
            met = abs(mean_ours - mean_peer) <= MEAN_GOAL and (r >= CORR_GOAL[detector] or panel == "ADBench")
            if panel != "ADBench":
                all_met &= met
            print(f"| {panel} | {detector} | {count} | {mean_ours:.4f} | {mean_peer:.4f} | {mean_ours - mean_peer:+.4f} | "
                  f"{mad:.4f} | {r:.4f} | {mark(met)} |")
    print(f"\n(goal: |mean diff| <= {MEAN_GOAL}; r >= 0.98, IForest >= 0.95, over the MacrOData and combined panels; "
          "the 22-dataset panel is reported for reference)\n")

    if "iforest" in shared:
        pairs = [(ours[(n, "iforest")]["auroc"], ifor[n]) for n in macro_names
                 if ifor.get(n) is not None and ours.get((n, "iforest"), {}).get("auroc") is not None]
        a, b = np.array([p[0] for p in pairs]), np.array([p[1] for p in pairs])
        mad, r = float(np.abs(a - b).mean()), pearson(a, b)
        met = mad <= IFOR_AUC_MEAN_GOAL and r >= IFOR_AUC_CORR_GOAL
        all_met &= met
        print("## Our Isolation Forest vs the files' stored ifor_auc\n")
        print(f"{len(pairs)} datasets: mean ours {a.mean():.4f}, mean stored {b.mean():.4f}, mean |diff| {mad:.4f} "
              f"(goal <= {IFOR_AUC_MEAN_GOAL}), Pearson r {r:.4f} (goal >= {IFOR_AUC_CORR_GOAL}): {mark(met)}\n")

    print("## Speed: total fit + score seconds over all datasets\n")
    print("| ours | scikit-learn | ours s | sklearn s | ratio ours/sklearn | goal <= 0.5 |")
    print("|---|---|---|---|---|---|")
    everything = adbench_names + macro_names
    timed = [(d, d) for d in shared] + [(ours_name, peer_name) for peer_name, ours_name in TIMING_ONLY.items() if ours_name in shared]
    for detector, peer_name in timed:
        ours_s = sum(ours[(n, detector)]["seconds"] for n in everything if (n, detector) in ours)
        peer_s = sum(peer[(n, peer_name)]["seconds"] for n in everything if (n, peer_name) in peer)
        met = ours_s / peer_s <= SPEED_GOAL
        all_met &= met
        print(f"| {detector} | {peer_name} | {ours_s:.1f} | {peer_s:.1f} | {ours_s / peer_s:.3f} | {mark(met)} |")
    print("\n(our knn fit includes the training rows' scores, which set the threshold; scikit-learn's `knn` span is "
          "fit + test query only, `knn+train` adds the training rows' neighbours as PyOD's KNN computes them)")

    print("\n## Failures and non-finite scores (ours, every detector)\n")
    print("| detector | datasets | failures | datasets with non-finite scores | total seconds |")
    print("|---|---|---|---|---|")
    detectors = sorted({d for _, d in ours}, key=lambda d: list(dict.fromkeys(d for _, d in ours)).index(d))
    for detector in detectors:
        cells = [ours[(n, detector)] for n in everything if (n, detector) in ours]
        failures = [c["error"] for c in cells if c["error"]]
        nonfinite = sum(1 for c in cells if c["nonfinite"] > 0)
        all_met &= not failures and nonfinite == 0
        print(f"| {detector} | {len(cells)} | {len(failures)} | {nonfinite} | {sum(c['seconds'] for c in cells):.1f} |")
        for message in failures[:3]:
            print(f"|   | {message[:120]} | | | |")
    peer_failures = [(k, v["error"]) for k, v in peer.items() if v["error"]]
    if peer_failures:
        print(f"\nscikit-learn failures: {len(peer_failures)}, e.g. {peer_failures[:3]}")

    if not args.skip_memory:
        by_bytes = max(macro_files, key=os.path.getsize)
        by_rows = max(macro_files, key=lambda f: sum(load_pair(f)[i].shape[0] for i in (0, 1)))
        print("\n## Peak resident memory of ours (MiB), one process per detector\n")
        print(f"| detector | {os.path.basename(by_bytes)} (largest file) | {os.path.basename(by_rows)} (most rows) |")
        print("|---|---|---|")
        for detector in detectors:
            peaks = []
            for path in (by_bytes, by_rows):
                _, peak = run_ours(ours_exe, [path], os.path.join(args.work, "memory.csv"), env, [detector])
                peaks.append(peak)
                all_met &= peak < MEMORY_GOAL_MIB
            print(f"| {detector} | {peaks[0]:.0f} | {peaks[1]:.0f} |")

    if args.write_fixture and shared != SHARED_DETECTORS:
        sys.exit("--write-fixture needs every shared detector (drop --detectors)")
    if args.write_fixture:
        os.makedirs(os.path.dirname(FIXTURE), exist_ok=True)
        fixture = {
            "producer": "benchmarks/peers/detectors.py --write-fixture",
            "versions": {"sklearn": sklearn.__version__, "numpy": np.__version__},
            "split": "tabod data split --seed 0 (MacrOData protocol), standardised with training statistics",
            "peers": {
                "knn": "NearestNeighbors(n_neighbors=5), distance to the 5th neighbour",
                "lof": "LocalOutlierFactor(n_neighbors=20, novelty=True), -score_samples",
                "iforest": "IsolationForest(max_samples=256, random_state=0), -score_samples",
                "ocsvm": "OneClassSVM(gamma='auto', nu=0.5, tol=1e-3), -decision_function",
            },
            "auroc": {n: {d: peer[(n, d)]["auroc"] for d in shared} for n in adbench_names},
        }
        with open(FIXTURE, "w") as handle:
            json.dump(fixture, handle, indent=1)
            handle.write("\n")
        print(f"\nwrote {os.path.relpath(FIXTURE, ROOT)}")

    print(f"\nall goals met: {mark(all_met)}")
    return 0 if all_met else 1


if __name__ == "__main__":
    sys.exit(main())
