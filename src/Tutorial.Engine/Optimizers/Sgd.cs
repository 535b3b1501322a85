using System.Numerics;
using Tutorial.Engine.Kernels;
using Tutorial.Engine.Layers;

namespace Tutorial.Engine.Optimizers;

/// <summary>
/// Stochastic gradient descent: θ ← θ − η·g.
/// </summary>
public sealed class Sgd<T> : Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public Sgd(IEnumerable<Parameter<T>> parameters, double learningRate) : base(parameters, learningRate) { }

    protected override void Update(Parameter<T> parameter, int index) =>
        Elementwise.AddScaled<T>(parameter.Grad.Span, T.CreateChecked(-LearningRate), parameter.Value.Span);

    public override string ToString() => $"Sgd(lr: {LearningRate})";
}
