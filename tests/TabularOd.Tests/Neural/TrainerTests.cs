using TabularOd.Compute;
using TabularOd.Data;
using TabularOd.Neural;
using TabularOd.Sampling;

namespace TabularOd.Tests.Neural;

public class TrainerTests
{
    public static TheoryData<string> Backends() => new(ComputeBackends.Available.Select(b => b.Name));

    [Fact]
    public void TheLossFallsOnAToyReconstructionProblem()
    {
        var data = Line(64, seed: 1);
        var network = Network(3, 4, seed: 2);
        var result = Trainer.Train(network, new MeanSquaredErrorLoss(), data, data, new TrainingOptions
        {
            Epochs = 400,
            Schedule = new StepDecaySchedule(1e-2),
        });

        Assert.Equal(400, result.EpochsRun);
        Assert.Equal(400, result.Losses.Count);
        Assert.True(result.FinalLoss < 0.1 * result.Losses[0], $"loss {result.Losses[0]} → {result.FinalLoss}");
        Assert.Equal(result.Losses.Min(), result.BestLoss);
    }

    [Fact]
    public void TheProbabilisticLossFallsToo()
    {
        var data = Line(64, seed: 3);
        var network = new SequentialNetwork(
        [
            Dense(3, 4, new SeededRandom(4), WeightInitialization.HeUniform), new ReluLayer(4),
            Dense(4, 6, new SeededRandom(5), WeightInitialization.GlorotUniform), new SoftplusLayer(6, 3),
        ]);
        var result = Trainer.Train(network, new ProbabilisticReconstructionLoss(), data, data, new TrainingOptions
        {
            Epochs = 400,
            Schedule = new StepDecaySchedule(1e-2),
        });

        Assert.True(result.FinalLoss < result.Losses[0] - 3, $"loss {result.Losses[0]} → {result.FinalLoss}");
    }

    [Fact]
    public void FullBatchReportsTheLossOfTheStartingParameters()
    {
        var data = Line(20, seed: 6);
        var network = Network(3, 2, seed: 7);
        var gradient = new double[20 * 3];
        double before = new MeanSquaredErrorLoss().Compute(network.Forward(data.AsSpan(), 20, new ActivationCache()), data.AsSpan(), 20, gradient);

        var result = Trainer.Train(network, new MeanSquaredErrorLoss(), data, data, new TrainingOptions { Epochs = 1 });

        Assert.Equal(before, result.Losses[0]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    public void TheSameSeedGivesTheSameBits(int batchSize)
    {
        var data = Line(50, seed: 8);
        var options = new TrainingOptions { Epochs = 30, BatchSize = batchSize, ShuffleSeed = 9 };

        var a = Network(3, 4, seed: 10);
        var b = Network(3, 4, seed: 10);
        var resultA = Trainer.Train(a, new MeanSquaredErrorLoss(), data, data, options);
        var resultB = Trainer.Train(b, new MeanSquaredErrorLoss(), data, data, options);

        Assert.Equal(resultA.Losses, resultB.Losses);
        for (int p = 0; p < a.Parameters.Count; p++)
        {
            Assert.Equal(a.Parameters[p].Values, b.Parameters[p].Values);
        }
    }

    [Fact]
    public void AnotherShuffleSeedGivesAnotherResultInMiniBatchMode()
    {
        var data = Line(50, seed: 8);
        var a = Network(3, 4, seed: 10);
        var b = Network(3, 4, seed: 10);
        Trainer.Train(a, new MeanSquaredErrorLoss(), data, data, new TrainingOptions { Epochs = 5, BatchSize = 8, ShuffleSeed = 1 });
        Trainer.Train(b, new MeanSquaredErrorLoss(), data, data, new TrainingOptions { Epochs = 5, BatchSize = 8, ShuffleSeed = 2 });

        Assert.NotEqual(a.Parameters[0].Values, b.Parameters[0].Values);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void TheResultDoesNotDependOnTheThreadCount(string backendName)
    {
        // 2048 × 64 × 32 multiply-adds per product: above the size at which both GEMM drivers split work over threads.
        var backend = ComputeBackends.Get(backendName);
        var random = new SeededRandom(31);
        var data = DataMatrix.FromRowMajor(2048, 64, GradientCheck.Values(random, 2048 * 64, 0, 2));

        double[][] Train(bool singleThreaded)
        {
            var network = new SequentialNetwork(
            [
                Dense(64, 32, new SeededRandom(32), WeightInitialization.HeUniform, backend), new ReluLayer(32),
                Dense(32, 64, new SeededRandom(33), WeightInitialization.GlorotUniform, backend),
            ]);
            var options = new TrainingOptions { Epochs = 3 };
            if (singleThreaded)
            {
                // Inside a compute region every kernel runs on the calling thread only.
                ComputeParallelism.For(1, 1, _ => Trainer.Train(network, new MeanSquaredErrorLoss(), data, data, options));
            }
            else
            {
                Trainer.Train(network, new MeanSquaredErrorLoss(), data, data, options);
            }
            return [.. network.Parameters.Select(p => p.Values)];
        }

        var many = Train(singleThreaded: false);
        var one = Train(singleThreaded: true);
        for (int p = 0; p < many.Length; p++)
        {
            Assert.Equal(many[p], one[p]);
        }
    }

    [Fact]
    public void EarlyStoppingEndsARunThatStopsImproving()
    {
        var data = Line(30, seed: 11);
        var result = Trainer.Train(Network(3, 2, seed: 12), new MeanSquaredErrorLoss(), data, data, new TrainingOptions
        {
            Epochs = 100,
            EarlyStoppingPatience = 3,
            EarlyStoppingMinDelta = 1e9, // nothing counts as an improvement after the first epoch
        });

        Assert.Equal(4, result.EpochsRun);
        Assert.True(result.StoppedEarly);
    }

    [Fact]
    public void TheProgressCallbackSeesEveryEpochAndItsLoss()
    {
        var data = Line(30, seed: 13);
        var seen = new List<(int Epoch, double Loss)>();
        var result = Trainer.Train(Network(3, 2, seed: 14), new MeanSquaredErrorLoss(), data, data, new TrainingOptions
        {
            Epochs = 12,
            BatchSize = 8,
            Progress = (epoch, loss) => seen.Add((epoch, loss)),
        });

        Assert.Equal(Enumerable.Range(1, 12), seen.Select(s => s.Epoch));
        Assert.Equal(result.Losses, seen.Select(s => s.Loss));
    }

    [Fact]
    public void MismatchedShapesAreRefused()
    {
        var data = Line(10, seed: 15);
        var network = Network(3, 2, seed: 16);
        Assert.Throws<ArgumentException>(() => Trainer.Train(network, new ProbabilisticReconstructionLoss(), data, data, new TrainingOptions()));
        Assert.Throws<ArgumentException>(() => Trainer.Train(network, new MeanSquaredErrorLoss(), data, Line(9, seed: 1), new TrainingOptions()));
        Assert.Throws<ArgumentOutOfRangeException>(() => Trainer.Train(network, new MeanSquaredErrorLoss(), data, data, new TrainingOptions { Epochs = 0 }));
    }

    // Rows near the line t·(1, 2, −1): three columns with one degree of freedom, easy to reconstruct through a bottleneck.
    private static DataMatrix Line(int rows, long seed)
    {
        var random = new SeededRandom(seed);
        var values = new double[rows * 3];
        for (int i = 0; i < rows; i++)
        {
            double t = (2 * random.NextDouble()) - 1;
            values[i * 3] = t + (0.01 * random.NextGaussian());
            values[(i * 3) + 1] = (2 * t) + (0.01 * random.NextGaussian());
            values[(i * 3) + 2] = -t + (0.01 * random.NextGaussian());
        }
        return DataMatrix.FromRowMajor(rows, 3, values);
    }

    private static SequentialNetwork Network(int d, int hidden, long seed)
    {
        var random = new SeededRandom(seed);
        return new SequentialNetwork(
        [
            Dense(d, hidden, random, WeightInitialization.HeUniform), new ReluLayer(hidden),
            Dense(hidden, d, random, WeightInitialization.GlorotUniform),
        ]);
    }

    private static DenseLayer Dense(int inWidth, int outWidth, SeededRandom random, WeightInitialization scheme, IComputeBackend? backend = null)
    {
        var layer = new DenseLayer(inWidth, outWidth, backend: backend);
        layer.Initialize(random, scheme);
        return layer;
    }
}
