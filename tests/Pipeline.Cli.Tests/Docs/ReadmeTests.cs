using System.Text.RegularExpressions;

namespace Pipeline.Cli.Tests.Docs;

/// <summary>
/// The README is the newcomer's page: short enough to read in ten minutes, opening with the two commands that show
/// the product and prove it, and every link in it leads somewhere that exists.
/// </summary>
public sealed partial class ReadmeTests
{
    private const int MaxBytes = 15 * 1024;

    private static string Readme => File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));

    [Fact]
    public void Is_at_most15_KB()
    {
        var bytes = new FileInfo(Path.Combine(RepoPaths.Root, "README.md")).Length;

        Assert.True(bytes <= MaxBytes, $"README.md is {bytes} bytes (limit {MaxBytes}); move reference material to docs/");
    }

    [Fact]
    public void Opens_with_the_two_commands()
    {
        // The first code block, before any other section: run the demo, then the tests.
        var firstSection = Readme.IndexOf("\n## ", StringComparison.Ordinal);
        var block = FirstCodeBlock().Match(Readme);

        Assert.True(block.Success && block.Index < firstSection, "README.md must open with a code block before its first section");
        var commands = block.Groups["body"].Value.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split('#')[0].Trim()).Where(l => l.Length > 0).ToList();
        Assert.Equal(["dotnet run --project src/Pipeline.Cli -- quickstart", "dotnet test Pipeline.sln"], commands);
    }

    [Fact]
    public void Every_relative_link_exists()
    {
        var pages = new[] { "README.md", "CONTRIBUTING.md" }
            .Concat(Directory.GetFiles(Path.Combine(RepoPaths.Root, "docs"), "*.md").Select(f => Path.GetRelativePath(RepoPaths.Root, f)));
        var broken = new List<string>();
        foreach (var page in pages)
        {
            var folder = Path.GetDirectoryName(Path.Combine(RepoPaths.Root, page))!;
            // Code (fenced blocks and `spans`) is not prose: a regex there is not a link.
            var prose = CodeSpan().Replace(File.ReadAllText(Path.Combine(RepoPaths.Root, page)), "");
            foreach (Match link in RelativeLink().Matches(prose))
            {
                var target = link.Groups["target"].Value;
                if (!File.Exists(Path.Combine(folder, target)) && !Directory.Exists(Path.Combine(folder, target)))
                {
                    broken.Add($"{page} -> {target}");
                }
            }
        }

        Assert.True(broken.Count == 0, "links to files that do not exist: " + string.Join(", ", broken));
    }

    [GeneratedRegex(@"```.*?```|`[^`\n]*`", RegexOptions.Singleline)]
    private static partial Regex CodeSpan();

    [GeneratedRegex(@"```[a-z]*\n(?<body>.*?)```", RegexOptions.Singleline)]
    private static partial Regex FirstCodeBlock();

    // [text](target) or [text](target#anchor), not http(s):, mailto: or a bare #anchor.
    [GeneratedRegex(@"\]\((?!https?:|mailto:|#)(?<target>[^)#\s]+)(#[^)]*)?\)")]
    private static partial Regex RelativeLink();
}
