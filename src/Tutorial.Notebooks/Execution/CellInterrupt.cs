namespace Tutorial.Notebooks.Execution;

/// <summary>
/// Cooperative interruption of a running cell (Jupyter's "Interrupt kernel"). A .NET thread cannot
/// be stopped from outside, so <see cref="InterruptibleCode"/> rewrites each cell to call
/// <see cref="Check"/> at every loop iteration and at the start of every method, local function and
/// block lambda the cell declares; once <see cref="Request"/> was called, <see cref="Check"/> throws
/// <see cref="CellInterruptedException"/> and the cell ends with that error while the session keeps
/// its state. Code that never reaches such a point (a single long library call, <c>Thread.Sleep</c>)
/// finishes before the interrupt takes effect.
/// <para>
/// The scope flows with the cell's execution context (an <see cref="AsyncLocal{T}"/>), so an
/// interrupt stops only the cell it was meant for, also in tasks and threads that cell started. The
/// check costs one static volatile read while no interrupt is pending anywhere in the process.
/// </para>
/// </summary>
public sealed class CellInterrupt
{
    private static readonly AsyncLocal<CellInterrupt?> CurrentScope = new();
    private static volatile int _pending;
    private int _requested;

    /// <summary>True once <see cref="Request"/> was called.</summary>
    public bool IsRequested => Volatile.Read(ref _requested) != 0;

    /// <summary>Makes this scope the current one for the calling execution context (and what it starts).</summary>
    public IDisposable Enter()
    {
        var previous = CurrentScope.Value;
        CurrentScope.Value = this;
        return new Exit(this, previous);
    }

    /// <summary>Asks the cell running in this scope to stop at its next check. Safe from any thread.</summary>
    public void Request()
    {
        if (Interlocked.Exchange(ref _requested, 1) == 0) Interlocked.Increment(ref _pending);
    }

    /// <summary>Throws <see cref="CellInterruptedException"/> when the current cell was asked to stop.
    /// Called by instrumented cell code; cheap enough for an inner loop.</summary>
    public static void Check()
    {
        if (_pending != 0) CheckSlow();
    }

    private static void CheckSlow()
    {
        if (CurrentScope.Value is { IsRequested: true }) throw new CellInterruptedException();
    }

    private sealed class Exit(CellInterrupt scope, CellInterrupt? previous) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 1) return;
            CurrentScope.Value = previous;
            // A pending request ends with its scope, so later cells run undisturbed.
            if (Interlocked.Exchange(ref scope._requested, 0) == 1) Interlocked.Decrement(ref _pending);
        }
    }
}

/// <summary>Thrown inside a cell that was interrupted (Jupyter: Kernel → Interrupt).</summary>
public sealed class CellInterruptedException() : OperationCanceledException("The cell was interrupted.");
