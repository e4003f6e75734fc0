using System.Text.Json;
using Pipeline.Core.Diagnostics;

namespace Pipeline.GitHub.Actions;

/// <summary>
/// Where a report goes: the repository, the commit to attach it to and the pull request, read from the event
/// payload. On pull_request events GITHUB_SHA is the test merge commit, which nobody sees on the PR page and which
/// branch protection does not look at, so the head SHA comes from <c>pull_request.head.sha</c>.
/// </summary>
public sealed record GitHubContext(
    string Owner,
    string Name,
    string HeadSha,
    int? PullRequestNumber,
    string? BaseRef,
    string? BaseSha,
    bool IsFork,
    string ApiUrl,
    string? RunUrl)
{
    public string Repository => $"{Owner}/{Name}";

    public static GitHubContext FromEnvironment(ActionsEnvironment env)
    {
        using var payload = ReadPayload(env.EventPath);
        var root = payload?.RootElement;
        var pr = root is { } r
            && r.ValueKind == JsonValueKind.Object
            && r.TryGetProperty("pull_request", out var p)
            && p.ValueKind == JsonValueKind.Object
            ? p
            : (JsonElement?)null;

        var repository = env.Repository ?? Text(root, "repository", "full_name")
            ?? throw new PipelineException(PipeCodes.RepositoryUnknown, "GITHUB_REPOSITORY is not set and the event payload names no repository");
        var slash = repository.IndexOf('/');
        if (slash <= 0 || slash == repository.Length - 1 || repository.IndexOf('/', slash + 1) >= 0)
        {
            throw new PipelineException(PipeCodes.RepositoryUnknown, $"GITHUB_REPOSITORY '{repository}' is not owner/name");
        }

        var headSha = (pr is { } pull ? Text(pull, "head", "sha") : null) ?? env.Sha
            ?? throw new PipelineException(
                PipeCodes.RepositoryUnknown,
                "no commit to report on: neither pull_request.head.sha nor GITHUB_SHA is set");

        int? number = null;
        if (pr is { } pn && pn.TryGetProperty("number", out var n) && n.TryGetInt32(out var value))
        {
            number = value;
        }
        else if (root is { } top
            && top.ValueKind == JsonValueKind.Object
            && top.TryGetProperty("number", out var tn)
            && tn.ValueKind == JsonValueKind.Number
            && pr is not null)
        {
            number = tn.GetInt32();
        }

        var headRepo = pr is { } ph ? Text(ph, "head", "repo", "full_name") : null;
        var baseRepo = pr is { } pb ? Text(pb, "base", "repo", "full_name") : null;
        var isFork = headRepo is not null && baseRepo is not null && !string.Equals(headRepo, baseRepo, StringComparison.OrdinalIgnoreCase);

        return new GitHubContext(
            repository[..slash],
            repository[(slash + 1)..],
            headSha,
            number,
            pr is { } br ? Text(br, "base", "ref") : null,
            pr is { } bs ? Text(bs, "base", "sha") : null,
            isFork,
            ValidApiUrl(env.ApiUrl),
            env.RunUrl);
    }

    private static string ValidApiUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? url
            : throw new PipelineException(PipeCodes.ApiUrlInvalid, $"GITHUB_API_URL '{url}' is not an absolute http(s) URL");

    private static JsonDocument? ReadPayload(string? path)
    {
        if (path is null || !File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonDocument.Parse(File.ReadAllBytes(path));
        }
        catch (JsonException ex)
        {
            throw new PipelineException(PipeCodes.EventPayloadInvalid, $"the event payload is not JSON: {ex.Message}", path, (int?)ex.LineNumber + 1);
        }
    }

    private static string? Text(JsonElement? element, params string[] path)
    {
        if (element is not { } current)
        {
            return null;
        }

        foreach (var key in path)
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(key, out current))
            {
                return null;
            }
        }

        return current.ValueKind == JsonValueKind.String ? current.GetString() : null;
    }
}
