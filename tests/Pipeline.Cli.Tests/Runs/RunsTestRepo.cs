namespace Pipeline.Cli.Tests.Runs;

/// <summary>A repository with one commit for the run ledger, and the tracking fixtures the runs verbs ingest.</summary>
internal sealed class RunsTestRepo : IDisposable
{
    private readonly TempGitRepo repo = new(prefix: "pipeline-runs-");

    public RunsTestRepo()
    {
        repo.Commit("init", ("README.md", "demo\n"));
    }

    public string Root => repo.Root;

    public static string Fixture(params string[] parts) => RepoPaths.Fixture(["tracking", .. parts]);

    public static string MlflowRun => Fixture("mlflow", "mlruns", "417268839591736145", "0a1b2c3d4e5f60718293a4b5c6d7e8f9");

    /// <summary>The CLI, in-process, on this repository (<c>--repo</c> appended).</summary>
    public Task<CliResult> Run(params string[] args) => CliRunner.RunAsync([.. args, "--repo", Root]);

    public string Git(params string[] args) => repo.Git(args);

    public void Dispose() => repo.Dispose();
}
