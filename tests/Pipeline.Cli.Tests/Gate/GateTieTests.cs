namespace Pipeline.Cli.Tests.Gate;

/// <summary>An exact tie with the champion holds, through the CLI (the tie rule was protected only in Core).</summary>
public sealed class GateTieTests : IDisposable
{
    private readonly TempGitRepo _repo = new();

    public GateTieTests()
    {
        _repo.Write("gate.yaml", """
            suite: {name: mmlu, fingerprint: "mmlu@abcd"}
            metric: mmlu
            direction: maximize
            threshold: 0.60
            """);
        _repo.Commit("protected gate");
        _repo.Register("demo", "v1.0.0", "fp-1", 0.65);
        _repo.Assign("demo", "v1.0.0", "production", 1);
        _repo.Register("demo", "v1.1.0", "fp-2", 0.65);
    }

    public void Dispose() => _repo.Dispose();

    [Theory]
    [InlineData("gate")]
    [InlineData("promote")]
    public void An_exact_tie_keeps_the_champion(string verb)
    {
        var r = CliRunner.Run(verb, "demo", "--version", "v1.1.0", "--alias", "production", "--repo", _repo.Root, "--json");

        Assert.True(r.ExitCode == 1, r.ToString());
        var decision = r.Json.GetProperty("decision");
        Assert.Equal("hold", decision.GetProperty("decision").GetString());
        Assert.Equal("ties", decision.GetProperty("comparison").GetProperty("result").GetString());
        Assert.Contains("a tie keeps the champion", r.Stderr);
        Assert.Equal("v1.0.0", CliRunner.Run("show", "demo#production", "--repo", _repo.Root, "--json").Json.GetProperty("version").GetString());
    }

    [Fact]
    public void The_smallest_step_above_the_champion_beats_it()
    {
        _repo.Register("demo", "v1.2.0", "fp-3", Math.BitIncrement(0.65));

        var r = CliRunner.Run("gate", "demo", "--version", "v1.2.0", "--alias", "production", "--repo", _repo.Root, "--json");

        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal("beats", r.Json.GetProperty("decision").GetProperty("comparison").GetProperty("result").GetString());
    }
}
