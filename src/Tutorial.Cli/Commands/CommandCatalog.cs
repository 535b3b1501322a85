using System.CommandLine;

namespace Tutorial.Cli.Commands;

/// <summary>Every subcommand of <c>tutorial</c>, one file each in this folder.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> Create() =>
    [
        RunCommand.Create(),
        BookCommand.Create(),
        TrainCommand.Create(),
        ExercisesCommand.Create(),
        GradeCommand.Create(),
        KernelCommand.Create(),
        ExportCommand.Create(),
    ];
}
