using Pipeline.GitHub.Actions;

namespace Pipeline.GitHub.Tests.Actions;

public sealed class ReportOutputsTests
{
    [Fact]
    public void Known_top_level_members_become_outputs_and_nested_ones_do_not()
    {
        var folder = Directory.CreateTempSubdirectory("pipeline-ro-").FullName;
        try
        {
            var output = Path.Combine(folder, "output");
            var runtime = new ActionsRuntime(ActionsEnvironment.From(new Dictionary<string, string> { ["GITHUB_ACTIONS"] = "true", ["GITHUB_OUTPUT"] = output }), new StringWriter());
            ReportOutputs.Write(runtime, """{"fingerprint": "abc", "version": "v1.0.0", "lineage": {"alias": "nested"}, "decision": "hold\nreason", "winner": 12, "other": "x"}""");
            var parsed = RunnerParsers.ParseOutputFile(File.ReadAllText(output));
            Assert.Equal(new Dictionary<string, string> { ["fingerprint"] = "abc", ["version"] = "v1.0.0", ["decision"] = "hold\nreason", ["winner"] = "12" }, parsed);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
