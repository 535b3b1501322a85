using System.CommandLine;
using NetMQ;
using Tutorial.Kernel;
using Tutorial.Kernel.Install;

namespace Tutorial.Cli.Commands;

/// <summary>
/// <c>tutorial kernel install|uninstall|run</c>: the kit as a Jupyter kernel. <c>install</c> writes
/// the kernelspec (per user by default, or under <c>--prefix</c>), <c>run</c> is what Jupyter starts
/// with a connection file.
/// </summary>
internal static class KernelCommand
{
    public static Command Create()
    {
        var command = new Command("kernel", "Serve C# notebooks to Jupyter, JupyterLab and VS Code: install the kernelspec, remove it, or run the kernel.");
        command.Subcommands.Add(Install());
        command.Subcommands.Add(Uninstall());
        command.Subcommands.Add(Run());
        return command;
    }

    private static Option<bool> UserOption() => new("--user") { Description = "Use the per-user Jupyter data directory (the default)." };

    private static Option<string?> PrefixOption() => new("--prefix") { Description = "Use PREFIX/share/jupyter instead (a virtualenv, a conda environment, or a folder in JUPYTER_PATH)." };

    private static Option<string> NameOption() => new("--name") { Description = $"Kernelspec name (default {KernelSpec.DefaultName}, the name the chapters ask for).", DefaultValueFactory = _ => KernelSpec.DefaultName };

    private static string? DataDirectory(ParseResult parse, Option<bool> user, Option<string?> prefix, out string? problem)
    {
        problem = null;
        string? p = parse.GetValue(prefix);
        if (p is not null && parse.GetValue(user))
        {
            problem = "--user and --prefix exclude each other.";
            return null;
        }
        return p is null ? JupyterPaths.UserDataDirectory() : JupyterPaths.PrefixDataDirectory(p);
    }

    private static Command Install()
    {
        var user = UserOption();
        var prefix = PrefixOption();
        var name = NameOption();
        var display = new Option<string>("--display-name") { Description = "Name shown in Jupyter's kernel list.", DefaultValueFactory = _ => KernelSpec.DefaultDisplayName };
        var interrupt = new Option<string>("--interrupt-mode") { Description = "How Jupyter interrupts: 'message' (interrupt_request, default) or 'signal' (SIGINT).", DefaultValueFactory = _ => "message" };
        interrupt.AcceptOnlyFromAmong("message", "signal");
        var command = new Command("install", "Write the kernelspec so Jupyter can start this kit's C# kernel.") { user, prefix, name, display, interrupt };
        command.SetAction(parse =>
        {
            string? dataDir = DataDirectory(parse, user, prefix, out string? problem);
            if (dataDir is null)
            {
                Console.Error.WriteLine($"tutorial kernel install: {problem}");
                return 2;
            }
            string kernelName = parse.GetValue(name)!;
            if (!KernelSpec.IsValidName(kernelName))
            {
                Console.Error.WriteLine($"tutorial kernel install: '{kernelName}' is not a valid kernelspec name (letters, digits, '.', '_', '-').");
                return 2;
            }
            var launcher = KernelSpec.Launcher(typeof(KernelCommand).Assembly.Location);
            var json = KernelSpec.Create(launcher, parse.GetValue(display)!, parse.GetValue(interrupt)!);
            string folder = KernelSpec.Install(dataDir, json, kernelName, out string? replaced);
            if (replaced is not null) Console.WriteLine($"Replaced the earlier kernelspec {kernelName}: {replaced}");
            Console.WriteLine($"Installed the kernelspec '{kernelName}' in {folder}");
            Console.WriteLine($"  starts: {string.Join(' ', json["argv"]!.AsArray().Select(a => a!.GetValue<string>()))}");
            Console.WriteLine($"  log:    {KernelLog.DefaultPath} (or $TUTORIAL_KERNEL_LOG)");
            if (parse.GetValue(prefix) is { } p)
                Console.WriteLine($"  Jupyter finds it when {JupyterPaths.PrefixDataDirectory(p)} is in JUPYTER_PATH or {p} is its environment's prefix.");
            return 0;
        });
        return command;
    }

    private static Command Uninstall()
    {
        var user = UserOption();
        var prefix = PrefixOption();
        var name = NameOption();
        var force = new Option<bool>("--force") { Description = "Remove the kernelspec even if this kit did not write it." };
        var command = new Command("uninstall", "Remove the kernelspec written by 'tutorial kernel install'.") { user, prefix, name, force };
        command.SetAction(parse =>
        {
            string? dataDir = DataDirectory(parse, user, prefix, out string? problem);
            if (dataDir is null)
            {
                Console.Error.WriteLine($"tutorial kernel uninstall: {problem}");
                return 2;
            }
            var (removed, message) = KernelSpec.Uninstall(dataDir, parse.GetValue(name)!, parse.GetValue(force));
            Console.WriteLine(message);
            return removed ? 0 : 1;
        });
        return command;
    }

    private static Command Run()
    {
        var connection = new Option<string>("--connection-file", "-f") { Description = "The connection file Jupyter wrote (transport, ip, ports, key).", Required = true };
        var logFile = new Option<string?>("--log-file") { Description = $"Log file (default $TUTORIAL_KERNEL_LOG, else {KernelLog.DefaultPath})." };
        var command = new Command("run", "Run the kernel (Jupyter starts this; see kernel.json).") { connection, logFile };
        command.SetAction(parse =>
        {
            var log = new KernelLog(KernelLog.ResolvePath(parse.GetValue(logFile)));
            string file = Path.GetFullPath(parse.GetValue(connection)!);
            log.Info($"starting the kernel: pid {Environment.ProcessId}, .NET {Environment.Version}, connection file {file}, working directory {Directory.GetCurrentDirectory()}");
            ConnectionInfo info;
            try
            {
                info = ConnectionInfo.Load(file);
            }
            catch (InvalidDataException e)
            {
                log.Error(e.Message);
                return 2;
            }
            try
            {
                using (var kernel = new JupyterKernel(info, log))
                {
                    int code = kernel.Run();
                    log.Info($"kernel stopped (exit code {code})");
                    return code;
                }
            }
            catch (IOException e)
            {
                log.Error($"the kernel could not start: {e.Message}");
                return 1;
            }
            finally
            {
                NetMQConfig.Cleanup(block: false);
            }
        });
        return command;
    }
}
