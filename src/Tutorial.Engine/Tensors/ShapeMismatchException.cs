namespace Tutorial.Engine.Tensors;

/// <summary>A tensor of the wrong shape reached a layer, loss or kernel; the message names both shapes.</summary>
public sealed class ShapeMismatchException(string message) : ArgumentException(message);
