using System.Text.Json.Nodes;

namespace Pipeline.GitHub.Tests.Harness;

/// <summary>
/// One event that starts a workflow, as GitHub delivers it: its name, GITHUB_REF and GITHUB_SHA, and the webhook
/// payload (the <c>github.event</c> context and the file GITHUB_EVENT_PATH names). The factories build the payload
/// fields the samples and GitHub's trigger filters read; the repository is always octo/models on branch main.
/// </summary>
internal sealed record WorkflowEvent(string Name, string Ref, string Sha, JsonObject Payload)
{
    private static JsonObject Repository() => new()
    {
        ["full_name"] = ActionHarness.Repository,
        ["name"] = ActionHarness.Repository.Split('/')[1],
        ["default_branch"] = "main",
        ["owner"] = new JsonObject { ["login"] = ActionHarness.Repository.Split('/')[0] },
    };

    /// <summary>A push of <paramref name="reference"/> to <paramref name="sha"/>; <paramref name="changed"/> are the files its commits touched (for
    /// <c>paths:</c>).</summary>
    public static WorkflowEvent Push(string reference, string sha, params string[] changed) => new("push", reference, sha, new JsonObject
    {
        ["ref"] = reference,
        ["before"] = new string('0', 40),
        ["after"] = sha,
        ["created"] = false,
        ["deleted"] = false,
        ["repository"] = Repository(),
        ["commits"] = new JsonArray(new JsonObject
        {
            ["id"] = sha,
            ["added"] = new JsonArray(),
            ["removed"] = new JsonArray(),
            ["modified"] = new JsonArray(changed.Select(f => (JsonNode)JsonValue.Create(f)).ToArray()),
        }),
        ["head_commit"] = new JsonObject { ["id"] = sha },
    });

    /// <summary>A pull request opened from <paramref name="head"/>: GITHUB_REF is refs/pull/N/merge at <paramref name="mergeSha"/>.</summary>
    public static WorkflowEvent PullRequest(int number, string head, string headSha, string baseSha, string mergeSha) =>
        new("pull_request", $"refs/pull/{number}/merge", mergeSha, new JsonObject
        {
            ["action"] = "opened",
            ["number"] = number,
            ["repository"] = Repository(),
            ["pull_request"] = new JsonObject
            {
                ["number"] = number,
                ["head"] = new JsonObject
                {
                    ["ref"] = head,
                    ["sha"] = headSha,
                    ["repo"] = new JsonObject { ["fork"] = false, ["full_name"] = ActionHarness.Repository }
                },
                ["base"] = new JsonObject
                {
                    ["ref"] = "main",
                    ["sha"] = baseSha,
                    ["repo"] = new JsonObject { ["full_name"] = ActionHarness.Repository }
                },
            },
        });

    /// <summary>"Run workflow" on <paramref name="branch"/> with the form's <paramref name="inputs"/>.</summary>
    public static WorkflowEvent Dispatch(string branch, string sha, IReadOnlyDictionary<string, string> inputs)
    {
        var given = new JsonObject();
        foreach (var (key, value) in inputs)
        {
            given[key] = value;
        }

        return new("workflow_dispatch", "refs/heads/" + branch, sha, new JsonObject
        {
            ["ref"] = "refs/heads/" + branch,
            ["inputs"] = given,
            ["repository"] = Repository(),
        });
    }
}
