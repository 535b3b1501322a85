using System.CommandLine;
using Tutorial.Cli.Commands;

var root = new RootCommand("tutorial: the deep-learning tutorial kit's command line.");
foreach (var command in CommandCatalog.Create()) root.Subcommands.Add(command);
return await root.Parse(args).InvokeAsync();
