namespace Tutorial.Notebooks.Execution;

/// <summary>What running one cell gave: a value (when the cell ends in an expression), or an error.</summary>
public sealed record SubmissionResult
{
    /// <summary>True when the cell ended in an expression without a semicolon, whose value should be shown.</summary>
    public bool HasValue { get; init; }

    /// <summary>That value.</summary>
    public object? Value { get; init; }

    /// <summary>The error, if the cell failed: a compile error, an exception, a timeout or a bad directive.</summary>
    public CellError? Error { get; init; }

    /// <summary>Time the cell took.</summary>
    public TimeSpan Elapsed { get; init; }

    public bool Succeeded => Error is null;
}

/// <summary>
/// A failed cell, as Jupyter shows it: the error's name, its message and a readable traceback whose
/// lines name the cell and line (<c>cell 3, line 2</c>).
/// </summary>
public sealed record CellError(string Name, string Message, IReadOnlyList<string> Traceback);
