using Tutorial.Cli.Commands;

return await TutorialCommandLine.InvokeAsync(args);
