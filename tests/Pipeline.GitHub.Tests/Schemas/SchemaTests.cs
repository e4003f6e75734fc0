using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace Pipeline.GitHub.Tests.Schemas;

public sealed class SchemaTests
{
    public static TheoryData<string> Workflows()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(RepoPaths.At("samples", "workflows"), "*.yml").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Fact]
    public void Action_yml_validates_against_GitHubs_action_schema()
    {
        var errors = SchemaValidator.ValidateAction(YamlToJson.Load(RepoPaths.At("action.yml")));
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Theory]
    [MemberData(nameof(Workflows))]
    public void Sample_workflows_validate_against_GitHubs_workflow_schema(string name)
    {
        var errors = SchemaValidator.ValidateWorkflow(YamlToJson.Load(RepoPaths.At("samples", "workflows", name)));
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public void The_sample_workflows_exist()
    {
        Assert.Equal(
            ["after-training.yml", "deploy.yml", "pr-check.yml", "promote.yml", "publish.yml", "report.yml", "rollback.yml"],
            Directory.GetFiles(RepoPaths.At("samples", "workflows"), "*.yml").Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_validator_rejects_what_GitHub_would_reject()
    {
        var action = YamlToJson.Load(RepoPaths.At("action.yml"))!.AsObject();
        // A composite output needs a value; a run step needs a shell; `required` is a boolean.
        var broken = action.DeepClone().AsObject();
        broken["outputs"]!["fingerprint"]!.AsObject().Remove("value");
        Assert.NotEmpty(SchemaValidator.ValidateAction(broken));
        broken = action.DeepClone().AsObject();
        broken["runs"]!["steps"]!.AsArray().OfType<JsonObject>().First(s => s.ContainsKey("run")).Remove("shell");
        Assert.NotEmpty(SchemaValidator.ValidateAction(broken));
        broken = action.DeepClone().AsObject();
        broken["inputs"]!["command"]!["required"] = "yes";
        Assert.NotEmpty(SchemaValidator.ValidateAction(broken));
        Assert.NotEmpty(SchemaValidator.ValidateWorkflow(new JsonObject { ["on"] = "push" }));
    }

    [Fact]
    public void No_run_script_in_the_action_or_samples_expands_inputs_directly()
    {
        var files = new[] { RepoPaths.At("action.yml") }.Concat(Directory.GetFiles(RepoPaths.At("samples", "workflows"), "*.yml"));
        var offenders = new List<string>();
        foreach (var file in files)
        {
            var stream = new YamlStream();
            using (var reader = new StreamReader(file))
            {
                stream.Load(reader);
            }

            foreach (var run in RunScripts(stream.Documents[0].RootNode))
            {
                // Any expression in a script is text pasted into bash before it runs: inputs and event fields are
                // attacker-controlled (a PR title, a dispatch input), so they must arrive through env: instead.
                if (run.Contains("${{ inputs.", StringComparison.Ordinal) || run.Contains("${{inputs.", StringComparison.Ordinal)
                    || run.Contains("github.event.", StringComparison.Ordinal) || run.Contains("${{ github.head_ref", StringComparison.Ordinal))
                {
                    offenders.Add($"{Path.GetFileName(file)}: {run}");
                }
            }
        }

        Assert.True(offenders.Count == 0, string.Join("\n", offenders));
        Assert.NotEmpty(RunScripts(YamlToJsonRoot(RepoPaths.At("action.yml"))));
    }

    [Fact]
    public void The_injection_check_itself_catches_an_offending_script()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader("runs:\n  steps:\n    - run: echo ${{ inputs.model }}\n      shell: bash\n"));
        Assert.Contains(RunScripts(stream.Documents[0].RootNode), r => r.Contains("${{ inputs.", StringComparison.Ordinal));
    }

    private static YamlNode YamlToJsonRoot(string file)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(file);
        stream.Load(reader);
        return stream.Documents[0].RootNode;
    }

    private static IEnumerable<string> RunScripts(YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode map:
                foreach (var (key, value) in map.Children)
                {
                    if (key is YamlScalarNode { Value: "run" } && value is YamlScalarNode script)
                    {
                        yield return script.Value ?? "";
                    }
                    else
                    {
                        foreach (var inner in RunScripts(value))
                        {
                            yield return inner;
                        }
                    }
                }

                break;
            case YamlSequenceNode seq:
                foreach (var child in seq.Children)
                {
                    foreach (var inner in RunScripts(child))
                    {
                        yield return inner;
                    }
                }

                break;
        }
    }
}
