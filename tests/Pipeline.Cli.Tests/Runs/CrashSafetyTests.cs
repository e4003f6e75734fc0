using System.Diagnostics;
using Pipeline.Core.Tracking;

namespace Pipeline.Cli.Tests.Runs;

public sealed class CrashSafetyTests
{
    /// <summary>A trainer killed mid-run (SIGKILL: no Dispose, no finally) leaves a readable run reported unfinished.</summary>
    [Fact]
    public async Task Killed_writer_leaves_a_readable_unfinished_run()
    {
        var repo = new RunsTestRepo();
        var cli = Path.Combine(AppContext.BaseDirectory, "pipeline.dll");
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { cli, "runs", "log-demo", "--delay-ms", "1", "--repo", repo.Root })
        {
            psi.ArgumentList.Add(a);
        }

        using var child = Process.Start(psi)!;
        var id = (await child.StandardOutput.ReadLineAsync())!.Trim();
        var ledger = RunLedger.ForRepository(repo.Root);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (new FileInfo(ledger.SeriesPath(id)).Length < 2000 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Equal(RunStatus.Running, ledger.ReadForDisplay(id, out _).Status); // live writer
        Assert.Contains("error PIPE3512", (await repo.Run("runs", "commit", id)).Stderr); // files still changing
        child.Kill();
        await child.WaitForExitAsync();

        var run = ledger.ReadForDisplay(id, out _);
        Assert.Equal(RunStatus.Unfinished, run.Status);
        Assert.True(run.Metrics["loss"].Count > 10);
        Assert.Equal("running", ledger.Read(id).Status.Name()); // the file itself was never rewritten
        Assert.Equal(["lr", "lora_r"], run.Params.Members.Select(m => m.Key).ToArray()); // params written at start survive
        var (exit, output, err) = await repo.Run("runs", "show", id, "--json");
        Assert.True(exit == 0, err);
        Assert.Contains("\"status\": \"unfinished\"", output);

        // The dead run can be committed as it is: one commit with its record and series.
        var commit = await repo.Run("runs", "commit", id, "--json");
        Assert.True(commit.ExitCode == 0, commit.Stderr);
        Assert.Equal(2, repo.Git("show", "--name-only", "--format=", "HEAD").Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal("", repo.Git("status", "--porcelain"));

        // A torn last line (killed mid-write) is skipped and reported, never an error.
        File.AppendAllText(ledger.SeriesPath(id), "{\"s\":99999,\"k\":\"lo");
        var shown = await repo.Run("runs", "show", id);
        Assert.Equal(0, shown.ExitCode);
        Assert.Contains("warning PIPE3507", shown.Stderr);
    }
}
