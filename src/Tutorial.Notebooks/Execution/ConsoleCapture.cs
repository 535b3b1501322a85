using System.Text;
using Tutorial.Notebooks.Display;

namespace Tutorial.Notebooks.Execution;

/// <summary>
/// Routes <see cref="Console.Out"/> and <see cref="Console.Error"/> to the running cell's sink, so
/// <c>Console.WriteLine</c> in a cell becomes a Jupyter stream output. Outside a cell, text goes to
/// the process's original streams.
/// </summary>
internal static class ConsoleCapture
{
    private static readonly object Gate = new();
    private static TextWriter? _originalOut, _originalError;
    private static readonly AsyncLocal<IOutputSink?> Current = new();

    public static void Install()
    {
        lock (Gate)
        {
            if (_originalOut is not null) return;
            _originalOut = Console.Out;
            _originalError = Console.Error;
            Console.SetOut(new SinkWriter("stdout", _originalOut));
            Console.SetError(new SinkWriter("stderr", _originalError));
        }
    }

    /// <summary>Sends console text to <paramref name="sink"/> until the returned scope is disposed.</summary>
    public static IDisposable RouteTo(IOutputSink sink)
    {
        var previous = Current.Value;
        Current.Value = sink;
        return new Scope(() => Current.Value = previous);
    }

    private sealed class Scope(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }

    private sealed class SinkWriter(string name, TextWriter fallback) : TextWriter
    {
        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value) => Write(value.ToString());

        public override void Write(string? value)
        {
            if (string.IsNullOrEmpty(value)) return;
            var sink = Current.Value;
            if (sink is null) fallback.Write(value);
            else sink.Stream(name, value);
        }

        public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

        public override void WriteLine(string? value) => Write((value ?? "") + "\n");

        public override void WriteLine() => Write("\n");

        public override void Flush()
        {
            if (Current.Value is null) fallback.Flush();
        }
    }
}
