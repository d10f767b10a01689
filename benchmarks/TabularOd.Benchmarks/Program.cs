using System.Diagnostics;
using BenchmarkDotNet.Running;
using TabularOd.Data;

// Side-by-side timings that a peer script (benchmarks/peers/*.py) runs and compares with NumPy/scikit-learn.
// Each mode prints its result as the last line, "seconds <value>", for the script to parse.
return args switch
{
    ["load-npz", .. var folders] when folders.Length > 0 => LoadNpz(folders),
    ["bdn", .. var switcherArgs] => RunBenchmarkDotNet(switcherArgs),
    ["detectors", .. var sweepArgs] => DetectorSweep.Run(sweepArgs),
    ["shift", .. var shiftArgs] => ShiftEvidence.Run(shiftArgs),
    ["shift-timing", .. var timingArgs] => ShiftSolverTiming.Run(timingArgs),
    ["magnitude", .. var magnitudeArgs] => MagnitudeBench.Run(magnitudeArgs),
    ["autoencoders", .. var autoencoderArgs] => AutoencoderEvidence.Run(autoencoderArgs),
    ["linear-cv", .. var linearCvArgs] => LinearCvBench.Run(linearCvArgs),
    ["stacking-time", .. var stackingArgs] => StackingTimeBench.Run(stackingArgs),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: TabularOd.Benchmarks load-npz FOLDER [FOLDER ...]");
    Console.Error.WriteLine("       TabularOd.Benchmarks detectors --out results.csv [--detectors knn,lof,...] FILE|FOLDER ...");
    Console.Error.WriteLine("       TabularOd.Benchmarks bdn [BenchmarkDotNet options, e.g. --filter *KernelBenchmarks*]");
    Console.Error.WriteLine("       TabularOd.Benchmarks magnitude scores|timing ... (run by benchmarks/peers/magnitude.py)");
    Console.Error.WriteLine("       TabularOd.Benchmarks linear-cv --x X.npy --y Y.npy [--repeat 3] [--parallel 1] [--out RESULT.json] (run by benchmarks/peers/linear_cv.py)");
    Console.Error.WriteLine("       TabularOd.Benchmarks stacking-time --oof OOF.csv --target NAME [--repeat 5] [--threads 0]");
    Console.Error.WriteLine("            (steady-state seconds of the SPEC §8 stack vs Ridge stacking and hill climbing)");
    Console.Error.WriteLine("       TabularOd.Benchmarks shift [--seeds 10] [--rows 300]  (covariate-shift evidence: weighted vs");
    Console.Error.WriteLine("            unweighted logistic accuracy on a biased split; AUROC of OOD scores outside the support)");
    Console.Error.WriteLine("       TabularOd.Benchmarks shift-timing [--rows 1000] [--repeat 3] [FILE ...]  (seconds and steps of one DW-KMM");
    Console.Error.WriteLine("            solve with and without the QP solver's low-rank warm start)");
    Console.Error.WriteLine("       TabularOd.Benchmarks autoencoders --out results.csv [--seeds 3] [--epochs 1000] [--parallel 1] [--setting split|transductive] [--variants ae,pae] FILE|FOLDER ...");
    Console.Error.WriteLine("            (AUROC of ae, pae and each with mean-shift scoring on MacrOData splits of ADBench tables)");
    Console.Error.WriteLine("  load-npz  reads every .npz file of the folders with DataReader.Read: one warm-up pass,");
    Console.Error.WriteLine("            then three timed passes; prints the best pass in seconds.");
    Console.Error.WriteLine("  detectors every MacrOData pair x detector at defaults (standardised on train): AUROC, seconds,");
    Console.Error.WriteLine("            non-finite scores and errors as CSV; prints the peak resident memory.");
    return 2;
}

static int RunBenchmarkDotNet(string[] switcherArgs)
{
    // The BenchmarkDotNet classes of this assembly (e.g. KernelBenchmarks); BenchmarkSwitcher parses its own options.
    BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(switcherArgs);
    return 0;
}

static int LoadNpz(string[] folders)
{
    string[] files = folders.SelectMany(f => Directory.GetFiles(f, "*.npz")).Order(StringComparer.Ordinal).ToArray();
    if (files.Length == 0)
    {
        Console.Error.WriteLine($"no .npz files in {string.Join(", ", folders)}");
        return 1;
    }
    // The warm-up pass lets the JIT compile the readers and the OS cache the files, as NumPy's first of its
    // best-of-three passes does for its side.
    long values = LoadAll(files);
    double best = double.PositiveInfinity;
    for (int pass = 0; pass < 3; pass++)
    {
        var clock = Stopwatch.StartNew();
        LoadAll(files);
        best = Math.Min(best, clock.Elapsed.TotalSeconds);
    }
    Console.WriteLine($"files {files.Length}, feature values {values}");
    Console.WriteLine($"seconds {best:F4}");
    return 0;
}

static long LoadAll(string[] files)
{
    long values = 0;
    foreach (string path in files)
    {
        var file = DataReader.Read(path);
        values += file.Pair is { } pair ? (long)pair.Train.Rows * pair.Train.Columns + (long)pair.Test.Rows * pair.Test.Columns
            : (long)file.Table!.Rows * file.Table.Columns;
    }
    return values;
}
