using System.Globalization;
using Pipeline.Core.Evals;
using Pipeline.Core.Tracking;

namespace Pipeline.GitHub.Tests.Harness;

/// <summary>
/// A real git repository in a temp folder whose registry is written by the real CLI (fingerprint, register, assign),
/// plus run records in registry/runs/ written by the ledger's own writer: what a workflow's checkout would hold.
/// </summary>
internal sealed class RegistryRepo : IDisposable
{
    public static readonly Suite Mmlu = new("mmlu", "mmlu@abcd");

    // The registry's own commits and tags (LibGit2Sharp) take the identity from the repository's config.
    private readonly TempGitRepo repo = new(prefix: "pipeline-registry-action-");

    public string Root => repo.Root;

    public void Write(string path, string text)
    {
        var full = Path.Combine(Root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }

    public void Commit(string message)
    {
        Git("add", "-A");
        Git("commit", "-q", "--allow-empty", "-m", message);
    }

    private string? trained;

    /// <summary>
    /// The lineage-v1 fingerprint of a lineage built from this repository's sources at one training commit, differing
    /// only by seed (one per version): a version registered from its sources re-verifies, so it may be promoted.
    /// </summary>
    public string Lineage(int seed) => ReviewedLineage.For(repo, $"seed-{seed}", rev: Trained()).Fingerprint;

    /// <summary>An eval result file about <paramref name="evaluated"/> on the gate's suite; returns its path in the repo.</summary>
    public string Eval(string name, string evaluated, double score)
    {
        var path = $"evals/{name}.json";
        var value = score.ToString("R", CultureInfo.InvariantCulture);
        Write(
            path,
            $$$"""{"suite": {"name": "mmlu", "fingerprint": "mmlu@abcd"}, "evaluated": "{{{evaluated}}}", "scores": {"mmlu": {{{value}}}}}""");
        return path;
    }

    /// <summary>Registers a version through the CLI (a registry commit and the model@version tag).</summary>
    public void Register(string model, string version, int seed, params string[] evals)
    {
        Lineage(seed);
        Commit($"evals for {version}");
        var weights = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"weights-{seed}")));
        Cli(["register", model, "--version", version, .. ReviewedLineage.RegisterArgs($"seed-{seed}", Trained()),
            .. evals.SelectMany(e => new[] { "--eval", e }),
            "--artifact", $"s3://bucket/{model}-{seed}.safetensors", "--artifact-sha256", weights, "--json"]);
    }

    /// <summary>register's options that build the seed's lineage from the repository's sources (see <see cref="Lineage"/>).</summary>
    public string[] SourceArgs(int seed) => ReviewedLineage.RegisterArgs($"seed-{seed}", Trained());

    /// <summary>The commit every version was trained at (params.yaml and dvc.lock committed on first use).</summary>
    private string Trained()
    {
        if (trained is null)
        {
            ReviewedLineage.EnsureSources(repo);
            trained = repo.Head;
        }

        return trained;
    }

    public void Assign(string model, string version, string alias) => Cli("assign", model, "--version", version, "--alias", alias, "--json");

    /// <summary>A finished run in registry/runs/ with the given fingerprint, eval results and metric series.</summary>
    public string AddRun(string id, int minute, string fingerprint, IReadOnlyDictionary<string, double[]> series, params EvalResult[] evals)
    {
        var runs = Path.Combine(Root, "registry", "runs");
        Directory.CreateDirectory(runs);
        var run = new RunRecord
        {
            Id = id,
            Name = id,
            Status = RunStatus.Finished,
            Start = new DateTimeOffset(2026, 11, 1, 9, minute, 0, TimeSpan.Zero),
            Fingerprint = fingerprint,
            Evals = evals,
            SeriesPoints = series.Sum(s => s.Value.Length),
        };
        File.WriteAllBytes(Path.Combine(runs, id + ".json"), RunRecordWriter.ToUtf8(run));
        using var writer = new SeriesWriter(Path.Combine(runs, id + RunLedger.SeriesSuffix));
        foreach (var (key, values) in series)
        {
            for (var step = 0; step < values.Length; step++)
            {
                writer.Write(key, step, 1.7e9 + step, values[step]);
            }
        }

        return id;
    }

    public string Cli(params string[] args) => CliProcess.Succeed(Root, args);

    public string Git(params string[] args) => repo.Git(args).Trim();

    public void Dispose() => repo.Dispose();
}
