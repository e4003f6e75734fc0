using Microsoft.Build.Utilities;
using Pipeline.Cli.Output.Results;
using Pipeline.Tasks.Tests.Support;

namespace Pipeline.Tasks.Tests.Tasks;

/// <summary>
/// The verbs' documents map onto outputs, one field each. The fake CLI answers in the shapes the CLI prints (the result
/// records, see <see cref="CliDocuments"/>); the real CLI's answers are in RealCliTests.
/// </summary>
public sealed class OutputMappingTests
{
    [Fact]
    public void Fingerprint_maps_fingerprint_scheme_lineage_and_sources()
    {
        using var cli = new FakeCli().Respond("""
            {"fingerprint": "b06a", "scheme": "lineage-v1", "lineage": {"seed": 0, "config": {"lr": 2e-05}},
             "lineage_sources": {"dvc_lock": "dvc.lock"}}
            """);
        var task = new PipelineFingerprint { PipelineCliPath = cli.Path, Lineage = "l.json" };
        var (ok, engine) = TaskRun.Execute(task);

        Assert.True(ok, engine.Describe());
        Assert.Equal("b06a", task.Fingerprint);
        Assert.Equal("lineage-v1", task.Scheme);
        Assert.Equal("""{"seed": 0, "config": {"lr": 2e-05}}""", task.LineageJson);
        Assert.Equal("""{"dvc_lock": "dvc.lock"}""", task.LineageSourcesJson);
        Assert.Equal(0, task.ExitCode);
    }

    [Fact]
    public void A_document_without_the_required_field_is_PIPE0906()
    {
        using var cli = new FakeCli().Respond("""{"scheme": "lineage-v1"}""");
        var task = new PipelineFingerprint { PipelineCliPath = cli.Path, Lineage = "l.json" };
        var (ok, engine) = TaskRun.Execute(task);

        Assert.False(ok);
        Assert.Equal("PIPE0906", Assert.Single(engine.Errors).Code);
        Assert.Contains("'fingerprint'", engine.Errors[0].Message);
    }

    [Fact]
    public void Select_maps_winner_score_and_ranked_runs_with_score_metadata()
    {
        using var cli = new FakeCli().Respond("""
            {"winner": "run-3", "score": 0.71, "metric": "mmlu", "direction": "maximize",
             "suite": {"name": "mmlu", "fingerprint": "mmlu@abcd"},
             "ranking": [{"run": "run-3", "score": 0.71, "rank": 1, "started_at": "2026-11-01T09:00:00Z", "evaluated": "f3", "source": "e3.json"},
                         {"run": "run-1", "score": 0.7000000000000001, "rank": 2, "started_at": "2026-11-01T08:00:00Z",
                          "evaluated": "f1", "source": null}],
             "unranked": [{"run": "run-4", "reason": "no score"}]}
            """);
        var task = new PipelineSelectWinner { PipelineCliPath = cli.Path, Runs = [new TaskItem("runs")], Metric = "mmlu" };
        var (ok, engine) = TaskRun.Execute(task);

        Assert.True(ok, engine.Describe());
        Assert.Equal("run-3", task.Winner);
        Assert.Equal("0.71", task.Score);
        Assert.Equal(["run-3", "run-1"], task.RankedRuns.Select(r => r.ItemSpec));
        Assert.Equal(["0.71", "0.7000000000000001"], task.RankedRuns.Select(r => r.GetMetadata("Score")));
        Assert.Equal(["1", "2"], task.RankedRuns.Select(r => r.GetMetadata("Rank")));
        Assert.Equal(["e3.json", ""], task.RankedRuns.Select(r => r.GetMetadata("Source")));
    }

    [Fact]
    public void Gate_hold_with_exit_1_is_an_answer_with_rules_as_items()
    {
        using var cli = new FakeCli().Respond(
            CliDocuments.Gate("hold", CliDocuments.Rule("min_score", "pass"), CliDocuments.Rule("no_nan", "fail", value: null)), exitCode: 1);
        var task = new PipelineGate { PipelineCliPath = cli.Path, Model = "m", Version = "v1.1.0", Alias = "production" };
        var (ok, engine) = TaskRun.Execute(task);

        Assert.True(ok, engine.Describe());
        Assert.Empty(engine.Errors);
        Assert.Equal("hold", task.Decision);
        Assert.False(task.Promote);
        Assert.Equal(1, task.ExitCode);
        Assert.Equal(["min_score", "no_nan"], task.Rules.Select(r => r.ItemSpec));
        Assert.Equal(["pass", "fail"], task.Rules.Select(r => r.GetMetadata("Verdict")));
        Assert.Equal(["0.65", ""], task.Rules.Select(r => r.GetMetadata("Value")));
    }

    [Theory]
    [InlineData("promote", 0, true)]
    [InlineData("hold", 1, false)]
    public void Gate_decision_is_read_from_decision_decision_and_decision_promote(string verdict, int exit, bool promote)
    {
        using var cli = new FakeCli().Respond(CliDocuments.Gate(verdict), exitCode: exit);
        var task = new PipelineGate { PipelineCliPath = cli.Path, Model = "m", Version = "v1", Alias = "a" };
        var (ok, engine) = TaskRun.Execute(task);

        Assert.True(ok, engine.Describe());
        Assert.Equal(promote, task.Promote);
        Assert.Equal(verdict, task.Decision);
    }

    [Theory]
    [InlineData("""{"decision": "promote"}""")]
    [InlineData("""{"ok": true, "warnings": []}""")]
    public void A_gate_document_of_another_shape_is_PIPE0906_never_a_guess(string doc)
    {
        using var cli = new FakeCli().Respond(doc);
        var (ok, engine) = TaskRun.Execute(new PipelineGate { PipelineCliPath = cli.Path, Model = "m", Version = "v1", Alias = "a" });

        Assert.False(ok);
        Assert.Equal("PIPE0906", Assert.Single(engine.Errors).Code);
    }

    [Fact]
    public void Promote_hold_fails_only_with_FailOnHold()
    {
        using var cli = new FakeCli()
            .Respond(CliDocuments.Promote("hold", null, CliDocuments.Rule("kl", "fail"), CliDocuments.Rule("min_score", "pass")), exitCode: 1);

        var lenient = new PipelinePromote { PipelineCliPath = cli.Path, Model = "m", Version = "v2", Alias = "production" };
        var (ok, engine) = TaskRun.Execute(lenient);
        Assert.True(ok, engine.Describe());
        Assert.False(lenient.Promoted);

        var strict = new PipelinePromote { PipelineCliPath = cli.Path, Model = "m", Version = "v2", Alias = "production", FailOnHold = true };
        (ok, engine) = TaskRun.Execute(strict);
        Assert.False(ok);
        var error = Assert.Single(engine.Errors);
        Assert.Equal("PIPE0913", error.Code);
        Assert.Contains("(failed: kl)", error.Message);
    }

    [Fact]
    public void Promote_reads_the_alias_tag_from_the_real_promote_document()
    {
        // The shape `pipeline promote --json` prints: the verdict inside "decision", the new tag inside "assignment".
        using var cli = new FakeCli().Respond(CliDocuments.Promote("promote", "m#production#3"));
        var task = new PipelinePromote { PipelineCliPath = cli.Path, Model = "m", Version = "v2.0.0", Alias = "production" };

        var (ok, engine) = TaskRun.Execute(task);

        Assert.True(ok, engine.Describe());
        Assert.True(task.Promoted);
        Assert.Equal("promote", task.Decision);
        Assert.Equal("m#production#3", task.Tag);
    }

    [Fact]
    public void Register_maps_version_fingerprint_commit_and_tag()
    {
        using var cli = new FakeCli().Respond("""
            {"model": "m", "version": "v0.0.2", "fingerprint": "ff", "commit": "abc", "tag": "m@v0.0.2", "record": "registry/m/v0.0.2.json",
             "created": true, "existing": false, "pushed": null}
            """);
        var task = new PipelineRegister { PipelineCliPath = cli.Path, Model = "m", Lineage = "l.json" };
        var (ok, engine) = TaskRun.Execute(task);

        Assert.True(ok, engine.Describe());
        Assert.Equal(("v0.0.2", "ff", "abc", "m@v0.0.2"), (task.RegisteredVersion, task.Fingerprint, task.Commit, task.Tag));
    }

    [Fact]
    public void Resolve_alias_maps_the_resolve_document_and_tolerates_missing_optionals()
    {
        using var cli = new FakeCli()
            .Respond(CliDocuments.Resolve("v1.4.0", "f0", new ArtifactDocument("s3://b/m.bin", "file", "aa", 3, null, null)));
        var task = new PipelineResolveAlias { PipelineCliPath = cli.Path, Model = "m", Alias = "production" };
        var (ok, engine) = TaskRun.Execute(task);
        Assert.True(ok, engine.Describe());
        Assert.Equal(("v1.4.0", "f0", "s3://b/m.bin", "aa", "m@v1.4.0"),
            (task.Version, task.Fingerprint, task.ArtifactUri, task.ArtifactSha256, task.Tag));

        // A version tagged by GTO or by hand: no record, so no fingerprint or artifact.
        cli.Respond(CliDocuments.Resolve("v1.4.0", null, null));
        var sparse = new PipelineResolveAlias { PipelineCliPath = cli.Path, Model = "m", Alias = "production" };
        (ok, engine) = TaskRun.Execute(sparse);
        Assert.True(ok, engine.Describe());
        Assert.Null(sparse.Fingerprint);
        Assert.Null(sparse.ArtifactUri);
        Assert.Equal("m@v1.4.0", sparse.Tag);
    }

    [Fact]
    public void Resolve_alias_refuses_a_show_document_instead_of_guessing()
    {
        // show's document has no commit/tag pair in resolve's shape: a CLI of another contract, said as such (PIPE0906).
        using var cli = new FakeCli().Respond("""{"model": "m", "aliases": [], "deprecated": false}""");
        var task = new PipelineResolveAlias { PipelineCliPath = cli.Path, Model = "m", Alias = "production" };
        var (ok, engine) = TaskRun.Execute(task);

        Assert.False(ok);
        Assert.Equal("PIPE0906", Assert.Single(engine.Errors).Code);
        Assert.Null(task.Version);
    }

    [Fact]
    public void Verify_findings_are_logged_at_the_file_under_the_repository_not_under_the_project()
    {
        // The CLI names files relative to the repository; a serving project two folders below it would otherwise
        // send the IDE (and the build log's reader) to a registry/ folder next to the project that does not exist.
        var repo = Path.Combine(Path.GetTempPath(), "some-repo");
        using var cli = new FakeCli().Respond("""
            {"ok": false, "title": "1 failed", "base": "a", "head": "b", "versions": [], "findings": [
              {"path": "registry/m/v1.0.0.json", "line": 7, "code": "PIPE6001", "severity": "error",
               "message": "fingerprint does not recompute", "hint": null}]}
            """, exitCode: 1);
        var task = new PipelineVerify { PipelineCliPath = cli.Path, All = true, Repo = repo };
        var (ok, engine) = TaskRun.Execute(task);

        Assert.False(ok);
        Assert.Equal(Path.Combine(repo, "registry/m/v1.0.0.json"), Assert.Single(engine.Errors).File);
        Assert.Equal("registry/m/v1.0.0.json", task.Findings[0].GetMetadata("File"));
    }

    [Fact]
    public void Verify_findings_become_items_and_errors_with_their_code_file_and_line()
    {
        using var cli = new FakeCli().Respond("""
            {"ok": false, "title": "1 failed", "base": "a", "head": "b", "versions": [], "findings": [
              {"path": "registry/m/v1.0.0.json", "line": 7, "code": "PIPE6001", "severity": "error",
               "message": "fingerprint does not recompute", "hint": "re-register"},
              {"path": "gate.yaml", "line": 2, "code": "PIPE6010", "severity": "warning", "message": "gate file edited", "hint": null}]}
            """, stderr: "registry/m/v1.0.0.json(7): error PIPE6001: fingerprint does not recompute\n", exitCode: 1);
        var task = new PipelineVerify { PipelineCliPath = cli.Path, All = true };
        var (ok, engine) = TaskRun.Execute(task);

        Assert.False(ok);
        Assert.False(task.Ok);
        var error = Assert.Single(engine.Errors); // the stderr copy of the same finding is not logged twice
        Assert.Equal(
            ("PIPE6001", "registry/m/v1.0.0.json", 7, "fingerprint does not recompute"),
            (error.Code, error.File, error.LineNumber, error.Message));
        var warning = Assert.Single(engine.Warnings);
        Assert.Equal(("PIPE6010", "gate.yaml", 2), (warning.Code, warning.File, warning.LineNumber));
        Assert.Equal(["PIPE6001", "PIPE6010"], task.Findings.Select(f => f.ItemSpec));
        Assert.Equal("registry/m/v1.0.0.json", task.Findings[0].GetMetadata("File"));
        Assert.Equal("7", task.Findings[0].GetMetadata("Line"));
        Assert.Contains(engine.Messages, m => m.Message!.Contains("fix: re-register"));
    }

    [Fact]
    public void Verify_ok_false_without_findings_is_PIPE0911()
    {
        using var cli = new FakeCli()
            .Respond("""{"ok": false, "title": "t", "base": "a", "head": "b", "versions": [], "findings": []}""", exitCode: 1);
        var (ok, engine) = TaskRun.Execute(new PipelineVerify { PipelineCliPath = cli.Path, VersionOf = "m@v1.0.0" });

        Assert.False(ok);
        Assert.Equal("PIPE0911", Assert.Single(engine.Errors).Code);
    }

    [Fact]
    public void Verify_of_one_version_asks_for_that_record_and_judges_only_its_entry()
    {
        using var cli = new FakeCli().Respond("""
            {"ok": false, "title": "t", "base": "(selected)", "head": "HEAD",
             "versions": [{"model": "m", "version": "v1.0.0", "path": "registry/m/v1.0.0.json", "fingerprint": "f1", "ok": true},
                          {"model": "m", "version": "v2.0.0", "path": "registry/m/v2.0.0.json", "fingerprint": "f2", "ok": false}],
             "findings": [{"path": "registry/m/v2.0.0.json", "line": 3, "code": "PIPE6001", "severity": "error", "message": "tampered", "hint": null},
                          {"path": "registry/m/v1.0.0.json", "line": null, "code": "PIPE6020", "severity": "notice",
                           "message": "label data version", "hint": null}]}
            """, exitCode: 1);

        var good = new PipelineVerify { PipelineCliPath = cli.Path, VersionOf = "m@v1.0.0" };
        var (ok, engine) = TaskRun.Execute(good);
        Assert.True(ok, engine.Describe());
        Assert.Equal(["verify", "--version=m@v1.0.0", "--json"], cli.Argv);
        Assert.True(good.Ok);
        Assert.Equal(["PIPE6020"], good.Findings.Select(f => f.ItemSpec));
        Assert.Empty(engine.Errors);

        // A CLI answering about more records than asked (an older one ignoring --version) is still narrowed.
        var bad = new PipelineVerify { PipelineCliPath = cli.Path, VersionOf = "m@2.0.0" };
        (ok, engine) = TaskRun.Execute(bad);
        Assert.False(ok);
        Assert.Equal(["verify", "--version=m@v2.0.0", "--json"], cli.Argv);
        Assert.Equal(("PIPE6001", "registry/m/v2.0.0.json", 3), Assert.Single(engine.Errors) is var e ? (e.Code, e.File, e.LineNumber) : default);

        var missing = new PipelineVerify { PipelineCliPath = cli.Path, VersionOf = "m@v9.9.9" };
        (ok, engine) = TaskRun.Execute(missing);
        Assert.False(ok);
        Assert.Equal("PIPE0911", Assert.Single(engine.Errors).Code);
    }

    [Theory]
    [InlineData("m@v1.0.0", "origin/main", false)]
    [InlineData("m@v1.0.0", null, true)]
    [InlineData("m@", null, false)]
    [InlineData("m", null, false)]
    [InlineData("@m@v1", null, false)]
    public void Verify_of_one_version_refuses_a_bad_spec_or_a_base_before_running(string versionOf, string? baseRef, bool all)
    {
        using var cli = new FakeCli().Respond("""{"ok": true, "title": "t", "base": "a", "head": "b", "versions": [], "findings": []}""");
        var (ok, engine) = TaskRun.Execute(new PipelineVerify { PipelineCliPath = cli.Path, VersionOf = versionOf, Base = baseRef, All = all });

        Assert.False(ok);
        Assert.Equal("PIPE0910", Assert.Single(engine.Errors).Code);
        Assert.False(cli.WasRun);
    }

    [Fact]
    public void Verify_passes_when_ok()
    {
        using var cli = new FakeCli().Respond("""{"ok": true, "title": "t", "base": "a", "head": "b", "versions": [], "findings": []}""");
        var task = new PipelineVerify { PipelineCliPath = cli.Path };
        var (ok, engine) = TaskRun.Execute(task);

        Assert.True(ok, engine.Describe());
        Assert.True(task.Ok);
        Assert.Empty(task.Findings);
    }
}
