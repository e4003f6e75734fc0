namespace Pipeline.Cli.Tests.Fingerprint;

/// <summary>The start-up fast path of `fingerprint --lineage F` behaves exactly like the full verb.</summary>
public sealed class FingerprintFastPathTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("pipeline-fastpath-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Theory]
    [InlineData("{\"data_version\": \"sft-mix-v3\", \"code_commit\": \"a1b2c3d\", \"config\": {\"lr\": 2e-5, \"lora_r\": 16}, \"base_model\": " +
        "\"Qwen/Qwen3-8B\", \"seed\": 0}")]
    [InlineData("{\"data_version\": \"d\", \"code_commit\": \"c\",\n \"base_model\": \"m\"}")]
    [InlineData("{\"seed\": 1,\n\"seed\": 2}")]
    [InlineData("{\"config\": NaN}")]
    [InlineData("[1, 2]")]
    [InlineData("{")]
    public async Task Same_output_and_exit_code_as_the_full_verb(string content)
    {
        var file = Path.Combine(_dir.FullName, "lineage.json");
        await File.WriteAllTextAsync(file, content);

        var (fastCode, fastOut, fastErr) = RunFast(file);
        var full = await CliRunner.RunAsync(["fingerprint", "--lineage", file]);

        Assert.Equal(full.ExitCode, fastCode);
        Assert.Equal(full.Stdout, fastOut);
        Assert.Equal(full.Stderr, fastErr);
    }

    [Fact]
    public void The_seed_example_gives_the_contract_fingerprint()
    {
        var file = Path.Combine(_dir.FullName, "seed.json");
        File.WriteAllText(
            file,
            "{\"data_version\": \"sft-mix-v3\", \"code_commit\": \"a1b2c3d\", \"config\": {\"lr\": 2e-5, \"lora_r\": 16}, \"base_model\": " +
            "\"Qwen/Qwen3-8B\", \"seed\": 0}");
        var (code, stdout, stderr) = RunFast(file);
        Assert.Equal(0, code);
        Assert.Equal("b06a681fb46bb8d9aceed5caf216654a5dcb3ccc55f3c5965abbaae565ab830d" + Environment.NewLine, stdout);
        Assert.Equal("", stderr);
    }

    [Fact]
    public void A_missing_file_exits_two_with_the_same_diagnostic()
    {
        var file = Path.Combine(_dir.FullName, "absent.json");
        var (code, _, stderr) = RunFast(file);
        Assert.Equal(2, code);
        Assert.StartsWith($"{file}: error PIPE0002: file not found", stderr);
    }

    [Theory]
    [InlineData(true, "fingerprint", "--lineage", "f.json")]
    [InlineData(false, "fingerprint", "--lineage", "f.json", "--json")]
    [InlineData(false, "fingerprint", "--lineage", "--help")]
    [InlineData(false, "fingerprint", "--lineage=f.json")]
    [InlineData(false, "fingerprint", "--config", "f.json")]
    [InlineData(false, "quickstart", "--lineage", "f.json")]
    public void Only_the_exact_shape_takes_the_fast_path(bool expected, params string[] args) =>
        Assert.Equal(expected, FingerprintFastPath.Matches(args));

    private static (int Code, string Out, string Err) RunFast(string file)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = FingerprintFastPath.Run(file, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
