using System.Security.Cryptography;
using System.Text;

namespace Pipeline.GitHub.Tests.Harness;

public sealed class ActionHarnessTests : IDisposable
{
    private const string Lineage = """
        {"data_version": "dvc:abc", "code_commit": "0123456789abcdef0123456789abcdef01234567", "config": {"lr": 0.001},
         "base_model": "llama", "seed": 7, "note": "not fingerprinted"}
        """;

    // Written out by hand from the Python reference: json.dumps(lineage, sort_keys=True, separators=(",", ":")).
    private const string Canonical = """{"base_model":"llama","code_commit":"0123456789abcdef0123456789abcdef01234567","config":{"lr":""" +
        """0.001},"data_version":"dvc:abc","seed":7}""";

    private readonly string repo = Directory.CreateTempSubdirectory("pipeline-action-repo-").FullName;

    public ActionHarnessTests()
    {
        Git("init", "-q", "-b", "main");
        File.WriteAllText(Path.Combine(repo, "lineage.json"), Lineage);
        File.WriteAllText(
            Path.Combine(repo, "broken.json"),
            """{"data_version": "dvc:abc", "code_commit": "0123", "config": {}, "base_model": "llama"}""");
        Git("add", "-A");
        Git("commit", "-q", "-m", "lineage");
    }

    [Fact]
    public void Fingerprint_passes_through_the_action_like_a_runner_runs_it()
    {
        var result = ActionHarness.ForThisRepository().Run(
            new Dictionary<string, string> { ["command"] = "fingerprint", ["lineage"] = "lineage.json" },
            repo,
            Payloads.PullRequest(3, new string('a', 40)));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["Set up .NET", "Restore the built Pipeline CLI", "Save the built Pipeline CLI"], result.StepsSkipped);
        Assert.Equal("true", result.Outputs["ok"]);
        Assert.Equal("0", result.Outputs["exit-code"]);
        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Canonical)));
        Assert.StartsWith(Path.Combine(Path.GetTempPath(), "pipeline-runner-"), result.Outputs["report-path"]);
        Assert.Contains($"\"fingerprint\": \"{expected}\"", result.Report);
        Assert.Contains(expected, result.Stdout);
        // Written by the CLI itself (its output layer), forwarded by the composite's outputs mapping.
        Assert.Equal(expected, result.Outputs["fingerprint"]);
        Assert.DoesNotContain("failed", result.Summary);
    }

    [Fact]
    public void A_broken_lineage_fails_the_step_with_exit_2_outputs_and_a_summary()
    {
        var result = ActionHarness.ForThisRepository().Run(
            new Dictionary<string, string> { ["command"] = "fingerprint", ["lineage"] = "broken.json" },
            repo,
            Payloads.PullRequest(3, new string('a', 40)));

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("false", result.Outputs["ok"]);
        Assert.Equal("2", result.Outputs["exit-code"]);
        Assert.Contains("error PIPE2003", result.Stderr);
        Assert.Contains("seed", result.Stderr);
        Assert.Contains("### ❌ pipeline fingerprint failed (exit 2)", result.Summary);
        Assert.Contains("PIPE2003", result.Summary);
        Assert.Contains("\"ok\": false", result.Report);
    }

    [Fact]
    public void Input_values_reach_the_cli_as_single_arguments_and_are_never_run()
    {
        var hostile = "my lineage $(touch pwned) `touch pwned2`; touch pwned3 'q\".json";
        File.Copy(Path.Combine(repo, "lineage.json"), Path.Combine(repo, hostile));
        var result = ActionHarness.ForThisRepository().Run(
            new Dictionary<string, string> { ["command"] = "fingerprint", ["lineage"] = hostile },
            repo);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(Directory.GetFiles(repo, "pwned*"));
    }

    [Fact]
    public void The_token_travels_in_the_environment_and_never_on_the_command_line()
    {
        var result = ActionHarness.ForThisRepository().Run(
            new Dictionary<string, string> { ["command"] = "fingerprint", ["lineage"] = "lineage.json", ["token"] = "ghs_doNotPrintMe" },
            repo);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("pipeline fingerprint --lineage lineage.json --json", result.Stdout);
        Assert.DoesNotContain("ghs_doNotPrintMe", result.Stdout + result.Stderr + result.Summary);
    }

    [Fact]
    public void An_input_with_a_newline_cannot_start_a_workflow_command_in_the_echoed_command_line()
    {
        // The step echoes the command line it runs; a value's newline must not put "::error::…" at the start of a line.
        var result = ActionHarness.ForThisRepository().Run(
            new Dictionary<string, string> { ["command"] = "fingerprint", ["lineage"] = "lineage.json", ["seed"] = "1\n::error::injected" },
            repo);

        Assert.DoesNotContain(result.Stdout.Split('\n'), line => line.StartsWith("::error::injected", StringComparison.Ordinal));
        Assert.Contains("::error::injected", result.Stdout);
    }

    [Fact]
    public void Extra_args_are_one_argument_per_line()
    {
        var result = ActionHarness.ForThisRepository().Run(
            new Dictionary<string, string> { ["command"] = "fingerprint", ["extra-args"] = "--lineage\r\nlineage.json\n" },
            repo);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("true", result.Outputs["ok"]);
    }

    [Fact]
    public void An_unknown_command_is_refused_before_anything_runs()
    {
        var result = ActionHarness.ForThisRepository().Run(
            new Dictionary<string, string> { ["command"] = "fingerprint; touch pwned" },
            repo);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("::error title=PIPE5032%3A Unknown command::", result.Stdout);
        Assert.Empty(Directory.GetFiles(repo, "pwned*"));
        Assert.Equal("", result.Outputs["ok"]);
    }

    [Fact]
    public void A_missing_working_directory_is_a_named_error()
    {
        var result = ActionHarness.ForThisRepository().Run(
            new Dictionary<string, string> { ["command"] = "fingerprint", ["working-directory"] = "nope" },
            repo);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("PIPE5034", result.Stdout);
    }

    [Fact]
    public void The_harness_refuses_inputs_the_action_does_not_declare()
    {
        Assert.Throws<ArgumentException>(() => ActionHarness.ForThisRepository().Run(
            new Dictionary<string, string> { ["command"] = "fingerprint", ["lineage-file"] = "x" }, repo));
    }

    private void Git(params string[] args) => GitProcess.Run(repo, args);

    public void Dispose() => TempFolder.Delete(repo);
}
