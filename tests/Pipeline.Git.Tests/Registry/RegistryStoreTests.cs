using Pipeline.Core.Diagnostics;
using Pipeline.Core.Registry;
using Pipeline.Git.Registry;
using static Pipeline.Git.Tests.Registry.RegistryFixture;

namespace Pipeline.Git.Tests.Registry;

public sealed class RegistryStoreTests
{
    [Fact]
    public void Register_writes_one_record_commit_and_an_annotated_tag_on_it_and_status_stays_clean()
    {
        using var repo = NewRepo();
        var store = new RegistryStore(repo.Root);
        var result = store.Register(Request("demo", 1), Who());

        Assert.True(result.Created);
        Assert.Equal("v0.0.1", result.Version.ToString());
        Assert.Equal("demo@v0.0.1", result.Tag);
        Assert.Equal("tag", repo.Git("cat-file", "-t", "demo@v0.0.1").Trim());
        Assert.Equal(result.Commit, repo.Git("rev-parse", "demo@v0.0.1^{commit}").Trim());
        Assert.Equal(result.Commit, repo.Git("rev-parse", "HEAD").Trim());
        Assert.Equal("", repo.Status());
        Assert.Equal("registry/demo/model.json\nregistry/demo/v0.0.1.json\n", repo.Git("diff-tree", "--no-commit-id", "--name-only", "-r", "HEAD"));
        var message = repo.Git("cat-file", "-p", "demo@v0.0.1");
        Assert.Contains("Registering artifact demo version v0.0.1\n\n{\"action\":\"register\"", message);
        var record = VersionRecordJson.Read(File.ReadAllBytes(Path.Combine(repo.Root, "registry/demo/v0.0.1.json")), "r");
        Assert.Equal(result.Fingerprint, record.Fingerprint);
        Assert.Equal(Pipeline.Core.Lineage.Fingerprint.Compute(record.Lineage), record.Fingerprint);
    }

    [Fact]
    public void Re_registering_the_same_lineage_returns_the_existing_version_and_writes_nothing()
    {
        using var repo = NewRepo();
        var store = new RegistryStore(repo.Root);
        var first = store.Register(Request("demo", 1), Who());
        var head = repo.Git("rev-parse", "HEAD");
        var again = store.Register(Request("demo", 1), Who(5));

        Assert.False(again.Created);
        Assert.Equal(first.Version, again.Version);
        Assert.Equal(first.Commit, again.Commit);
        Assert.Equal(head, repo.Git("rev-parse", "HEAD"));

        var forced = store.Register(Request("demo", 1, forceNew: true), Who(6));
        Assert.True(forced.Created);
        Assert.Equal("v0.0.2", forced.Version.ToString());
    }

    [Fact]
    public void Versions_bump_from_the_greatest_and_an_explicit_taken_version_is_refused()
    {
        using var repo = NewRepo();
        var store = new RegistryStore(repo.Root);
        store.Register(Request("demo", 1), Who());
        Assert.Equal("v0.1.0", store.Register(Request("demo", 2) with { Bump = BumpPart.Minor }, Who(1)).Version.ToString());
        Assert.Equal("v2.0.0", store.Register(Request("demo", 3, SemVer.Parse("v2.0.0")), Who(2)).Version.ToString());
        Assert.Equal("v2.0.1", store.Register(Request("demo", 4), Who(3)).Version.ToString());
        var ex = Assert.Throws<PipelineException>(() => store.Register(Request("demo", 5, SemVer.Parse("v0.1.0")), Who(4)));
        Assert.Equal(PipeCodes.VersionExists, ex.Code);
    }

    [Fact]
    public void Assign_rollback_unassign_are_new_tags_and_the_highest_counter_wins()
    {
        using var repo = NewRepo();
        var store = new RegistryStore(repo.Root);
        var v1 = store.Register(Request("demo", 1), Who()).Version;
        var v2 = store.Register(Request("demo", 2), Who(1)).Version;

        var a1 = store.Assign("demo", v1, "production", "first", who: Who(2));
        var a2 = store.Assign("demo", v2, "production", "better", who: Who(3));
        Assert.Equal(("demo#production#1", "demo#production#2"), (a1.Tag, a2.Tag));
        Assert.Equal(v1, a2.Previous);
        Assert.Equal(v2, store.State("demo").Aliases["production"]);

        var again = store.Assign("demo", v2, "production", who: Who(4));
        Assert.False(again.Created);

        var back = store.Rollback("demo", "production", who: Who(5));
        Assert.Equal("demo#production#3", back.Tag);
        Assert.Equal(v1, store.State("demo").Aliases["production"]);

        var staging = store.Assign("demo", v2, "staging", who: Who(6));
        Assert.Equal(4, staging.Counter);

        var un = store.Unassign("demo", "production", "incident", Who(7));
        Assert.Equal("demo#production!#5", un.Tag);
        var state = store.State("demo", withMessages: true);
        Assert.False(state.Aliases.ContainsKey("production"));
        Assert.Equal(v2, state.Aliases["staging"]);
        Assert.Equal(6, state.NextCounter);
        Assert.Equal("", repo.Status());

        var history = RegistryHistory.Of(state);
        Assert.Equal(
            ["registration", "registration", "assignment", "assignment", "assignment", "assignment", "unassignment"],
            history.Select(e => e.Kind));
        Assert.Equal("incident", history[^1].Reason);
        Assert.Equal(v1, history[^1].From);
        Assert.Equal("Test User <test@example.com>", history[0].Actor);
    }

    [Fact]
    public void The_decision_function_is_asked_again_after_a_lost_counter_race()
    {
        using var repo = NewRepo();
        var store = new RegistryStore(repo.Root);
        var v1 = store.Register(Request("demo", 1), Who()).Version;
        var v2 = store.Register(Request("demo", 2), Who(1)).Version;
        var calls = new List<AliasState>();
        var result = store.Assign("demo", v2, "production", decide: s =>
        {
            calls.Add(s);
            if (calls.Count == 1)
            {
                // Another writer takes counter 1 between our read and our tag: the CAS must fail and we decide again.
                store.Assign("demo", v1, "production", "other writer", who: Who(2));
            }

            return AssignDecision.Go(
                "gate passed",
                Pipeline.Core.Canonical.JsonReader.Parse("""{"metric": "mmlu", "candidate": 0.71, "champion": 0.69}""", "evidence"));
        }, who: Who(3));

        Assert.Equal(2, calls.Count);
        Assert.Null(calls[0].Current);
        Assert.Equal(v1, calls[1].Current);
        Assert.Equal(2, calls[1].NextCounter);
        Assert.Equal("demo#production#2", result.Tag);
        Assert.Contains("\"evidence\":{\"candidate\":0.71,\"champion\":0.69,\"metric\":\"mmlu\"}", repo.Git("cat-file", "-p", "demo#production#2"));
    }

    [Fact]
    public void A_refusing_decision_writes_nothing()
    {
        using var repo = NewRepo();
        var store = new RegistryStore(repo.Root);
        var v1 = store.Register(Request("demo", 1), Who()).Version;
        var r = store.Assign("demo", v1, "production", decide: _ => AssignDecision.Refuse("tie keeps the champion"), who: Who(1));
        Assert.False(r.Created);
        Assert.False(r.Decision.Proceed);
        Assert.Equal("", repo.Git("tag", "-l", "demo#*"));
    }

    [Fact]
    public void Deprecated_versions_cannot_take_aliases_and_doctor_reports_aliases_left_on_them()
    {
        using var repo = NewRepo();
        var store = new RegistryStore(repo.Root);
        var v1 = store.Register(Request("demo", 1), Who()).Version;
        store.Assign("demo", v1, "production", who: Who(1));
        Assert.Equal("demo@v0.0.1!", store.Deprecate("demo", v1, "bad data", Who(2)));
        Assert.Equal(PipeCodes.VersionDeprecated, Assert.Throws<PipelineException>(() => store.Assign("demo", v1, "staging", who: Who(3))).Code);
        Assert.Contains(RegistryDoctor.Check(store), p => p.Kind == "alias-on-deprecated");
        Assert.Equal("demo@deprecated", store.Deprecate("demo", null, null, Who(4)));
        Assert.NotNull(store.State("demo").Deprecation);
    }

    [Fact]
    public void A_version_differing_only_in_build_metadata_is_the_same_version()
    {
        using var repo = NewRepo();
        var store = new RegistryStore(repo.Root);
        store.Register(Request("demo", 1, SemVer.Parse("v1.0.0+build.7")), Who());
        // SemVer precedence ignores build metadata: two such records would make 'latest' and bumps depend on tag order.
        var ex = Assert.Throws<PipelineException>(() => store.Register(Request("demo", 2, SemVer.Parse("v1.0.0")), Who(1)));
        Assert.Equal(PipeCodes.VersionExists, ex.Code);
        Assert.Contains("v1.0.0+build.7", ex.Message);
        Assert.Equal("", repo.Git("tag", "-l", "demo@v1.0.0").Trim());
        Assert.Equal("v1.0.1", store.Register(Request("demo", 3), Who(2)).Version.ToString());
    }

    [Fact]
    public void Deprecating_again_after_a_new_registration_is_a_no_op_not_a_tag_conflict()
    {
        using var repo = NewRepo();
        var store = new RegistryStore(repo.Root);
        var v1 = store.Register(Request("demo", 1), Who()).Version;
        Assert.Equal("demo@deprecated", store.Deprecate("demo", null, null, Who(1)));
        var deprecatedAt = repo.Git("rev-parse", "demo@deprecated^{commit}").Trim();
        store.Register(Request("demo", 2), Who(2)); // the greatest version's commit is now another one

        Assert.Equal("demo@deprecated", store.Deprecate("demo", null, null, Who(3)));
        Assert.Equal("demo@v0.0.1!", store.Deprecate("demo", v1, null, Who(4)));
        Assert.Equal("demo@v0.0.1!", store.Deprecate("demo", v1, null, Who(5)));
        Assert.Equal(deprecatedAt, repo.Git("rev-parse", "demo@deprecated^{commit}").Trim());
    }

    [Fact]
    public void Record_committed_but_tag_missing_is_reported_by_doctor_and_a_rerun_completes_it()
    {
        using var repo = NewRepo();
        var store = new RegistryStore(repo.Root);
        var first = store.Register(Request("demo", 1), Who());
        repo.Git("tag", "-d", "demo@v0.0.1"); // the crash: after the commit, before the tag
        var problems = RegistryDoctor.Check(store);
        Assert.Contains(problems, p => p.Kind == "record-without-tag" && p.Subject == "registry/demo/v0.0.1.json");

        var rerun = store.Register(Request("demo", 1), Who(9));
        Assert.False(rerun.Created);
        Assert.Equal(first.Commit, rerun.Commit);
        Assert.Equal(first.Commit, repo.Git("rev-parse", "demo@v0.0.1^{commit}").Trim());
        Assert.Empty(RegistryDoctor.Check(store));
    }

    [Fact]
    public void Doctor_reports_lightweight_and_malformed_tags_and_never_trusts_them()
    {
        using var repo = NewRepo();
        var store = new RegistryStore(repo.Root);
        var v1 = store.Register(Request("demo", 1), Who()).Version;
        store.Register(Request("demo", 2), Who(1));
        store.Assign("demo", v1, "production", who: Who(2));
        repo.Git("tag", "demo#production#7", "HEAD"); // lightweight, points at v0.0.2's commit
        repo.Git("tag", "-a", "-m", "x", "demo@vbad", "HEAD");

        var state = store.State("demo");
        Assert.Equal(v1, state.Aliases["production"]);
        Assert.Equal(8, state.NextCounter); // never collide with an untrusted counter either
        var kinds = RegistryDoctor.Check(store).Select(p => p.Kind).ToArray();
        Assert.Contains("lightweight-tag", kinds);
        Assert.Contains("malformed-tag", kinds);
    }

    [Fact]
    public void Doctor_reports_an_unreadable_record_with_its_line_and_goes_on_checking()
    {
        using var repo = NewRepo();
        var store = new RegistryStore(repo.Root);
        var v1 = store.Register(Request("demo", 1), Who()).Version;
        store.Assign("demo", v1, "production", who: Who(1));
        repo.CommitFile("registry/demo/v0.0.9.json", "{\n  \"model\": \"demo\",\n  broken\n", "hand edit");
        repo.Git("tag", "demo#production#7", "HEAD"); // lightweight: must still be reported

        var problems = RegistryDoctor.Check(store);
        var bad = Assert.Single(problems, p => p.Kind == "malformed-record");
        Assert.Equal("registry/demo/v0.0.9.json", bad.Subject);
        Assert.Equal(3, bad.Line);
        Assert.Contains(problems, p => p.Kind == "lightweight-tag");
    }

    [Fact]
    public void Name_attacks_are_refused_before_anything_is_written()
    {
        using var repo = NewRepo();
        var store = new RegistryStore(repo.Root);
        var head = repo.Git("rev-parse", "HEAD");
        foreach (var name in new[] { "../escape", "a/../../b", "m@{1}", "my model", "Demo", "a//b", new string('x', 500), "x/" })
        {
            var ex = Assert.Throws<PipelineException>(() => store.Register(Request(name, 1), Who()));
            Assert.Equal(ExitCodes.BadInput, ex.Code.ExitCode);
        }

        Assert.Throws<PipelineException>(() => store.Assign("demo", SemVer.Parse("v0.0.1"), "prod uction", who: Who()));
        Assert.Throws<PipelineException>(() => store.Assign("demo", SemVer.Parse("v0.0.1"), "latest", who: Who()));
        Assert.Equal(head, repo.Git("rev-parse", "HEAD"));
        Assert.Equal("", repo.Git("tag", "-l"));
        Assert.False(Directory.Exists(Path.Combine(repo.Root, "registry")));
        Assert.Equal("", repo.Status());
    }

    [Fact]
    public void Prefix_lookup_reads_packed_and_loose_refs_and_ignores_other_models()
    {
        using var repo = NewRepo();
        var store = new RegistryStore(repo.Root);
        store.Register(Request("demo", 1), Who());
        store.Register(Request("demo-2", 1), Who(1));
        store.Register(Request("demo/sub", 1), Who(2));
        repo.Git("pack-refs", "--all");
        store.Register(Request("demo", 2), Who(3)); // loose, next to packed ones
        var state = store.State("demo");
        Assert.Equal(["v0.0.2", "v0.0.1"], state.Versions.Select(v => v.Version.ToString()));
        Assert.Equal(["demo", "demo-2", "demo/sub"], store.Models());
        store.Assign("demo", state.Versions[1].Version, "production", who: Who(4));
        repo.Git("pack-refs", "--all");
        repo.Git("tag", "demo#production#5", "HEAD"); // lightweight, loose
        var packed = store.State("demo");
        Assert.Equal("v0.0.1", packed.Aliases["production"].ToString());
        Assert.Equal(["demo#production#5"], packed.Lightweight.Select(t => t.Name));
        Assert.Equal(packed.Aliases, store.AllStates()["demo"].Aliases);
        Assert.Single(store.State("demo/sub").Versions);
    }

    [Fact]
    public void Registers_into_a_repository_without_commits_and_doctor_flags_a_shallow_clone()
    {
        using var empty = new TempGitRepo();
        var result = new RegistryStore(empty.Root).Register(Request("demo", 1), Who());
        Assert.Null(result.Parent);
        Assert.Equal("", empty.Status());

        using var clone = new TempGitRepo(cloneFrom: empty.Root); // a clone sees the registry through its tags
        Assert.Equal("v0.0.1", new RegistryStore(clone.Root).State("demo").Versions.Single().Version.ToString());
        empty.CommitFile("more.txt", "x");
        using var depth1 = new TempGitRepo();
        GitProcess.Run(depth1.Root, "fetch", "-q", "--depth=1", new Uri(empty.Root).AbsoluteUri, "main");
        var kinds = RegistryDoctor.Check(new RegistryStore(depth1.Root)).Select(p => p.Kind);
        Assert.Contains("shallow-clone", kinds);
    }
}
