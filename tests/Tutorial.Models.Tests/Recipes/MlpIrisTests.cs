using Tutorial.Models.Recipes;
using Xunit.Abstractions;

namespace Tutorial.Models.Tests.Recipes;

[Collection(RealDataCollection.Name)]
public class MlpIrisTests(ITestOutputHelper log)
{
    [Fact]
    public void Mlp_OnIris_ClassifiesTheHeldOutFlowers()
    {
        var recipe = new MlpIris();
        var run = recipe.Train(recipe.Defaults);
        var c = run.Evaluation.Classification!;
        log.WriteLine($"mlp-iris: test accuracy {c.Accuracy:0.0000} ({c.Confusion.Correct}/{c.Samples}), loss {c.Loss:0.0000}");
        Assert.Equal(30, c.Samples);
        Assert.Equal(["setosa", "versicolor", "virginica"], c.Confusion.ClassNames);
        Assert.True(c.Accuracy >= 0.9, $"test accuracy {c.Accuracy:0.0000}");
        Assert.Equal(1.0, c.Confusion.Recall(0));   // setosa is linearly separable from the others
    }
}
