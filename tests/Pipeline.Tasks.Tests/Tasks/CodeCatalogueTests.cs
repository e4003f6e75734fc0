using System.Reflection;
using Pipeline.Core.Diagnostics;
using Pipeline.Tasks.Diagnostics;

namespace Pipeline.Tasks.Tests.Tasks;

public sealed class CodeCatalogueTests
{
    [Fact]
    public void Every_code_the_tasks_raise_is_in_the_catalogue_within_the_msbuild_range()
    {
        var codes = typeof(TaskCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (string)f.GetRawConstantValue()!).ToArray();

        Assert.NotEmpty(codes);
        Assert.Equal(codes.Length, codes.Distinct().Count());
        foreach (var code in codes)
        {
            var entry = PipeCodes.Find(code);
            Assert.True(entry is not null, $"{code} is raised by the tasks but missing from PipeCodes");
            Assert.InRange(entry!.Number, 900, 949);
        }
    }

    [Fact]
    public void The_targets_raise_only_catalogued_codes()
    {
        var targets = File.ReadAllText(Path.Combine(RepoPaths.Root, "src", "Pipeline.Tasks", "build", "Pipeline.Tasks.targets"));
        var used = System.Text.RegularExpressions.Regex.Matches(targets, "Code=\"(PIPE\\d{4})\"").Select(m => m.Groups[1].Value).Distinct().ToArray();

        Assert.NotEmpty(used);
        Assert.All(used, code => Assert.NotNull(PipeCodes.Find(code)));
    }
}
