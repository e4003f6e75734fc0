namespace Pipeline.Cli.Commands.Quickstart;

/// <summary>
/// samples/demo, compiled into the CLI as resources named <c>demo/&lt;path&gt;</c> (Pipeline.Cli.csproj), so quickstart
/// works wherever the tool runs — an installed dotnet tool, the single-file executable — without a samples folder.
/// </summary>
internal static class DemoFiles
{
    private const string Prefix = "demo/";

    public static void WriteTo(string root)
    {
        var assembly = typeof(DemoFiles).Assembly;
        var names = assembly.GetManifestResourceNames()
            .Select(n => (Resource: n, Path: n.Replace('\\', '/')))
            .Where(n => n.Path.StartsWith(Prefix, StringComparison.Ordinal))
            .ToList();
        if (!names.Any(n => n.Path == Prefix + "dvc.lock"))
        {
            throw new InvalidOperationException("the demo files (samples/demo) are not compiled into this build of the CLI: rebuild it");
        }

        foreach (var (resource, path) in names)
        {
            var target = Path.Combine(root, path[Prefix.Length..]);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            using var from = assembly.GetManifestResourceStream(resource)!;
            using var to = File.Create(target);
            from.CopyTo(to);
        }
    }
}
