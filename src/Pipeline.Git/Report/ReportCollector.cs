using LibGit2Sharp;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Registry;
using Pipeline.Core.Report;
using Pipeline.Core.Tracking;
using Pipeline.Git.Registry;

namespace Pipeline.Git.Report;

/// <summary>
/// Reads what a report shows: every model's versions, aliases and history from the registry (tags, records at the
/// commits their tags name, decision logs on the registry branch), and the run ledger — from the working tree, or
/// from a commit when <c>--rev</c> is given (extracted to a temporary folder that the caller disposes).
/// </summary>
public sealed class ReportCollector : IDisposable
{
    private string? _extracted;

    public ReportInput Collect(RegistryStore store, string? rev, MetricNames names)
    {
        var models = new List<ModelReport>();
        foreach (var name in store.Models())
        {
            var state = store.State(name, withMessages: true);
            var versions = state.Versions
                .Select(v => new VersionReport(v.Version, store.Record(name, v.Version, state), state.IsDeprecated(v.Version), v.Tag.TargetCommit))
                .ToArray();
            var history = RegistryHistory.Of(state, store.Decisions(name).Holds);
            models.Add(new ModelReport(name, versions, state.Aliases, history));
        }

        var ledgerFolder = Path.Combine(store.RepoPath, store.RegistryDir, RunLedger.RunsFolderName);
        string source;
        if (rev is null)
        {
            source = "working tree of " + Path.GetFileName(store.RepoPath.TrimEnd('/', '\\'));
        }
        else
        {
            var (folder, commit) = Extract(store, rev);
            ledgerFolder = folder;
            source = $"{rev} @ {commit[..12]}";
        }

        var ledger = new RunLedger(ledgerFolder) { DisplayFolder = store.RegistryDir + "/" + RunLedger.RunsFolderName };
        var runs = ledger.Ids().Select(id =>
        {
            var run = ledger.Read(id);
            return new RunReport(run, () => ledger.Series(id).Read());
        }).ToArray();
        return new ReportInput(source, DateTimeOffset.UtcNow, models, runs) { MetricNames = names };
    }

    public void Dispose()
    {
        if (_extracted is not null && Directory.Exists(_extracted))
        {
            Directory.Delete(_extracted, recursive: true);
        }
    }

    /// <summary>The ledger folder's files at <paramref name="rev"/>, written to a temporary folder.</summary>
    private (string Folder, string Commit) Extract(RegistryStore store, string rev)
    {
        using var repo = new Repository(store.GitDir);
        var commit = repo.Lookup<Commit>(rev)
            ?? throw new PipelineException(PipeCodes.RevisionUnknown, $"--rev '{rev}' names no commit in {store.RepoPath}",
            hint: "Give a branch, tag or commit that exists locally (git fetch it first).");
        _extracted = Path.Combine(Path.GetTempPath(), "pipeline-report-" + Guid.NewGuid().ToString("N")[..12]);
        var folder = Path.Combine(_extracted, "runs");
        Directory.CreateDirectory(folder);
        if (commit[$"{store.RegistryDir}/{RunLedger.RunsFolderName}"]?.Target is Tree tree)
        {
            foreach (var entry in tree)
            {
                // Only the ledger's own flat files: a name with a separator or a non-blob entry is not a run file.
                if (entry.Target is Blob blob && entry.Mode == Mode.NonExecutableFile && entry.Name.IndexOfAny(['/', '\\']) < 0)
                {
                    using var content = blob.GetContentStream();
                    using var file = File.Create(Path.Combine(folder, entry.Name));
                    content.CopyTo(file);
                }
            }
        }

        return (folder, commit.Sha);
    }
}
