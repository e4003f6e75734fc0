using System.Text.RegularExpressions;
using Microsoft.Build.Utilities;
using Pipeline.Tasks.Tests.Support;

namespace Pipeline.Tasks.Tests.Tasks;

/// <summary>
/// Every option a task passes exists on the real CLI's verb: each task runs with all its inputs set against a recording
/// CLI, and every <c>--option</c> it wrote must be one the verb's own <c>--help</c> lists (System.CommandLine prints
/// the tree's option definitions there). A renamed or dropped CLI option fails here, not in a user's build.
/// </summary>
public sealed partial class ArgumentContractTests
{
    public static TheoryData<string> Tasks() => new(Cases.Keys);

    private static readonly Dictionary<string, Func<string, PipelineCliTask>> Cases = new()
    {
        ["fingerprint"] = cli => new PipelineFingerprint
        {
            PipelineCliPath = cli, Repo = ".", Rev = "HEAD", Config = "params.yaml#train", DvcLock = "dvc.lock",
            DvcStages = [new TaskItem("train")], DvcFiles = [new TaskItem("data.dvc")], BaseModel = "b", Seed = "0", AllowDirty = true,
        },
        ["fingerprint --config-from-dvc-params"] = cli => new PipelineFingerprint
        {
            PipelineCliPath = cli, DvcLock = "dvc.lock", ConfigFromDvcParams = true, DataVersion = "d", BaseModel = "b", Seed = "0",
        },
        ["register"] = cli => new PipelineRegister
        {
            PipelineCliPath = cli, Model = "m", Repo = ".", Lineage = "l.json", Artifact = "model.bin", Evals = [new TaskItem("e.json")],
            Metrics = "metrics.json", Version = "v1.0.0", Description = "d", ForceNew = true, PushRemote = "origin",
        },
        ["register --bump"] = cli => new PipelineRegister { PipelineCliPath = cli, Model = "m", Lineage = "l.json", Bump = "minor", Push = true },
        ["gate"] = cli => new PipelineGate
        {
            PipelineCliPath = cli,
            Model = "m",
            Version = "v1.0.0",
            Alias = "production",
            Evals = [new TaskItem("e.json")],
            GateRef = "origin/main",
            Repo = ".",
        },
        ["promote"] = cli => new PipelinePromote
        {
            PipelineCliPath = cli, Model = "m", Version = "v1.0.0", Alias = "production", Evals = [new TaskItem("e.json")], GateRef = "origin/main",
            Reason = "r", Repo = ".", PushRemote = "origin",
        },
        ["select"] = cli => new PipelineSelectWinner
        {
            PipelineCliPath = cli, Runs = [new TaskItem("runs")], Metric = "mmlu", Direction = "minimize", Cohort = "mmlu@abcd", Repo = ".",
        },
        ["verify"] = cli => new PipelineVerify { PipelineCliPath = cli, Base = "origin/main", Head = "HEAD", All = true, Repo = "." },
        ["verify --version"] = cli => new PipelineVerify { PipelineCliPath = cli, VersionOf = "m@v1.0.0", Head = "HEAD", Repo = "." },
        ["resolve"] = cli => new PipelineResolveAlias { PipelineCliPath = cli, Model = "m", Alias = "production", Repo = "." },
    };

    [Theory]
    [MemberData(nameof(Tasks))]
    public void Every_option_a_task_writes_is_an_option_of_the_real_verb(string name)
    {
        using var cli = new FakeCli().Respond("{}");
        TaskRun.Execute(Cases[name](cli.Path));
        Assert.True(cli.WasRun, $"{name}: the task did not run the CLI");
        var argv = cli.Argv;
        var verb = argv[0];

        var help = CliProcess.Run(AppContext.BaseDirectory, verb, "--help");
        Assert.True(help.ExitCode == 0, help.ToString());
        var known = OptionInHelp().Matches(help.Stdout).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        var written = argv.Skip(1).Where(a => a.StartsWith("--", StringComparison.Ordinal)).Select(a => a.Split('=')[0]).Distinct().ToArray();

        Assert.NotEmpty(written);
        Assert.All(written, option => Assert.True(known.Contains(option),
            $"{name}: the task writes {option}, which `pipeline {verb} --help` does not list ({string.Join(", ", known.Order())})"));
    }

    // An option at the start of a help line: "  --version <version>  The candidate …" (aliases after a comma).
    [GeneratedRegex(@"(?m)^\s+(?:-\w, )?(--[a-z][a-z0-9-]*)")]
    private static partial Regex OptionInHelp();
}
