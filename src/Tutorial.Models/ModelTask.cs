namespace Tutorial.Models;

/// <summary>What a recipe's model does, which decides how it is evaluated.</summary>
public enum ModelTask
{
    /// <summary>Predicts one of K classes: accuracy, per-class precision/recall/F1, confusion matrix.</summary>
    Classification,

    /// <summary>Predicts a number: MSE, RMSE, MAE, R², compared with a naive baseline.</summary>
    Regression,

    /// <summary>Predicts the next character: cross-entropy against the uniform guess ln V, and sampled text.</summary>
    TextGeneration,
}
