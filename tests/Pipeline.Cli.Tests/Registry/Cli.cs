using System.Diagnostics;
using System.Text.Json;

namespace Pipeline.Cli.Tests.Registry;

/// <summary>Runs the CLI in-process and real git in temp folders.</summary>
internal static class Cli
{
    public static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = CliApp.RunAsync(args, stdout, stderr).GetAwaiter().GetResult();
        return (code, stdout.ToString(), stderr.ToString());
    }

    public static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement;

    public static string RunGit(string dir, params string[] args)
    {
        var psi = new ProcessStartInfo("git") { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var o = p.StandardOutput.ReadToEndAsync();
        var e = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"git {string.Join(' ', args)}: {e.Result}");
        return o.Result;
    }

    public static string NewRepo(string? parent = null)
    {
        var dir = parent ?? Directory.CreateTempSubdirectory("pipeline-cli-reg-").FullName;
        RunGit(dir, "init", "-q", "-b", "main");
        Identity(dir, "Test User", "test@example.com");
        File.WriteAllText(Path.Combine(dir, "train.py"), "print(1)\n");
        RunGit(dir, "add", "train.py");
        RunGit(dir, "commit", "-q", "-m", "code");
        return dir;
    }

    public static void Identity(string dir, string name, string email)
    {
        RunGit(dir, "config", "user.name", name);
        RunGit(dir, "config", "user.email", email);
        RunGit(dir, "config", "commit.gpgsign", "false");
        RunGit(dir, "config", "tag.gpgsign", "false");
    }

    public static string Lineage(string dir, int seed, string commit = "0123456789abcdef0123456789abcdef01234567")
    {
        var path = Path.Combine(dir, $"lineage-{seed}.json");
        File.WriteAllText(path, $$"""{"data_version": "dvc:abc", "code_commit": "{{commit}}", "config": {"lr": 2e-5}, "base_model": "qwen", "seed": {{seed}}}""");
        return path;
    }

    public static void Delete(string dir)
    {
        try
        {
            Directory.Delete(dir, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
