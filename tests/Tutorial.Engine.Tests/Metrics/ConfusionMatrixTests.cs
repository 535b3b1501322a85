using Tutorial.Engine.Metrics;
using Tutorial.Engine.Tensors;

namespace Tutorial.Engine.Tests.Metrics;

public class ConfusionMatrixTests
{
    /// <summary>
    /// A 3-class example worked out by hand (rows actual, columns predicted):
    /// <code>
    ///          pred 0  pred 1  pred 2   support
    /// true 0      5       1       0        6
    /// true 1      2       3       1        6
    /// true 2      0       2       6        8
    /// column       7       6       7       20
    /// </code>
    /// accuracy = (5 + 3 + 6) / 20 = 0.7
    /// precision = TP / column: 5/7, 3/6 = 1/2, 6/7
    /// recall    = TP / row:    5/6, 3/6 = 1/2, 6/8 = 3/4
    /// F1 = 2TP / (row + column): 10/13, 6/12 = 1/2, 12/15 = 4/5
    /// macro precision = (5/7 + 1/2 + 6/7) / 3 = 29/42 ≈ 0.690476
    /// macro recall    = (5/6 + 1/2 + 3/4) / 3 = 25/36 ≈ 0.694444
    /// macro F1        = (10/13 + 1/2 + 4/5) / 3 = 269/390 ≈ 0.689744
    /// weighted F1     = (6·10/13 + 6·1/2 + 8·4/5) / 20 = 182.2/260 ≈ 0.700769
    /// These are what scikit-learn's precision_recall_fscore_support, f1_score(average="macro"/"weighted") and
    /// accuracy_score give for these labels (zero_division does not arise: every class is predicted and present).
    /// </summary>
    private static (int[] Actual, int[] Predicted) HandExample()
    {
        int[,] m = { { 5, 1, 0 }, { 2, 3, 1 }, { 0, 2, 6 } };
        var actual = new List<int>();
        var predicted = new List<int>();
        // Interleave the pairs so that the order of samples is not sorted by class.
        for (int round = 0; round < 6; round++)
            for (int a = 0; a < 3; a++)
                for (int p = 0; p < 3; p++)
                    if (m[a, p] > round) { actual.Add(a); predicted.Add(p); }
        return (actual.ToArray(), predicted.ToArray());
    }

    [Fact]
    public void HandExample_GivesHandComputedCountsAndMetrics()
    {
        var (actual, predicted) = HandExample();
        var cm = ConfusionMatrix.From(actual, predicted);

        Assert.Equal(3, cm.Classes);
        Assert.Equal(new int[,] { { 5, 1, 0 }, { 2, 3, 1 }, { 0, 2, 6 } }, cm.ToArray());
        Assert.Equal(20, cm.Total);
        Assert.Equal(14, cm.Correct);
        Assert.Equal(0.7, cm.Accuracy, 12);
        Assert.Equal(0.7, ClassificationMetrics.Accuracy(actual, predicted), 12);

        Assert.Equal([5, 3, 6], Enumerable.Range(0, 3).Select(cm.TruePositives));
        Assert.Equal([2, 3, 1], Enumerable.Range(0, 3).Select(cm.FalsePositives));
        Assert.Equal([1, 3, 2], Enumerable.Range(0, 3).Select(cm.FalseNegatives));
        Assert.Equal([12, 11, 11], Enumerable.Range(0, 3).Select(cm.TrueNegatives));
        Assert.Equal([6, 6, 8], Enumerable.Range(0, 3).Select(cm.Support));

        AssertClose([5.0 / 7, 0.5, 6.0 / 7], cm.Precisions);
        AssertClose([5.0 / 6, 0.5, 0.75], cm.Recalls);
        AssertClose([10.0 / 13, 0.5, 0.8], cm.F1Scores);
        Assert.Equal(29.0 / 42, cm.MacroPrecision, 12);
        Assert.Equal(25.0 / 36, cm.MacroRecall, 12);
        Assert.Equal(269.0 / 390, cm.MacroF1, 12);
        Assert.Equal(182.2 / 260, cm.WeightedF1, 12);
        Assert.Equal(0.690476, cm.MacroPrecision, 6);
        Assert.Equal(0.689744, cm.MacroF1, 6);
    }

    private static void AssertClose(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 12);
    }

    [Fact]
    public void ToString_IsATableWithClassNames()
    {
        var (actual, predicted) = HandExample();
        var cm = ConfusionMatrix.From(actual, predicted, classNames: ["cat", "dog", "bird"]);
        string expected =
            "actual \\ predicted  cat  dog  bird\n" +
            "               cat    5    1     0\n" +
            "               dog    2    3     1\n" +
            "              bird    0    2     6\n";
        Assert.Equal(expected, cm.ToString());
    }

    [Fact]
    public void Report_ListsPerClassAndAveragedMetrics()
    {
        var (actual, predicted) = HandExample();
        string report = ConfusionMatrix.From(actual, predicted).Report();
        var lines = report.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(7, lines.Length);
        string[] Cells(int line) => lines[line].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["precision", "recall", "f1-score", "support"], Cells(0));
        Assert.Equal(["0", "0.7143", "0.8333", "0.7692", "6"], Cells(1));
        Assert.Equal(["1", "0.5000", "0.5000", "0.5000", "6"], Cells(2));
        Assert.Equal(["2", "0.8571", "0.7500", "0.8000", "8"], Cells(3));
        Assert.Equal(["accuracy", "0.7000", "20"], Cells(4));
        Assert.Equal(["macro", "avg", "0.6905", "0.6944", "0.6897", "20"], Cells(5));
        // weighted precision = (6·5/7 + 6·1/2 + 8·6/7)/20 ≈ 0.7071; weighted recall = accuracy
        Assert.Equal(["weighted", "avg", "0.7071", "0.7000", "0.7008", "20"], Cells(6));
        // The numbers line up under their headers.
        Assert.Equal(lines[0].IndexOf("support") + "support".Length, lines[1].Length);
    }

    [Fact]
    public void ClassNeverPredicted_HasZeroPrecision_NotNaN()
    {
        // Class 2 is present (twice) but never predicted; class 1 is never present but predicted once.
        var cm = ConfusionMatrix.From([0, 0, 2, 2], [0, 1, 0, 0], classes: 3);
        Assert.Equal(0.0, cm.Precision(2));
        Assert.Equal(0.0, cm.Recall(2));
        Assert.Equal(0.0, cm.F1(2));
        Assert.Equal(0.0, cm.Recall(1));
        Assert.Equal(0.0, cm.Precision(1));
        Assert.Equal(1.0 / 3, cm.Precision(0), 14); // of the 3 samples predicted 0, one is 0
        Assert.Equal(0.5, cm.Recall(0));            // of the 2 samples of class 0, one was found
        Assert.Equal(0.0, cm.Support(1));
    }

    [Fact]
    public void FromScores_UsesArgMaxPerRow_AndThresholdForOneColumn()
    {
        var scores = Tensor<double>.FromDoubles([0.1, 2.0, -1, 3, 0, 0, 0.2, 0.1, 0.9], 3, 3);
        var targets = Tensor<double>.FromDoubles([1, 0, 1], 3);
        var cm = ConfusionMatrix.From(scores, targets);
        Assert.Equal(new int[,] { { 1, 0, 0 }, { 0, 1, 1 }, { 0, 0, 0 } }, cm.ToArray());
        Assert.Equal(2.0 / 3, ClassificationMetrics.Accuracy(scores, targets), 12);

        var probabilities = Tensor<double>.FromDoubles([0.2, 0.7, 0.51, 0.49], 4, 1);
        var binary = ConfusionMatrix.From(probabilities, Tensor<double>.FromDoubles([0, 1, 0, 1], 4));
        Assert.Equal(new int[,] { { 1, 1 }, { 1, 1 } }, binary.ToArray());
    }

    [Fact]
    public void NormalizedByRow_GivesFractionsOfEachActualClass()
    {
        var (actual, predicted) = HandExample();
        var n = ConfusionMatrix.From(actual, predicted).NormalizedByRow();
        Assert.Equal(5.0 / 6, n[0, 0], 12);
        Assert.Equal(2.0 / 8, n[2, 1], 12);
        for (int a = 0; a < 3; a++) Assert.Equal(1.0, n[a, 0] + n[a, 1] + n[a, 2], 12);
    }

    [Fact]
    public void BadInput_ThrowsWithTheProblem()
    {
        Assert.Contains("3 actual labels but 2 predicted", Assert.Throws<ArgumentException>(() => ConfusionMatrix.From([0, 1, 1], [0, 1])).Message);
        Assert.Contains("Class 3 is outside 0 … 2", Assert.Throws<ArgumentOutOfRangeException>(() => ConfusionMatrix.From([0, 3], [0, 1], classes: 3)).Message);
        Assert.Throws<ArgumentException>(() => ConfusionMatrix.From([0], [0], classNames: ["a", "b"], classes: 3));
    }
}
