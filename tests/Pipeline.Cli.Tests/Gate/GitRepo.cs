using System.Diagnostics;

namespace Pipeline.Cli.Tests.Gate;

/// <summary>A real git repository in a temp folder, driven by the git CLI (identity set per repository).</summary>
internal sealed class GitRepo : IDisposable
{
    public GitRepo()
    {
        Root = Path.Combine(Path.GetTempPath(), "pipeline-gate-repo-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(Root);
        Git("init", "-q", "-b", "main");
        Git("config", "user.name", "Gate Test");
        Git("config", "user.email", "gate@example.invalid");
        Git("config", "commit.gpgsign", "false");
        Git("config", "tag.gpgsign", "false");
    }

    public string Root { get; }

    public void Write(string path, string text)
    {
        var full = Path.Combine(Root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }

    public void Commit(string message)
    {
        Git("add", "-A");
        Git("commit", "-q", "-m", message);
    }

    /// <summary>Writes a version record the way the registry lays it out, commits it and tags <c>model@version</c>.</summary>
    public void Register(string model, string version, string fingerprint, double? score, string suite = "mmlu@abcd", string? evaluated = null,
        string metrics = "null", bool dirty = false)
    {
        var evals = score is { } s
            ? "[{\"suite\": {\"name\": \"mmlu\", \"fingerprint\": \"" + suite + "\"}, \"evaluated\": \"" + (evaluated ?? fingerprint)
              + "\", \"scores\": {\"mmlu\": " + s.ToString("R", System.Globalization.CultureInfo.InvariantCulture) + "}}]"
            : "[]";
        Write($"registry/{model}/{version}.json", $$"""
            {
              "model": "{{model}}",
              "version": "{{version}}",
              "scheme": "lineage-v1",
              "fingerprint": "{{fingerprint}}",
              "lineage": {"data_version": "d", "code_commit": "c", "config": {}, "base_model": "b", "seed": 0{{(dirty ? ", \"dirty\": true" : "")}}},
              "lineage_sources": null,
              "artifact": null,
              "evals": {{evals}},
              "metrics": {{metrics}},
              "description": null,
              "created_at": "2026-11-01T09:00:00Z",
              "created_by": "test"
            }
            """);
        Commit($"register {model}@{version}");
        Git("tag", "-a", $"{model}@{version}", "-m", $"register {model}@{version}");
    }

    public void Assign(string model, string version, string alias, int counter) =>
        Git("tag", "-a", $"{model}#{alias}#{counter}", $"{model}@{version}^{{}}", "-m", $"assign {alias}");

    public string Git(params string[] args)
    {
        var psi = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Root };
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEnd();
        var error = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"git {string.Join(' ', args)}: {error}");
        return output;
    }

    public void Dispose()
    {
        try
        {
            foreach (var f in Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories)) File.SetAttributes(f, FileAttributes.Normal);
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
