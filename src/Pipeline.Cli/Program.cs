using Pipeline.Cli;

// The fingerprint fast path skips building the command tree (see FingerprintFastPath); everything else is parsed.
if (FingerprintFastPath.Matches(args))
{
    return FingerprintFastPath.Run(args[2], Console.Out, Console.Error);
}

return await CliApp.RunAsync(args);
