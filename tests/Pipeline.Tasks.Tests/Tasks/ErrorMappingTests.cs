using Pipeline.Tasks.Tests.Support;

namespace Pipeline.Tasks.Tests.Tasks;

/// <summary>Whatever goes wrong in the CLI ends as one MSBuild error with a PIPE code, and where known a file and line.</summary>
public sealed class ErrorMappingTests
{
    private static PipelineFingerprint Fingerprint(FakeCli cli) => new() { PipelineCliPath = cli.Path, Lineage = "lineage.json" };

    [Fact]
    public void The_json_error_document_becomes_one_error_with_code_file_line_and_the_hint_as_a_message()
    {
        using var cli = new FakeCli().Respond("""
            {"ok": false, "error": {"code": "PIPE2003", "severity": "error", "message": "broken lineage, missing: config, seed {0}",
             "file": "lineage.json", "line": 3, "hint": "A lineage needs data_version, code_commit, config, base_model and seed.", "exit_code": 2}}
            """, stderr: "lineage.json(3): error PIPE2003: broken lineage, missing: config, seed {0}\n  fix: A lineage needs …\n", exitCode: 2);
        var task = Fingerprint(cli);
        var (ok, engine) = TaskRun.Execute(task);

        Assert.False(ok);
        Assert.True(task.ExitCode == 2, engine.Describe());
        var error = Assert.Single(engine.Errors);
        Assert.Equal("PIPE2003", error.Code);
        Assert.Equal("lineage.json", error.File);
        Assert.Equal(3, error.LineNumber);
        // Braces are text, not format placeholders.
        Assert.Equal("broken lineage, missing: config, seed {0}", error.Message);
        Assert.Contains(engine.Messages, m => m.Message == "  fix: A lineage needs data_version, code_commit, config, base_model and seed.");
        Assert.Null(task.Fingerprint);
    }

    [Fact]
    public void Without_a_document_the_canonical_stderr_lines_become_the_errors()
    {
        using var cli = new FakeCli()
            .Respond("", stderr: "error PIPE0001: Unrecognized command or argument 'show'.\nRun 'pipeline --help'\n", exitCode: 2);
        var (ok, engine) = TaskRun.Execute(Fingerprint(cli));

        Assert.False(ok);
        var error = Assert.Single(engine.Errors);
        Assert.Equal("PIPE0001", error.Code);
        Assert.Equal("test.proj", error.File); // MSBuild puts the project where the CLI named no file
        Assert.Equal("Unrecognized command or argument 'show'.", error.Message);
    }

    [Fact]
    public void Canonical_warnings_on_stderr_become_warnings_next_to_a_good_answer()
    {
        using var cli = new FakeCli().Respond("""{"fingerprint": "ab"}""",
            stderr: "dvc.lock(12): warning PIPE2101: stage 'x' has no outs\nsome progress line\nparams.yaml: warning PIPE2102: key unused\n");
        var (ok, engine) = TaskRun.Execute(Fingerprint(cli));

        Assert.True(ok, engine.Describe());
        Assert.Equal(
            [("PIPE2101", "dvc.lock", 12, "stage 'x' has no outs"), ("PIPE2102", "params.yaml", 0, "key unused")],
            engine.Warnings.Select(w => (w.Code, w.File, w.LineNumber, w.Message)));
        Assert.Contains(engine.Messages, m => m.Message == "some progress line");
    }

    [Fact]
    public void A_crash_without_diagnostic_is_PIPE0904_quoting_stderr()
    {
        using var cli = new FakeCli().Respond("", stderr: "Unhandled exception. System.NullReferenceException\n   at Foo()\n", exitCode: 134);
        var task = Fingerprint(cli);
        var (ok, engine) = TaskRun.Execute(task);

        Assert.False(ok);
        Assert.True(task.ExitCode == 134, engine.Describe());
        var error = Assert.Single(engine.Errors);
        Assert.Equal("PIPE0904", error.Code);
        Assert.Contains("NullReferenceException", error.Message);
    }

    [Fact]
    public void Success_without_json_is_PIPE0905()
    {
        using var cli = new FakeCli().Respond("b06a681f\n");
        var (ok, engine) = TaskRun.Execute(Fingerprint(cli));

        Assert.False(ok);
        var error = Assert.Single(engine.Errors);
        Assert.Equal("PIPE0905", error.Code);
        Assert.Contains("b06a681f", error.Message);
    }

    [Fact]
    public void A_nonzero_exit_with_a_document_that_is_not_an_error_is_PIPE0904_for_tasks_that_expect_success()
    {
        using var cli = new FakeCli().Respond("""{"fingerprint": "ab"}""", exitCode: 3);
        var (ok, engine) = TaskRun.Execute(Fingerprint(cli));

        Assert.False(ok);
        Assert.Equal("PIPE0904", Assert.Single(engine.Errors).Code);
    }

    [Fact]
    public void A_missing_cli_is_PIPE0901_naming_the_path()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-such-" + Guid.NewGuid().ToString("N"), "pipeline.dll");
        var (ok, engine) = TaskRun.Execute(new PipelineFingerprint { PipelineCliPath = missing, Lineage = "l.json" });

        Assert.False(ok);
        var error = Assert.Single(engine.Errors);
        Assert.Equal("PIPE0901", error.Code);
        Assert.Contains(missing, error.Message);
    }

    [Fact]
    public void A_host_that_cannot_start_is_PIPE0902()
    {
        var (ok, engine) = TaskRun.Execute(new PipelineFingerprint
        {
            PipelineCliPath = RepoPaths.CliDll, DotnetHostPath = "/no/such/dotnet-host", Lineage = "l.json",
        });

        Assert.False(ok);
        Assert.Equal("PIPE0902", Assert.Single(engine.Errors).Code);
    }

    [Fact]
    public void A_cli_that_hangs_is_stopped_with_PIPE0903()
    {
        using var cli = new FakeCli().Respond("""{"fingerprint": "ab"}""", sleepSeconds: 30);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var task = Fingerprint(cli);
        task.TimeoutSeconds = 1;
        var (ok, engine) = TaskRun.Execute(task);

        Assert.False(ok);
        Assert.Equal("PIPE0903", Assert.Single(engine.Errors).Code);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), $"took {watch.Elapsed}");
    }
}
