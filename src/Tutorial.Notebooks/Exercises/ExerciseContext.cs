using System.Runtime.CompilerServices;
using System.Text;
using Tutorial.Notebooks.Execution;

namespace Tutorial.Notebooks.Exercises;

/// <summary>
/// What checks keep per notebook session: the scoreboard, the time limit for a learner's code and
/// a counter for display ids. Found through <see cref="ScriptSession.Current"/>; outside a notebook
/// one context serves the whole process.
/// </summary>
internal sealed class ExerciseContext
{
    private static readonly ConditionalWeakTable<ScriptSession, ExerciseContext> PerSession = new();
    private static readonly ExerciseContext Process = new(null);
    private static readonly object LogGate = new();
    private readonly ScriptSession? _session;
    private int _displays;

    private ExerciseContext(ScriptSession? session) => _session = session;

    /// <summary>The running session's context.</summary>
    public static ExerciseContext Current =>
        ScriptSession.Current is { } session ? PerSession.GetValue(session, s => new ExerciseContext(s)) : Process;

    public Scoreboard Scoreboard { get; } = new();

    /// <summary>How long a check waits for the learner's code before failing it (default 30 s).</summary>
    public TimeSpan TimeLimit { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Records <paramref name="result"/>, shows it in the running cell (or on the console outside a notebook) and appends it to the check log.</summary>
    public void Publish(CheckResult result)
    {
        Scoreboard.Record(result);
        var sink = _session?.CurrentSink;
        if (sink is not null)
            sink.Display(CheckView.Bundle(result), $"{_session!.SessionId}-check-{Interlocked.Increment(ref _displays)}");
        else
            Console.WriteLine(result.ToString());
        if (Environment.GetEnvironmentVariable(CheckMarker.LogVariable) is { Length: > 0 } log)
        {
            try
            {
                lock (LogGate) File.AppendAllText(log, CheckMarker.ToJson(result).ToJsonString() + "\n", new UTF8Encoding(false));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The log is a fallback for the grader; the notebook output already holds the result.
            }
        }
    }

    /// <summary>Shows a scoreboard (HTML and text) in the running cell.</summary>
    public void Show(Display.MimeBundle bundle, string text)
    {
        var sink = _session?.CurrentSink;
        if (sink is not null) sink.Display(bundle, $"{_session!.SessionId}-check-{Interlocked.Increment(ref _displays)}");
        else Console.WriteLine(text);
    }
}
