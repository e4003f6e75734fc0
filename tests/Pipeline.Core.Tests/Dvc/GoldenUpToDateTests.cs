using System.Diagnostics;
using Pipeline.Core.Canonical;
using Pipeline.Core.Tests.Canonical;

namespace Pipeline.Core.Tests.Dvc;

/// <summary>golden/golden.json is what golden.py computes from cases.json today, and it covers every case (no stale, no lost case).</summary>
public sealed class GoldenUpToDateTests
{
    // The cases golden.json covered when this guard was written; fewer means cases were lost, not that the suite shrank on purpose.
    private const int MinimumCases = 15;

    private static string Golden(string file) => RepoPaths.At("tests", "Pipeline.Core.Tests", "Dvc", "golden", file);

    private static string[] Names(string file) =>
        ((ArrayValue)JsonReader.ParseFile(Golden(file))).Items.Cast<ObjectValue>().Select(o => ((StringValue)o["name"]!).Value).ToArray();

    [Fact]
    public void Golden_json_has_one_entry_per_case_and_at_least_the_known_cases()
    {
        var cases = Names("cases.json");
        Assert.True(cases.Length >= MinimumCases, $"cases.json has {cases.Length} cases, fewer than {MinimumCases}");
        Assert.Equal(cases.Order(StringComparer.Ordinal), Names("golden.json").Order(StringComparer.Ordinal));
        Assert.Equal(cases.Length, cases.Distinct(StringComparer.Ordinal).Count());
    }

    [PythonFact]
    public void Golden_json_is_what_golden_py_computes_today()
    {
        var temp = Directory.CreateTempSubdirectory("pipeline-golden-");
        try
        {
            var output = Path.Combine(temp.FullName, "golden.json");
            var start = new ProcessStartInfo(PythonFactAttribute.RequirePython3())
            {
                ArgumentList = { Golden("golden.py"), "--out", output },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, "golden.py failed: " + stderr.Result);

            Assert.True(File.ReadAllBytes(output).AsSpan().SequenceEqual(File.ReadAllBytes(Golden("golden.json"))),
                "golden.json is stale: cd tests/Pipeline.Core.Tests/Dvc/golden && python3 golden.py");
        }
        finally
        {
            temp.Delete(recursive: true);
        }
    }
}
