using FsCheck;
using FsCheck.Fluent;
using Microsoft.Build.Utilities;
using Pipeline.Tasks.Tests.Support;

namespace Pipeline.Tasks.Tests.Tasks;

/// <summary>Inputs reach the CLI as exactly one argv entry each: nothing splits, nothing is read as an option.</summary>
public sealed class ArgumentMappingTests
{
    private const string FingerprintDoc = """{"fingerprint": "ab", "scheme": "lineage-v1", "lineage": {}}""";

    [Fact]
    public void Lineage_file_with_spaces_quotes_and_semicolons_arrives_intact()
    {
        using var cli = new FakeCli().Respond(FingerprintDoc);
        var path = "/tmp/my \"odd\" dir; rm -rf x/lineage $HOME.json";
        var (ok, engine) = TaskRun.Execute(new PipelineFingerprint { PipelineCliPath = cli.Path, Lineage = path });

        Assert.True(ok, engine.Describe());
        Assert.Equal(["fingerprint", "--lineage=" + path, "--json"], cli.Argv);
    }

    [Fact]
    public void Lineage_sources_map_to_their_options_in_order_and_items_repeat()
    {
        using var cli = new FakeCli().Respond(FingerprintDoc);
        var task = new PipelineFingerprint
        {
            PipelineCliPath = cli.Path,
            Repo = "/r e p o",
            Rev = "HEAD~1",
            Config = "params.yaml#train",
            DvcLock = "dvc.lock",
            DvcStages = [new TaskItem("prepare"), new TaskItem("train;evil")],
            DvcFiles = [new TaskItem("data/raw.dvc")],
            BaseModel = "Qwen/Qwen3-8B",
            Seed = "-1",
            AllowDirty = true,
        };
        var (ok, engine) = TaskRun.Execute(task);

        Assert.True(ok, engine.Describe());
        Assert.Equal(
            ["fingerprint", "--repo=/r e p o", "--rev=HEAD~1", "--config=params.yaml#train", "--dvc-lock=dvc.lock",
             "--dvc-stage=prepare", "--dvc-stage=train;evil", "--dvc-file=data/raw.dvc", "--base-model=Qwen/Qwen3-8B",
             "--seed=-1", "--allow-dirty", "--json"],
            cli.Argv);
    }

    [Fact]
    public void A_value_that_looks_like_an_option_or_a_response_file_stays_a_value()
    {
        using var cli = new FakeCli().Respond("""{"version": "v1.0.0"}""");
        var task = new PipelineRegister
        {
            PipelineCliPath = cli.Path,
            Model = "sentiment",
            DataVersion = "--push",
            Config = "@/etc/passwd",
            BaseModel = "b",
            Seed = "1",
            Evals = [new TaskItem("evals/a b.json"), new TaskItem("evals/c.json")],
            PushRemote = "origin",
        };
        var (ok, engine) = TaskRun.Execute(task);

        Assert.True(ok, engine.Describe());
        Assert.Equal(
            ["register", "sentiment", "--config=@/etc/passwd", "--data-version=--push", "--base-model=b",
             "--seed=1", "--eval=evals/a b.json", "--eval=evals/c.json", "--push=origin", "--json"],
            cli.Argv);
    }

    [Theory]
    [InlineData("--all")]
    [InlineData("@response.rsp")]
    [InlineData("two words")]
    [InlineData("")]
    public void A_model_name_that_could_be_read_as_an_option_is_refused_before_the_cli_runs(string model)
    {
        using var cli = new FakeCli().Respond("""{"version": "v1"}""");
        var (ok, engine) = TaskRun.Execute(new PipelineResolveAlias { PipelineCliPath = cli.Path, Model = model, Alias = "production" });

        Assert.False(ok);
        Assert.False(cli.WasRun);
        Assert.Equal("PIPE0910", Assert.Single(engine.Errors).Code);
    }

    [Fact]
    public void Lineage_file_and_lineage_sources_together_are_refused()
    {
        using var cli = new FakeCli().Respond(FingerprintDoc);
        var (ok, engine) = TaskRun.Execute(new PipelineFingerprint { PipelineCliPath = cli.Path, Lineage = "l.json", Seed = "3" });

        Assert.False(ok);
        Assert.False(cli.WasRun);
        var error = Assert.Single(engine.Errors);
        Assert.Equal("PIPE0910", error.Code);
        Assert.Contains("not both", error.Message);
    }

    [Theory]
    [InlineData(null, "--maximize")]
    [InlineData("Minimize", "--minimize")]
    [InlineData("maximize", "--maximize")]
    public void Select_maps_the_direction_to_its_switch(string? direction, string expected)
    {
        using var cli = new FakeCli().Respond("""{"winner": "r1", "score": 0.5, "ranking": []}""");
        var task = new PipelineSelectWinner
        {
            PipelineCliPath = cli.Path,
            Runs = [new TaskItem("runs/a b"), new TaskItem("r2")],
            Metric = "mmlu",
            Direction = direction,
            Cohort = "mmlu@abcd",
        };
        var (ok, engine) = TaskRun.Execute(task);

        Assert.True(ok, engine.Describe());
        Assert.Equal(["select", "runs/a b", "r2", "--metric=mmlu", expected, "--cohort=mmlu@abcd", "--json"], cli.Argv);
    }

    [Fact]
    public void An_unknown_direction_is_refused()
    {
        using var cli = new FakeCli().Respond("{}");
        var (ok, engine) = TaskRun.Execute(new PipelineSelectWinner
        {
            PipelineCliPath = cli.Path, Runs = [new TaskItem("r")], Metric = "m", Direction = "up",
        });

        Assert.False(ok);
        Assert.Equal("PIPE0910", Assert.Single(engine.Errors).Code);
    }

    [Fact]
    public void Verb_specific_options_map_for_gate_promote_verify_and_resolve()
    {
        using var cli = new FakeCli()
            .RespondTo("gate", CliDocuments.Gate("promote"))
            .RespondTo("promote", CliDocuments.Promote("promote", "m#production#3"))
            .RespondTo("verify", """{"ok": true, "title": "t", "base": "a", "head": "b", "versions": [], "findings": []}""")
            .RespondTo("resolve", CliDocuments.Resolve("v1", null, null, "team/m"));

        Run(new PipelineGate { Model = "m", Version = "v1.0.0", Alias = "production", Evals = [new TaskItem("e.json")], GateRef = "origin/main" });
        Assert.Equal(["gate", "m", "--version=v1.0.0", "--alias=production", "--eval=e.json", "--gate-ref=origin/main", "--json"], cli.Argv);

        Run(new PipelinePromote { Model = "m", Version = "v1.0.0", Alias = "production", Reason = "it's \"better\"", Push = true });
        Assert.Equal(["promote", "m", "--version=v1.0.0", "--alias=production", "--reason=it's \"better\"", "--push", "--json"], cli.Argv);

        Run(new PipelineVerify { Base = "origin/main", Head = "HEAD", All = true });
        Assert.Equal(["verify", "--base=origin/main", "--head=HEAD", "--all", "--json"], cli.Argv);

        Run(new PipelineResolveAlias { Model = "team/m", Alias = "production", Repo = "/srv/registry" });
        Assert.Equal(["resolve", "team/m#production", "--repo=/srv/registry", "--json"], cli.Argv);

        void Run(PipelineCliTask task)
        {
            task.PipelineCliPath = cli.Path;
            var (ok, engine) = TaskRun.Execute(task);
            Assert.True(ok, engine.Describe());
        }
    }

    [Fact]
    public void Verify_of_one_version_passes_it_as_version_and_no_base()
    {
        using var cli = new FakeCli().Respond("""
            {"ok": true, "versions": [{"model": "team/m", "version": "v1.4.0", "path": "registry/team/m/v1.4.0.json", "ok": true},
                                      {"model": "m", "version": "v1.4.0", "path": "registry/m/v1.4.0.json", "ok": true}], "findings": []}
            """);

        // The CLI verifies that record alone; a bare 1.4.0 is named the way records are, v1.4.0.
        Run(new PipelineVerify { PipelineCliPath = cli.Path, VersionOf = "team/m@v1.4.0", Head = "HEAD" });
        Assert.Equal(["verify", "--head=HEAD", "--version=team/m@v1.4.0", "--json"], cli.Argv);
        Run(new PipelineVerify { PipelineCliPath = cli.Path, VersionOf = "m@1.4.0" });
        Assert.Equal(["verify", "--version=m@v1.4.0", "--json"], cli.Argv);

        static void Run(PipelineVerify task)
        {
            var (ok, engine) = TaskRun.Execute(task);
            Assert.True(ok, engine.Describe());
        }
    }

    [Fact]
    public void The_cli_runs_in_the_working_directory()
    {
        using var cli = new FakeCli().Respond(FingerprintDoc);
        using var work = new TempFolder("work dir");
        var (ok, _) = TaskRun.Execute(new PipelineFingerprint { PipelineCliPath = cli.Path, Lineage = "l.json", WorkingDirectory = work.Root });

        Assert.True(ok);
        Assert.Equal(Path.GetFullPath(work.Root), Path.GetFullPath(cli.WorkingDirectory));
    }

    [Fact]
    public void Any_text_survives_the_process_boundary_as_one_argument()
    {
        using var cli = new FakeCli().Respond("""{"version": "v1"}""");
        // Each case starts a process: a few dozen cases keep this under a few seconds.
        var config = Config.QuickThrowOnFailure.WithMaxTest(25);
        var property = Prop.ForAll(ArbMap.Default.ArbFor<NonEmptyString>(), text =>
        {
            var value = new string(text.Get.Where(c => c != '\0' && !char.IsSurrogate(c)).ToArray());
            if (value.Length == 0)
            {
                return;
            }

            var (ok, engine) = TaskRun.Execute(new PipelineRegister
            {
                PipelineCliPath = cli.Path, Model = "m", Description = value, Lineage = "l.json",
            });
            Assert.True(ok, engine.Describe());
            Assert.Contains("--description=" + value, cli.Argv);
        });
        Check.One(config, property);
    }
}
