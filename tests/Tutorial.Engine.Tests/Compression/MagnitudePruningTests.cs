using Tutorial.Engine.Compression;
using Tutorial.Engine.Layers;
using Tutorial.Engine.Losses;
using Tutorial.Engine.Optimizers;
using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Tests.Compression;

public class MagnitudePruningTests
{
    private static Parameter<double> P(string name, double[] values, params int[] shape) =>
        new(name, Tensor<double>.FromDoubles(values, shape));

    [Fact]
    public void Global_PrunesTheSmallestMagnitudesOverAllTensors()
    {
        var a = P("a", [0.1, -0.5, 0.3, -0.05], 2, 2);
        var b = P("b", [2, -0.2, 0.01], 1, 3);
        var mask = MagnitudePruning.Global([a, b], sparsity: 3.0 / 7);   // k = 3: 0.01, −0.05, 0.1
        Assert.Equal([0, -0.5, 0.3, 0], a.Value.ToArray());
        Assert.Equal([2, -0.2, 0], b.Value.ToArray());
        Assert.Equal(4, mask.Kept);
        Assert.Equal(7, mask.Total);
        Assert.Equal(3.0 / 7, mask.Sparsity, 1e-15);
        Assert.Equal(0.5, mask.SparsityOf(0));   // global pruning: the layers end up with different sparsities
        Assert.Equal(1.0 / 3, mask.SparsityOf(1), 1e-15);
    }

    [Fact]
    public void PerTensor_PrunesEachTensorToTheSparsityOnItsOwn()
    {
        var a = P("a", [0.1, -0.5, 0.3, -0.05], 2, 2);
        var b = P("b", [2, -0.2, 0.01], 1, 3);
        var mask = MagnitudePruning.PerTensor([a, b], sparsity: 0.5);   // a: k = 2; b: k = round(1.5) = 2 (half to even)
        Assert.Equal([0, -0.5, 0.3, 0], a.Value.ToArray());
        Assert.Equal([2, 0, 0], b.Value.ToArray());
        Assert.Equal(3, mask.Kept);
    }

    [Fact]
    public void Ties_ArePrunedInIndexOrder_SoExactlyKWeightsGo()
    {
        var a = P("a", [1, -1, 1, -1, 1, -1], 2, 3);
        MagnitudePruning.Global([a], 0.5);
        Assert.Equal([0, 0, 0, -1, 1, -1], a.Value.ToArray());
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.3)]
    [InlineData(0.9)]
    [InlineData(1.0)]
    public void Global_ReachesTheSparsity_AndKeepsEveryLargerWeight(double sparsity)
    {
        var rng = new Rng(7);
        var ps = new[] { new Parameter<double>("w1", Tensor<double>.Normal(rng, 0, 1, 30, 20)), new Parameter<double>("w2", Tensor<double>.Normal(rng, 0, 0.1, 10, 30)) };
        var original = ps.Select(p => p.Value.ToArray()).ToArray();
        var mask = MagnitudePruning.Global(ps, sparsity);
        int expectedPruned = (int)Math.Round(sparsity * 900);
        Assert.Equal(expectedPruned / 900.0, MagnitudePruning.Sparsity(ps), 1e-15);
        Assert.Equal(900 - expectedPruned, mask.Kept);
        var pruned = new List<double>();
        var kept = new List<double>();
        for (int t = 0; t < 2; t++)
            for (int i = 0; i < original[t].Length; i++)
            {
                if (mask.Keep(t)[i]) { kept.Add(Math.Abs(original[t][i])); Assert.Equal(original[t][i], ps[t].Value[i]); }
                else { pruned.Add(Math.Abs(original[t][i])); Assert.Equal(0, ps[t].Value[i]); }
            }
        if (pruned.Count > 0 && kept.Count > 0) Assert.True(pruned.Max() <= kept.Min());
    }

    [Fact]
    public void PerTensor_GivesEveryTensorTheSameSparsity_WhereGlobalDoesNot()
    {
        Parameter<double>[] Make() => [new("big", Tensor<double>.Normal(new Rng(1), 0, 1, 40, 10)), new("small", Tensor<double>.Normal(new Rng(2), 0, 0.05, 40, 10))];
        var perTensor = MagnitudePruning.PerTensor(Make(), 0.6);
        Assert.Equal(0.6, perTensor.SparsityOf(0), 1e-15);
        Assert.Equal(0.6, perTensor.SparsityOf(1), 1e-15);
        var global = MagnitudePruning.Global(Make(), 0.6);
        Assert.Equal(0.6, global.Sparsity, 1e-15);
        Assert.True(global.SparsityOf(1) > 0.95, $"the small-weight tensor should lose almost everything, lost {global.SparsityOf(1)}");
        Assert.True(global.SparsityOf(0) < 0.25);
    }

    [Fact]
    public void Weights_SelectsMatricesNotBiases()
    {
        var rng = new Rng(0);
        var model = new Sequential<double>(new Linear<double>(3, 4, rng), new ReLU<double>(), new Linear<double>(4, 2, rng));
        var weights = MagnitudePruning.Weights(model);
        Assert.Equal(2, weights.Count);
        Assert.All(weights, w => Assert.Equal("weight", w.Name));
    }

    [Fact]
    public void Mask_KeepsPrunedWeightsAtZeroDuringFineTuning_WhileTheRestLearns()
    {
        var rng = new Rng(5);
        var x = Tensor<double>.Normal(rng, 0, 1, 64, 8);
        var target = Tensor<double>.Normal(rng, 0, 1, 64, 4);
        var model = new Linear<double>(8, 4, new Rng(1));
        var mask = MagnitudePruning.Global(MagnitudePruning.Weights(model), 0.75);
        var optimizer = new Sgd<double>(model.Parameters, 0.05, momentum: 0.9, weightDecay: 1e-3);
        var loss = new MeanSquaredError<double>();
        double first = 0, last = 0;
        for (int step = 0; step < 50; step++)
        {
            model.ZeroGrad();
            double l = loss.Forward(model.Forward(x), target);
            if (step == 0) first = l;
            last = l;
            model.Backward(loss.Backward());
            mask.MaskGradients();
            optimizer.Step();
            mask.Apply();
        }
        Assert.True(last < 0.9 * first, $"the kept weights should learn: loss {first} -> {last}");
        Assert.Equal(0.75, MagnitudePruning.Sparsity(MagnitudePruning.Weights(model)), 1e-15);
        for (int i = 0; i < model.Weight.Value.Length; i++)
            if (!mask.Keep(0)[i]) Assert.Equal(0.0, model.Weight.Value[i]);
    }

    [Fact]
    public void WithoutTheMask_FineTuningRegrowsPrunedWeights()
    {
        var rng = new Rng(5);
        var x = Tensor<double>.Normal(rng, 0, 1, 64, 8);
        var target = Tensor<double>.Normal(rng, 0, 1, 64, 4);
        var model = new Linear<double>(8, 4, new Rng(1));
        MagnitudePruning.Global(MagnitudePruning.Weights(model), 0.75);
        var optimizer = new Sgd<double>(model.Parameters, 0.05);
        var loss = new MeanSquaredError<double>();
        model.ZeroGrad();
        loss.Forward(model.Forward(x), target);
        model.Backward(loss.Backward());
        optimizer.Step();
        Assert.True(MagnitudePruning.Sparsity(MagnitudePruning.Weights(model)) < 0.1);
    }

    [Fact]
    public void PrunedCount_RoundsHalfToEven_AndSparsityOutsideZeroOneThrows()
    {
        Assert.Equal(2, MagnitudePruning.PrunedCount(0.5, 5));
        Assert.Equal(4, MagnitudePruning.PrunedCount(0.5, 7));   // 3.5 -> 4
        Assert.Equal(10, MagnitudePruning.PrunedCount(1, 10));
        var p = P("a", [1, 2], 1, 2);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => MagnitudePruning.Global([p], 1.5));
        Assert.Contains("[0, 1]", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => MagnitudePruning.PerTensor([p], double.NaN));
    }

    [Fact]
    public void PruningMask_RejectsAMaskOfTheWrongLength()
    {
        var p = P("a", [1, 2, 3], 1, 3);
        var e = Assert.Throws<ArgumentException>(() => new PruningMask<double>([p], [new bool[2]]));
        Assert.Contains("2 entries", e.Message);
    }
}
