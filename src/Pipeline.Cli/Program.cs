using Pipeline.Cli;

return await CliApp.RunAsync(args);
