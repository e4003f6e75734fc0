using System.Text.Json;

namespace Pipeline.GitHub.Tests.Harness;

/// <summary>
/// The promotion workflow's step run as a runner runs it: `command: promote` against a real repository whose registry
/// holds a champion (demo@v1.0.0, production) and a challenger (v1.1.0), gate.yaml committed on the protected ref
/// (main), the challenger's eval result given as a file input, and its training run linked through registry/runs.
/// </summary>
public sealed class PromoteThroughActionTests : IDisposable
{
    private const string GateYaml = """
        suite: {name: mmlu, fingerprint: "mmlu@abcd"}
        metric: mmlu
        direction: maximize
        threshold: 0.60
        health:
          - {series: kl, stat: last, max: 0.2}

        """;

    private readonly RegistryRepo repo = new();
    private readonly string challenger;

    public PromoteThroughActionTests()
    {
        repo.Write("gate.yaml", GateYaml);
        repo.Commit("protected gate");
        var champion = repo.Lineage(1);
        repo.Register("demo", "v1.0.0", 1, repo.Eval("v1.0.0", champion, 0.65));
        repo.Assign("demo", "v1.0.0", "production");
        challenger = repo.Lineage(2);
        repo.Register("demo", "v1.1.0", 2);
        repo.Eval("v1.1.0", challenger, 0.71);
    }

    public void Dispose() => repo.Dispose();

    [Fact]
    public void A_challenger_that_beats_the_champion_takes_the_alias_through_the_action()
    {
        LinkRun(kl: [0.4, 0.2, 0.1]);
        var result = Promote();

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("true", result.Outputs["ok"]);
        Assert.Equal("0", result.Outputs["exit-code"]);
        Assert.Equal("promote", result.Outputs["decision"]);
        Assert.Equal("v1.1.0", result.Outputs["version"]);
        Assert.Equal("production", result.Outputs["alias"]);
        Assert.Equal("demo", result.Outputs["model"]);
        Assert.Equal("demo#production#2", result.Outputs["tag"]);
        Assert.Equal("demo#production#2", repo.Git("tag", "-l", "demo#production#2"));

        // The report file is the CLI's JSON: the gate's decision and the assignment it made.
        using var report = JsonDocument.Parse(result.Report!);
        Assert.Equal("promote", report.RootElement.GetProperty("decision").GetProperty("decision").GetString());
        Assert.Equal("run-kl", report.RootElement.GetProperty("decision").GetProperty("run").GetString());
        Assert.True(report.RootElement.GetProperty("assignment").GetProperty("moved").GetBoolean());

        Assert.Contains("### ✅ gate: `demo@v1.1.0` for `production`: **PROMOTE**", result.Summary);
        Assert.Contains("| last(kl) <= 0.2 | 0.1 | ✅ pass |", result.Summary);
        Assert.Contains("demo#production: v1.0.0 → v1.1.0 (tag demo#production#2)", result.Summary);
        Assert.DoesNotContain("failed", result.Summary);
        Assert.Contains("pipeline promote demo --version v1.1.0 --alias production --eval evals/v1.1.0.json --gate-ref main --json", result.Stdout);
    }

    [Fact]
    public void The_summary_charts_challenger_against_champion_and_the_runs_training_loss()
    {
        var loss = Enumerable.Range(0, 400).Select(i => 2.5 / (1 + (i / 40.0))).ToArray();
        repo.AddRun("run-kl", 0, challenger, new Dictionary<string, double[]> { ["kl"] = [0.4, 0.1], ["loss"] = loss });
        var result = Promote();

        Assert.True(result.ExitCode == 0, result.ToString());
        // GitHub renders ```mermaid blocks in step summaries; the table beside it carries the same numbers.
        Assert.Contains(
            "```mermaid\nxychart-beta\n    title \"demo: v1.1.0 (bars) vs champion v1.0.0 (line)\"\n    x-axis [\"mmlu\"]\n    y-axis \"score\"\n  " +
            "  bar [0.71]\n    line [0.65]\n```",
            result.Summary);
        Assert.Contains("| mmlu | 0.71 | 0.65 |", result.Summary);
        Assert.Contains("    title \"training loss of run run-kl (30 of 400 points, LTTB)\"", result.Summary);
        Assert.Contains("    line [2.5, ", result.Summary);
    }

    [Fact]
    public void On_a_pull_request_the_gate_posts_its_decision_and_charts_as_one_sticky_comment()
    {
        LinkRun(kl: [0.4, 0.1]);
        using var github = new FakeGitHub.FakeGitHubServer();
        ActionRunResult Gate() => ActionHarness.ForThisRepository().Run(
            new Dictionary<string, string>
            {
                ["command"] = "gate", ["model"] = "demo", ["version"] = "v1.1.0", ["alias"] = "production",
                ["eval"] = "evals/v1.1.0.json\n", ["gate-ref"] = "main", ["token"] = "ghs_fakeToken",
            },
            repo.Root,
            Payloads.PullRequest(12, new string('1', 40)),
            new Dictionary<string, string> { ["GITHUB_API_URL"] = github.ApiUrl });

        var first = Gate();
        var second = Gate();

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.True(github.Refusals.IsEmpty, string.Join("\n", github.Refusals.Select(r => $"{r.Request} {r.Status} {r.Message}")));
        var comment = Assert.Single(github.Comments);
        Assert.StartsWith("<!-- pipeline:gate demo production -->\n### ✅ gate: `demo@v1.1.0` for `production`: **PROMOTE**", comment.Body);
        Assert.Contains("```mermaid\nxychart-beta\n", comment.Body);
        Assert.Contains("bar [0.71]", comment.Body);
        Assert.Empty(github.CheckRuns);
        Assert.DoesNotContain("ghs_fakeToken", second.Stdout + second.Summary);
    }

    [Fact]
    public void A_challenger_failing_a_health_rule_is_held_and_no_tag_is_written()
    {
        // It beats the champion on mmlu, but its final KL is over the gate's bound.
        LinkRun(kl: [0.1, 0.3, 0.5]);
        var result = Promote();

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal("false", result.Outputs["ok"]);
        Assert.Equal("1", result.Outputs["exit-code"]);
        Assert.Equal("hold", result.Outputs["decision"]);
        Assert.Equal("v1.1.0", result.Outputs["version"]);
        Assert.Equal("production", result.Outputs["alias"]);
        Assert.Equal("", result.Outputs["tag"]);
        Assert.Equal("", repo.Git("tag", "-l", "demo#production#2"));
        Assert.Contains("error PIPE4060", result.Stderr);
        Assert.Contains("\"decision\": \"hold\"", result.Report);

        // The CLI's own summary explains the hold, so run.sh adds no generic failure block.
        Assert.Contains("### ⏸️ gate: `demo@v1.1.0` for `production`: **HOLD**", result.Summary);
        Assert.Contains("| last(kl) <= 0.2 | 0.5 | ❌ fail |", result.Summary);
        Assert.Contains("not moved (held by the gate)", result.Summary);
        Assert.DoesNotContain("pipeline promote failed", result.Summary);
    }

    [Fact]
    public void Without_a_linked_run_every_health_rule_fails_and_the_candidate_is_held()
    {
        var result = Promote();

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal("hold", result.Outputs["decision"]);
        Assert.Equal("", repo.Git("tag", "-l", "demo#production#2"));
    }

    [Fact]
    public void The_run_input_names_the_run_the_health_rules_read()
    {
        // Two runs claim the challenger: without `run:` the gate cannot choose (PIPE4062); with it, it reads that one.
        LinkRun(kl: [0.1], id: "run-a");
        LinkRun(kl: [0.9], id: "run-b");
        var ambiguous = Promote();
        Assert.True(ambiguous.ExitCode == 2, ambiguous.ToString());
        Assert.Contains("PIPE4062", ambiguous.Stderr);

        var result = Promote(("run", "run-a"));
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("promote", result.Outputs["decision"]);
    }

    [Fact]
    public void A_second_promote_is_a_no_op_that_still_names_the_version_and_tag()
    {
        LinkRun(kl: [0.1]);
        Assert.Equal(0, Promote().ExitCode);
        var again = Promote();

        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal("true", again.Outputs["ok"]);
        Assert.Equal("v1.1.0", again.Outputs["version"]);
        Assert.Equal("demo#production#2", again.Outputs["tag"]);
        // Nothing was decided this time: the decision output stays empty rather than claiming a gate ran.
        Assert.Equal("", again.Outputs["decision"]);
        Assert.Equal("", repo.Git("tag", "-l", "demo#production#3"));
    }

    [Fact]
    public void An_input_promote_does_not_take_is_refused_by_name_before_the_cli_runs()
    {
        var result = Promote(("to", "v1.0.0"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("::error title=PIPE5033%3A Invalid input::input 'to' does not apply to command 'promote'", result.Stdout);
        Assert.Equal("", result.Outputs["ok"]);
        Assert.Equal("", repo.Git("tag", "-l", "demo#production#2"));
    }

    [Fact]
    public void Show_folds_model_and_alias_into_one_spec()
    {
        var result = ActionHarness.ForThisRepository().Run(
            new Dictionary<string, string> { ["command"] = "show", ["model"] = "demo", ["alias"] = "production" }, repo.Root);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("pipeline show demo#production --json", result.Stdout);
        Assert.Equal("v1.0.0", result.Outputs["version"]);
    }

    private void LinkRun(double[] kl, string id = "run-kl")
    {
        repo.AddRun(id, 0, challenger, new Dictionary<string, double[]> { ["kl"] = kl });
        repo.Commit("training run " + id);
    }

    private ActionRunResult Promote(params (string Name, string Value)[] extra)
    {
        var inputs = new Dictionary<string, string>
        {
            ["command"] = "promote",
            ["model"] = "demo",
            ["version"] = "v1.1.0",
            ["alias"] = "production",
            ["eval"] = "evals/v1.1.0.json\n",
            ["gate-ref"] = "main",
        };
        foreach (var (name, value) in extra)
        {
            inputs[name] = value;
        }

        return ActionHarness.ForThisRepository().Run(inputs, repo.Root, Payloads.WorkflowDispatch("demo", "v1.1.0", "production"));
    }
}
