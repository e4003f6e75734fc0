using System.Text.RegularExpressions;
using Pipeline.Core.Diagnostics;

namespace Pipeline.Cli.Tests.Docs;

/// <summary>The diagnostics catalogue is one table: unique numbers in their area, and every code documented.</summary>
public sealed partial class CatalogueTests
{
    /// <summary>The line after which docs/diagnostics.md holds the generated table.</summary>
    internal const string GeneratedMarker = "<!-- generated: pipeline explain --markdown (everything below this line) -->";

    private const string Regenerate = "regenerate the table below the marker line with: dotnet run --project src/Pipeline.Cli -- explain --markdown";

    private static string DiagnosticsPage => Path.Combine(RepoPaths.Root, "docs", "diagnostics.md");

    [GeneratedRegex(@"^\| `?PIPE[0-9]{4}`? \|")]
    private static partial Regex CatalogueRow();

    [Fact]
    public void Codes_are_unique_and_well_formed()
    {
        var codes = PipeCodes.All;
        Assert.True(codes.Count > 20);
        Assert.Equal(codes.Count, codes.Select(c => c.Number).Distinct().Count());
        Assert.All(codes, c =>
        {
            Assert.Matches("^PIPE[0-9]{4}$", c.Id);
            Assert.InRange(c.ExitCode, 0, 3); // 0: a warning that never changes the exit code (e.g. a GitHub fallback)
            Assert.False(string.IsNullOrWhiteSpace(c.Fix));
        });
    }

    [Fact]
    public void Diagnostics_page_lists_every_code()
    {
        var page = File.ReadAllText(DiagnosticsPage);

        var missing = PipeCodes.All.Where(c => !page.Contains(c.Id, StringComparison.Ordinal)).Select(c => c.Id).ToList();
        Assert.True(missing.Count == 0, "docs/diagnostics.md lacks: " + string.Join(", ", missing) + " (" + Regenerate + ")");
    }

    [Fact]
    public void Diagnostics_table_is_the_generated_one()
    {
        // Everything after the marker line is exactly what the code prints: regenerated here and compared.
        var page = File.ReadAllText(DiagnosticsPage).Replace("\r\n", "\n", StringComparison.Ordinal);
        var marker = page.IndexOf(GeneratedMarker, StringComparison.Ordinal);
        Assert.True(marker >= 0, "docs/diagnostics.md lacks its marker line: " + GeneratedMarker);
        var table = CliRunner.Run("explain", "--markdown").Stdout.Replace("\r\n", "\n", StringComparison.Ordinal);

        Assert.True(page[(marker + GeneratedMarker.Length)..].TrimStart('\n') == table, "docs/diagnostics.md is stale: " + Regenerate);
    }

    [Fact]
    public void The_catalogue_table_appears_once()
    {
        // One table, generated: chapters name their codes and link to it, so no hand-typed copy can drift.
        var pages = Directory.GetFiles(RepoPaths.Root, "*.md", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && Path.GetFullPath(f) != Path.GetFullPath(DiagnosticsPage));
        var copies = pages.Where(f => File.ReadLines(f).Any(l => CatalogueRow().IsMatch(l)))
            .Select(f => Path.GetRelativePath(RepoPaths.Root, f))
            .ToList();

        Assert.True(
            copies.Count == 0,
            "PIPE table rows outside docs/diagnostics.md (name the codes and link there instead): " + string.Join(", ", copies));
        Assert.Matches(CatalogueRow(), CliRunner.Run("explain", "--markdown").Stdout.Split('\n')[2]);
    }

    [Fact]
    public void Explain_names_the_fix()
    {
        var result = CliRunner.Run("explain", "2003");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("PIPE2003", result.Stdout);
        Assert.Contains(PipeCodes.BrokenLineage.Fix, result.Stdout);
    }

    [Fact]
    public void Explain_refuses_an_unknown_code()
    {
        var result = CliRunner.Run("explain", "PIPE9999");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error PIPE0001", result.Stderr);
    }
}
