namespace Tutorial.Notebooks.Display;

/// <summary>
/// Where a running cell's outputs go: the headless runner collects them into the notebook, the
/// Jupyter kernel sends them over iopub as they happen.
/// </summary>
public interface IOutputSink
{
    /// <summary>Text written to standard output ("stdout") or standard error ("stderr").</summary>
    void Stream(string name, string text);

    /// <summary>A displayed value; <paramref name="displayId"/> lets a later <see cref="UpdateDisplay"/> replace it.</summary>
    void Display(MimeBundle data, string displayId);

    /// <summary>Replaces every earlier display with <paramref name="displayId"/>.</summary>
    void UpdateDisplay(MimeBundle data, string displayId);
}
