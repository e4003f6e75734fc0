using System.Text.RegularExpressions;

namespace Pipeline.Core.Tests.Style;

// The rules no Roslyn analyzer checks: line length (.editorconfig's max_line_length) and the one test-name style.
// Braces, file-scoped namespaces and unused usings are enforced by the build itself (EnforceCodeStyleInBuild).
public sealed partial class SourceStyleTests
{
    [Fact]
    public void Every_source_line_fits_the_editorconfig_max_line_length()
    {
        var limit = MaxLineLength();
        var offenders = SourceFiles()
            .SelectMany(file => File.ReadLines(file).Select((line, index) => (file, line, number: index + 1)))
            .Where(x => x.line.Length > limit)
            .Select(x => $"{Path.GetRelativePath(RepoPaths.Root, x.file)}:{x.number} ({x.line.Length} characters)")
            .ToList();

        Assert.True(offenders.Count == 0, $"lines over {limit} characters (.editorconfig max_line_length):\n" + string.Join('\n', offenders));
    }

    [Fact]
    public void Every_test_method_is_named_in_the_underscore_style()
    {
        var offenders = new List<string>();
        foreach (var file in SourceFiles().Where(f => f.Contains($"{Path.DirectorySeparatorChar}tests{Path.DirectorySeparatorChar}")))
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length - 1; i++)
            {
                if (!TestAttribute().IsMatch(lines[i]))
                {
                    continue;
                }

                // The signature follows the attribute, after any further attributes.
                var j = i + 1;
                while (j < lines.Length && lines[j].TrimStart().StartsWith('['))
                {
                    j++;
                }

                var name = MethodName().Match(j < lines.Length ? lines[j] : "");
                if (name.Success && !IsUnderscoreStyle(name.Groups["name"].Value))
                {
                    offenders.Add($"{Path.GetRelativePath(RepoPaths.Root, file)}:{j + 1} {name.Groups["name"].Value}");
                }
            }
        }

        Assert.True(offenders.Count == 0, "test methods not in the Behaviour_in_words style:\n" + string.Join('\n', offenders));
    }

    [Theory]
    [InlineData("Promote_refuses_unmerged_version", true)]
    [InlineData("Roundtrip", true)]
    [InlineData("PromoteRefusesUnmergedVersion", false)]
    [InlineData("RoundTrip", false)]
    [InlineData("Serialize_keeps_JsonElement_values", true)]
    public void The_name_rule_accepts_sentences_and_refuses_pascal_case(string name, bool accepted) =>
        Assert.Equal(accepted, IsUnderscoreStyle(name));

    // A sentence with underscores between words, or a single word. Words inside the sentence may be identifiers
    // (`Serialize_keeps_JsonElement_values`); what is refused is a PascalCase name with no underscore at all.
    private static bool IsUnderscoreStyle(string name) => name.Contains('_') || !PascalHump().IsMatch(name);

    private static int MaxLineLength()
    {
        var line = File.ReadLines(RepoPaths.At(".editorconfig")).Single(l => l.StartsWith("max_line_length", StringComparison.Ordinal));
        return int.Parse(line.Split('=')[1].Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static IEnumerable<string> SourceFiles() =>
        new[] { "src", "tests", "bench" }
            .Select(folder => RepoPaths.At(folder))
            .Where(Directory.Exists)
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories))
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")
                && !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"));

    [GeneratedRegex(@"^\s*\[(?:[\w.]*Fact|[\w.]*Theory|[\w.]*Property)\b")]
    private static partial Regex TestAttribute();

    [GeneratedRegex(@"^\s*public\s+(?:static\s+)?(?:async\s+)?[\w<>.]+\s+(?<name>\w+)\s*\(")]
    private static partial Regex MethodName();

    // A lower-case letter followed by a capital: the hump of PascalCase (`RefusesUnmerged`).
    [GeneratedRegex("[a-z][A-Z]")]
    private static partial Regex PascalHump();
}
