using System.Diagnostics;

namespace Pipeline.Cli.Tests.Runs;

/// <summary>A real git repository in a temp folder (identity set per repo: CI machines may have none), plus CLI helpers.</summary>
internal sealed class RunsTestRepo
{
    public RunsTestRepo()
    {
        Root = Path.Combine(Path.GetTempPath(), "pipeline-runs-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Root);
        Git("init", "-q", "-b", "main");
        Git("config", "user.name", "Runs Test");
        Git("config", "user.email", "runs@test.invalid");
        File.WriteAllText(Path.Combine(Root, "README.md"), "demo\n");
        Git("add", "-A");
        Git("commit", "-q", "-m", "init");
    }

    public string Root { get; }

    public static string RepoRoot { get; } = FindRoot();

    public static string Fixture(params string[] parts) => Path.Combine([RepoRoot, "tests", "fixtures", "tracking", .. parts]);

    public static string MlflowRun => Fixture("mlflow", "mlruns", "417268839591736145", "0a1b2c3d4e5f60718293a4b5c6d7e8f9");

    public async Task<(int Exit, string Out, string Err)> Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = await CliApp.RunAsync([.. args, "--repo", Root], stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    public string Git(params string[] args)
    {
        var psi = new ProcessStartInfo("git") { WorkingDirectory = Root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEnd();
        var error = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"git {string.Join(' ', args)} failed: {error}");
        }

        return output;
    }

    private static string FindRoot()
    {
        for (var dir = AppContext.BaseDirectory; dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (File.Exists(Path.Combine(dir, "Pipeline.sln")))
            {
                return dir;
            }
        }

        throw new InvalidOperationException("Pipeline.sln not found");
    }
}
