using System.Text.RegularExpressions;
using Pipeline.Core.Diagnostics;

namespace Pipeline.GitHub.Tests.Schemas;

/// <summary>
/// Every code the action's scripts print is in the catalogue, and every <c>fail CODE "title" "message" EXIT</c> call
/// exits with its code's exit code. Calls are matched one logical line at a time (a trailing backslash continues a
/// line), and a call the pattern cannot read fails the test instead of being skipped.
/// </summary>
public sealed partial class ScriptCodesTests
{
    [Fact]
    public void Every_code_the_action_scripts_print_is_in_the_catalogue()
    {
        var seen = 0;
        foreach (var script in Scripts())
        {
            foreach (Match m in CodePattern().Matches(File.ReadAllText(script)))
            {
                Assert.True(PipeCodes.Find(m.Value) is not null, $"{Path.GetFileName(script)}: {m.Value} is not in the catalogue");
                seen++;
            }
        }

        Assert.True(seen >= 5, $"only {seen} codes found in action/*.sh");
    }

    [Fact]
    public void Every_fail_call_exits_with_its_codes_exit_code()
    {
        var calls = Scripts().SelectMany(FailCalls).ToArray();
        foreach (var (where, text) in calls)
        {
            var m = FailCallPattern().Match(text);
            Assert.True(m.Success, $"{where}: a fail call not of the form fail PIPEnnnn \"title\" \"message\" EXIT: {text.Trim()}");
            var code = PipeCodes.Find(m.Groups["code"].Value);
            Assert.True(code is not null, $"{where}: {m.Groups["code"].Value} is not in the catalogue");
            Assert.True(code.ExitCode == int.Parse(m.Groups["exit"].Value, System.Globalization.CultureInfo.InvariantCulture),
                $"{where}: {code.Id} exits {m.Groups["exit"].Value}, the catalogue says {code.ExitCode}");
        }

        // run.sh alone makes six fail calls today; fewer found means the matcher went blind, not that they went away.
        Assert.True(calls.Count(c => c.Where.StartsWith("run.sh:", StringComparison.Ordinal)) >= 6,
            $"found {calls.Count(c => c.Where.StartsWith("run.sh:", StringComparison.Ordinal))} fail calls in run.sh");
    }

    private static string[] Scripts() => Directory.GetFiles(RepoPaths.At("action"), "*.sh").Order(StringComparer.Ordinal).ToArray();

    /// <summary>The logical lines (continuations joined) that call fail, with file and first line number.</summary>
    private static IEnumerable<(string Where, string Text)> FailCalls(string script)
    {
        var lines = File.ReadAllLines(script);
        for (var i = 0; i < lines.Length; i++)
        {
            var start = i;
            var text = lines[i];
            while (text.EndsWith('\\') && i + 1 < lines.Length)
            {
                text = text[..^1] + " " + lines[++i].Trim();
            }

            if (FailWord().IsMatch(text) && !text.TrimStart().StartsWith('#') && !FailDefinition().IsMatch(text))
            {
                yield return ($"{Path.GetFileName(script)}:{start + 1}", text);
            }
        }
    }

    [GeneratedRegex(@"PIPE\d{4}")]
    private static partial Regex CodePattern();

    // The word fail used as a command (not --fail, pipefail or "failed").
    [GeneratedRegex(@"(?<![\w-])fail\s")]
    private static partial Regex FailWord();

    [GeneratedRegex(@"^\s*fail\(\)")]
    private static partial Regex FailDefinition();

    // fail CODE "title" "message" EXIT; a message may hold $(…) with quotes of its own.
    [GeneratedRegex(@"(?<![\w-])fail\s+(?<code>PIPE\d{4})\s+""[^""]*""\s+""(?:\$\([^)]*\)|[^""])*""\s+(?<exit>\d)(\s*(;;?|$|\)|&&|\|\|))")]
    private static partial Regex FailCallPattern();
}
