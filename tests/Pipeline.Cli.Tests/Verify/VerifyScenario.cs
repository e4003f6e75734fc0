using System.Text.Json.Nodes;

namespace Pipeline.Cli.Tests.Verify;

/// <summary>
/// A training repository with one training commit on main (params.yaml, dvc.lock, code) and a branch that adds a
/// version record: the shape of the pull request <c>pipeline verify</c> guards. Honest records are built from the
/// real `pipeline fingerprint --json` output, as `register` does.
/// </summary>
internal sealed class VerifyScenario : IDisposable
{
    public VerifyScenario()
    {
        TrainingCommit = TrainingRepository.Create(Repo);
    }

    public TempGitRepo Repo { get; } = new();

    public string TrainingCommit { get; }

    public string ArtifactSha => TrainingRepository.ArtifactSha;

    /// <summary>`pipeline fingerprint --json` from the repository's sources at <paramref name="rev"/>.</summary>
    public JsonObject Fingerprint(string? rev = null, string seed = "0", string[]? data = null)
    {
        var result = CliRunner.Run(TrainingRepository.FingerprintArgs(Repo.Root, rev ?? TrainingCommit, seed, data));
        Assert.True(result.ExitCode == 0, result.Stderr);
        return JsonNode.Parse(result.Stdout)!.AsObject();
    }

    /// <summary>A record as `register` writes it (indented, one field per line so findings can point at lines).</summary>
    public string HonestRecord(JsonObject? fingerprint = null, string? artifactSha = "default") =>
        Record(fingerprint ?? Fingerprint(), artifactSha == "default" ? ArtifactSha : artifactSha);

    public static string Record(JsonObject fingerprint, string? artifactSha, Action<JsonObject>? tamper = null, bool refingerprint = false) =>
        TrainingRepository.Record(fingerprint, artifactSha, tamper, refingerprint);

    public CliResult Verify(params string[] extra) => VerifyAgainst("main", extra);

    public CliResult VerifyAgainst(string baseRef, params string[] extra) =>
        CliRunner.Run(["verify", "--repo", Repo.Root, "--base", baseRef, "--no-fetch", "--json", .. extra]);

    public void Dispose() => Repo.Dispose();
}
