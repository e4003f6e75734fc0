using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Pipeline.GitHub.Tests.Actions;
using Pipeline.GitHub.Tests.FakeGitHub;
using Pipeline.GitHub.Tests.Proposals;
using YamlDotNet.RepresentationModel;

namespace Pipeline.GitHub.Tests.Harness;

/// <summary>
/// Runs a sample workflow file as shipped (samples/workflows/*.yml, which users copy to .github/workflows/) the way
/// GitHub does, against a <see cref="ProtectedRemote"/> (its main moved only by the test's merge step) and the
/// <see cref="FakeGitHubServer"/>:
/// <list type="bullet">
/// <item>the event must start the workflow (<see cref="Triggers"/>: `on:`, branch/tag filters and `paths:` read
/// from the push payload), else the run throws; workflow_dispatch inputs are checked against the form (required,
/// unknown) and get their defaults;</item>
/// <item>jobs run in order with `needs:` and job `if:`; a job that `uses: ./.github/workflows/X.yml` runs the sample
/// X.yml as a called workflow (workflow_call inputs checked, the caller's github context: event_name stays the
/// caller's event, as on GitHub);</item>
/// <item>each job gets an empty workspace, its own RUNNER_TEMP, a HOME without a git identity (a hosted runner has
/// none), and its own GITHUB_TOKEN whose contents permission (the job's or workflow's `permissions:`) the remote
/// enforces on pushes; the fake GitHub treats it as the github-actions app's token;</item>
/// <item>steps: `if:` with GitHub's implicit success() (so always() steps run after a failure), `env:`,
/// `run:` in bash as the runner runs it (GITHUB_OUTPUT, GITHUB_ENV, GITHUB_STEP_SUMMARY), `uses: OWNER/pipeline@…`
/// through <see cref="ActionHarness"/>, every other `uses:` through a <see cref="StandInActions"/> stand-in (an
/// unknown action throws: no step is skipped silently).</item>
/// </list>
/// A PLACEHOLDER step (its name says so) is the user's own code: it runs as shipped unless the test gives the code it
/// stands for in <see cref="PlaceholderCode"/>; <see cref="BeforeStep"/> lets a test play the trainer (write the files a
/// training job leaves) before a step, without changing it.
/// </summary>
internal sealed partial class WorkflowHarness : IDisposable
{
    private readonly ProtectedRemote repos;
    private readonly FakeGitHubServer github;
    private readonly ConcurrentDictionary<string, bool> actionsTokens = new();
    private readonly string root = Directory.CreateTempSubdirectory("pipeline-workflows-").FullName;
    private int jobs;

    public WorkflowHarness(ProtectedRemote repos, FakeGitHubServer github)
    {
        this.repos = repos;
        this.github = github;
        StandIns = new StandInActions(token => repos.Grant(token, contentsWrite: true)) { RemoteUrl = repos.Remote.Url };
        github.IsActionsToken = token => actionsTokens.ContainsKey(token);
    }

    public static string Samples => RepoPaths.At("samples", "workflows");

    public StandInActions StandIns { get; }

    /// <summary>The `vars` context (repository variables): the app id the samples name.</summary>
    public Dictionary<string, string> Vars { get; } = new() { ["PIPELINE_APP_ID"] = "123456" };

    /// <summary>The `secrets` context: the app's private key the samples name.</summary>
    public Dictionary<string, string> Secrets { get; } = new()
    {
        ["PIPELINE_APP_PRIVATE_KEY"] = "-----BEGIN RSA PRIVATE KEY-----\nharness\n-----END RSA PRIVATE KEY-----"
    };

    /// <summary>Test code run in the job's workspace before the step with this name (e.g. the trainer's outputs).</summary>
    public Dictionary<string, Action<string>> BeforeStep { get; } = [];

    /// <summary>The user's code for a PLACEHOLDER step, by step name (bash); only PLACEHOLDER steps may be replaced.</summary>
    public Dictionary<string, string> PlaceholderCode { get; } = [];

    /// <summary>Runs samples/workflows/<paramref name="sample"/> for <paramref name="trigger"/>, which must start it.</summary>
    public WorkflowRunResult Run(string sample, WorkflowEvent trigger)
    {
        var file = Path.Combine(Samples, sample);
        if (!Triggers(file, trigger.Name, trigger.Payload.ToJsonString()))
        {
            throw new InvalidOperationException($"{sample} does not start on this {trigger.Name} event ({trigger.Ref})");
        }

        var inputs = trigger.Name == "workflow_dispatch"
            ? Inputs(file, "workflow_dispatch", trigger.Payload["inputs"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>()))
            : new JsonObject();
        var results = new List<JobResult>();
        var pushesBefore = repos.TokenPushes.Count;
        RunWorkflow(file, trigger, inputs, "", results);
        var pushed = repos.TokenPushes.Skip(pushesBefore).Select(p => new PushedRef(p.Ref, actionsTokens.ContainsKey(p.Token))).ToArray();
        return new WorkflowRunResult(sample, results, pushed);
    }

    private void RunWorkflow(string file, WorkflowEvent trigger, JsonObject inputs, string prefix, List<JobResult> results)
    {
        var workflow = Load(file);
        var permissions = Permissions(workflow, null);
        var done = new Dictionary<string, JobResult>();
        foreach (var (key, value) in Map(workflow, "jobs")!.Children)
        {
            var name = ((YamlScalarNode)key).Value!;
            var job = (YamlMappingNode)value;
            var needs = Sequence(job, "needs");
            var needsContext = new JsonObject();
            foreach (var need in needs)
            {
                if (!done.TryGetValue(need, out var before))
                {
                    throw new NotSupportedException($"{Path.GetFileName(file)}: job {name} needs {need}, which is not an earlier job");
                }

                var outputs = new JsonObject();
                foreach (var (k, v) in before.Outputs)
                {
                    outputs[k] = v;
                }

                needsContext[need] = new JsonObject { ["result"] = before.Result, ["outputs"] = outputs };
            }

            var needsOk = needs.All(n => done[n].Result == "success");
            var jobContext = Contexts(trigger, "", inputs, needsContext, new JsonObject(), new JsonObject());
            var condition = Scalar(job, "if");
            var runs = condition is null ? needsOk : new Expressions(jobContext, () => !needsOk).Condition(condition);
            JobResult result;
            if (!runs)
            {
                result = new JobResult(prefix + name, "skipped", [], new Dictionary<string, string>(), "", $"skipped (if: {condition ?? "needs"})");
            }
            else if (Scalar(job, "uses") is { } called)
            {
                result = Call(file, called, job, trigger, jobContext, prefix + name, results);
            }
            else
            {
                result = RunJob(prefix + name, job, trigger, inputs, Permissions(job, permissions), needsContext, Map(workflow, "env"));
            }

            done[name] = result;
            results.Add(result);
        }
    }

    /// <summary>A job that calls a reusable workflow: ./.github/workflows/X.yml is the sample X.yml.</summary>
    private JobResult Call(
        string callerFile,
        string called,
        YamlMappingNode job,
        WorkflowEvent trigger,
        Dictionary<string, Func<JsonNode?>> context,
        string name,
        List<JobResult> results)
    {
        const string Folder = "./.github/workflows/";
        var file = called.StartsWith(Folder, StringComparison.Ordinal) ? Path.Combine(Samples, called[Folder.Length..]) : null;
        if (file is null || !File.Exists(file))
        {
            throw new NotSupportedException($"{Path.GetFileName(callerFile)}: job {name} calls '{called}', which is not a sample workflow");
        }

        if (!Triggers(file, "workflow_call", "{}"))
        {
            throw new InvalidOperationException($"{called} has no workflow_call trigger: it cannot be called");
        }

        var expressions = new Expressions(context);
        var with = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in Map(job, "with")?.Children ?? Empty)
        {
            with[((YamlScalarNode)k).Value!] = expressions.Evaluate(((YamlScalarNode)v).Value ?? "");
        }

        var before = results.Count;
        RunWorkflow(file, trigger, Inputs(file, "workflow_call", with), name + "/", results);
        var inner = results.Skip(before).ToList();
        var failed = inner.Any(j => j.Result == "failure");
        return new JobResult(
            name,
            failed ? "failure" : "success",
            [],
            new Dictionary<string, string>(),
            "",
            $"called {called}: {string.Join(", ", inner.Select(j => $"{j.Name} {j.Result}"))}");
    }

    private JobResult RunJob(
        string name,
        YamlMappingNode job,
        WorkflowEvent trigger,
        JsonObject inputs,
        IReadOnlyDictionary<string, string> permissions,
        JsonObject needs, YamlMappingNode? workflowEnv)
    {
        var number = Interlocked.Increment(ref jobs);
        var workspace = Directory.CreateDirectory(Path.Combine(root, $"job{number}", "workspace")).FullName;
        var runnerTemp = Directory.CreateDirectory(Path.Combine(root, $"job{number}", "temp")).FullName;
        var home = Directory.CreateDirectory(Path.Combine(root, $"job{number}", "home")).FullName;
        var token = $"ghs_actions{number}{Guid.NewGuid():N}";
        actionsTokens[token] = true;
        repos.Grant(token, permissions.TryGetValue("contents", out var contents) && contents == "write");

        var env = new JsonObject();
        var steps = new JsonObject();
        var failed = false;
        var context = Contexts(trigger, token, inputs, needs, env, steps, workspace, number);
        var expressions = new Expressions(context, () => failed);
        foreach (var block in new[] { workflowEnv, Map(job, "env") })
        {
            foreach (var (k, v) in block?.Children ?? Empty)
            {
                env[((YamlScalarNode)k).Value!] = expressions.Evaluate(((YamlScalarNode)v).Value ?? "");
            }
        }

        var payloadFile = Path.Combine(runnerTemp, "..", "event.json");
        File.WriteAllText(payloadFile, trigger.Payload.ToJsonString());
        var runner = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["CI"] = "true",
            ["GITHUB_ACTIONS"] = "true",
            ["HOME"] = home,
            ["GIT_CONFIG_NOSYSTEM"] = "1",
            ["PATH"] = StandIns.DockerBin + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH"),
            ["HARNESS_DOCKER_LOG"] = StandIns.DockerLog,
            ["RUNNER_TEMP"] = runnerTemp,
            ["RUNNER_OS"] = "Linux",
            ["RUNNER_ARCH"] = "X64",
            ["GITHUB_WORKSPACE"] = workspace,
            ["GITHUB_EVENT_NAME"] = trigger.Name,
            ["GITHUB_EVENT_PATH"] = Path.GetFullPath(payloadFile),
            ["GITHUB_REF"] = trigger.Ref,
            ["GITHUB_REF_NAME"] = RefName(trigger.Ref),
            ["GITHUB_REF_TYPE"] = trigger.Ref.StartsWith("refs/tags/", StringComparison.Ordinal) ? "tag" : "branch",
            ["GITHUB_SHA"] = trigger.Sha,
            ["GITHUB_REPOSITORY"] = ActionHarness.Repository,
            ["GITHUB_REPOSITORY_OWNER"] = ActionHarness.Repository.Split('/')[0],
            ["GITHUB_API_URL"] = github.ApiUrl,
            ["GITHUB_SERVER_URL"] = "https://github.example",
            ["GITHUB_ACTOR"] = "alice",
            ["GITHUB_RUN_ID"] = "4242",
            ["GITHUB_JOB"] = name,
            ["HARNESS_GITHUB_TOKEN"] = token,
        };

        var results = new List<StepResult>();
        var summary = new StringBuilder();
        var log = new StringBuilder();
        var index = 0;
        foreach (var step in ((YamlSequenceNode)job.Children[new YamlScalarNode("steps")]).Children.Cast<YamlMappingNode>())
        {
            index++;
            var uses = Scalar(step, "uses");
            var label = Scalar(step, "name") ?? uses ?? $"step {index}";
            var id = Scalar(step, "id");
            if (Scalar(step, "continue-on-error") is not null || Scalar(step, "shell") is { } shell && shell != "bash")
            {
                throw new NotSupportedException($"{name}: step '{label}' uses continue-on-error or a shell the harness does not run");
            }

            if (!expressions.Condition(Scalar(step, "if") ?? "success()"))
            {
                results.Add(new StepResult(label, id, "skipped", 0, new Dictionary<string, string>()));
                log.Append($"--- {label}: skipped\n");
                continue;
            }

            if (BeforeStep.TryGetValue(label, out var before))
            {
                before(workspace);
            }

            var stepEnv = new Dictionary<string, string>(runner);
            foreach (var (k, v) in env)
            {
                stepEnv[k] = v!.GetValue<string>();
            }

            foreach (var (k, v) in Map(step, "env")?.Children ?? Empty)
            {
                stepEnv[((YamlScalarNode)k).Value!] = expressions.Evaluate(((YamlScalarNode)v).Value ?? "");
            }

            var with = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (k, v) in Map(step, "with")?.Children ?? Empty)
            {
                with[((YamlScalarNode)k).Value!] = expressions.Evaluate(((YamlScalarNode)v).Value ?? "");
            }

            int code;
            Dictionary<string, string> outputs;
            if (uses is not null && uses.StartsWith("OWNER/pipeline@", StringComparison.Ordinal))
            {
                var result = ActionHarness.ForThisRepository(StandIns).Run(with, workspace, trigger.Payload.ToJsonString(), stepEnv);
                log.Append($"--- {label} (exit {result.ExitCode})\n{result}\n");
                summary.Append(result.Summary);
                (code, outputs) = (result.ExitCode, new Dictionary<string, string>(result.Outputs));
            }
            else if (uses is not null)
            {
                var result = StandIns.Run(uses, with, new StandInJob(workspace, runnerTemp, token, trigger, permissions));
                log.Append($"--- {label} (stand-in, exit {result.ExitCode})\n{result.Log}\n");
                (code, outputs) = (result.ExitCode, result.Outputs);
            }
            else
            {
                var script = Scalar(step, "run")!;
                if (PlaceholderCode.TryGetValue(label, out var userCode))
                {
                    if (!label.Contains("(PLACEHOLDER)", StringComparison.Ordinal))
                    {
                        throw new InvalidOperationException($"only PLACEHOLDER steps may be replaced, not '{label}'");
                    }

                    script = userCode;
                }

                (code, outputs) = RunScript(script, Scalar(step, "shell") is null, workspace, runnerTemp, index, stepEnv, env, summary, log, label);
            }

            if (id is not null)
            {
                var json = new JsonObject();
                foreach (var (k, v) in outputs)
                {
                    json[k] = v;
                }

                steps[id] = new JsonObject
                {
                    ["outputs"] = json,
                    ["outcome"] = code == 0 ? "success" : "failure",
                    ["conclusion"] = code == 0 ? "success" : "failure"
                };
            }

            results.Add(new StepResult(label, id, code == 0 ? "success" : "failure", code, outputs));
            failed |= code != 0;
        }

        var jobOutputs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in Map(job, "outputs")?.Children ?? Empty)
        {
            jobOutputs[((YamlScalarNode)k).Value!] = expressions.Evaluate(((YamlScalarNode)v).Value ?? "");
        }

        return new JobResult(name, failed ? "failure" : "success", results, jobOutputs, summary.ToString(), log.ToString());
    }

    private static (int, Dictionary<string, string>) RunScript(string script, bool defaultShell, string workspace, string runnerTemp, int index,
        IReadOnlyDictionary<string, string> stepEnv, JsonObject jobEnv, StringBuilder summary, StringBuilder log, string label)
    {
        var files = new Dictionary<string, string>
        {
            ["GITHUB_OUTPUT"] = Path.Combine(runnerTemp, $"_output-{index}"),
            ["GITHUB_ENV"] = Path.Combine(runnerTemp, $"_env-{index}"),
            ["GITHUB_STEP_SUMMARY"] = Path.Combine(runnerTemp, $"_summary-{index}"),
        };
        foreach (var file in files.Values)
        {
            File.WriteAllText(file, "");
        }

        var scriptFile = Path.Combine(runnerTemp, $"_step-{index}.sh");
        File.WriteAllText(scriptFile, script);
        var start = new ProcessStartInfo("bash")
        {
            WorkingDirectory = workspace,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false
        };
        // The runner's default shell is `bash -e {0}`; `shell: bash` is `bash --noprofile --norc -eo pipefail {0}`.
        foreach (var arg in defaultShell ? ["-e", scriptFile] : new[] { "--noprofile", "--norc", "-eo", "pipefail", scriptFile })
        {
            start.ArgumentList.Add(arg);
        }

        foreach (
            var key in start.Environment.Keys.Where(k => k.StartsWith("GITHUB_", StringComparison.Ordinal)
                || k.StartsWith("RUNNER_", StringComparison.Ordinal)
                || k.StartsWith("INPUT_", StringComparison.Ordinal))
                .ToArray())
        {
            start.Environment.Remove(key);
        }

        foreach (var (k, v) in stepEnv.Concat(files))
        {
            start.Environment[k] = v;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"step '{label}' did not finish in 2 minutes");
        }

        log.Append($"--- {label} (exit {process.ExitCode})\n{stdout.Result}{stderr.Result}");
        summary.Append(File.ReadAllText(files["GITHUB_STEP_SUMMARY"]));
        foreach (var (k, v) in RunnerParsers.ParseOutputFile(File.ReadAllText(files["GITHUB_ENV"])))
        {
            jobEnv[k] = v;
        }

        return (process.ExitCode, RunnerParsers.ParseOutputFile(File.ReadAllText(files["GITHUB_OUTPUT"])));
    }

    private Dictionary<string, Func<JsonNode?>> Contexts(
        WorkflowEvent trigger, string token, JsonObject inputs, JsonObject needs, JsonObject env, JsonObject steps,
        string workspace = "", int job = 0)
    {
        var githubContext = new JsonObject
        {
            ["event_name"] = trigger.Name,
            ["event"] = trigger.Payload.DeepClone(),
            ["ref"] = trigger.Ref,
            ["ref_name"] = RefName(trigger.Ref),
            ["sha"] = trigger.Sha,
            ["repository"] = ActionHarness.Repository,
            ["repository_owner"] = ActionHarness.Repository.Split('/')[0],
            ["workspace"] = workspace,
            ["token"] = token,
            ["actor"] = "alice",
            ["run_id"] = "4242",
            ["server_url"] = "https://github.example",
            ["api_url"] = github.ApiUrl,
        };
        var vars = new JsonObject();
        foreach (var (k, v) in Vars)
        {
            vars[k] = v;
        }

        var secrets = new JsonObject { ["GITHUB_TOKEN"] = token };
        foreach (var (k, v) in Secrets)
        {
            secrets[k] = v;
        }

        return new Dictionary<string, Func<JsonNode?>>
        {
            ["github"] = () => githubContext,
            ["inputs"] = () => inputs,
            ["needs"] = () => needs,
            ["vars"] = () => vars,
            ["secrets"] = () => secrets,
            ["env"] = () => env,
            ["steps"] = () => steps,
            ["runner"] = () =>
                new JsonObject { ["os"] = "Linux", ["arch"] = "X64", ["temp"] = job == 0 ? "" : Path.Combine(root, $"job{job}", "temp") },
        };
    }

    /// <summary>The `inputs` context of a dispatched or called workflow, checked against what it declares (as GitHub does).</summary>
    private static JsonObject Inputs(string file, string eventName, IReadOnlyDictionary<string, string> given)
    {
        var on = Load(file).Children[new YamlScalarNode("on")] as YamlMappingNode;
        var declared = on?.Children.TryGetValue(new YamlScalarNode(eventName), out var spec) == true && spec is YamlMappingNode trigger
            ? Map(trigger, "inputs")
            : null;
        var inputs = new JsonObject();
        foreach (var (k, v) in declared?.Children ?? Empty)
        {
            var name = ((YamlScalarNode)k).Value!;
            var input = (YamlMappingNode)v;
            if (given.TryGetValue(name, out var value))
            {
                inputs[name] = value;
            }
            else if (Scalar(input, "default") is { } fallback)
            {
                inputs[name] = fallback;
            }
            else if (Scalar(input, "required") == "true")
            {
                throw new InvalidOperationException($"{Path.GetFileName(file)}: Required input '{name}' not provided");
            }
        }

        if (given.Keys.FirstOrDefault(k => !inputs.ContainsKey(k)) is { } unexpected)
        {
            throw new InvalidOperationException($"{Path.GetFileName(file)}: Unexpected inputs provided: [\"{unexpected}\"]");
        }

        return inputs;
    }

    /// <summary>GITHUB_TOKEN's permissions: the node's `permissions:` map, else <paramref name="inherited"/> (GitHub's default: contents
    /// write).</summary>
    private static IReadOnlyDictionary<string, string> Permissions(YamlMappingNode node, IReadOnlyDictionary<string, string>? inherited)
    {
        if (Map(node, "permissions") is not { } map)
        {
            return inherited ?? new Dictionary<string, string> { ["contents"] = "write" };
        }

        return map.Children.ToDictionary(p => ((YamlScalarNode)p.Key).Value!, p => ((YamlScalarNode)p.Value).Value!);
    }

    private static string RefName(string reference) =>
        reference.StartsWith("refs/heads/", StringComparison.Ordinal) ? reference["refs/heads/".Length..]
        : reference.StartsWith("refs/tags/", StringComparison.Ordinal) ? reference["refs/tags/".Length..]
        : reference.StartsWith("refs/", StringComparison.Ordinal) ? reference["refs/".Length..] : reference;

    /// <summary>
    /// Whether the workflow starts for this event, as GitHub decides it: `on:` names the event; for push, the branch or
    /// tag (from the payload's `ref`) matches `branches:`/`tags:`, and `paths:` matches at least one file the payload's
    /// commits added, modified or removed (glob: `*` within a folder, `**` across folders).
    /// </summary>
    public static bool Triggers(string workflowFile, string eventName, string payloadJson)
    {
        var on = Load(workflowFile).Children[new YamlScalarNode("on")];
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
            .SelectMany(
                c =>
                    new[] { "added", "modified", "removed" }.SelectMany(
                        k => c.TryGetProperty(k, out var files) ? files.EnumerateArray().Select(f => f.GetString()!) : []));
        return touched.Any(file => paths.Any(p => Glob(p).IsMatch(file)));
    }

    private static string[]? Patterns(YamlMappingNode filters, string key) =>
        filters.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlSequenceNode seq
            ? seq.Children.OfType<YamlScalarNode>().Select(n => n.Value!).ToArray()
            : null;

    private static Regex Glob(string pattern) =>
        new("^" + Regex.Escape(pattern).Replace(@"\*\*", "\u0001", StringComparison.Ordinal).Replace(@"\*", "[^/]*", StringComparison.Ordinal)
            .Replace("\u0001", ".*", StringComparison.Ordinal).Replace(@"\?", "[^/]", StringComparison.Ordinal) + "$");

    private static readonly IEnumerable<KeyValuePair<YamlNode, YamlNode>> Empty = [];

    private static YamlMappingNode Load(string file)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(file))
        {
            stream.Load(reader);
        }

        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static IReadOnlyList<string> Sequence(YamlMappingNode node, string key) =>
        !node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? []
        : value is YamlScalarNode one ? [one.Value!]
        : ((YamlSequenceNode)value).Children.Cast<YamlScalarNode>().Select(n => n.Value!).ToArray();

    private static YamlMappingNode? Map(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value as YamlMappingNode : null;

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode scalar ? scalar.Value : null;

    public void Dispose()
    {
        StandIns.Dispose();
        TempFolder.Delete(root);
    }
}
