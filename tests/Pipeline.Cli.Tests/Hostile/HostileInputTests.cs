using System.Diagnostics;
using static Pipeline.Cli.Tests.Hostile.HostileCli;
using static Pipeline.Cli.Tests.Registry.Cli;

namespace Pipeline.Cli.Tests.Hostile;

/// <summary>
/// Issue 15 points 10, 15, 16, 19 and 25: inputs that are not what they claim end with their own PIPE code and exit 2,
/// before anything blocks or fills memory; artifact folders whose names could forge a manifest are refused.
/// </summary>
public sealed class HostileInputTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("pipeline-hostile-in-").FullName;
    private readonly string _repo;

    public HostileInputTests()
    {
        _repo = NewRepo(Directory.CreateDirectory(Path.Combine(_root, "repo")).FullName);
    }

    public void Dispose() => Delete(_root);

    private string Fifo(string name)
    {
        var path = Path.Combine(_root, name);
        using var p = Process.Start("mkfifo", path);
        p.WaitForExit();
        Assert.Equal(0, p.ExitCode);
        return path;
    }

    /// <summary>A FIFO inside the repository, named relative to it (a local artifact must be in the repository).</summary>
    private string RepoFifo(string name)
    {
        using var p = Process.Start("mkfifo", Path.Combine(_repo, name));
        p.WaitForExit();
        Assert.Equal(0, p.ExitCode);
        return name;
    }

    private static (int Code, string Out, string Err) Bounded(params string[] args)
    {
        var run = Task.Run(() => Run(args));
        Assert.True(run.Wait(TimeSpan.FromSeconds(60)), "the command hung on its input");
        return run.Result;
    }

    [Fact]
    public void A_fifo_or_device_as_any_input_is_refused_before_opening()
    {
        var lineage = Lineage(_root, 1);
        var fifo = Fifo("in.fifo");
        foreach (var args in new[]
        {
            new[] { "register", "m", "--lineage", fifo, "--repo", _repo },
            ["register", "m", "--lineage", "/dev/zero", "--repo", _repo],
            ["register", "m", "--lineage", lineage, "--eval", fifo, "--repo", _repo],
            ["register", "m", "--lineage", lineage, "--metrics", fifo, "--repo", _repo],
            ["register", "m", "--lineage", lineage, "--artifact", RepoFifo("art.fifo"), "--repo", _repo], // artifacts live in the repository
            ["runs", "ingest", fifo, "--repo", _repo],
            ["runs", "ingest", "/dev/zero", "--format", "jsonl", "--repo", _repo],
            ["fingerprint", "--lineage", fifo],
        })
        {
            var r = Bounded(args);
            Assert.True(r.Code == 2 && r.Err.Contains("PIPE0030"), $"{string.Join(' ', args)}: {r.Code} {r.Err}");
        }
    }

    [Fact]
    public void A_fifo_in_an_artifact_folder_or_a_link_loop_is_refused_with_its_code()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_repo, "ckpt")).FullName;
        File.WriteAllText(Path.Combine(folder, "weights.bin"), "w");
        using (var p = Process.Start("mkfifo", Path.Combine(folder, "pipe")))
        {
            p.WaitForExit();
        }

        var r = Bounded("register", "m", "--lineage", Lineage(_root, 2), "--artifact", "ckpt", "--repo", _repo);
        Assert.True(r.Code == 2 && r.Err.Contains("PIPE0034") && r.Err.Contains("pipe"), r.Err);

        File.Delete(Path.Combine(folder, "pipe"));
        File.CreateSymbolicLink(Path.Combine(folder, "loop"), Path.Combine(folder, "loop"));
        r = Bounded("register", "m", "--lineage", Lineage(_root, 2), "--artifact", "ckpt", "--repo", _repo);
        Assert.True(r.Code == 2 && r.Err.Contains("PIPE0034") && r.Err.Contains("loop"), r.Err);
    }

    [Fact]
    public void A_name_that_could_forge_a_manifest_line_is_refused_so_the_digest_stays_injective()
    {
        // Folder A holds "a" and a file whose name carries a whole forged manifest line; folder B holds what that line
        // claims. Written as manifest text both would be the same bytes: the name must be refused.
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("0123456789"u8));
        var a = Directory.CreateDirectory(Path.Combine(_repo, "A")).FullName;
        File.WriteAllText(Path.Combine(a, $"a\n{sha} 10 b"), "x");
        var r = Run("register", "m", "--lineage", Lineage(_root, 3), "--artifact", "A", "--repo", _repo);
        Assert.Equal(2, r.Code);
        Assert.Contains("PIPE0034", r.Err);
        Assert.Equal("", RunGit(_repo, "tag", "-l"));
    }

    [Fact]
    public void A_file_over_the_document_cap_is_refused_without_reading_it()
    {
        var big = Path.Combine(_root, "big.json");
        using (var f = File.Create(big))
        {
            f.SetLength(65L << 20); // sparse: 65 MiB of zeros, over the 64 MiB cap
        }

        var r = Run("register", "m", "--lineage", big, "--repo", _repo);
        Assert.Equal(2, r.Code);
        Assert.Contains("PIPE0031", r.Err);
        Assert.Contains("big.json", r.Err);
    }

    [Fact]
    public void A_folder_given_as_a_file_input_says_so()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_root, "evals")).FullName;
        var r = Run("register", "m", "--lineage", Lineage(_root, 4), "--eval", folder, "--repo", _repo);
        Assert.Equal(2, r.Code);
        Assert.Contains("PIPE0032", r.Err);
        Assert.Contains("folder", r.Err);
    }

    [Fact]
    public void Invalid_utf8_in_a_jsonl_line_gets_its_code_and_line_not_an_internal_error()
    {
        var jsonl = Path.Combine(_root, "bad.jsonl");
        File.WriteAllBytes(jsonl, [.. "{\"step\": 1, \"loss\": 0.5}\n{\"step\": 2, \""u8, 0xff, 0xfe, .. "\": 0.4}\n"u8]);
        var r = Run("runs", "ingest", jsonl, "--repo", _repo);
        Assert.Equal(2, r.Code);
        Assert.DoesNotContain("PIPE0099", r.Err);
        Assert.Contains("UTF-8", r.Err);
        Assert.Contains("(2)", r.Err);
    }

    [Fact]
    public void Dvclive_folders_where_files_belong_nul_bytes_in_yaml_and_duplicate_tsv_columns_are_refused()
    {
        var run = Directory.CreateDirectory(Path.Combine(_root, "dvclive")).FullName;
        Directory.CreateDirectory(Path.Combine(run, "plots", "metrics"));
        File.WriteAllText(Path.Combine(run, "plots", "metrics", "loss.tsv"), "timestamp\tstep\tloss\n1\t1\t0.5\n");
        Directory.CreateDirectory(Path.Combine(run, "params.yaml"));
        var r = Run("runs", "ingest", run, "--repo", _repo);
        Assert.True(r.Code == 2 && r.Err.Contains("PIPE0032") && r.Err.Contains("params.yaml"), r.Err);

        Directory.Delete(Path.Combine(run, "params.yaml"));
        File.WriteAllText(Path.Combine(run, "params.yaml"), "lr: 0.1\0\0\n");
        r = Run("runs", "ingest", run, "--repo", _repo);
        Assert.True(r.Code == 2 && r.Err.Contains("U+0000"), r.Err);

        File.WriteAllText(Path.Combine(run, "params.yaml"), "lr: 0.1\n");
        File.WriteAllText(Path.Combine(run, "plots", "metrics", "loss.tsv"), "timestamp\tstep\tloss\tloss\n1\t1\t0.5\t0.7\n");
        r = Run("runs", "ingest", run, "--repo", _repo);
        Assert.True(r.Code == 2 && r.Err.Contains("appears 2 times"), r.Err);
    }
}
