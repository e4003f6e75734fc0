namespace Pipeline.Tasks.Cli;

/// <summary>
/// <c>PIPELINE_TASKS_CLI_LOG=FILE</c>: every CLI process a task starts appends one line (its arguments) to FILE. The
/// package tests and bench/msbuild count the lines to prove that a no-op build starts no CLI and that a multi-targeted,
/// multi-project build starts it once. Unset, it costs one environment lookup per start.
/// </summary>
internal static class StartLog
{
    public const string Variable = "PIPELINE_TASKS_CLI_LOG";

    public static void Append(CliLocation location, IReadOnlyList<string> arguments)
    {
        if (Environment.GetEnvironmentVariable(Variable) is not { Length: > 0 } file)
        {
            return;
        }

        var line = string.Join(" ", location.Prefix.Concat(arguments).Prepend(location.FileName)) + Environment.NewLine;
        // Parallel nodes append to the same file: retry a write that collides with another node's.
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                File.AppendAllText(file, line);
                return;
            }
            catch (IOException) when (attempt < 20)
            {
                Thread.Sleep(10);
            }
        }
    }
}
