using System.Globalization;
using System.Text.RegularExpressions;

namespace Pipeline.Cli.Tests.Report;

/// <summary><c>pipeline report</c> over the quickstart's registry and ledger: every page kind, honest numbers, escaping.</summary>
public sealed class ReportSiteTests(ReportFixture fixture) : IClassFixture<ReportFixture>
{
    [Fact]
    public void Every_page_kind_is_written()
    {
        foreach (
            var page in new[]
            {
                "index.html",
                "runs.html",
                "versions/demo/v0.0.1.html",
                "versions/demo/v0.0.3.html",
                $"runs/{fixture.GrpoId}.html",
                "compare/sft-lr-sweep.html",
                ".nojekyll"
            })
        {
            Assert.True(File.Exists(Path.Combine(fixture.Site, page)), page);
        }

        Assert.Equal(fixture.Ledger.Ids().Count, fixture.Report.GetProperty("runs").GetInt32());
        Assert.Equal(fixture.Ledger.Ids().Count, Directory.GetFiles(Path.Combine(fixture.Site, "runs")).Length);
    }

    [Fact]
    public void The_overview_shows_current_aliases_and_the_timeline_with_the_refusal()
    {
        var index = fixture.Page("index.html");
        // The alias shown is the one `show` resolves (the quickstart rolls back, then promotes again).
        var current = CliRunner.Run("show", "demo#production", "--repo", fixture.Repo, "--json").Json.GetProperty("version").GetString();
        Assert.Contains($"production → <a href=\"versions/demo/{current}.html\">{current}</a>", index);
        Assert.Equal(5, Regex.Matches(index, "<td>production</td>").Count); // four moves and one hold in the timeline
        Assert.Contains("<span class=\"fail\">hold</span>", index);
        Assert.Contains("refused <a href=\"versions/demo/v0.0.3.html\">v0.0.3</a>", index);
    }

    [Fact]
    public void A_version_page_shows_each_gate_rule_with_its_verdict()
    {
        var refused = fixture.Page("versions/demo/v0.0.3.html");
        Assert.Contains("no NaN in loss", refused);
        Assert.Contains("<td class=\"fail\">fail</td>", refused);
        var promoted = fixture.Page("versions/demo/v0.0.2.html");
        Assert.Contains("<td class=\"pass\">pass</td>", promoted);
        Assert.Contains(">Eval scores<", promoted);
    }

    [Fact]
    public void Non_finite_points_are_marked_not_dropped()
    {
        var run = fixture.Page($"runs/{fixture.GrpoId}.html");
        Assert.Contains("loss: NaN at step 3</title>", run);
        Assert.Contains("1 non-finite", run);
    }

    [Fact]
    public void Hostile_text_is_escaped_everywhere()
    {
        var id = fixture.Ledger.List().Single(r => r.Name == ReportFixture.HostileName).Id;
        foreach (var page in new[] { "runs.html", $"runs/{id}.html", "compare/evil.html" }.Where(p => File.Exists(Path.Combine(fixture.Site, p))))
        {
            var html = fixture.Page(page);
            Assert.DoesNotContain("<script>window.__pwned", html);
            Assert.DoesNotContain("<img src=x", html);
            // Exactly one script element: the report's own.
            Assert.Single(Regex.Matches(html, "<script>"));
        }

        Assert.Contains("&lt;script&gt;window.__pwned=1&lt;/script&gt;", fixture.Page($"runs/{id}.html"));
    }

    [Fact]
    public void Runs_table_carries_the_ledgers_exact_numbers()
    {
        var runs = fixture.Page("runs.html");
        foreach (var run in fixture.Ledger.List().Where(r => r.Metrics.ContainsKey("loss")))
        {
            var row = Regex.Match(runs, $"<tr data-run=\"{run.Id}\">(.*?)</tr>").Groups[1].Value;
            Assert.Contains($"data-v=\"{run.Metrics["loss"].Last.ToString("R", CultureInfo.InvariantCulture)}\"", row);
        }
    }
}

/// <summary>Report folders, --rev, and the size of a run with many points.</summary>
public sealed class ReportFolderTests
{
    [Fact]
    public void A_folder_that_is_not_a_report_is_refused_and_kept_and_an_earlier_report_is_replaced_whole()
    {
        using var repo = new TempGitRepo();
        repo.Commit("init");
        repo.Write("out/mine.txt", "keep");
        var refused = CliRunner.Run("report", "--repo", repo.Root, "--out", Path.Combine(repo.Root, "out"));
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("error PIPE3601", refused.Stderr);
        Assert.Equal("keep", File.ReadAllText(Path.Combine(repo.Root, "out", "mine.txt")));

        var site = Path.Combine(repo.Root, "site");
        Assert.Equal(0, CliRunner.Run("report", "--repo", repo.Root, "--out", site).ExitCode);
        File.WriteAllText(Path.Combine(site, "stale.html"), "old");
        Assert.Equal(0, CliRunner.Run("report", "--repo", repo.Root, "--out", site).ExitCode);
        Assert.False(File.Exists(Path.Combine(site, "stale.html")));
        Assert.True(File.Exists(Path.Combine(site, "index.html")));
        Assert.Contains("No model is registered", File.ReadAllText(Path.Combine(site, "index.html")));
    }

    [Fact]
    public void Rev_reads_the_ledger_at_that_commit()
    {
        using var repo = new TempGitRepo();
        repo.Commit("init");
        repo.Write("a.jsonl", "{\"name\": \"committed\"}\n{\"step\": 0, \"loss\": 1}\n");
        repo.Write("b.jsonl", "{\"name\": \"uncommitted\"}\n{\"step\": 0, \"loss\": 2}\n");
        Assert.Equal(0, CliRunner.Run("runs", "ingest", Path.Combine(repo.Root, "a.jsonl"), "--repo", repo.Root, "--commit").ExitCode);
        Assert.Equal(0, CliRunner.Run("runs", "ingest", Path.Combine(repo.Root, "b.jsonl"), "--repo", repo.Root).ExitCode);
        var atHead = CliRunner.Run("report", "--repo", repo.Root, "--out", Path.Combine(repo.Root, "s1"), "--rev", "HEAD", "--json");
        Assert.True(atHead.ExitCode == 0, atHead.Stderr);
        Assert.Equal(1, atHead.Json.GetProperty("runs").GetInt32());
        var tree = CliRunner.Run("report", "--repo", repo.Root, "--out", Path.Combine(repo.Root, "s2"), "--json");
        Assert.Equal(2, tree.Json.GetProperty("runs").GetInt32());
        var missing = CliRunner.Run("report", "--repo", repo.Root, "--out", Path.Combine(repo.Root, "s3"), "--rev", "no-such-branch");
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("error PIPE1002", missing.Stderr);
    }

    [Fact]
    public void A_run_of_fifty_thousand_points_is_drawn_with_at_most_two_thousand()
    {
        using var repo = new TempGitRepo();
        repo.Commit("init");
        var lines = new List<string> { "{\"name\": \"long\"}" };
        lines.AddRange(
            Enumerable.Range(0, 50_000)
                .Select(i => string.Create(CultureInfo.InvariantCulture, $"{{\"step\": {i}, \"loss\": {1.0 / (1 + i) + (i % 97 == 0 ? 0.3 : 0)}}}")));
        repo.Write("long.jsonl", string.Join('\n', lines) + "\n");
        var ingest = CliRunner.Run("runs", "ingest", Path.Combine(repo.Root, "long.jsonl"), "--repo", repo.Root, "--json");
        Assert.True(ingest.ExitCode == 0, ingest.Stderr);
        var site = Path.Combine(repo.Root, "site");
        var report = CliRunner.Run("report", "--repo", repo.Root, "--out", site, "--json");
        Assert.True(report.ExitCode == 0, report.Stderr);
        var page = File.ReadAllText(Path.Combine(site, "runs", ingest.Json.GetProperty("id").GetString() + ".html"));
        var path = Regex.Match(page, "<path class=\"line lin\" stroke=\"[^\"]+\" d=\"([^\"]*)\"").Groups[1].Value;
        Assert.Equal(ChartPoints, path.Count(c => c is 'M' or 'L'));
        Assert.Contains("2000 of 50000 points (LTTB)", page);
        Assert.True(report.Json.GetProperty("largest_page_bytes").GetInt64() < 2 * 1024 * 1024);
    }

    private const int ChartPoints = 2000;
}
