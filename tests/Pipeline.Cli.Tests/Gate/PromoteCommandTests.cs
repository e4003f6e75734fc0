using System.Text.Json;

namespace Pipeline.Cli.Tests.Gate;

public sealed class PromoteCommandTests : IDisposable
{
    private const string GateYaml = """
        suite: {name: mmlu, fingerprint: "mmlu@abcd"}
        metric: mmlu
        direction: maximize
        threshold: 0.60

        """;

    private readonly TempGitRepo _repo = new();

    public PromoteCommandTests()
    {
        _repo.Write("gate.yaml", GateYaml);
        _repo.Commit("protected gate");
        _repo.Register("demo", "v1.0.0", "fp-1", 0.65);
        _repo.Assign("demo", "v1.0.0", "production", 1);
    }

    public void Dispose() => _repo.Dispose();

    private Task<CliResult> Promote(string version, params string[] extra) =>
        CliRunner.RunAsync(["promote", "demo", "--version", version, "--alias", "production", "--repo", _repo.Root, .. extra]);

    private string TagPayload(string tag)
    {
        var message = _repo.Git("tag", "-l", "--format=%(contents)", tag);
        return message.Split('\n').Single(l => l.StartsWith('{'));
    }

    [Fact]
    public async Task A_champion_promoted_on_an_eval_file_keeps_that_score_against_the_next_challenger()
    {
        _repo.Register("demo", "v2.0.0", "fp-2", score: null); // its record carries no eval result
        _repo.Register("demo", "v2.1.0", "fp-3", score: null);
        var evals = Path.Combine(_repo.Root, "..", $"evals-{Guid.NewGuid():N}");
        Directory.CreateDirectory(evals);
        string Eval(string fp, double score)
        {
            var file = Path.Combine(evals, fp + ".json");
            File.WriteAllText(file, "{\"suite\": {\"name\": \"mmlu\", \"fingerprint\": \"mmlu@abcd\"}, \"evaluated\": \"" + _repo.FingerprintOf(fp)
                + "\", \"scores\": {\"mmlu\": " + score.ToString("R", System.Globalization.CultureInfo.InvariantCulture) + "}}");
            return file;
        }

        try
        {
            Assert.Equal(0, (await Promote("v2.0.0", "--eval", Eval("fp-2", 0.90))).ExitCode);
            // 0.70 clears the threshold but is worse than the 0.90 the gate accepted for the champion.
            var r = await Promote("v2.1.0", "--eval", Eval("fp-3", 0.70), "--json");
            Assert.True(r.ExitCode == 1, r.Stdout + r.Stderr);
            using var doc = JsonDocument.Parse(r.Stdout);
            var d = doc.RootElement.GetProperty("decision");
            Assert.Equal("loses", d.GetProperty("comparison").GetProperty("result").GetString());
            Assert.Equal(0.90, d.GetProperty("champion").GetProperty("score").GetDouble());
        }
        finally
        {
            Directory.Delete(evals, recursive: true);
        }
    }

    [Fact]
    public async Task The_winner_takes_the_alias_and_the_tag_carries_the_decision()
    {
        _repo.Register("demo", "v1.1.0", "fp-2", 0.71);
        var r = await Promote("v1.1.0", "--json");
        Assert.True(r.ExitCode == 0, r.Stderr);
        using var doc = JsonDocument.Parse(r.Stdout);
        var assignment = doc.RootElement.GetProperty("assignment");
        Assert.Equal("demo#production#2", assignment.GetProperty("tag").GetString());
        Assert.True(assignment.GetProperty("moved").GetBoolean());
        Assert.Equal("v1.0.0", assignment.GetProperty("previous").GetString());

        using var payload = JsonDocument.Parse(TagPayload("demo#production#2"));
        var evidence = payload.RootElement.GetProperty("evidence");
        Assert.Equal("gate-decision-v1", evidence.GetProperty("schema").GetString());
        Assert.Equal("promote", evidence.GetProperty("decision").GetString());
        Assert.Equal(0.71, evidence.GetProperty("candidate").GetProperty("score").GetDouble());
        Assert.Equal(0.65, evidence.GetProperty("champion").GetProperty("score").GetDouble());

        // The registry now resolves the alias to the new version; a second promote is a no-op that succeeds.
        var again = await Promote("v1.1.0");
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("nothing to do", again.Stdout);
        Assert.Equal("", _repo.Git("tag", "-l", "demo#production#3"));
    }

    [Fact]
    public async Task The_requesters_reason_is_recorded_before_the_gates_verdict()
    {
        _repo.Register("demo", "v1.1.0", "fp-2", 0.71);
        var r = await Promote("v1.1.0", "--reason", "release train 42");
        Assert.True(r.ExitCode == 0, r.Stderr);

        using var payload = JsonDocument.Parse(TagPayload("demo#production#2"));
        var reason = payload.RootElement.GetProperty("reason").GetString();
        Assert.StartsWith("release train 42 — gate passed: mmlu 0.71", reason);
    }

    [Fact]
    public async Task A_held_candidate_writes_no_tag_and_exits_one()
    {
        _repo.Register("demo", "v1.2.0", "fp-3", 0.62, metrics: """{"mmlu": 0.99}""");
        var r = await Promote("v1.2.0");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("error PIPE4060", r.Stderr);
        Assert.Contains("not moved", r.Stdout);
        Assert.Equal("", _repo.Git("tag", "-l", "demo#production#2"));
    }

    [Fact]
    public async Task A_lost_race_re_reads_the_champion_and_decides_again()
    {
        _repo.Register("demo", "v1.1.0", "fp-2", 0.71);
        _repo.Register("demo", "v1.5.0", "fp-5", 0.80);
        var remote = Path.Combine(_repo.Root, "..", Path.GetFileName(_repo.Root) + "-remote.git");
        try
        {
            _repo.Git("init", "-q", "--bare", remote);
            _repo.Git("remote", "add", "origin", remote);
            _repo.Git("push", "-q", "origin", "main", "--tags");

            // While our push is in flight, another writer moves production to the stronger v1.5.0 and wins the counter. The
            // hook accepts: our tag is then refused by git itself (the ref exists), a lost race; a hook that declines is a
            // permanent refusal, which is not retried.
            var marker = Path.Combine(remote, "raced");
            File.WriteAllText(Path.Combine(remote, "hooks", "pre-receive"), $$"""
                #!/bin/sh
                cat >/dev/null
                if [ ! -f "{{marker}}" ]; then
                  touch "{{marker}}"
                  unset GIT_OBJECT_DIRECTORY GIT_ALTERNATE_OBJECT_DIRECTORIES GIT_QUARANTINE_PATH
                  git -c user.name=rival -c user.email=rival@example.invalid tag -a 'demo#production#2' 'demo@v1.5.0^{}' -m 'rival assign'
                  echo "rival took the counter" >&2
                fi
                exit 0
                """.Replace("\r\n", "\n"));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(Path.Combine(remote, "hooks", "pre-receive"), (UnixFileMode)0b111_101_101);
            }

            var r = await Promote("v1.1.0", "--push", "--json");
            Assert.True(r.ExitCode == 1, r.Stdout + r.Stderr);
            using var doc = JsonDocument.Parse(r.Stdout);
            Assert.Equal(2, doc.RootElement.GetProperty("assignment").GetProperty("decisions").GetInt32());
            var decision = doc.RootElement.GetProperty("decision");
            Assert.Equal("hold", decision.GetProperty("decision").GetString());
            Assert.Equal("v1.5.0", decision.GetProperty("champion").GetProperty("version").GetString());
            Assert.Equal("", _repo.Git("tag", "-l", "demo#production#3"));
            Assert.Equal("demo#production#2\n", _repo.Git("--git-dir", remote, "tag", "-l", "demo#production#*").Replace("demo#production#1\n", ""));
            // The final hold is recorded and published on the branch, never as a tag.
            var log = _repo.Git("--git-dir", remote, "show", "main:registry/demo/decisions.jsonl");
            Assert.Contains("\"champion\":\"v1.5.0\"", Assert.Single(log.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        }
        finally
        {
            try { Directory.Delete(remote, recursive: true); } catch (IOException) { }
        }
    }
}
