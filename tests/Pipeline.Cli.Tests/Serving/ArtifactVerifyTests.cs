namespace Pipeline.Cli.Tests.Serving;

/// <summary>pipeline artifact verify: downloaded bytes against the record, naming the first file that departs.</summary>
public sealed class ArtifactVerifyTests : IDisposable
{
    private readonly ServingRepo _repo = new();
    private readonly string _download = Directory.CreateTempSubdirectory("pipeline-download-").FullName;

    public void Dispose()
    {
        _repo.Dispose();
        TempFolder.Delete(_download);
    }

    /// <summary>A folder of three files, manifested and registered as a URI, assigned to production; returns a copy as "downloaded".</summary>
    private string RegisterFolder()
    {
        var weights = Path.Combine(_repo.Inputs, "adapter");
        Directory.CreateDirectory(Path.Combine(weights, "shards"));
        File.WriteAllText(Path.Combine(weights, "config.json"), "{}");
        File.WriteAllText(Path.Combine(weights, "shards", "a.safetensors"), "AAAA");
        File.WriteAllText(Path.Combine(weights, "shards", "b.safetensors"), "BBBB");
        Assert.Equal(0, CliRunner.Run("artifact", "manifest", weights).ExitCode);
        _repo.Register("--artifact", "s3://bucket/adapter/", "--artifact-manifest", Path.Combine(weights, "pipeline-manifest.json"));
        _repo.Ok("assign", "demo", "--version", "v0.0.1", "--alias", "production");
        var copy = Path.Combine(_download, "adapter");
        foreach (var f in Directory.EnumerateFiles(weights, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy, Path.GetRelativePath(weights, f));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(f, target);
        }

        return copy;
    }

    [Fact]
    public void A_faithful_download_passes_with_its_manifest_beside_it()
    {
        var copy = RegisterFolder();

        var r = _repo.Cli("artifact", "verify", "demo#production", copy, "--json");

        Assert.True(r.ExitCode == 0, r.Stderr);
        var doc = r.Json;
        Assert.True(doc.GetProperty("ok").GetBoolean());
        Assert.Equal(3, doc.GetProperty("files").GetInt32());
    }

    [Theory]
    [InlineData("differs", "shards/a.safetensors")]
    [InlineData("missing", "shards/a.safetensors")]
    [InlineData("extra", "shards/a0.bin")]
    [InlineData("same-size", "shards/b.safetensors")]
    public void The_first_file_that_differs_is_missing_or_is_extra_is_named(string change, string named)
    {
        var copy = RegisterFolder();
        switch (change)
        {
            case "differs": File.WriteAllText(Path.Combine(copy, "shards", "a.safetensors"), "AAAAA"); break;
            case "missing": File.Delete(Path.Combine(copy, "shards", "a.safetensors")); break;
            case "extra": File.WriteAllText(Path.Combine(copy, "shards", "a0.bin"), "?"); break;
            case "same-size": File.WriteAllText(Path.Combine(copy, "shards", "b.safetensors"), "BBBX"); break;
        }

        var r = _repo.Cli("artifact", "verify", "demo@v0.0.1", copy, "--json");

        Assert.Equal(1, r.ExitCode);
        var mismatch = r.Json.GetProperty("mismatch");
        Assert.Equal(named, mismatch.GetProperty("path").GetString());
        Assert.Equal(change == "same-size" ? "differs" : change, mismatch.GetProperty("difference").GetString());
        Assert.Contains($"error PIPE3713: {named}", r.Stderr);
    }

    [Fact]
    public void A_single_file_is_checked_by_its_sha256()
    {
        _repo.Write("out/model.bin", "weights");
        _repo.Register("--artifact", "out/model.bin");
        var good = Path.Combine(_download, "model.bin");
        File.WriteAllText(good, "weights");
        var bad = Path.Combine(_download, "bad.bin");
        File.WriteAllText(bad, "weightz");

        Assert.Equal(0, _repo.Cli("artifact", "verify", "demo@v0.0.1", good).ExitCode);
        var r = _repo.Cli("artifact", "verify", "demo@v0.0.1", bad);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("bad.bin differs", r.Stderr);
        Assert.Equal(1, _repo.Cli("artifact", "verify", "demo@v0.0.1", _download).ExitCode); // a folder where a file was recorded
    }

    [Fact]
    public void A_version_without_a_digest_cannot_be_verified()
    {
        // A version tagged by hand (GTO style): no record, so no digest.
        _repo.Git("tag", "-a", "demo@v1.0.0", "-m", "Registering artifact demo version v1.0.0");
        var file = Path.Combine(_download, "m.bin");
        File.WriteAllText(file, "x");

        var r = _repo.Cli("artifact", "verify", "demo@v1.0.0", file);

        Assert.Equal(1, r.ExitCode);
        Assert.Contains("error PIPE3714", r.Stderr);
    }
}
