namespace Pipeline.Cli.Tests.FingerprintVerb;

/// <summary>A first run with nothing configured names every missing lineage source at once, with its option and key.</summary>
public sealed class MissingSourcesTests : IDisposable
{
    private readonly TempGitRepo _repo = new();

    public MissingSourcesTests() => _repo.Commit("code", ("train.py", "print('x')\n"));

    public void Dispose() => _repo.Dispose();

    [Theory]
    [InlineData("fingerprint")]
    [InlineData("register", "m")]
    public void Every_missing_source_in_one_diagnostic(params string[] verb)
    {
        var result = CliRunner.Run([.. verb, "--repo", _repo.Root]);

        Assert.Equal(2, result.ExitCode);
        var errors = result.Stderr.Split('\n').Where(l => l.Contains("error PIPE", StringComparison.Ordinal)).ToList();
        var error = Assert.Single(errors);
        Assert.Contains("PIPE2200", error);
        foreach (var (flag, key) in new[]
                 {
                     ("--dvc-lock", "lineage.dvc_lock"), ("--data-version", "lineage.data_version"), ("--config", "lineage.config"),
                     ("--base-model", "lineage.base_model"), ("--seed", "lineage.seed"),
                 })
        {
            Assert.Contains(flag, error);
            Assert.Contains(key, error);
        }
    }

    [Fact]
    public void Only_the_missing_ones_are_named()
    {
        _repo.Commit("defaults", ("pipeline.yaml", "lineage:\n  data_version: mix-v1\n  seed: 3\n"));

        var result = CliRunner.Run("fingerprint", "--repo", _repo.Root, "--json");

        Assert.Equal(2, result.ExitCode);
        var message = result.Json.GetProperty("error").GetProperty("message").GetString()!;
        Assert.Contains("2 lineage source(s) missing", message);
        Assert.Contains("lineage.config", message);
        Assert.Contains("lineage.base_model", message);
        Assert.DoesNotContain("lineage.seed", message);
        Assert.DoesNotContain("lineage.dvc_lock", message);
    }
}
