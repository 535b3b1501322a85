using System.CommandLine;
using Tutorial.Cli.Commands;

namespace Tutorial.Cli.Tests.Commands;

/// <summary>
/// Tests that capture the console run one at a time (Console.SetOut is process-wide), not in parallel
/// with any other test.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCollection
{
    public const string Name = "console";
}

/// <summary>Runs <c>tutorial</c> commands in-process and captures what they print.</summary>
internal static class CliHarness
{
    public static async Task<(int Exit, string Out)> RunAsync(params string[] args)
    {
        var root = new RootCommand();
        foreach (var command in CommandCatalog.Create()) root.Subcommands.Add(command);
        var writer = new StringWriter();
        var original = Console.Out;
        Console.SetOut(writer);
        try
        {
            int exit = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = writer, Error = writer });
            return (exit, writer.ToString());
        }
        finally
        {
            Console.SetOut(original);
        }
    }

    /// <summary>The solution notebook of the exercise fixture (three checks, four points).</summary>
    public static string FixtureSolution => Path.Combine(AppContext.BaseDirectory, "Commands", "Fixtures", "derivatives.solution.ipynb");

    /// <summary>The fields of each line of an RFC 4180 CSV text (quoted fields may hold commas, quotes and line breaks).</summary>
    public static List<string[]> ReadCsv(string text)
    {
        var rows = new List<string[]>();
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        bool quoted = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(field.ToString()); field.Clear(); }
            else if (c == '\n')
            {
                fields.Add(field.ToString());
                field.Clear();
                rows.Add([.. fields]);
                fields.Clear();
            }
            else field.Append(c);
        }
        return rows;
    }
}
