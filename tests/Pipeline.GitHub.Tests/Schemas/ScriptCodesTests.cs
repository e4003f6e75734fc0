using System.Text.RegularExpressions;
using Pipeline.Core.Diagnostics;

namespace Pipeline.GitHub.Tests.Schemas;

public sealed class ScriptCodesTests
{
    [Fact]
    public void Every_code_the_action_scripts_print_is_in_the_catalogue_with_the_same_exit_code()
    {
        var seen = 0;
        foreach (var script in Directory.GetFiles(RepoPaths.At("action"), "*.sh"))
        {
            var text = File.ReadAllText(script);
            foreach (Match m in Regex.Matches(text, @"PIPE(\d{4})"))
            {
                Assert.NotNull(PipeCodes.Find("PIPE" + m.Groups[1].Value));
                seen++;
            }

            // fail CODE "title" "message" EXIT
            foreach (Match m in Regex.Matches(text, @"fail (PIPE\d{4}) ""[^""]*"" "".*?"" (\d)\s*;", RegexOptions.Singleline))
            {
                Assert.Equal(PipeCodes.Find(m.Groups[1].Value)!.ExitCode, int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        Assert.True(seen >= 5);
    }
}
