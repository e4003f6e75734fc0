namespace Pipeline.GitHub.Actions;

/// <summary>The runner's environment variables this project reads (docs: "Variables", default environment variables).</summary>
public sealed record ActionsEnvironment(
    bool IsActions,
    string? OutputPath,
    string? SummaryPath,
    string? EventPath,
    string? EventName,
    string? Repository,
    string? Sha,
    string ApiUrl,
    string ServerUrl,
    string? RunId,
    string? Workspace)
{
    public static ActionsEnvironment Current => From(Environment.GetEnvironmentVariable);

    public static ActionsEnvironment From(Func<string, string?> variable)
    {
        string? Get(string name) => variable(name) is { Length: > 0 } value ? value : null;
        return new ActionsEnvironment(
            IsActions: string.Equals(Get("GITHUB_ACTIONS"), "true", StringComparison.OrdinalIgnoreCase),
            OutputPath: Get("GITHUB_OUTPUT"),
            SummaryPath: Get("GITHUB_STEP_SUMMARY"),
            EventPath: Get("GITHUB_EVENT_PATH"),
            EventName: Get("GITHUB_EVENT_NAME"),
            Repository: Get("GITHUB_REPOSITORY"),
            Sha: Get("GITHUB_SHA"),
            ApiUrl: Get("GITHUB_API_URL") ?? "https://api.github.com",
            ServerUrl: Get("GITHUB_SERVER_URL") ?? "https://github.com",
            RunId: Get("GITHUB_RUN_ID"),
            Workspace: Get("GITHUB_WORKSPACE"));
    }

    public static ActionsEnvironment From(IReadOnlyDictionary<string, string> variables) =>
        From(name => variables.TryGetValue(name, out var value) ? value : null);

    /// <summary>The link to this workflow run, for check-run details and comments.</summary>
    public string? RunUrl => Repository is not null && RunId is not null ? $"{ServerUrl.TrimEnd('/')}/{Repository}/actions/runs/{RunId}" : null;
}
