using System.CommandLine;

namespace Pipeline.Cli.Commands.Runs;

/// <summary><c>pipeline runs …</c>: the run ledger (registry/runs/): ingest, list, show, compare, attach, tag, note, delete, commit, prune.</summary>
internal static class RunsCommand
{
    public static Command Build(CliConsole console) =>
        new(
            "runs",
            "The run ledger: ingest runs (JSONL, DVCLive, MLflow), list, show, compare, attach evals/artifacts/lineage, tag, note, delete, commit, " +
            "prune.")
    {
        RunsIngestCommand.Build(console),
        RunsListCommand.Build(console),
        RunsShowCommand.Build(console),
        RunsCompareCommand.Build(console),
        RunsAttachCommand.Build(console),
        RunsTagCommand.Build(console),
        RunsNoteCommand.Build(console),
        RunsDeleteCommand.Build(console),
        RunsCommitCommand.Build(console),
        RunsPruneCommand.Build(console),
        RunsLogDemoCommand.Build(console),
    };
}
