using System.Text.Json;

namespace Pipeline.Cli.Tests.Gate;

/// <summary>
/// <c>promote</c> keeps its refusals: a hold appends one line to <c>registry/&lt;model&gt;/decisions.jsonl</c> in one
/// commit (never a tag), and <c>history</c> shows it next to the promotions.
/// </summary>
public sealed class HoldLogTests : IDisposable
{
    private const string Log = "registry/demo/decisions.jsonl";

    // The identity the test repository is configured with (LibGit2Sharp writes the hold with it).
    private static readonly string Actor = $"{GitProcess.UserName} <{GitProcess.UserEmail}>";

    private readonly TempGitRepo _repo = new();

    public HoldLogTests()
    {
        _repo.Write("gate.yaml", """
            suite: {name: mmlu, fingerprint: "mmlu@abcd"}
            metric: mmlu
            direction: maximize
            threshold: 0.60

            """);
        _repo.Write("params.yaml", "train:\n  lr: 2.0e-5\n");
        _repo.Commit("protected gate and training config");
        _repo.Register("demo", "v1.0.0", "fp-1", 0.65);
        _repo.Assign("demo", "v1.0.0", "production", 1);
        _repo.Register("demo", "v1.1.0", "fp-2", 0.71);
        _repo.Register("demo", "v1.2.0", "fp-3", 0.62);
    }

    public void Dispose() => _repo.Dispose();

    private Task<CliResult> Promote(string version, params string[] extra) =>
        CliRunner.RunAsync(["promote", "demo", "--version", version, "--alias", "production", "--repo", _repo.Root, .. extra]);

    private string[] LogLines() => File.ReadAllText(Path.Combine(_repo.Root, Log)).Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public async Task A_hold_appends_one_line_in_one_commit_and_moves_no_alias_nor_tag()
    {
        var tags = _repo.Git("for-each-ref", "refs/tags/");
        var head = _repo.Git("rev-parse", "HEAD").Trim();

        var r = await Promote("v1.2.0", "--json");

        Assert.True(r.ExitCode == 1, r.Stderr);
        Assert.Contains("error PIPE4060", r.Stderr);
        using var doc = JsonDocument.Parse(r.Stdout);
        var hold = doc.RootElement.GetProperty("hold");
        Assert.Equal(Log, hold.GetProperty("log").GetString());
        Assert.Equal(1, hold.GetProperty("line").GetInt32());
        Assert.Equal(_repo.Git("rev-parse", "HEAD").Trim(), hold.GetProperty("commit").GetString());
        Assert.False(doc.RootElement.GetProperty("assignment").GetProperty("moved").GetBoolean());

        Assert.Equal(head, _repo.Git("rev-parse", "HEAD~1").Trim());
        Assert.Equal(Log + "\n", _repo.Git("diff-tree", "--no-commit-id", "--name-only", "-r", "HEAD"));
        Assert.Equal(tags, _repo.Git("for-each-ref", "refs/tags/"));
        Assert.Equal("", _repo.Git("status", "--porcelain", "--untracked-files=all"));

        using var line = JsonDocument.Parse(Assert.Single(LogLines()));
        var entry = line.RootElement;
        Assert.Equal("gate_hold", entry.GetProperty("kind").GetString());
        Assert.Equal(("demo", "production", "v1.2.0", "v1.0.0"),
            (entry.GetProperty("model").GetString(),
                entry.GetProperty("alias").GetString(),
                entry.GetProperty("version").GetString(),
                entry.GetProperty("champion").GetString()));
        Assert.Equal(Actor, entry.GetProperty("actor").GetString());
        Assert.Contains("does not beat champion v1.0.0", entry.GetProperty("reason").GetString());
        Assert.Equal("gate-decision-v1", entry.GetProperty("decision").GetProperty("schema").GetString());
        Assert.Equal("hold", entry.GetProperty("decision").GetProperty("decision").GetString());

        var show = await CliRunner.RunAsync("show", "demo#production", "--repo", _repo.Root, "--json");
        Assert.Equal("v1.0.0", JsonDocument.Parse(show.Stdout).RootElement.GetProperty("version").GetString());
        var doctor = await CliRunner.RunAsync("doctor", "--repo", _repo.Root, "--json");
        Assert.DoesNotContain("decisions.jsonl", doctor.Stdout);
    }

    [Fact]
    public async Task History_shows_the_promotion_and_the_hold_in_order()
    {
        Assert.Equal(0, (await Promote("v1.1.0")).ExitCode);
        var held = await Promote("v1.2.0");
        Assert.Equal(1, held.ExitCode);
        Assert.Contains($"the refusal is line 1 of {Log}", held.Stdout);

        var json = await CliRunner.RunAsync("history", "demo", "--repo", _repo.Root, "--json");
        Assert.True(json.ExitCode == 0, json.Stderr);
        using var doc = JsonDocument.Parse(json.Stdout);
        var events = doc.RootElement.GetProperty("events").EnumerateArray().ToArray();
        // Oldest first: the three registrations and the first assignment (same-second ties put registrations first),
        // then the promotion, then the refusal.
        Assert.Equal(6, events.Length);
        Assert.Equal(["assignment", "hold"], events[^2..].Select(e => e.GetProperty("kind").GetString()));
        var promotion = events[4];
        Assert.Equal("v1.1.0", promotion.GetProperty("to").GetString());
        Assert.Equal("promote", promotion.GetProperty("evidence").GetProperty("decision").GetString());
        var hold = events[5];
        Assert.Equal(JsonValueKind.Null, hold.GetProperty("tag").ValueKind);
        Assert.Equal(("production", "v1.2.0", "v1.1.0", "v1.1.0", "v1.1.0"),
            (hold.GetProperty("alias").GetString(), hold.GetProperty("version").GetString(), hold.GetProperty("champion").GetString(),
             hold.GetProperty("from").GetString(), hold.GetProperty("to").GetString()));
        Assert.Equal(Actor, hold.GetProperty("actor").GetString());
        Assert.Contains("does not beat champion v1.1.0", hold.GetProperty("reason").GetString());
        Assert.Equal("hold", hold.GetProperty("evidence").GetProperty("decision").GetString());

        var text = await CliRunner.RunAsync("history", "demo", "--repo", _repo.Root);
        var lines = text.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("assignment     production: v1.0.0 → v1.1.0", lines[^2]);
        Assert.Contains("hold           production: v1.2.0 refused, v1.1.0 kept", lines[^1]);
        Assert.Contains("(0.62 does not beat champion v1.1.0 0.71", lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_holds_append_two_lines_and_leave_the_lineage_fingerprint_alone()
    {
        string[] fingerprint = [
            "fingerprint", "--repo", _repo.Root, "--config", "params.yaml#train", "--data-version", "sft-v1", "--base-model", "b", "--seed", "0",
            "--json"];
        var before = await CliRunner.RunAsync(fingerprint);
        Assert.True(before.ExitCode == 0, before.Stderr);

        Assert.Equal(1, (await Promote("v1.2.0")).ExitCode);
        var first = LogLines().Single();
        Assert.Equal(1, (await Promote("v1.2.0")).ExitCode);

        var lines = LogLines();
        Assert.Equal(2, lines.Length);
        Assert.Equal(first, lines[0]);
        Assert.Equal(Log + "\n", _repo.Git("diff-tree", "--no-commit-id", "--name-only", "-r", "HEAD"));
        Assert.Equal(Log + "\n", _repo.Git("diff-tree", "--no-commit-id", "--name-only", "-r", "HEAD~1"));

        // Hold commits touch only the registry folder: HEAD's lineage skips them, so the fingerprint is unchanged.
        var after = await CliRunner.RunAsync(fingerprint);
        Assert.Equal(JsonDocument.Parse(before.Stdout).RootElement.GetProperty("fingerprint").GetString(),
            JsonDocument.Parse(after.Stdout).RootElement.GetProperty("fingerprint").GetString());
    }

    [Fact]
    public async Task A_hold_needs_a_branch_to_be_recorded_and_says_what_was_held()
    {
        _repo.Git("checkout", "-q", "--detach");
        var r = await Promote("v1.2.0");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("error PIPE1121", r.Stderr);
        Assert.Contains("the gate held demo@v1.2.0 for 'production'", r.Stderr);
        Assert.False(File.Exists(Path.Combine(_repo.Root, Log)));

        var onMain = await Promote("v1.2.0", "--branch", "main");
        Assert.True(onMain.ExitCode == 1, onMain.Stderr);
        Assert.Single(_repo.Git("show", $"main:{Log}").Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task A_pushed_hold_that_loses_the_branch_race_is_re_appended_on_the_remote_head()
    {
        var remote = Path.Combine(_repo.Root, "..", Path.GetFileName(_repo.Root) + "-remote.git");
        var rival = Path.Combine(_repo.Root, "..", Path.GetFileName(_repo.Root) + "-rival");
        try
        {
            _repo.Git("init", "-q", "--bare", "-b", "main", remote);
            _repo.Git("remote", "add", "origin", remote);
            _repo.Git("push", "-q", "origin", "main", "--tags");

            // A rival clone records its own hold and parks that commit on the remote; while our push is in flight the
            // remote's main moves to it, so our push is rejected once and must be replayed on top of it. The hook accepts:
            // the rejection is git's own "cannot lock ref … but expected" (a lost race); a hook that declines is a
            // permanent refusal, which is not retried.
            _repo.Git("clone", "-q", remote, rival);
            foreach (var (k, v) in new[] { ("user.name", "Rival"), ("user.email", "rival@example.invalid"), ("commit.gpgsign", "false") })
            {
                _repo.Git("-C", rival, "config", k, v);
            }

            var rivalHold = await CliRunner.RunAsync("promote", "demo", "--version", "v1.2.0", "--alias", "production", "--repo", rival);
            Assert.True(rivalHold.ExitCode == 1, rivalHold.Stderr);
            _repo.Git("-C", rival, "push", "-q", "origin", "main:refs/heads/rival");
            var marker = Path.Combine(remote, "raced");
            File.WriteAllText(Path.Combine(remote, "hooks", "pre-receive"), $$"""
                #!/bin/sh
                cat >/dev/null
                if [ ! -f "{{marker}}" ]; then
                  touch "{{marker}}"
                  unset GIT_OBJECT_DIRECTORY GIT_ALTERNATE_OBJECT_DIRECTORIES GIT_QUARANTINE_PATH
                  git update-ref refs/heads/main refs/heads/rival
                  echo "rival moved main" >&2
                fi
                exit 0
                """.Replace("\r\n", "\n"));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(Path.Combine(remote, "hooks", "pre-receive"), (UnixFileMode)0b111_101_101);
            }

            var r = await Promote("v1.2.0", "--push", "--json");

            Assert.True(r.ExitCode == 1, r.Stdout + r.Stderr);
            using var doc = JsonDocument.Parse(r.Stdout);
            Assert.Equal(2, doc.RootElement.GetProperty("hold").GetProperty("line").GetInt32());
            Assert.Equal("origin", doc.RootElement.GetProperty("hold").GetProperty("pushed").GetString());
            var lines = _repo.Git("--git-dir", remote, "show", $"main:{Log}").Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(2, lines.Length);
            Assert.Contains("\"actor\":\"Rival <rival@example.invalid>\"", lines[0]);
            Assert.Contains($"\"actor\":\"{Actor}\"", lines[1]);
            Assert.Equal(_repo.Git("rev-parse", "main"), _repo.Git("--git-dir", remote, "rev-parse", "main"));
            Assert.Equal("", _repo.Git("status", "--porcelain", "--untracked-files=all"));
        }
        finally
        {
            foreach (var dir in new[] { remote, rival })
            {
                try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            }
        }
    }

    // Issue 13: on the journey's protected main the remote refuses the decision-log commit for good. The hold must
    // still read as a hold (exit 1, PIPE4103 saying it was not recorded), not as a broken registry (exit 3).
    [Fact]
    public async Task A_hold_whose_log_commit_a_protected_branch_refuses_is_still_a_hold()
    {
        var remote = Path.Combine(_repo.Root, "..", Path.GetFileName(_repo.Root) + "-protected.git");
        try
        {
            _repo.Git("init", "-q", "--bare", "-b", "main", remote);
            _repo.Git("remote", "add", "origin", remote);
            _repo.Git("push", "-q", "origin", "main", "--tags");
            var hook = Path.Combine(remote, "hooks", "pre-receive");
            File.WriteAllText(hook, """
                #!/bin/sh
                while read old new ref; do
                  if [ "$ref" = "refs/heads/main" ]; then
                    echo "GH006: Protected branch update failed for refs/heads/main." >&2
                    exit 1
                  fi
                done
                exit 0
                """.Replace("\r\n", "\n"));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(hook, (UnixFileMode)0b111_101_101);
            }

            var remoteMain = _repo.Git("--git-dir", remote, "rev-parse", "main");

            var r = await Promote("v1.2.0", "--push", "--json");

            Assert.True(r.ExitCode == 1, r.ToString());
            Assert.Contains("warning PIPE4103", r.Stderr);
            Assert.Contains("Protected branch update failed", r.Stderr);
            using var doc = JsonDocument.Parse(r.Stdout);
            Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("hold").ValueKind);
            Assert.Equal("hold", doc.RootElement.GetProperty("decision").GetProperty("decision").GetString());
            Assert.Equal(remoteMain, _repo.Git("--git-dir", remote, "rev-parse", "main"));
            Assert.Equal(remoteMain, _repo.Git("rev-parse", "main"));
            Assert.Equal("", _repo.Git("--git-dir", remote, "tag", "-l", "demo#production#2"));
        }
        finally
        {
            try { Directory.Delete(remote, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
