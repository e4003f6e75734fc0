using System.Diagnostics;
using System.Text;
using Pipeline.GitHub.Tests.Actions;
using YamlDotNet.RepresentationModel;

namespace Pipeline.GitHub.Tests.Harness;

/// <summary>
/// Runs action.yml's composite steps the way the runner does: each `run:` step as
/// <c>bash --noprofile --norc -eo pipefail SCRIPT</c> with its `env:` evaluated from the inputs, a fresh
/// GITHUB_OUTPUT and GITHUB_STEP_SUMMARY file per step (outputs parsed the runner's way and exposed as
/// steps.ID.outputs), GITHUB_EVENT_PATH holding the given payload, and the action's outputs evaluated at the end.
/// Every step's `if:` is evaluated (<see cref="Expressions.Condition"/>); a `uses:` step that runs goes to its
/// <see cref="StandInActions"/> stand-in (setup-dotnet fails: the harness is offline; cache restore/save are real), and
/// an unknown action throws. Instead of building the CLI the harness sets PIPELINE_CLI_DLL to the pipeline.dll this
/// test run built — the same switch a workflow can use to run a prebuilt CLI (see action/build.sh) — so prepare.sh
/// reports a prebuilt CLI and the SDK and cache steps are skipped by their own conditions. Lines a step appends to
/// GITHUB_ENV become environment variables of the steps after it, as on a runner.
/// </summary>
public sealed class ActionHarness(string actionDirectory)
{
    public const string Repository = "octo/models";

    private StandInActions? standIns;

    public static ActionHarness ForThisRepository() => new(RepoPaths.Root);

    /// <summary>The action of this repository whose `uses:` steps go to <paramref name="standIns"/> (a workflow job's).</summary>
    internal static ActionHarness ForThisRepository(StandInActions standIns) => new(RepoPaths.Root) { standIns = standIns };

    public string ActionDirectory { get; } = actionDirectory;

    /// <param name="inputs">The step's `with:` (unknown names throw, like a typo should).</param>
    /// <param name="repoDir">GITHUB_WORKSPACE: the checked-out repository the action runs in.</param>
    /// <param name="eventPayload">The webhook JSON; a payload with pull_request makes the event pull_request.</param>
    /// <param name="environment">Extra variables (GITHUB_API_URL of a fake, GITHUB_SHA, …); they win over defaults.</param>
    public ActionRunResult Run(
        IReadOnlyDictionary<string, string> inputs,
        string repoDir,
        string? eventPayload = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var action = Load();
        var scratch = Directory.CreateTempSubdirectory("pipeline-runner-").FullName;
        var own = standIns is null ? new StandInActions() : null;
        try
        {
            return Execute(action, inputs, repoDir, eventPayload ?? "{}", environment ?? new Dictionary<string, string>(), scratch, standIns ?? own!);
        }
        finally
        {
            own?.Dispose();
            Directory.Delete(scratch, recursive: true);
        }
    }

    private ActionRunResult Execute(
        YamlMappingNode action,
        IReadOnlyDictionary<string, string> given,
        string repoDir,
        string payload,
        IReadOnlyDictionary<string, string> extra,
        string scratch,
        StandInActions stand)
    {
        // A workflow job's RUNNER_TEMP outlives the action (later steps read the report-path file); alone, a scratch one.
        var runnerTemp = extra.TryGetValue("RUNNER_TEMP", out var jobTemp)
            ? jobTemp
            : Directory.CreateDirectory(Path.Combine(scratch, "runner_temp")).FullName;
        var eventPath = Path.Combine(scratch, "event.json");
        File.WriteAllText(eventPath, payload);
        var isPullRequest = payload.Contains("\"pull_request\"", StringComparison.Ordinal);

        var baseEnv = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            var key = (string)entry.Key;
            // A developer's or CI's own GitHub variables must not leak into the simulated job.
            if (!key.StartsWith("GITHUB_", StringComparison.Ordinal)
                && !key.StartsWith("INPUT_", StringComparison.Ordinal)
                && !key.StartsWith("RUNNER_", StringComparison.Ordinal))
            {
                baseEnv[key] = (string?)entry.Value ?? "";
            }
        }

        foreach (var (key, value) in new Dictionary<string, string>
        {
            ["CI"] = "true",
            ["GITHUB_ACTIONS"] = "true",
            ["GITHUB_WORKSPACE"] = repoDir,
            ["GITHUB_ACTION_PATH"] = ActionDirectory,
            ["GITHUB_EVENT_PATH"] = eventPath,
            ["GITHUB_EVENT_NAME"] = isPullRequest ? "pull_request" : "push",
            ["GITHUB_REPOSITORY"] = Repository,
            ["GITHUB_REPOSITORY_OWNER"] = Repository.Split('/')[0],
            ["GITHUB_SHA"] = "0000000000000000000000000000000000000000",
            ["GITHUB_API_URL"] = "http://127.0.0.1:9/api/v3",
            ["GITHUB_SERVER_URL"] = "https://github.example",
            ["GITHUB_RUN_ID"] = "4242",
            ["GITHUB_ACTOR"] = "alice",
            ["RUNNER_TEMP"] = runnerTemp,
            ["RUNNER_OS"] = "Linux",
            ["PIPELINE_CLI_DLL"] = RepoPaths.CliDll,
        })
        {
            baseEnv[key] = value;
        }

        foreach (var (key, value) in extra)
        {
            baseEnv[key] = value;
        }

        var github = new Dictionary<string, string>
        {
            ["token"] = extra.TryGetValue("HARNESS_GITHUB_TOKEN", out var token) ? token : "ghs_harnessToken",
            ["action_path"] = ActionDirectory,
            ["workspace"] = repoDir,
            ["repository"] = Repository,
            ["sha"] = baseEnv["GITHUB_SHA"],
            ["event_name"] = baseEnv["GITHUB_EVENT_NAME"],
            ["event_path"] = eventPath,
            ["api_url"] = baseEnv["GITHUB_API_URL"],
            ["run_id"] = baseEnv["GITHUB_RUN_ID"],
        };
        var runner = new Dictionary<string, string> { ["temp"] = runnerTemp, ["os"] = "Linux" };
        var steps = new Dictionary<string, Dictionary<string, string>>();
        var inputs = new Dictionary<string, string>(StringComparer.Ordinal);
        var declared = Map(action, "inputs");
        var noInputs = new Expressions(inputs, github, runner, baseEnv, steps);
        foreach (var (key, spec) in declared?.Children ?? Empty)
        {
            var name = ((YamlScalarNode)key).Value!;
            inputs[name] = noInputs.Evaluate(Scalar((YamlMappingNode)spec, "default") ?? "");
        }

        foreach (var (name, value) in given)
        {
            if (!inputs.ContainsKey(name))
            {
                throw new ArgumentException($"action.yml declares no input '{name}'");
            }

            inputs[name] = value;
        }

        var expressions = new Expressions(inputs, github, runner, baseEnv, steps);
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var summary = new StringBuilder();
        var ran = new List<string>();
        var skipped = new List<string>();
        var exitCode = 0;
        var index = 0;
        foreach (var step in ((YamlSequenceNode)Map(action, "runs")!.Children[new YamlScalarNode("steps")]).Children.Cast<YamlMappingNode>())
        {
            index++;
            var label = Scalar(step, "name") ?? Scalar(step, "id") ?? $"step {index}";
            if (Scalar(step, "if") is { } condition && !expressions.Condition(condition))
            {
                skipped.Add(label);
                continue;
            }

            if (Scalar(step, "uses") is { } uses)
            {
                var with = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var (key, value) in Map(step, "with")?.Children ?? Empty)
                {
                    with[((YamlScalarNode)key).Value!] = expressions.Evaluate(((YamlScalarNode)value).Value ?? "");
                }

                var standIn = stand.Run(uses, with, new StandInJob(repoDir, runnerTemp, github["token"], null, new Dictionary<string, string>()));
                stdout.Append(standIn.Log).Append('\n');
                ran.Add(label);
                if (Scalar(step, "id") is { } standInId)
                {
                    steps[standInId] = standIn.Outputs;
                }

                if (standIn.ExitCode != 0)
                {
                    exitCode = standIn.ExitCode;
                    break;
                }

                continue;
            }

            if (Scalar(step, "shell") != "bash")
            {
                throw new NotSupportedException($"only shell: bash is simulated ({label})");
            }

            var outputFile = Path.Combine(scratch, $"output-{index}");
            var summaryFile = Path.Combine(scratch, $"summary-{index}");
            var envFile = Path.Combine(scratch, $"env-{index}");
            File.WriteAllText(envFile, "");
            File.WriteAllText(outputFile, "");
            File.WriteAllText(summaryFile, "");
            var env = new Dictionary<string, string>(baseEnv)
            {
                ["GITHUB_OUTPUT"] = outputFile,
                ["GITHUB_STEP_SUMMARY"] = summaryFile,
                ["GITHUB_ENV"] = envFile,
            };
            foreach (var (key, value) in Map(step, "env")?.Children ?? Empty)
            {
                env[((YamlScalarNode)key).Value!] = expressions.Evaluate(((YamlScalarNode)value).Value ?? "");
            }

            var script = Path.Combine(scratch, $"step-{index}.sh");
            File.WriteAllText(script, Scalar(step, "run")!);
            var workingDirectory = Scalar(step, "working-directory") is { } wd ? Path.Combine(repoDir, expressions.Evaluate(wd)) : repoDir;
            var (code, output, error) = Bash(script, workingDirectory, env);
            stdout.Append(output);
            stderr.Append(error);
            summary.Append(File.ReadAllText(summaryFile));
            ran.Add(label);
            if (Scalar(step, "id") is { } id)
            {
                steps[id] = RunnerParsers.ParseOutputFile(File.ReadAllText(outputFile));
            }

            foreach (var (key, value) in RunnerParsers.ParseOutputFile(File.ReadAllText(envFile)))
            {
                baseEnv[key] = value;
            }

            if (code != 0)
            {
                exitCode = code;
                break;
            }
        }

        var outputs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, spec) in Map(action, "outputs")?.Children ?? Empty)
        {
            outputs[((YamlScalarNode)key).Value!] = expressions.Evaluate(Scalar((YamlMappingNode)spec, "value") ?? "");
        }

        var report = outputs.TryGetValue("report-path", out var reportPath) && File.Exists(reportPath) ? File.ReadAllText(reportPath) : null;
        return new ActionRunResult(exitCode, outputs, summary.ToString(), stdout.ToString(), stderr.ToString(), ran, skipped, report);
    }

    private static (int Code, string Stdout, string Stderr) Bash(string script, string workingDirectory, IReadOnlyDictionary<string, string> env)
    {
        var start = new ProcessStartInfo("bash")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "--noprofile", "--norc", "-eo", "pipefail", script })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Clear();
        foreach (var (key, value) in env)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("step did not finish in 2 minutes: " + script);
        }

        return (process.ExitCode, output.Result, error.Result);
    }

    private static readonly IEnumerable<KeyValuePair<YamlNode, YamlNode>> Empty = [];

    private YamlMappingNode Load()
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(ActionDirectory, "action.yml")))
        {
            stream.Load(reader);
        }

        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static YamlMappingNode? Map(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value as YamlMappingNode : null;

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode scalar ? scalar.Value : null;
}
