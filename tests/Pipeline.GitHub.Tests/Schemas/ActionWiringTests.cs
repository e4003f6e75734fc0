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
        var read = Regex.Matches(script, @"\bPIPELINE_[A-Z_]+\b").Select(m => m.Value).ToHashSet();
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
}
