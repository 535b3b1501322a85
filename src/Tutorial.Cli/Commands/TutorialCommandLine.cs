using System.CommandLine;

namespace Tutorial.Cli.Commands;

/// <summary>
/// Builds the <c>tutorial</c> command and runs it. Parse errors (an unknown model, a negative <c>--epochs</c>,
/// a value that is not a number, …) are printed with a hint and give exit code 2, the usual code for bad
/// usage; commands return 0 on success and 1 when their work failed.
/// </summary>
internal static class TutorialCommandLine
{
    /// <summary>The exit code for bad arguments.</summary>
    public const int UsageError = 2;

    /// <summary>The root command with every subcommand of <see cref="CommandCatalog"/>.</summary>
    public static RootCommand Create()
    {
        var root = new RootCommand("tutorial: the deep-learning tutorial kit's command line.");
        foreach (var command in CommandCatalog.Create()) root.Subcommands.Add(command);
        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>; output and errors go to the given writers (the console by default).</summary>
    public static async Task<int> InvokeAsync(string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        var root = Create();
        var parse = root.Parse(args);
        var config = new InvocationConfiguration { Output = output ?? Console.Out, Error = error ?? Console.Error };
        if (parse.Errors.Count > 0)
        {
            foreach (var e in parse.Errors) config.Error.WriteLine($"tutorial: {e.Message}");
            string command = parse.CommandResult.Command is RootCommand ? "tutorial" : $"tutorial {parse.CommandResult.Command.Name}";
            config.Error.WriteLine($"Run '{command} --help' for usage.");
            return UsageError;
        }
        return await parse.InvokeAsync(config);
    }
}
