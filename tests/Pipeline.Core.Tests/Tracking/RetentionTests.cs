using Pipeline.Core.Tracking;

namespace Pipeline.Core.Tests.Tracking;

public sealed class RetentionTests
{
    [Fact]
    public void Durations_parse_and_refuse_nonsense()
    {
        Assert.Equal(TimeSpan.FromDays(90), Duration.Parse("90d"));
        Assert.Equal(TimeSpan.FromDays(14), Duration.Parse("2w"));
        Assert.Equal(TimeSpan.FromHours(12), Duration.Parse("12h"));
        Assert.Throws<Pipeline.Core.Diagnostics.PipelineException>(() => Duration.Parse("90"));
        Assert.Throws<Pipeline.Core.Diagnostics.PipelineException>(() => Duration.Parse("-3d"));
        Assert.Throws<Pipeline.Core.Diagnostics.PipelineException>(() => Duration.Parse("d"));
    }

    [Fact]
    public void Registered_runs_are_found_through_every_reference_shape()
    {
        var registry = Path.Combine(Directory.CreateTempSubdirectory("pipeline-tracking-").FullName, "registry");
        Directory.CreateDirectory(Path.Combine(registry, "team", "llm"));
        Directory.CreateDirectory(Path.Combine(registry, "other"));
        File.WriteAllText(Path.Combine(registry, "team", "llm", "v1.0.0.json"), "{\"model\":\"team/llm\",\"fingerprint\":\"ab\",\"run_id\":\"r1\"}");
        File.WriteAllText(Path.Combine(registry, "other", "v0.0.1.json"), "{\"run\":{\"id\":\"r2\"},\"runs\":[\"r3\",{\"id\":\"r4\"}]}");
        File.WriteAllText(Path.Combine(registry, "other", "model.json"), "{\"run_id\":\"not-a-version\"}");
        var (ids, fps) = RunRetention.Registered(registry);
        Assert.Equal(["r1", "r2", "r3", "r4"], ids.Order().ToArray());
        Assert.Equal(["ab"], fps.ToArray());
    }
}
