namespace Tutorial.Notebooks.Exercises.Grading;

/// <summary>One check of a graded notebook.</summary>
/// <param name="Id">The check's id.</param>
/// <param name="Points">The points it is worth (0 for a check the notebook did not declare).</param>
/// <param name="Earned">The points earned.</param>
/// <param name="Status"><c>passed</c>, <c>failed</c>, <c>not reached</c> or <c>undeclared</c> (ran, but is not among the declared checks, so it does not count).</param>
/// <param name="Message">Why: the check's own message, or why it was not reached.</param>
public sealed record CheckGrade(string Id, double Points, double Earned, string Status, string Message);

/// <summary>The grade of one notebook.</summary>
/// <param name="Notebook">The notebook's path as given.</param>
/// <param name="Status"><c>completed</c>, <c>errors</c> (some cells failed), <c>timed out</c>, <c>killed</c>,
/// <c>crashed</c> or <c>unreadable</c>.</param>
/// <param name="Message">The first error, or what happened to the process; empty when completed.</param>
/// <param name="Earned">Points earned over the declared checks.</param>
/// <param name="Possible">Points of all declared checks.</param>
/// <param name="Checks">One entry per declared check (in declaration order), then any undeclared ones.</param>
/// <param name="ElapsedSeconds">Wall time of the run.</param>
public sealed record NotebookGrade(string Notebook, string Status, string Message, double Earned, double Possible,
    IReadOnlyList<CheckGrade> Checks, double ElapsedSeconds)
{
    /// <summary>100·Earned/Possible (0 when nothing is possible).</summary>
    public double Percent => Possible > 0 ? 100 * Earned / Possible : 0;
}
