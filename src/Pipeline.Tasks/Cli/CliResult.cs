namespace Pipeline.Tasks.Cli;

/// <summary>What one CLI call left behind: its exit code and everything it printed.</summary>
internal sealed record CliResult(int ExitCode, string StandardOutput, string StandardError, bool TimedOut);
