using System.Text.Json;

namespace Pipeline.Cli.Tests.Runs;

/// <summary><c>runs compare</c> for people: short numbers, run names, the commit row, the terminal's width, and --plot.</summary>
public sealed class RunsCompareFormatTests
{
    [Fact]
    public async Task Text_uses_names_short_numbers_and_a_commit_row_while_json_keeps_exact_values()
    {
        var repo = await RunsSearchTests.Sweep();
        var ids = Ids(repo);
        var text = await repo.Run("runs", "compare", ids[0], ids[1]);
        Assert.True(text.ExitCode == 0, text.Stderr);
        var lines = text.Stdout.Split('\n');
        Assert.Equal(["sft-1", "sft-2"], lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(["commit", "cccccccc", "cccccccc"], lines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(lines, l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries) is ["loss", "(last)", "0.4667", "0.3333"]);
        Assert.DoesNotContain(ids[0], text.Stdout);

        var json = JsonDocument.Parse((await repo.Run("runs", "compare", ids[0], ids[1], "--json")).Stdout).RootElement;
        var last = json.GetProperty("metrics")
            .EnumerateArray()
            .First(r => r.GetProperty("key").GetString() == "loss" && r.GetProperty("stat").GetString() == "last");
        Assert.Equal("0.4667", last.GetProperty("values")[0].GetString());

        var md = await repo.Run("runs", "compare", ids[0], ids[1], "--format", "md");
        Assert.Contains("| | sft-1 | sft-2 |", md.Stdout);
        Assert.Contains("| commit | cccccccc | cccccccc |", md.Stdout);
    }

    [Fact]
    public async Task A_narrow_terminal_gets_the_runs_in_blocks_that_fit()
    {
        var repo = await RunsSearchTests.Sweep();
        var ids = Ids(repo);
        Environment.SetEnvironmentVariable("COLUMNS", "40");
        try
        {
            var text = await repo.Run(["runs", "compare", .. ids]);
            Assert.True(text.ExitCode == 0, text.Stderr);
            Assert.All(text.Stdout.Split('\n'), l => Assert.True(l.Length <= 40, l));
            Assert.Contains(
                text.Stdout.Split('\n'),
                l => l.Trim().StartsWith("dpo-1", StringComparison.Ordinal) || l.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains("dpo-1"));
            Assert.True(text.Stdout.Split('\n').Count(l => l.StartsWith("  loss (last)", StringComparison.Ordinal)) >= 2); // labels repeat per block
        }
        finally
        {
            Environment.SetEnvironmentVariable("COLUMNS", null);
        }
    }

    [Fact]
    public async Task Plot_writes_the_compare_page_for_those_runs()
    {
        var repo = await RunsSearchTests.Sweep();
        var ids = Ids(repo);
        var file = Path.Combine(repo.Root, "cmp.html");
        var result = await repo.Run("runs", "compare", ids[0], ids[2], "--plot", file, "--json");
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal(file, JsonDocument.Parse(result.Stdout).RootElement.GetProperty("plot").GetString());
        var html = File.ReadAllText(file);
        Assert.Contains("sft-1", html);
        Assert.Contains("sft-3", html);
        Assert.DoesNotContain(">sft-2<", html);
        Assert.Contains("<tr class=\"diff\"><th>lr</th>", html); // the param that differs is highlighted
        Assert.Contains("<svg", html);
    }

    private static string[] Ids(RunsTestRepo repo) =>
        JsonDocument.Parse(repo.Run("runs", "list", "--json").GetAwaiter().GetResult().Stdout).RootElement.GetProperty("runs").EnumerateArray()
            .Select(r => r.GetProperty("id").GetString()!).ToArray();
}
