using System.Security.Cryptography;
using static Pipeline.Cli.Tests.Registry.Cli;

namespace Pipeline.Cli.Tests.Serving;

/// <summary>A real repository with a registry, driven through the CLI, plus a folder for inputs outside it.</summary>
internal sealed class ServingRepo : IDisposable
{
    public string Root { get; } = NewRepo();

    public string Inputs { get; } = Directory.CreateTempSubdirectory("pipeline-serving-in-").FullName;

    private int _seed;

    public void Dispose()
    {
        TempFolder.Delete(Root);
        TempFolder.Delete(Inputs);
    }

    public CliResult Cli(params string[] args) => CliRunner.Run([.. args, "--repo", Root]);

    public string Git(params string[] args) => GitProcess.Run(Root, args);

    public string Write(string relative, string content)
    {
        var full = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return full;
    }

    /// <summary>Registers a new version (a new lineage each time) with the given artifact options; returns the version.</summary>
    public string Register(params string[] artifactOptions)
    {
        var r = Cli(["register", "demo", .. Sources(Root, ++_seed, artifact: artifactOptions.Length == 0), "--json", .. artifactOptions]);
        Assert.True(r.ExitCode == 0, r.Stderr);
        return r.Json.GetProperty("version").GetString()!;
    }

    public void Ok(params string[] args)
    {
        var r = Cli(args);
        Assert.True(r.ExitCode == 0, $"{string.Join(' ', args)}: {r.Stderr}");
    }

    public static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
}
