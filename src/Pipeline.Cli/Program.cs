using Pipeline.Cli;

// The fingerprint fast path skips building the command tree (see FingerprintFastPath); everything else is parsed.
if (FingerprintFastPath.Matches(args))
{
    return FingerprintFastPath.Run(args[2], Console.Out, Console.Error);
}

// Verbs that print one bulk listing (thousands of lines) write it through one buffered writer: Console.Out flushes on
// every write, one system call per line. Every other verb keeps the flushing Console.Out so progress shows as it goes.
if (BulkOutput.Matches(args))
{
    using var stdout = BulkOutput.Open();
    return await CliApp.RunAsync(args, stdout);
}

return await CliApp.RunAsync(args);
