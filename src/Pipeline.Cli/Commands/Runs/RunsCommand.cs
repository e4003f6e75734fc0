using System.CommandLine;

namespace Pipeline.Cli.Commands.Runs;

/// <summary><c>pipeline runs …</c>: the run ledger (registry/runs/): ingest, list, show, compare, commit, prune.</summary>
internal static class RunsCommand
{
    public static Command Build(CliConsole console) => new("runs", "The run ledger: ingest runs (JSONL, DVCLive, MLflow), list, show, compare, commit, prune.")
    {
        RunsIngestCommand.Build(console),
        RunsListCommand.Build(console),
        RunsShowCommand.Build(console),
        RunsCompareCommand.Build(console),
        RunsCommitCommand.Build(console),
        RunsPruneCommand.Build(console),
        RunsLogDemoCommand.Build(console),
    };
}
