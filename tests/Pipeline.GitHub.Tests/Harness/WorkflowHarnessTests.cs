using Pipeline.GitHub.Tests.FakeGitHub;
using Pipeline.GitHub.Tests.Proposals;
using YamlDotNet.RepresentationModel;

namespace Pipeline.GitHub.Tests.Harness;

/// <summary>
/// The workflow harness is only worth its passes if it fails where GitHub would: unknown actions and inputs, tokens
/// without contents: write, pushes to a protected main, missing dispatch inputs, expressions it cannot evaluate.
/// </summary>
public sealed class WorkflowHarnessTests : IDisposable
{
    private readonly ProtectedRemote repos = new();
    private readonly FakeGitHubServer github = new();
    private readonly WorkflowHarness harness;
    private readonly TempFolder folder = new("pipeline-workflow-files-");

    public WorkflowHarnessTests()
    {
        repos.Work.Commit("code", ("train.py", "print('train')\n"));
        repos.Protect();
        harness = new WorkflowHarness(repos, github);
    }

    public void Dispose()
    {
        harness.Dispose();
        github.Dispose();
        repos.Dispose();
        folder.Dispose();
    }

    private WorkflowRunResult Run(string yaml, IReadOnlyDictionary<string, string>? inputs = null) =>
        harness.Run(folder.Write($"w{Guid.NewGuid():N}.yml", yaml.Replace("\r\n", "\n", StringComparison.Ordinal)),
            WorkflowEvent.Dispatch("main", repos.RemoteRef("refs/heads/main")!, inputs ?? new Dictionary<string, string>()));

    private static string Job(string permissions, string steps) => $"""
        on:
          workflow_dispatch:
        permissions: {permissions}
        jobs:
          job:
            runs-on: ubuntu-latest
            steps:
        {steps}
        """;

    private const string Commit = """
              - uses: actions/checkout@v4
              - run: git -c user.name=t -c user.email=t@example.com commit -q --allow-empty -m change
        """;

    [Fact]
    public void An_unknown_action_fails_the_harness_instead_of_being_skipped()
    {
        var error = Assert.Throws<NotSupportedException>(() => Run(Job("{contents: read}", "      - uses: actions/setup-python@v5\n")));
        Assert.Contains("actions/setup-python@v5", error.Message);
    }

    [Fact]
    public void A_stand_in_refuses_an_input_it_does_not_model()
    {
        var error = Assert.Throws<NotSupportedException>(
            () => Run(Job("{contents: read}", "      - uses: actions/checkout@v4\n        with:\n          sparse-checkout: src\n")));
        Assert.Contains("sparse-checkout", error.Message);
    }

    [Fact]
    public void The_remote_checks_the_job_token_as_GitHub_does()
    {
        var read = Run(Job("{contents: read}", Commit + "\n      - run: git push origin HEAD:refs/heads/feature\n"));
        Assert.Equal("failure", read["job"].Result);
        Assert.Contains("Permission to octo/models.git denied to github-actions[bot]", read["job"].Log);

        var write = Run(Job("{contents: write}", Commit + "\n      - run: git push origin HEAD:refs/heads/feature\n"));
        Assert.True(write.Conclusion == "success", write.ToString());
        Assert.NotNull(repos.RemoteRef("refs/heads/feature"));

        var main = Run(Job("{contents: write}", Commit + "\n      - run: git push origin HEAD:main\n"));
        Assert.Equal("failure", main["job"].Result);
        Assert.Contains("protected branch hook declined", main["job"].Log);
    }

    [Fact]
    public void The_checkout_is_the_event_commit_with_history_and_tags_only_when_asked()
    {
        repos.Work.Commit("more", ("more.py", "print('more')\n"));
        repos.Work.Git("tag", "v1");
        repos.Work.Git("push", "-q", "-o", ProtectedRemote.MergeOption, "origin", "main", "v1");
        const string Probe = """
                  - id: probe
                    run: echo "seen=tags $(git tag | wc -l) commits $(git rev-list --count HEAD)
                      on $(git branch --show-current) at $(git rev-parse HEAD)" >> "$GITHUB_OUTPUT"
            """;
        var run = Run($$"""
            on:
              workflow_dispatch:
            permissions: {contents: read}
            jobs:
              shallow:
                runs-on: ubuntu-latest
                steps:
                  - uses: actions/checkout@v4
            {{Probe}}
              full:
                runs-on: ubuntu-latest
                steps:
                  - uses: actions/checkout@v4
                    with: {fetch-depth: 0, fetch-tags: true}
            {{Probe}}
            """);

        var head = repos.RemoteRef("refs/heads/main");
        Assert.True(run.Conclusion == "success", run.ToString());
        Assert.Equal($"tags 0 commits 1 on main at {head}", run["shallow"].Step("probe")["seen"]);
        Assert.Equal($"tags 1 commits 2 on main at {head}", run["full"].Step("probe")["seen"]);
    }

    [Fact]
    public void Always_steps_run_after_a_failure_and_the_others_are_skipped()
    {
        var run = Run("""
            on:
              workflow_dispatch:
                inputs:
                  model: {required: false, type: string}
            permissions: {contents: read}
            jobs:
              job:
                runs-on: ubuntu-latest
                env:
                  MODEL: ${{ inputs.model || 'sentiment' }}
                steps:
                  - id: first
                    run: echo "model=$MODEL" >> "$GITHUB_OUTPUT"
                  - id: broken
                    run: exit 3
                  - name: after
                    run: echo never
                  - name: cleanup
                    if: always() && steps.broken.outcome == 'failure' && steps.first.outputs.model != ''
                    run: echo cleaned
              later:
                needs: job
                runs-on: ubuntu-latest
                steps:
                  - run: echo never
            """);

        Assert.Equal(("failure", 3), (run["job"].Result, run["job"].ExitCode));
        Assert.Equal("sentiment", run["job"].Step("first")["model"]);
        Assert.Equal(["after"], run["job"].StepsSkipped);
        Assert.Contains("cleanup", run["job"].StepsRun);
        Assert.Equal("skipped", run["later"].Result);
    }

    [Fact]
    public void Dispatch_inputs_are_checked_against_the_form()
    {
        const string Form = """
            on:
              workflow_dispatch:
                inputs:
                  model: {required: true, type: string}
            permissions: {contents: read}
            jobs:
              job:
                runs-on: ubuntu-latest
                steps:
                  - run: echo "$MODEL"
            """;
        Assert.Contains("Required input 'model'", Assert.Throws<InvalidOperationException>(() => Run(Form)).Message);
        Assert.Contains(
            "Unexpected inputs",
            Assert.Throws<InvalidOperationException>(() => Run(Form, new Dictionary<string, string> { ["model"] = "m", ["modle"] = "m" })).Message);
    }

    [Fact]
    public void An_expression_the_harness_cannot_evaluate_fails_loudly()
    {
        var error = Assert.Throws<NotSupportedException>(
            () => Run(Job("{contents: read}", "      - if: contains(github.ref, 'main')\n        run: echo\n")));
        Assert.Contains("contains()", error.Message);
    }

    /// <summary>Issue 13 point 5: every option a sample passes to the action is one of the action's inputs.</summary>
    [Fact]
    public void Every_input_a_sample_gives_the_action_is_declared_in_action_yml()
    {
        var declared = Yaml(RepoPaths.At("action.yml")).Children[new YamlScalarNode("inputs")] is YamlMappingNode inputs
            ? inputs.Children.Keys.Cast<YamlScalarNode>().Select(k => k.Value!).ToHashSet()
            : [];
        var used = new List<string>();
        foreach (var file in Directory.GetFiles(WorkflowHarness.Samples, "*.yml"))
        {
            foreach (var job in ((YamlMappingNode)Yaml(file).Children[new YamlScalarNode("jobs")]).Children.Values.Cast<YamlMappingNode>())
            {
                if (!job.Children.TryGetValue(new YamlScalarNode("steps"), out var steps))
                {
                    continue;
                }

                foreach (var step in ((YamlSequenceNode)steps).Children.Cast<YamlMappingNode>())
                {
                    if (step.Children.TryGetValue(new YamlScalarNode("uses"), out var uses)
                        && ((YamlScalarNode)uses).Value!.StartsWith("OWNER/pipeline@", StringComparison.Ordinal)
                        && step.Children.TryGetValue(new YamlScalarNode("with"), out var with))
                    {
                        used.AddRange(
                            ((YamlMappingNode)with).Children.Keys.Cast<YamlScalarNode>().Select(k => $"{Path.GetFileName(file)}: {k.Value}"));
                    }
                }
            }
        }

        Assert.Contains("after-training.yml: run", used);
        Assert.Contains("after-training.yml: propose", used);
        Assert.DoesNotContain(used, u => !declared.Contains(u.Split(": ")[1]));
    }

    private static YamlMappingNode Yaml(string file)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(file))
        {
            stream.Load(reader);
        }

        return (YamlMappingNode)stream.Documents[0].RootNode;
    }
}
