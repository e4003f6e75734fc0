namespace Pipeline.Cli.Tests.Gate;

/// <summary>
/// `select` and `list` print through one buffered writer in the real process (Program.cs, BulkOutput): the bytes must
/// be the ones the in-process run prints, a relative folder must still be named as given, and a refusal must still
/// reach the terminal after whatever was buffered.
/// </summary>
public sealed class SelectBulkOutputTests : IDisposable
{
    private readonly Ledger _ledger = new();

    public void Dispose() => _ledger.Dispose();

    [Fact]
    public async Task Select_prints_the_same_bytes_out_of_process_as_in_process()
    {
        for (var i = 0; i < 40; i++)
        {
            _ledger.AddRun($"run-{i:d3}", i, i % 7 == 0 ? null : 0.5 + (i % 5 / 10.0));
        }

        var inProcess = await CliRunner.RunAsync("select", _ledger.Runs, "--metric", "mmlu", "--maximize");
        var process = CliProcess.Run(_ledger.Root, "select", "registry/runs", "--metric", "mmlu", "--maximize");
        Assert.Equal(0, process.ExitCode);
        Assert.Equal(inProcess.Stdout, process.Stdout);
        Assert.Equal(inProcess.Stderr.Replace(_ledger.Runs, "registry/runs", StringComparison.Ordinal), process.Stderr);
        Assert.Equal(41, process.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length - 1);
    }

    [Fact]
    public void A_broken_record_in_a_relative_folder_is_named_as_given_and_the_error_still_arrives()
    {
        _ledger.AddRun("run-a", 0, 0.5);
        File.WriteAllText(Path.Combine(_ledger.Runs, "run-b.json"), "{\"id\": ");
        var process = CliProcess.Run(_ledger.Root, "select", "registry/runs", "--metric", "mmlu", "--maximize", "--json");
        Assert.Equal(2, process.ExitCode);
        Assert.Contains("registry/runs/run-b.json", process.Stderr + process.Stdout);
        Assert.Contains("\"ok\": false", process.Stdout);
    }
}
