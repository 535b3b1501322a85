namespace Tutorial.Notebooks.Exercises;

/// <summary>
/// A solution notebook that cannot be turned into a learner version (unbalanced or misplaced solution
/// markers, a learner version that would not compile); the message names the notebook, the cell and the line.
/// </summary>
public sealed class ExerciseFormatException(string message) : Exception(message);
