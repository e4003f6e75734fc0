using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Pipeline.GitHub.Tests.Harness;

/// <summary>
/// The action's artifact inputs (issue 17): artifact-sha256, artifact-manifest and artifact-dvc reach register's
/// options of the same name through action.yml and run.sh, one argument each, and the record holds the digest.
/// </summary>
public sealed class ArtifactInputsThroughActionTests : IDisposable
{
    private readonly TempGitRepo _repo = new(prefix: "pipeline-action-artifact-");

    public ArtifactInputsThroughActionTests()
    {
        _repo.Commit("lineage", ("lineage.json",
            """{"data_version": "d", "code_commit": "0123456789abcdef0123456789abcdef01234567", "config": {}, "base_model": "b", "seed": 0}"""));
    }

    private ActionRunResult Register(Dictionary<string, string> artifactInputs)
    {
        var inputs = new Dictionary<string, string> { ["command"] = "register", ["model"] = "demo", ["lineage"] = "lineage.json" };
        foreach (var (key, value) in artifactInputs)
        {
            inputs[key] = value;
        }

        return ActionHarness.ForThisRepository().Run(inputs, _repo.Root);
    }

    private JsonElement RecordedArtifact(string version = "v0.0.1")
    {
        var record = _repo.Git("show", $"HEAD:registry/demo/{version}.json");
        return JsonDocument.Parse(record).RootElement.GetProperty("artifact").Clone();
    }

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public void Artifact_sha256_records_a_uri_with_its_digest()
    {
        var sha = Sha256("weights");

        var result = Register(new() { ["artifact"] = "s3://bucket/run 7/model.safetensors", ["artifact-sha256"] = sha });

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"--artifact s3://bucket/run\\ 7/model.safetensors --artifact-sha256 {sha}", result.Stdout);
        var artifact = RecordedArtifact();
        Assert.Equal(("s3://bucket/run 7/model.safetensors", sha),
            (artifact.GetProperty("uri").GetString(), artifact.GetProperty("sha256").GetString()));
    }

    [Fact]
    public void Artifact_manifest_records_the_folder_manifest_digest()
    {
        _repo.Write("out/adapter/w.bin", "one");
        _repo.Write("out/adapter/config.json", "{}");
        var written = CliRunner.Run("artifact", "manifest", Path.Combine(_repo.Root, "out", "adapter"), "--json");
        Assert.True(written.ExitCode == 0, written.Stderr);
        var digest = JsonDocument.Parse(written.Stdout).RootElement.GetProperty("sha256").GetString();

        var result = Register(new() { ["artifact"] = "gs://bucket/adapter/", ["artifact-manifest"] = "out/adapter/pipeline-manifest.json" });

        Assert.True(result.ExitCode == 0, result.ToString());
        var artifact = RecordedArtifact();
        Assert.Equal(("gs://bucket/adapter/", digest), (artifact.GetProperty("uri").GetString(), artifact.GetProperty("sha256").GetString()));
        Assert.Equal("folder", artifact.GetProperty("kind").GetString());
    }

    [Fact]
    public void Artifact_dvc_records_dvc_md5_and_the_remote_object()
    {
        _repo.Write("models/model.pkl", "pickled");
        var md5 = Convert.ToHexStringLower(MD5.HashData("pickled"u8.ToArray()));
        _repo.Write("models/model.pkl.dvc", $"outs:\n- md5: {md5}\n  size: 7\n  hash: md5\n  path: model.pkl\n");
        _repo.Write(".dvc/config", "[core]\n    remote = storage\n['remote \"storage\"']\n    url = s3://bucket/dvcstore\n");

        var result = Register(new() { ["artifact-dvc"] = "models/model.pkl" });

        Assert.True(result.ExitCode == 0, result.ToString());
        var artifact = RecordedArtifact();
        Assert.Equal(("dvc", Sha256("pickled")), (artifact.GetProperty("kind").GetString(), artifact.GetProperty("sha256").GetString()));
        Assert.Equal($"s3://bucket/dvcstore/files/md5/{md5[..2]}/{md5[2..]}", artifact.GetProperty("dvc").GetProperty("object").GetString());
    }

    [Fact]
    public void A_uri_without_a_digest_input_fails_naming_the_options()
    {
        var result = Register(new() { ["artifact"] = "s3://bucket/model.bin" });

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--artifact-sha256", result.Stderr);
        Assert.Contains("::error title=PIPE", result.Stdout + result.Stderr);
    }

    [Fact]
    public void A_hostile_digest_reaches_the_cli_as_text_and_is_refused_there()
    {
        var result = Register(new() { ["artifact"] = "s3://bucket/model.bin", ["artifact-sha256"] = "$(touch pwned); touch pwned2" });

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(Directory.GetFiles(_repo.Root, "pwned*"));
        Assert.Contains("--artifact-sha256", result.Stderr);
    }

    [Fact]
    public void Artifact_dvc_beside_artifact_is_refused_by_the_cli()
    {
        var result = Register(new() { ["artifact"] = "s3://bucket/model.bin", ["artifact-dvc"] = "models/model.pkl" });

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--artifact-dvc names the artifact on its own", result.Stderr);
    }

    [Theory]
    [InlineData("artifact-sha256")]
    [InlineData("artifact-manifest")]
    [InlineData("artifact-dvc")]
    public void An_artifact_input_on_a_verb_that_does_not_take_it_is_refused_naming_the_input(string input)
    {
        var result = ActionHarness.ForThisRepository().Run(
            new Dictionary<string, string> { ["command"] = "fingerprint", ["lineage"] = "lineage.json", [input] = "x" }, _repo.Root);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"input '{input}' does not apply to command 'fingerprint'", result.Stdout);
    }

    public void Dispose() => _repo.Dispose();
}
