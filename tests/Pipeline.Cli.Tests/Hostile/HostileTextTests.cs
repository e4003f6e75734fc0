using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using Pipeline.Core.Text;
using static Pipeline.Cli.Tests.Hostile.HostileCli;
using static Pipeline.Cli.Tests.Registry.Cli;

namespace Pipeline.Cli.Tests.Hostile;

/// <summary>
/// Issue 15 point 5: user text with ANSI escapes, CR/LF, bidi overrides and workflow commands goes through every verb's
/// text output (register, show, history, list, assign, gate, runs ingest/list/show/compare, errors) and no line that
/// reaches the terminal or the Actions log carries a control character, starts a workflow command or holds "##[".
/// </summary>
public sealed class HostileTextTests : IDisposable
{
    private static readonly string[] Fragments =
    [
        "\u001b[31mred\u001b[0m", "\r", "\n", "\r\n", "::error title=pwned::owned", "\n::add-mask::secret", "\n  ::stop-commands::t",
        "##[error]x", "\u202e", "\u2066", "\u0085", "\u009b2J", "\u0007", "\u0000", "\u2028", "\t", "plain", "é", "%0A", ":", "#",
    ];

    private readonly string _root = Directory.CreateTempSubdirectory("pipeline-hostile-text-").FullName;
    private readonly string _repo;
    private int _n;

    public HostileTextTests()
    {
        _repo = NewRepo(Directory.CreateDirectory(Path.Combine(_root, "repo")).FullName);
    }

    public void Dispose() => Delete(_root);

    private static Gen<string> Hostile() =>
        Gen.ListOf(Gen.Elements(Fragments)).Select(parts => "x" + string.Concat(parts.Take(6)));

    [Fact]
    public void Every_verb_escapes_hostile_text_in_its_text_output()
    {
        Prop.ForAll(Arb.From(Hostile()), text =>
        {
            var lines = RunAllVerbs(text, actions: true);
            foreach (var (verb, line) in lines)
            {
                if (Clean(line) is { } why)
                {
                    throw new InvalidOperationException($"{verb}: {why} in {JsonSerializer.Serialize(line)}");
                }
            }

            return true;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(12));
    }

    [Fact]
    public void Outside_actions_control_characters_are_still_escaped_and_workflow_text_is_left_readable()
    {
        var lines = RunAllVerbs("x\u001b[31m\r::notice::hi", actions: false);
        Assert.DoesNotContain(lines, l => l.Line.Any(TerminalText.Escaped));
        Assert.Contains(lines, l => l.Line.Contains("\\x1b[31m\\r::notice::hi", StringComparison.Ordinal));
    }

    [Fact]
    public void A_real_process_under_github_actions_prints_no_workflow_command_from_a_reason()
    {
        Assert.Equal(0, Run(["register", "proc", .. Sources(_repo, 77), "--repo", _repo]).Code);
        Assert.Equal(
            0,
            Run(
                "assign",
                "proc",
                "--version",
                "v0.0.1",
                "--alias",
                "staging",
                "--reason",
                "ok\n::error title=pwned::owned\n##[add-mask]x",
                "--repo",
                _repo).Code);
        var (code, stdout, stderr) = RunWithActions("history", "proc", "--repo", _repo);
        Assert.Equal(0, code);
        var all = (stdout + stderr).Split('\n');
        Assert.DoesNotContain(all, l => l.TrimStart().StartsWith("::", StringComparison.Ordinal));
        Assert.DoesNotContain(all, l => l.Contains("##[", StringComparison.Ordinal));
        Assert.Contains(
            all,
            l => l.Contains("\\x3a:error title=pwned::owned", StringComparison.Ordinal) || l.Contains("\\n::error", StringComparison.Ordinal));
    }

    private static (int, string, string) RunWithActions(params string[] args)
    {
        var psi = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "pipeline.dll"));
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["GITHUB_ACTIONS"] = "true";
        psi.Environment.Remove("GITHUB_OUTPUT");
        psi.Environment.Remove("GITHUB_STEP_SUMMARY");
        using var p = System.Diagnostics.Process.Start(psi)!;
        var o = p.StandardOutput.ReadToEndAsync();
        var e = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        return (p.ExitCode, o.Result, e.Result);
    }

    /// <summary>Why a printed line is unsafe, or null.</summary>
    internal static string? Clean(string line)
    {
        if (line.Any(TerminalText.Escaped))
        {
            return "a control character";
        }

        if (line.TrimStart(' ', '\t').StartsWith("::", StringComparison.Ordinal))
        {
            return "a workflow command";
        }

        if (line.Contains("##[", StringComparison.Ordinal))
        {
            return "a legacy workflow command";
        }

        return null;
    }

    private List<(string Verb, string Line)> RunAllVerbs(string text, bool actions)
    {
        var n = Interlocked.Increment(ref _n);
        var model = $"m{n}";
        var quoted = JsonSerializer.Serialize(text);
        var lineage = Path.Combine(_root, $"lineage-{n}.json");
        File.WriteAllText(
            lineage,
            $$"""{"data_version": {{quoted}}, "code_commit": "0123456789abcdef0123456789abcdef01234567", "config": {"k": {{quoted}}},""" +
            $$""" "base_model": {{quoted}}, "seed": {{n}}}""");
        var jsonl = Path.Combine(_root, $"run-{n}.jsonl");
        File.WriteAllText(jsonl, JsonSerializer.Serialize(new Dictionary<string, object> { ["step"] = 1, [text] = 0.5, ["loss"] = 1.5 }) + "\n");
        var plain = Path.Combine(_root, $"plain-{n}.jsonl");
        File.WriteAllText(plain, "{\"step\": 1, \"loss\": 0.5}\n");
        var paramsFile = Path.Combine(_root, $"params-{n}.json");
        File.WriteAllText(paramsFile, JsonSerializer.Serialize(new Dictionary<string, string> { [text] = text, ["lr"] = text }));
        File.WriteAllText(
            Path.Combine(_repo, "gate.yaml"),
            $"suite: {{name: {quoted}, fingerprint: \"s@1\"}}\nmetric: {quoted}\ndirection: maximize\nthreshold: 0.5\n");
        RunGit(_repo, "add", "gate.yaml");
        RunGit(_repo, "commit", "-q", "--allow-empty", "-m", "gate");

        var runs = new List<(string, string[])>
        {
            ("register", ["register", model, "--lineage", lineage, "--description", text, "--artifact", "s3://bucket/" + text, "--repo", _repo]),
            ("register-missing-artifact", ["register", model + "x", "--lineage", lineage, "--artifact", text, "--repo", _repo]),
            ("assign", ["assign", model, "--version", "v0.0.1", "--alias", "staging", "--reason", text, "--repo", _repo]),
            ("show", ["show", model, "--repo", _repo]),
            ("history", ["history", model, "--repo", _repo]),
            ("list", ["list", "--repo", _repo]),
            ("gate", ["gate", model, "--version", "v0.0.1", "--alias", "production", "--repo", _repo]),
            ("bad-name", ["show", text, "--repo", _repo]),
            ("ingest", ["runs", "ingest", jsonl, "--name", text, "--experiment", text, "--params", paramsFile, "--repo", _repo]),
            ("ingest-plain", ["runs", "ingest", plain, "--name", text, "--repo", _repo]),
            ("runs-list", ["runs", "list", "--repo", _repo]),
        };
        var lines = new List<(string, string)>();
        void Verb(string verb, string[] args)
        {
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            CliApp.ExecuteAsync(args, stdout, stderr, actions).GetAwaiter().GetResult();
            foreach (var line in (stdout + "\n" + stderr).Split('\n'))
            {
                lines.Add((verb, line.TrimEnd('\r')));
            }
        }

        foreach (var (verb, args) in runs)
        {
            Verb(verb, args);
        }

        var listed = Run("runs", "list", "--repo", _repo, "--json");
        var ids = HostileCli.Json(listed.Out).GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("id").GetString()!).ToArray();
        Assert.True(ids.Length > 0, listed.Out + listed.Err + string.Join("\n", lines.Select(l => l.Item1 + ": " + l.Item2)));
        Verb("runs-show", ["runs", "show", ids[^1], "--repo", _repo]);
        Verb("runs-compare", ["runs", "compare", ids[0], ids[^1], "--repo", _repo]);
        Verb("runs-compare-md", ["runs", "compare", ids[0], ids[^1], "--format", "md", "--repo", _repo]);
        return lines;
    }
}
