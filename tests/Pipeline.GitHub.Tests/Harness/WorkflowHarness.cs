using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Pipeline.GitHub.Tests.Actions;
using YamlDotNet.RepresentationModel;

namespace Pipeline.GitHub.Tests.Harness;

/// <summary>What a simulated workflow job did: its steps, their outputs, and the failing step's exit code.</summary>
public sealed record WorkflowRunResult(int ExitCode, IReadOnlyList<string> StepsRun, IReadOnlyList<string> StepsSkipped,
    IReadOnlyDictionary<string, Dictionary<string, string>> Outputs, string Log)
{
    public override string ToString() => $"exit {ExitCode}; ran [{string.Join(", ", StepsRun)}]; skipped [{string.Join(", ", StepsSkipped)}]\n{Log}";
}

/// <summary>
/// Runs one job of a sample workflow the way a runner does: `uses: actions/checkout` is skipped (the test prepared the
/// clone), `uses: OWNER/pipeline@…` runs this repository's action through <see cref="ActionHarness"/> with its `with:`
/// evaluated, `run:` steps run in bash with their `env:` (GITHUB_OUTPUT parsed into steps.ID.outputs). `if:` is
/// evaluated for the forms the samples use — `PATH == 'literal'` and `PATH != 'literal'` — and anything else throws,
/// so a sample that starts to rely on more makes the harness fail loudly.
/// </summary>
public sealed partial class WorkflowHarness(string workflowFile)
{
    public WorkflowRunResult Run(string job, string eventName, string repoDir, IReadOnlyDictionary<string, string> inputs,
        IReadOnlyDictionary<string, string> github, IReadOnlyDictionary<string, string> environment)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(workflowFile))
        {
            stream.Load(reader);
        }

        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        var stepsNode = (YamlSequenceNode)((YamlMappingNode)((YamlMappingNode)root.Children[new YamlScalarNode("jobs")]).Children[new YamlScalarNode(job)]).Children[new YamlScalarNode("steps")];
        var githubContext = new Dictionary<string, string>(github) { ["event_name"] = eventName, ["workspace"] = repoDir };
        var outputs = new Dictionary<string, Dictionary<string, string>>();
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        var expressions = new Expressions(inputs, githubContext, new Dictionary<string, string>(), env, outputs);
        var scratch = Directory.CreateTempSubdirectory("pipeline-workflow-").FullName;
        var ran = new List<string>();
        var skipped = new List<string>();
        var log = new StringBuilder();
        try
        {
            var index = 0;
            foreach (var step in stepsNode.Children.Cast<YamlMappingNode>())
            {
                index++;
                var label = Scalar(step, "name") ?? Scalar(step, "uses") ?? $"step {index}";
                if (Scalar(step, "if") is { } condition && !Condition(condition, expressions))
                {
                    skipped.Add(label);
                    continue;
                }

                var uses = Scalar(step, "uses");
                if (uses is not null && uses.StartsWith("actions/checkout@", StringComparison.Ordinal))
                {
                    skipped.Add(label);
                    continue;
                }

                int code;
                Dictionary<string, string> stepOutputs;
                if (uses is not null)
                {
                    if (!uses.StartsWith("OWNER/pipeline@", StringComparison.Ordinal))
                    {
                        throw new NotSupportedException($"the harness runs only this repository's action, not '{uses}'");
                    }

                    var with = new Dictionary<string, string>(StringComparer.Ordinal);
                    foreach (var (k, v) in Map(step, "with")?.Children ?? Empty)
                    {
                        with[((YamlScalarNode)k).Value!] = expressions.Evaluate(((YamlScalarNode)v).Value ?? "");
                    }

                    var extra = new Dictionary<string, string>(environment);
                    foreach (var (k, v) in githubContext)
                    {
                        extra["GITHUB_" + k.ToUpperInvariant()] = v;
                    }

                    var result = ActionHarness.ForThisRepository().Run(with, repoDir, environment: extra);
                    log.Append($"--- {label}\n{result}\n");
                    code = result.ExitCode;
                    stepOutputs = new Dictionary<string, string>(result.Outputs);
                    if (result.Report is { } report && stepOutputs.TryGetValue("report-path", out _))
                    {
                        // The simulated RUNNER_TEMP is gone after the action: keep the report for later steps.
                        var kept = Path.Combine(scratch, $"report-{index}");
                        File.WriteAllText(kept, report);
                        stepOutputs["report-path"] = kept;
                    }
                }
                else
                {
                    (code, stepOutputs) = RunScript(step, index, label, repoDir, scratch, expressions, githubContext, environment, log);
                }

                ran.Add(label);
                if (Scalar(step, "id") is { } id)
                {
                    outputs[id] = stepOutputs;
                }

                if (code != 0)
                {
                    return new WorkflowRunResult(code, ran, skipped, outputs, log.ToString());
                }
            }

            return new WorkflowRunResult(0, ran, skipped, outputs, log.ToString());
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    /// <summary>
    /// Whether the workflow starts for this event, as GitHub decides it: `on:` names the event; for push, the branch or
    /// tag (from the payload's `ref`) matches `branches:`/`tags:`, and `paths:` matches at least one file the payload's
    /// commits added, modified or removed (glob: `*` within a folder, `**` across folders).
    /// </summary>
    public bool Triggers(string eventName, string payloadJson)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(workflowFile))
        {
            stream.Load(reader);
        }

        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        var on = root.Children[new YamlScalarNode("on")];
        if (on is YamlScalarNode single)
        {
            return single.Value == eventName;
        }

        if (on is YamlSequenceNode list)
        {
            return list.Children.OfType<YamlScalarNode>().Any(n => n.Value == eventName);
        }

        var events = (YamlMappingNode)on;
        if (!events.Children.TryGetValue(new YamlScalarNode(eventName), out var spec))
        {
            return false;
        }

        if (eventName != "push" || spec is not YamlMappingNode filters)
        {
            return true;
        }

        using var payload = System.Text.Json.JsonDocument.Parse(payloadJson);
        var pushedRef = payload.RootElement.GetProperty("ref").GetString()!;
        var isTag = pushedRef.StartsWith("refs/tags/", StringComparison.Ordinal);
        var name = isTag ? pushedRef["refs/tags/".Length..] : pushedRef["refs/heads/".Length..];
        var refFilter = Patterns(filters, isTag ? "tags" : "branches");
        var otherFilter = Patterns(filters, isTag ? "branches" : "tags");
        if (refFilter is null && otherFilter is not null)
        {
            return false;
        }

        if (refFilter is not null && !refFilter.Any(p => Glob(p).IsMatch(name)))
        {
            return false;
        }

        if (Patterns(filters, "paths") is not { } paths)
        {
            return true;
        }

        var touched = payload.RootElement.GetProperty("commits").EnumerateArray()
            .SelectMany(c => new[] { "added", "modified", "removed" }.SelectMany(k => c.TryGetProperty(k, out var files) ? files.EnumerateArray().Select(f => f.GetString()!) : []));
        return touched.Any(file => paths.Any(p => Glob(p).IsMatch(file)));
    }

    private static string[]? Patterns(YamlMappingNode filters, string key) =>
        filters.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlSequenceNode seq
            ? seq.Children.OfType<YamlScalarNode>().Select(n => n.Value!).ToArray()
            : null;

    private static Regex Glob(string pattern) =>
        new("^" + Regex.Escape(pattern).Replace(@"\*\*", "\u0001", StringComparison.Ordinal).Replace(@"\*", "[^/]*", StringComparison.Ordinal)
            .Replace("\u0001", ".*", StringComparison.Ordinal).Replace(@"\?", "[^/]", StringComparison.Ordinal) + "$");

    private static (int, Dictionary<string, string>) RunScript(YamlMappingNode step, int index, string label, string repoDir, string scratch,
        Expressions expressions, IReadOnlyDictionary<string, string> github, IReadOnlyDictionary<string, string> environment, StringBuilder log)
    {
        var outputFile = Path.Combine(scratch, $"output-{index}");
        File.WriteAllText(outputFile, "");
        var start = new ProcessStartInfo("bash") { WorkingDirectory = repoDir, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "--noprofile", "--norc", "-eo", "pipefail", "-c", Scalar(step, "run")! })
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("GITHUB_", StringComparison.Ordinal)).ToArray())
        {
            start.Environment.Remove(key);
        }

        foreach (var (k, v) in environment)
        {
            start.Environment[k] = v;
        }

        foreach (var (k, v) in github)
        {
            start.Environment["GITHUB_" + k.ToUpperInvariant()] = v;
        }

        start.Environment["GITHUB_OUTPUT"] = outputFile;
        foreach (var (k, v) in Map(step, "env")?.Children ?? Empty)
        {
            start.Environment[((YamlScalarNode)k).Value!] = expressions.Evaluate(((YamlScalarNode)v).Value ?? "");
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        log.Append($"--- {label} (exit {process.ExitCode})\n{stdout.Result}{stderr.Result}");
        return (process.ExitCode, RunnerParsers.ParseOutputFile(File.ReadAllText(outputFile)));
    }

    private static bool Condition(string condition, Expressions expressions)
    {
        var m = ConditionForm().Match(condition.Trim());
        if (!m.Success)
        {
            throw new NotSupportedException($"the harness does not evaluate if: {condition}");
        }

        var left = expressions.Evaluate("${{ " + m.Groups["path"].Value + " }}");
        var equal = string.Equals(left, m.Groups["literal"].Value, StringComparison.OrdinalIgnoreCase);
        return m.Groups["op"].Value == "==" ? equal : !equal;
    }

    [GeneratedRegex(@"^(?<path>[a-z_]+(\.[A-Za-z0-9_-]+)+)\s*(?<op>==|!=)\s*'(?<literal>[^']*)'$")]
    private static partial Regex ConditionForm();

    private static readonly IEnumerable<KeyValuePair<YamlNode, YamlNode>> Empty = [];

    private static YamlMappingNode? Map(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value as YamlMappingNode : null;

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode scalar ? scalar.Value : null;
}
