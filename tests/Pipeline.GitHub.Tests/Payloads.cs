namespace Pipeline.GitHub.Tests;

/// <summary>Webhook payloads shaped like the runner's GITHUB_EVENT_PATH file (trimmed to the fields we read, plus noise).</summary>
internal static class Payloads
{
    public static string PullRequest(
        int number, string headSha, string baseRef = "main", string headRepo = "octo/models", string baseRepo = "octo/models") => $$"""
    {
      "action": "synchronize",
      "number": {{number}},
      "pull_request": {
        "number": {{number}},
        "state": "open",
        "head": { "ref": "feature", "sha": "{{headSha}}",
                  "repo": { "full_name": "{{headRepo}}", "fork": {{(headRepo != baseRepo ? "true" : "false")}} } },
        "base": { "ref": "{{baseRef}}", "sha": "3333333333333333333333333333333333333333", "repo": { "full_name": "{{baseRepo}}" } }
      },
      "repository": { "full_name": "{{baseRepo}}", "name": "models", "owner": { "login": "octo" } },
      "sender": { "login": "alice" }
    }
    """;

    public static string Push(string after) => $$"""
    { "ref": "refs/heads/main", "after": "{{after}}", "repository": { "full_name": "octo/models" } }
    """;

    public static string WorkflowDispatch(string model, string version, string alias) => $$"""
    { "ref": "refs/heads/main", "inputs": { "model": "{{model}}", "version": "{{version}}", "alias": "{{alias}}" },
      "repository": { "full_name": "octo/models", "default_branch": "main" }, "sender": { "login": "alice" } }
    """;
}
