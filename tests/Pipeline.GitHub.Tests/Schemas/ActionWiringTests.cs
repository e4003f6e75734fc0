using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Pipeline.GitHub.Tests.Schemas;

/// <summary>Drift checks: an input added to action.yml must reach run.sh, and run.sh must read only what is passed.</summary>
public sealed class ActionWiringTests
{
    private static readonly JsonObject Action = YamlToJson.Load(RepoPaths.At("action.yml"))!.AsObject();

    [Fact]
    public void Every_input_is_passed_to_a_step_through_env()
    {
        var envValues = Action["runs"]!["steps"]!.AsArray().OfType<JsonObject>()
            .Where(s => s["env"] is JsonObject)
            .SelectMany(s => s["env"]!.AsObject().Select(kv => kv.Value!.GetValue<string>()))
            .ToList();
        var withValues = Action["runs"]!["steps"]!.AsArray().OfType<JsonObject>()
            .Where(s => s["with"] is JsonObject || s["if"] is not null)
            .SelectMany(s => (s["with"]?.AsObject().Select(kv => kv.Value!.ToString()) ?? []).Append(s["if"]?.ToString() ?? ""))
            .ToList();
        foreach (var (name, _) in Action["inputs"]!.AsObject())
        {
            Assert.True(
                envValues.Contains($"${{{{ inputs.{name} }}}}") || withValues.Any(v => v.Contains($"inputs.{name}", StringComparison.Ordinal)),
                $"input '{name}' reaches no step");
        }
    }

    [Fact]
    public void Run_sh_reads_exactly_the_PIPELINE_variables_the_run_step_sets()
    {
        var run = Action["runs"]!["steps"]!.AsArray().OfType<JsonObject>().Single(s => s["id"]?.GetValue<string>() == "run");
        var set = run["env"]!.AsObject().Select(kv => kv.Key).Where(k => k.StartsWith("PIPELINE_", StringComparison.Ordinal)).ToHashSet();
        var script = File.ReadAllText(RepoPaths.At("action", "run.sh"));
        var read = Regex.Matches(script, @"\bPIPELINE_[A-Z0-9_]+\b").Select(m => m.Value).ToHashSet();
        Assert.Equal(set.Order(StringComparer.Ordinal), read.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_output_maps_a_step_output()
    {
        foreach (var (name, spec) in Action["outputs"]!.AsObject())
        {
            Assert.Equal($"${{{{ steps.run.outputs.{name} }}}}", spec!["value"]!.GetValue<string>());
        }
    }

    /// <summary>
    /// run.sh's table of what each verb takes must match the real CLI: every option it may pass appears in
    /// `pipeline VERB --help`, and every positional slot is one the verb has. A renamed option fails here, not on a runner.
    /// </summary>
    [Fact]
    public void Run_sh_passes_only_options_the_verbs_really_have()
    {
        var script = File.ReadAllText(RepoPaths.At("action", "run.sh"));
        var rows = Regex.Matches(script, @"^\s+([a-z|-]+)\) takes=""([^""]*)"" ;;", RegexOptions.Multiline);
        Assert.True(rows.Count >= 15, "the table was not found in run.sh");
        var positional = new Dictionary<string, string[]>
        {
            ["MODEL"] = ["<model>", "<spec>"],
            ["RUNS"] = ["<runs>...", "<ids>..."],
            ["SOURCE"] = ["<source>", "<id>", "<path>"],
            ["REF"] = ["<ref>"],
            ["MODEL@"] = ["--version <version>"],
            ["@VERSION"] = ["<spec>"],
            ["#ALIAS"] = ["<spec>"]
        };
        var verbs = 0;
        foreach (Match row in rows)
        {
            foreach (var command in row.Groups[1].Value.Split('|'))
            {
                string[] verb = command.StartsWith("runs-", StringComparison.Ordinal) ? ["runs", command["runs-".Length..]]
                    : command == "artifact-verify" ? ["artifact", "verify"] : [command];
                var help = Help(verb);
                foreach (var token in row.Groups[2].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    var found = token.StartsWith("--", StringComparison.Ordinal)
                        ? Regex.IsMatch(help, @"^\s+" + Regex.Escape(token) + @"(\s|$)", RegexOptions.Multiline)
                        : positional[token].Any(p => help.Contains(p, StringComparison.Ordinal));
                    Assert.True(found, $"run.sh passes {token} to '{string.Join(' ', verb)}', whose --help has no such option:\n{help}");
                }

                verbs++;
            }
        }

        Assert.True(verbs >= 17);
    }

    private static string Help(string[] verb)
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])[RepoPaths.CliDll, .. verb, "--help"])
        {
            start.ArgumentList.Add(arg);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"pipeline {string.Join(' ', verb)} --help exited {process.ExitCode}");
        return output;
    }
}
