using Pipeline.Core.Diagnostics;

namespace Pipeline.Cli.Tests.Docs;

/// <summary>The diagnostics catalogue is one table: unique numbers in their area, and every code documented.</summary>
public sealed class CatalogueTests
{
    [Fact]
    public void CodesAreUniqueAndWellFormed()
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
    public void ReadmeListsEveryCode()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));

        var missing = PipeCodes.All.Where(c => !readme.Contains(c.Id, StringComparison.Ordinal)).Select(c => c.Id).ToList();
        Assert.True(missing.Count == 0, "README.md lacks: " + string.Join(", ", missing) + " (regenerate it: python3 docs/build-readme.py)");
    }

    [Fact]
    public void ReadmeTableIsTheGeneratedOne()
    {
        // README.md is assembled by docs/build-readme.py; its diagnostics table must be exactly what the code prints.
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
        var table = CliRunner.Run("explain", "--markdown").Stdout.Replace("\r\n", "\n", StringComparison.Ordinal);
        Assert.Contains(table, readme);
    }

    [Fact]
    public void ExplainNamesTheFix()
    {
        var result = CliRunner.Run("explain", "2003");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("PIPE2003", result.Stdout);
        Assert.Contains(PipeCodes.BrokenLineage.Fix, result.Stdout);
    }

    [Fact]
    public void ExplainRefusesAnUnknownCode()
    {
        var result = CliRunner.Run("explain", "PIPE9999");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error PIPE0001", result.Stderr);
    }
}
