using Tutorial.Models.Recipes;

namespace Tutorial.Models;

/// <summary>
/// The named models of the kit, in one place: <c>tutorial train NAME</c>, the notebooks and the end-to-end tests
/// all take their models from here.
/// <code>
/// var recipe = ModelZoo.Get("cnn-mnist");
/// var run = recipe.Train(recipe.Defaults);            // or recipe.Settings(epochs: 2)
/// Console.WriteLine(run.Evaluation.Classification!.Accuracy);
/// </code>
/// </summary>
public static class ModelZoo
{
    /// <summary>Every recipe, in the order <c>tutorial train --help</c> lists them.</summary>
    public static IReadOnlyList<ModelRecipe> All { get; } =
    [
        new MlpDigits(),
        new CnnMnist(),
        new CnnFashion(),
        new LstmText(),
        new RnnSunspots(),
        new MlpIris(),
    ];

    /// <summary>The names, e.g. <c>mlp-digits</c>, <c>cnn-mnist</c>.</summary>
    public static IReadOnlyList<string> Names { get; } = All.Select(r => r.Name).ToArray();

    /// <summary>The recipe called <paramref name="name"/> (case-insensitive), or null.</summary>
    public static ModelRecipe? Find(string? name) =>
        name is null ? null : All.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The recipe called <paramref name="name"/>; throws an <see cref="ArgumentException"/> listing the valid names otherwise.</summary>
    public static ModelRecipe Get(string name) =>
        Find(name) ?? throw new ArgumentException($"Unknown model '{name}'. Valid models: {string.Join(", ", Names)}.", nameof(name));
}
