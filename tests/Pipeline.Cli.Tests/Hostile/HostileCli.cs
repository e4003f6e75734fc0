using System.Text.Json;

namespace Pipeline.Cli.Tests.Hostile;

/// <summary>
/// The hostile tests' CLI and git calls: the CLI in-process with no lock (they race it on purpose, each command with
/// its own --repo), git through Pipeline.Testing's GitProcess.
/// </summary>
internal static class HostileCli
{
    public static (int Code, string Out, string Err) Run(params string[] args)
    {
        var r = CliRunner.RunConcurrently(args);
        return (r.ExitCode, r.Stdout, r.Stderr);
    }

    public static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement;

    public static string RunGit(string dir, params string[] args) => GitProcess.Run(dir, args);

    public static void Delete(string dir) => TempFolder.Delete(dir);
}
