using System.Text.Json;
using Pipeline.Cli.Tests.Runs;
using Pipeline.Core.Tracking;

namespace Pipeline.Cli.Tests.Report;

/// <summary>
/// The quickstart's demo repository (a sweep, three versions, a promotion, a refusal, a rollback), plus a GRPO run with
/// a NaN loss and a run whose name and params are hostile markup, and the report built from it once for the class.
/// </summary>
public sealed class ReportFixture : IDisposable
{
    public const string HostileName = "<script>window.__pwned=1</script><img src=x onerror=alert(1)>";

    public ReportFixture()
    {
        Repo = Path.Combine(Path.GetTempPath(), "pipeline-report-" + Guid.NewGuid().ToString("N")[..10]);
        var quickstart = CliRunner.Run("quickstart", "--dir", Repo);
        Assert.True(quickstart.ExitCode == 0, quickstart.Stderr);
        var grpo = CliRunner.Run("runs", "ingest", RunsTestRepo.Fixture("jsonl", "grpo-run.jsonl"), "--repo", Repo, "--json");
        Assert.True(grpo.ExitCode == 0, grpo.Stderr);
        GrpoId = grpo.Json.GetProperty("id").GetString()!;
        var hostile = Path.Combine(Repo, "hostile.jsonl");
        File.WriteAllLines(hostile,
        [
            JsonSerializer.Serialize(
                new
                {
                    name = HostileName,
                    experiment = "evil",
                    @params = new Dictionary<string, object> { ["note"] = "</td></tr><script>window.__pwned=2</script>" }
                }),
            """{"step": 0, "loss": 1.0}""",
            """{"step": 1, "loss": 0.5}""",
        ]);
        var evil = CliRunner.Run("runs", "ingest", hostile, "--repo", Repo, "--json");
        Assert.True(evil.ExitCode == 0, evil.Stderr);
        File.Delete(hostile);
        Site = Path.Combine(Repo, "site");
        var report = CliRunner.Run("report", "--repo", Repo, "--out", Site, "--json");
        Assert.True(report.ExitCode == 0, report.Stderr);
        Report = report.Json.Clone();
        Ledger = RunLedger.ForRepository(Repo);
    }

    public string Repo { get; }

    public string Site { get; }

    public string GrpoId { get; }

    public JsonElement Report { get; }

    public RunLedger Ledger { get; }

    public string Page(string relative) => File.ReadAllText(Path.Combine(Site, relative));

    public void Dispose() => TempFolder.Delete(Repo);
}
