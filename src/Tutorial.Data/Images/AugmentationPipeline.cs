using System.Numerics;
using Tutorial.Engine.Tensors;

namespace Tutorial.Data.Images;

/// <summary>
/// Several augmentations applied one after another to each image: y = f_k(… f_2(f_1(x))).
/// Each step draws its random numbers from the same generator, in the order the steps are listed.
/// Built by <see cref="Augmentation.Compose"/>.
/// </summary>
public sealed class AugmentationPipeline : Augmentation
{
    /// <summary>The steps, in the order they run.</summary>
    public IReadOnlyList<Augmentation> Steps { get; }

    /// <summary>Creates a pipeline of <paramref name="steps"/> (none: the identity).</summary>
    public AugmentationPipeline(IEnumerable<Augmentation> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        Steps = steps.ToArray();
        if (Steps.Any(s => s is null)) throw new ArgumentException("Compose: a step is null.", nameof(steps));
    }

    protected override Tensor<T> ApplyToImage<T>(Tensor<T> image, Rng rng)
    {
        var y = image;
        foreach (var step in Steps) y = step.Apply(y, rng);
        return ReferenceEquals(y, image) ? image.Clone() : y;
    }

    public override string ToString() => $"Compose({string.Join(", ", Steps)})";
}
