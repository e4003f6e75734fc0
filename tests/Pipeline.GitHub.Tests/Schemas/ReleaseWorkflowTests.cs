using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Pipeline.GitHub.Tests.Schemas;

/// <summary>
/// .github/workflows/release.yml against GitHub's workflow schema, and against the one script that reads its
/// output: every executable action/download.sh may ask for is one the release builds, under the same name.
/// </summary>
public sealed class ReleaseWorkflowTests
{
    private static readonly JsonObject Release = YamlToJson.Load(RepoPaths.At(".github", "workflows", "release.yml"))!.AsObject();

    [Fact]
    public void Release_yml_validates_against_GitHubs_workflow_schema()
    {
        var errors = SchemaValidator.ValidateWorkflow(Release);
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public void The_release_builds_exactly_the_executables_the_action_downloads()
    {
        var built = Release["jobs"]!["executables"]!["strategy"]!["matrix"]!["include"]!.AsArray()
            .Select(
                m =>
                    "pipeline-" + m!["rid"]!.GetValue<string>() + (
                        m["exe"]!.GetValue<string>().EndsWith(".exe", StringComparison.Ordinal) ? ".exe" : ""))
            .Order(StringComparer.Ordinal);
        var downloaded = Regex.Matches(File.ReadAllText(RepoPaths.At("action", "download.sh")), @"asset=""([^""]+)""")
            .Select(m => m.Groups[1].Value)
            .Order(StringComparer.Ordinal);

        Assert.Equal(["pipeline-linux-arm64", "pipeline-linux-x64", "pipeline-osx-arm64", "pipeline-win-x64.exe"], built);
        Assert.Equal(built, downloaded);
    }

    [Fact]
    public void The_release_runs_on_version_tags_with_the_tags_fetched()
    {
        Assert.Equal("v[0-9]+.[0-9]+.[0-9]+*", Release["on"]!["push"]!["tags"]![0]!.GetValue<string>());
        var checkouts = Release["jobs"]!.AsObject()
            .SelectMany(j => j.Value!["steps"]!.AsArray().OfType<JsonObject>())
            .Where(s => s["uses"]?.GetValue<string>().StartsWith("actions/checkout@", StringComparison.Ordinal) == true)
            .ToList();
        // Versions come from `git describe` of v* tags: the jobs that build need the whole history.
        Assert.Equal(3, checkouts.Count);
        Assert.Equal(2, checkouts.Count(c => c["with"]?["fetch-depth"]?.ToString() == "0"));
        Assert.Contains("sha256sum", Release["jobs"]!["release"]!.ToJsonString());
    }
}
