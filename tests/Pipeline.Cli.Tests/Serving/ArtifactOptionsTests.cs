using Pipeline.Core.Canonical;
using Pipeline.Core.Verify;
using static Pipeline.Cli.Tests.Registry.Cli;

namespace Pipeline.Cli.Tests.Serving;

/// <summary>register's artifact options: a digest wherever the bytes live, local paths repo-relative.</summary>
public sealed class ArtifactOptionsTests : IDisposable
{
    private readonly ServingRepo _repo = new();

    public void Dispose() => _repo.Dispose();

    private System.Text.Json.JsonElement Artifact(string version) =>
        _repo.Cli("show", $"demo@{version}", "--json").Json.GetProperty("artifact");

    [Fact]
    public void A_local_file_is_hashed_and_recorded_relative_to_the_repository_root()
    {
        _repo.Write("out/model.bin", "weights");
        var v = _repo.Register("--artifact", Path.Combine("out", ".", "model.bin"));

        var a = Artifact(v);
        Assert.Equal("out/model.bin", a.GetProperty("uri").GetString());
        Assert.Equal("file", a.GetProperty("kind").GetString());
        Assert.Equal(ServingRepo.Sha256("weights"), a.GetProperty("sha256").GetString());
    }

    [Fact]
    public void An_absolute_path_or_one_outside_the_repository_is_refused_with_the_fix()
    {
        var outside = Path.Combine(_repo.Inputs, "model.bin");
        File.WriteAllText(outside, "weights");
        var inside = _repo.Write("out/model.bin", "weights");

        foreach (var given in new[] { outside, inside, Path.GetRelativePath(_repo.Root, outside) })
        {
            var r = _repo.Cli("register", "demo", "--lineage", Lineage(_repo.Inputs, 1), "--artifact", given);
            Assert.Equal(2, r.ExitCode);
            Assert.Contains("error PIPE3701", r.Stderr);
            Assert.Contains("--artifact-sha256", r.Stderr); // the fix names the way out
        }

        Assert.Equal("", _repo.Git("tag", "-l")); // nothing was written
    }

    // Issue 15 point 24: a link inside the repository to bytes outside it was recorded as an in-repository path, which
    // every clone holds only as a dangling link.
    [Fact]
    public void A_path_through_a_link_out_of_the_repository_is_refused()
    {
        var outside = Path.Combine(_repo.Inputs, "model.bin");
        File.WriteAllText(outside, "weights");
        File.CreateSymbolicLink(Path.Combine(_repo.Root, "model.bin"), outside);
        Directory.CreateDirectory(Path.Combine(_repo.Root, "ck"));
        Directory.CreateSymbolicLink(Path.Combine(_repo.Root, "ck", "mnt"), _repo.Inputs);

        foreach (var given in new[] { "model.bin", "ck/mnt/model.bin", "ck/mnt" })
        {
            var r = _repo.Cli("register", "demo", "--lineage", Lineage(_repo.Inputs, 1), "--artifact", given);
            Assert.True(r.ExitCode == 2, r.ToString());
            Assert.Contains("error PIPE3701", r.Stderr);
            Assert.Contains("outside the repository", r.Stderr);
        }

        Assert.Equal("", _repo.Git("tag", "-l"));

        // A link that stays inside the repository is an ordinary path.
        _repo.Write("out/model.bin", "weights");
        File.CreateSymbolicLink(Path.Combine(_repo.Root, "latest.bin"), Path.Combine(_repo.Root, "out", "model.bin"));
        var ok = _repo.Cli("register", "demo", "--lineage", Lineage(_repo.Inputs, 1), "--artifact", "latest.bin");
        Assert.True(ok.ExitCode == 0, ok.ToString());
    }

    [Fact]
    public void A_uri_takes_the_sha256_its_uploader_computed()
    {
        var sha = ServingRepo.Sha256("remote weights");
        var v = _repo.Register("--artifact", "s3://bucket/run/model.safetensors", "--artifact-sha256", sha.ToUpperInvariant());

        var a = Artifact(v);
        Assert.Equal("s3://bucket/run/model.safetensors", a.GetProperty("uri").GetString());
        Assert.Equal("file", a.GetProperty("kind").GetString());
        Assert.Equal(sha, a.GetProperty("sha256").GetString());
    }

    [Theory]
    [InlineData(new[] { "--artifact", "s3://bucket/model" }, "PIPE3704")]
    [InlineData(new[] { "--artifact", "s3://bucket/model", "--artifact-sha256", "abc" }, "PIPE3702")]
    [InlineData(new[] { "--artifact-sha256", "0000000000000000000000000000000000000000000000000000000000000000" }, "PIPE3703")]
    [InlineData(
        new[] { "--artifact", "s3://b/m\nMODEL_VERSION=v9", "--artifact-sha256", "0000000000000000000000000000000000000000000000000000000000000000" },
        "PIPE3703")]
    public void Incomplete_or_conflicting_artifact_options_are_refused(string[] options, string code)
    {
        var r = _repo.Cli(["register", "demo", "--lineage", Lineage(_repo.Inputs, 1), .. options]);

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("error " + code, r.Stderr);
    }

    [Fact]
    public void A_uri_folder_takes_the_manifest_written_on_the_training_machine()
    {
        var weights = Path.Combine(_repo.Inputs, "adapter");
        Directory.CreateDirectory(Path.Combine(weights, "sub"));
        File.WriteAllText(Path.Combine(weights, "adapter_model.safetensors"), "tensor bytes");
        File.WriteAllText(Path.Combine(weights, "sub", "config.json"), "{}");
        var written = CliRunner.Run("artifact", "manifest", weights, "--json").Json;
        var manifest = Path.Combine(weights, "pipeline-manifest.json");
        Assert.Equal(manifest, written.GetProperty("manifest").GetString());

        var v = _repo.Register("--artifact", "s3://bucket/run/adapter/", "--artifact-manifest", manifest);

        var a = Artifact(v);
        Assert.Equal("folder", a.GetProperty("kind").GetString());
        Assert.Equal(written.GetProperty("sha256").GetString(), a.GetProperty("sha256").GetString());
        Assert.Equal(
            ["adapter_model.safetensors", "sub/config.json"],
            a.GetProperty("manifest").EnumerateArray().Select(e => e.GetProperty("path").GetString()));
    }

    [Theory]
    [InlineData("../../etc/passwd", "'..'")]
    [InlineData("/etc/passwd", "absolute")]
    [InlineData("a\\nb", "control character")]
    public void A_manifest_with_a_hostile_path_is_refused(string path, string why)
    {
        var file = Path.Combine(_repo.Inputs, "m.json");
        File.WriteAllText(file, $$"""
            {"schema": "pipeline-artifact-manifest-v1", "files": [
              {"path": "{{path}}", "sha256": "{{new string('a', 64)}}", "size": 1}]}
            """);

        var r = _repo.Cli("register", "demo", "--lineage", Lineage(_repo.Inputs, 1), "--artifact", "s3://b/f/", "--artifact-manifest", file);

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("error PIPE3705", r.Stderr);
        Assert.Contains(why, r.Stderr);
    }

    [Fact]
    public void An_edited_manifest_is_refused_at_the_line_of_its_digest()
    {
        var weights = Path.Combine(_repo.Inputs, "adapter");
        Directory.CreateDirectory(weights);
        File.WriteAllText(Path.Combine(weights, "w.bin"), "one");
        CliRunner.Run("artifact", "manifest", weights);
        var manifest = Path.Combine(weights, "pipeline-manifest.json");
        var sha = ServingRepo.Sha256("one");
        File.WriteAllText(manifest, File.ReadAllText(manifest).Replace(sha, ServingRepo.Sha256("two")));

        var r = _repo.Cli("register", "demo", "--lineage", Lineage(_repo.Inputs, 1), "--artifact", "s3://b/f/", "--artifact-manifest", manifest);

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("pipeline-manifest.json(3): error PIPE3705", r.Stderr);
    }

    [Fact]
    public void A_dvc_output_records_dvc_md5_and_the_remote_object_beside_the_sha256()
    {
        _repo.Write("models/model.pkl", "pickled");
        var md5 = Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData("pickled"u8.ToArray()));
        _repo.Write("models/model.pkl.dvc", $"outs:\n- md5: {md5}\n  size: 7\n  hash: md5\n  path: model.pkl\n");
        _repo.Write(".dvc/config", "[core]\n    remote = storage\n['remote \"storage\"']\n    url = s3://bucket/dvcstore\n");

        var v = _repo.Register("--artifact-dvc", "models/model.pkl");

        var a = Artifact(v);
        Assert.Equal("dvc", a.GetProperty("kind").GetString());
        Assert.Equal("models/model.pkl", a.GetProperty("uri").GetString());
        Assert.Equal(ServingRepo.Sha256("pickled"), a.GetProperty("sha256").GetString());
        var dvc = a.GetProperty("dvc");
        Assert.Equal("models/model.pkl.dvc", dvc.GetProperty("file").GetString());
        Assert.Equal(md5, dvc.GetProperty("md5").GetString());
        Assert.Equal($"s3://bucket/dvcstore/files/md5/{md5[..2]}/{md5[2..]}", dvc.GetProperty("object").GetString());
    }

    [Fact]
    public void A_dvc_output_from_dvc_lock_is_found_and_a_stale_workspace_copy_is_refused()
    {
        _repo.Write("out/adapter.bin", "stale bytes");
        _repo.Write(
            "dvc.lock",
            "schema: '2.0'\nstages:\n  train:\n    cmd: python train.py\n    outs:\n    - path: out/adapter.bin\n      hash: md5\n      md5: " +
            "0123456789abcdef0123456789abcdef\n      size: 5\n");

        var stale = _repo.Cli("register", "demo", "--lineage", Lineage(_repo.Inputs, 1), "--artifact-dvc", "out/adapter.bin");
        var untracked = _repo.Cli("register", "demo", "--lineage", Lineage(_repo.Inputs, 1), "--artifact-dvc", "out/other.bin");

        Assert.Equal(2, stale.ExitCode);
        Assert.Contains("error PIPE3706", stale.Stderr);
        Assert.Contains("dvc.lock records 0123456789abcdef0123456789abcdef", stale.Stderr);
        Assert.Contains("dvc checkout out/adapter.bin", stale.Stderr);
        Assert.Equal(2, untracked.ExitCode);
        Assert.Contains("error PIPE3707", untracked.Stderr);
    }

    [Fact]
    public void Verify_accepts_a_uri_with_a_digest_and_names_the_missing_option_when_there_is_none()
    {
        static ObjectValue Record(string artifact) => (ObjectValue)JsonReader.Parse($$"""
            {"lineage": {"data_version": "dvc:abc", "code_commit": "0123456789abcdef0123456789abcdef01234567", "config": {},
                         "base_model": "q", "seed": 1},
             "fingerprint": "x", "artifact": {{artifact}}}
            """, "r.json");

        var withDigest = RecordChecks.Run(Record($$"""{"uri": "s3://b/m", "kind": "file", "sha256": "{{new string('a', 64)}}"}"""), "r.json");
        var bare = RecordChecks.Run(Record("""{"uri": "s3://b/m", "kind": "uri", "sha256": null}"""), "r.json");
        var none = RecordChecks.Run(Record("null"), "r.json");

        Assert.DoesNotContain(withDigest, d => d.Code.Id == "PIPE2509");
        var missing = Assert.Single(bare, d => d.Code.Id == "PIPE2509");
        Assert.Contains("--artifact-sha256", missing.Message);
        Assert.Contains("--artifact-manifest", missing.Message);
        Assert.Contains("--artifact-dvc", Assert.Single(none, d => d.Code.Id == "PIPE2509").Message);
    }
}
