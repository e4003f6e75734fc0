using System.Reflection;
using System.Runtime.Loader;

namespace Pipeline.Cli.Tests.FingerprintVerb;

/// <summary>
/// `fingerprint --lineage FILE` must not load git or YAML code (start-up budget). The CLI runs inside its own
/// AssemblyLoadContext, so the assemblies it pulls in are exactly the ones that context lists afterwards.
/// </summary>
public sealed class StartupIsolationTests
{
    [Fact]
    public async Task Lineage_file_path_loads_no_git_or_yaml_assembly()
    {
        var loaded = await RunIsolated(["fingerprint", "--lineage", WriteLineage()]);
        Assert.Contains("pipeline", loaded);
        Assert.Contains("Pipeline.Core", loaded);
        Assert.DoesNotContain("LibGit2Sharp", loaded);
        Assert.DoesNotContain("YamlDotNet", loaded);
        Assert.DoesNotContain("Pipeline.Git", loaded);
        Assert.DoesNotContain("Octokit", loaded);
    }

    [Fact]
    public async Task From_sources_does_load_them()
    {
        // The control: the same harness sees the git and YAML assemblies when the verb needs them.
        using var repo = new TempGitRepo();
        repo.Commit("c", ("c.yaml", "a: 1\n"));
        var loaded = await RunIsolated(
            ["fingerprint", "--repo", repo.Root, "--config", "c.yaml", "--data-version", "x", "--base-model", "m", "--seed", "0"]);
        Assert.Contains("LibGit2Sharp", loaded);
        Assert.Contains("YamlDotNet", loaded);
    }

    private static string WriteLineage()
    {
        var path = Path.Combine(Path.GetTempPath(), "pipeline-lineage-" + Guid.NewGuid().ToString("N")[..8] + ".json");
        File.WriteAllText(path, """{"data_version":"d","code_commit":"c","config":{},"base_model":"b","seed":0}""");
        return path;
    }

    private static async Task<HashSet<string>> RunIsolated(string[] args)
    {
        var cli = typeof(CliApp).Assembly.Location;
        var context = new IsolatedContext(cli);
        var assembly = context.LoadFromAssemblyPath(cli);
        var run = assembly.GetType("Pipeline.Cli.CliApp")!.GetMethod("RunAsync", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)!;
        var code = await (Task<int>)run.Invoke(null, [args, new StringWriter(), new StringWriter()])!;
        Assert.Equal(0, code);
        return context.Assemblies.Select(a => a.GetName().Name!).ToHashSet();
    }

    private sealed class IsolatedContext(string mainPath) : AssemblyLoadContext(isCollectible: true)
    {
        private readonly AssemblyDependencyResolver _resolver = new(mainPath);

        protected override Assembly? Load(AssemblyName name)
        {
            // Framework assemblies come from the shared default context; everything the CLI ships loads in here.
            var path = _resolver.ResolveAssemblyToPath(name);
            return path is null ? null : LoadFromAssemblyPath(path);
        }

        protected override IntPtr LoadUnmanagedDll(string name)
        {
            var path = _resolver.ResolveUnmanagedDllToPath(name);
            return path is null ? IntPtr.Zero : LoadUnmanagedDllFromPath(path);
        }
    }
}
