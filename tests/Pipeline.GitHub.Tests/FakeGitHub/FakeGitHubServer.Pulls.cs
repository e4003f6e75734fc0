using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Pipeline.GitHub.Tests.FakeGitHub;

/// <summary>One pull request the fake holds: what register --propose opened or updated.</summary>
public sealed record FakePullRequest(
    long Id, int Number, string Repository, string Head, string Base, string Title, string Body, string User, string State);

/// <summary>
/// Pull requests, as strict as GitHub: bodies validated against pulls/create and pulls/update; 422 "Validation Failed"
/// when the head branch does not exist (<see cref="FakeGitHubServer.BranchExists"/>, e.g. asking the bare remote) or
/// when an open pull request for that head already exists; 403 for a read-only token, and for an installation token
/// (ghs_) while the repository does not allow GitHub Actions to create pull requests.
/// </summary>
public sealed partial class FakeGitHubServer
{
    private readonly List<FakePullRequest> pulls = [];

    /// <summary>Whether a branch exists in the repository (owner/name, branch); null: every branch exists.</summary>
    public Func<string, string, bool>? BranchExists { get; set; }

    /// <summary>The repository setting "Allow GitHub Actions to create and approve pull requests" (off by default on GitHub).</summary>
    public bool ActionsMayCreatePullRequests { get; set; } = true;

    /// <summary>
    /// Whether a token is a workflow's GITHUB_TOKEN (the github-actions app), which <see cref="ActionsMayCreatePullRequests"/>
    /// governs. GitHub App installation tokens are ghs_ too; the workflow harness names its GITHUB_TOKENs here so an
    /// app token (actions/create-github-app-token) is not mistaken for one. Default: every ghs_ token.
    /// </summary>
    public Func<string, bool> IsActionsToken { get; set; } = token => token.StartsWith("ghs_", StringComparison.Ordinal);

    public IReadOnlyList<FakePullRequest> PullRequests
    {
        get
        {
            lock (state)
            {
                return pulls.ToArray();
            }
        }
    }

    private bool HandlePulls(HttpListenerContext context, Call call, RecordedRequest recorded, string token)
    {
        var method = recorded.Method;
        if (PullsPath().Match(recorded.Path) is { Success: true } list)
        {
            var repo = Repo(list);
            if (method == "GET")
            {
                var query = context.Request.QueryString;
                var wanted = query["state"] ?? "open";
                if (wanted is not ("open" or "closed" or "all"))
                {
                    call.Refuse(422, "Validation Failed: state is not included in the list"); return true;
                }
                var head = query["head"];
                var baseRef = query["base"];
                List<FakePullRequest> found;
                lock (state)
                {
                    found = pulls.Where(p => string.Equals(p.Repository, repo, StringComparison.OrdinalIgnoreCase)
                        && (wanted == "all" || p.State == wanted)
                        // head filters as user:ref-name; a bare ref name matches nothing on GitHub.
                        && (head is null || head == $"{repo.Split('/')[0]}:{p.Head}")
                        && (baseRef is null || baseRef == p.Base)).ToList();
                }

                Respond(context.Response, 200, new JsonArray(found.Select(p => (JsonNode)PullJson(p)).ToArray()));
                return true;
            }

            if (method == "POST")
            {
                if (ReadOnlyToken) { call.Refuse(403, ForbiddenMessage); return true; }
                if (IsActionsToken(token) && !ActionsMayCreatePullRequests)
                {
                    call.Refuse(403, "GitHub Actions is not permitted to create or approve pull requests.");
                    return true;
                }

                if (call.Json(OperationSchemas.CreatePullRequest) is not { } input)
                {
                    return true;
                }

                var head = input["head"]!.GetValue<string>();
                var baseRef = input["base"]!.GetValue<string>();
                var title = input["title"]?.GetValue<string>();
                if (string.IsNullOrWhiteSpace(title)) { call.Refuse(422, "Validation Failed: title is required unless issue is given"); return true; }
                if (BranchExists is { } exists && (!exists(repo, head) || !exists(repo, baseRef)))
                {
                    call.Refuse(
                        422,
                        "Validation Failed: " +
                        $"{{\"resource\":\"PullRequest\",\"field\":\"{(exists(repo, head) ? "base" : "head")}\",\"code\":\"invalid\"}}");
                    return true;
                }

                var body = input["body"]?.GetValue<string>() ?? "";
                if (body.Length > 65_536) { call.Refuse(422, "Validation Failed: body is too long (maximum is 65536 characters)"); return true; }
                FakePullRequest created;
                lock (state)
                {
                    if (pulls.Any(p => p.Repository == repo && p.Head == head && p.State == "open"))
                    {
                        call.Refuse(422, $"Validation Failed: A pull request already exists for {repo.Split('/')[0]}:{head}.");
                        return true;
                    }

                    var id = ++nextId;
                    created = new FakePullRequest(
                        id,
                        pulls.Count(p => p.Repository == repo) + 1,
                        repo,
                        head,
                        baseRef,
                        title,
                        body,
                        Author(token),
                        "open");
                    pulls.Add(created);
                }

                Respond(context.Response, 201, PullJson(created));
                return true;
            }
        }

        if (PullPath().Match(recorded.Path) is { Success: true } one)
        {
            var repo = Repo(one);
            var number = int.Parse(one.Groups[3].Value, CultureInfo.InvariantCulture);
            FakePullRequest? pull;
            lock (state) { pull = pulls.FirstOrDefault(p => p.Repository == repo && p.Number == number); }
            if (pull is null) { call.Refuse(404, "Not Found"); return true; }
            if (method == "GET") { Respond(context.Response, 200, PullJson(pull)); return true; }
            if (method == "PATCH")
            {
                if (ReadOnlyToken) { call.Refuse(403, ForbiddenMessage); return true; }
                if (call.Json(OperationSchemas.UpdatePullRequest) is not { } input)
                {
                    return true;
                }

                var updated = pull with
                {
                    Title = input["title"]?.GetValue<string>() ?? pull.Title,
                    Body = input["body"]?.GetValue<string>() ?? pull.Body,
                    State = input["state"]?.GetValue<string>() ?? pull.State,
                    Base = input["base"]?.GetValue<string>() ?? pull.Base,
                };
                lock (state) { pulls[pulls.IndexOf(pull)] = updated; }
                Respond(context.Response, 200, PullJson(updated));
                return true;
            }
        }

        return false;
    }

    /// <summary>Marks a pull request merged (the test's merge step did the git part).</summary>
    public void Merge(int number, string repository = "octo/models")
    {
        lock (state)
        {
            var index = pulls.FindIndex(p => p.Repository == repository && p.Number == number);
            pulls[index] = pulls[index] with { State = "closed" };
        }
    }

    private JsonObject PullJson(FakePullRequest p) => new()
    {
        ["id"] = p.Id,
        ["node_id"] = "PR_" + p.Id,
        ["number"] = p.Number,
        ["url"] = $"{ApiUrl}/repos/{p.Repository}/pulls/{p.Number}",
        ["html_url"] = $"https://github.example/{p.Repository}/pull/{p.Number}",
        ["state"] = p.State,
        ["title"] = p.Title,
        ["body"] = p.Body,
        ["user"] = User(p.User, p.User.EndsWith("[bot]", StringComparison.Ordinal) ? "Bot" : "User"),
        ["head"] = new JsonObject { ["label"] = $"{p.Repository.Split('/')[0]}:{p.Head}", ["ref"] = p.Head, ["sha"] = new string('0', 40) },
        ["base"] = new JsonObject { ["label"] = $"{p.Repository.Split('/')[0]}:{p.Base}", ["ref"] = p.Base, ["sha"] = new string('0', 40) },
        ["draft"] = false,
        ["merged"] = false,
        ["created_at"] = "2026-01-01T00:00:00Z",
        ["updated_at"] = "2026-01-01T00:00:00Z",
    };

    [GeneratedRegex("^/api/v3/repos/([^/]+)/([^/]+)/pulls$")]
    private static partial Regex PullsPath();

    [GeneratedRegex("^/api/v3/repos/([^/]+)/([^/]+)/pulls/([0-9]+)$")]
    private static partial Regex PullPath();
}
