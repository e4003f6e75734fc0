using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Pipeline.Cli.Tests.Docs;

/// <summary>
/// A plain clone must stand alone: no file may reach for a folder beside the repository, and every section citation
/// (§N) must point into docs/design.md, the repository's own design. A clone on another machine has nothing else.
/// </summary>
public sealed partial class SelfContainedTests
{
    // Built from parts so this file does not match its own search. Case-sensitive: tests/Shared is inside.
    private static readonly string[] OutsideFolders = ["../" + "shared", @"..\" + "shared"];

    [Fact]
    public void No_file_reaches_outside_the_repository()
    {
        var offenders = RepositoryTextFiles()
            .SelectMany(f => Lines(f).Where(l => OutsideFolders.Any(o => l.Text.Contains(o, StringComparison.Ordinal)))
                .Select(l => $"{f}:{l.Number}"))
            .ToList();

        Assert.True(offenders.Count == 0, "files that name a folder outside the repository: " + string.Join(", ", offenders));
    }

    [Fact]
    public void Every_section_citation_points_into_the_design()
    {
        var sections = DesignSections();
        Assert.Contains("2", sections);
        var offenders = new List<string>();
        foreach (var file in RepositoryTextFiles())
        {
            var isDesign = file == "docs/design.md";
            foreach (var (number, text) in Lines(file))
            {
                foreach (Match sign in SectionSign().Matches(text))
                {
                    var cited = sign.Groups["n"].Value;
                    // Outside the design itself a section sign must follow "design.md " directly or continue such a list.
                    var anchored = isDesign || DesignCitationBefore().IsMatch(text[..sign.Index]);
                    if (!anchored || !sections.Contains(cited))
                    {
                        offenders.Add($"{file}:{number} cites '{sign.Value}'");
                    }
                }
            }
        }

        Assert.True(
            offenders.Count == 0,
            "section citations that docs/design.md does not have (cite as 'docs/design.md §N'): " + string.Join("; ", offenders));
    }

    [Fact]
    public void The_check_sees_a_citation_the_design_lacks()
    {
        // The rule above, on lines it must refuse and accept, so a regex slip cannot make it pass vacuously.
        var sections = DesignSections();
        Assert.DoesNotContain("99", sections);
        Assert.Matches(DesignCitationBefore(), "see docs/design.md ");
        Assert.Matches(DesignCitationBefore(), "(docs/design.md §3, ");
        Assert.DoesNotMatch(DesignCitationBefore(), "see DESIGN ");
        Assert.Equal("7", SectionSign().Match("issue 4 \u00a77").Groups["n"].Value);
    }

    private static HashSet<string> DesignSections() =>
        File.ReadLines(Path.Combine(RepoPaths.Root, "docs", "design.md"))
            .Select(l => DesignHeading().Match(l))
            .Where(m => m.Success)
            .Select(m => m.Groups["n"].Value)
            .ToHashSet(StringComparer.Ordinal);

    private static IEnumerable<(int Number, string Text)> Lines(string file) =>
        File.ReadLines(Path.Combine(RepoPaths.Root, file)).Select((text, i) => (i + 1, text));

    /// <summary>The repository's files (tracked, plus new ones not ignored), text only.</summary>
    private static IEnumerable<string> RepositoryTextFiles()
    {
        var psi = new ProcessStartInfo("git", "ls-files -z --cached --others --exclude-standard")
        {
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardOutput = true,
        };
        using var git = Process.Start(psi)!;
        var listing = git.StandardOutput.ReadToEnd();
        git.WaitForExit();
        Assert.Equal(0, git.ExitCode);
        var files = listing.Split('\0', StringSplitOptions.RemoveEmptyEntries)
            .Where(f => File.Exists(Path.Combine(RepoPaths.Root, f)) && !IsBinary(Path.Combine(RepoPaths.Root, f)))
            .ToList();
        Assert.True(files.Count > 100, "git listed too few files: " + files.Count);
        return files;
    }

    private static bool IsBinary(string path)
    {
        using var stream = File.OpenRead(path);
        var buffer = new byte[8000];
        var read = stream.Read(buffer, 0, buffer.Length);
        return Array.IndexOf(buffer, (byte)0, 0, read) >= 0;
    }

    [GeneratedRegex(@"§(?<n>[0-9]+[a-z]?)")]
    private static partial Regex SectionSign();

    [GeneratedRegex(@"(design\.md §[0-9]+[a-z]?(, §[0-9]+[a-z]?)*, |design\.md )$")]
    private static partial Regex DesignCitationBefore();

    [GeneratedRegex(@"^## (?<n>[0-9]+[a-z]?)\. ")]
    private static partial Regex DesignHeading();
}
