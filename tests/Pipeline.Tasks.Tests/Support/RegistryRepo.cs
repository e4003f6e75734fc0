namespace Pipeline.Tasks.Tests.Support;

/// <summary>
/// A registry made with plain git (docs/design.md §3, §4): the version record in one commit, the annotated version tag
/// <c>MODEL@VERSION</c> and the alias tag <c>MODEL#ALIAS#N</c> on it. No Pipeline code writes it, so the serving build
/// is tested against the format, not against our own writer.
/// </summary>
internal static class RegistryRepo
{
    public static string Create(string dir, string model, string version, string alias, string fingerprint, string artifactUri)
    {
        GitProcess.Run(dir, "init", "-q", "-b", "main");
        return Add(dir, model, version, alias, 1, fingerprint, artifactUri);
    }

    /// <summary>A new version, and alias event <paramref name="counter"/> moving <paramref name="alias"/> onto it.</summary>
    public static string Add(string dir, string model, string version, string alias, int counter, string fingerprint, string artifactUri)
    {
        var record = Path.Combine(dir, "registry", model, version + ".json");
        Directory.CreateDirectory(Path.GetDirectoryName(record)!);
        File.WriteAllText(record, $$"""
            {
              "model": "{{model}}",
              "version": "{{version}}",
              "fingerprint": "{{fingerprint}}",
              "scheme": "lineage-v1",
              "lineage": {"data_version": "sft-mix-v3", "code_commit": "a1b2c3d", "config": {"lr": 2e-05}, "base_model": "Qwen/Qwen3-8B", "seed": 0},
              "artifact": {"uri": "{{artifactUri}}"}
            }
            """);
        GitProcess.Run(dir, "add", "-A");
        GitProcess.Run(dir, "commit", "-q", "-m", $"register {model} {version}");
        GitProcess.Run(
            dir,
            "tag",
            "-a",
            $"{model}@{version}",
            "-m",
            $"Register {model} {version}\n\n{{\"model\": \"{model}\", \"version\": \"{version}\"}}");
        GitProcess.Run(
            dir,
            "tag",
            "-a",
            $"{model}#{alias}#{counter}",
            "-m",
            $"Assign {alias} to {model} {version}\n\n{{\"model\": \"{model}\", \"version\": \"{version}\", \"alias\": \"{alias}\"}}");
        return dir;
    }
}
