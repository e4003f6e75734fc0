using System.Globalization;
using System.Text.Json.Nodes;
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
        Git("commit", "-q", "-m", message);
    }

    /// <summary>The lineage-v1 fingerprint of a lineage that differs only by seed (one per version).</summary>
    public string Lineage(int seed)
    {
        Write($"lineage/seed-{seed}.json", $$"""{"data_version": "dvc:abc", "code_commit": "0123456789abcdef0123456789abcdef01234567", "config": {"lr": 0.001}, "base_model": "llama", "seed": {{seed}}}""");
        return JsonNode.Parse(Cli("fingerprint", "--lineage", $"lineage/seed-{seed}.json", "--json"))!["fingerprint"]!.GetValue<string>();
    }

    /// <summary>An eval result file about <paramref name="evaluated"/> on the gate's suite; returns its path in the repo.</summary>
    public string Eval(string name, string evaluated, double score)
    {
        var path = $"evals/{name}.json";
        var value = score.ToString("R", CultureInfo.InvariantCulture);
        Write(path, $$$"""{"suite": {"name": "mmlu", "fingerprint": "mmlu@abcd"}, "evaluated": "{{{evaluated}}}", "scores": {"mmlu": {{{value}}}}}""");
        return path;
    }

    /// <summary>Registers a version through the CLI (a registry commit and the model@version tag).</summary>
    public void Register(string model, string version, int seed, params string[] evals)
    {
        Lineage(seed);
        Commit($"lineage and evals for {version}");
        Cli(["register", model, "--version", version, "--lineage", $"lineage/seed-{seed}.json", .. evals.SelectMany(e => new[] { "--eval", e }), "--json"]);
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
