using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Pipeline.GitHub.Tests.FakeGitHub;

/// <summary>
/// GitHub's REST API on 127.0.0.1 (random port) for the six operations the reporter uses, served under /api/v3/ and
/// <b>never kinder than GitHub</b>: every body is validated against the operation's request schema from GitHub's
/// OpenAPI description (422 "Invalid request."), and GitHub's documented rules that the schemas do not carry are
/// enforced on top: output.summary/text at most 65,535 UTF-8 bytes, annotation text 64 KB and titles 255 characters,
/// columns only on one-line annotations, a 40-hex head_sha, comment bodies 65,536 characters and not blank, status
/// descriptions 140 characters, 401 without a token, 403 "Resource not accessible by integration" for a read-only
/// (fork) token and on GET /user for an installation token, rate limits with GitHub's headers, pagination links in
/// GitHub's absolute <c>/repositories/{id}/…</c> form, and 404 for a comment id of another repository. Every request
/// is recorded; check runs keep every annotation appended to them.
/// </summary>
public sealed partial class FakeGitHubServer : IDisposable
{
    public const string ForbiddenMessage = "Resource not accessible by integration";

    /// <summary>GitHub Actions' bot, the author of comments written with GITHUB_TOKEN.</summary>
    public const string ActionsBot = "github-actions[bot]";

    private readonly HttpListener listener;
    private readonly Task loop;
    private readonly object state = new();
    private readonly Dictionary<long, FakeCheckRun> checkRuns = [];
    private readonly List<FakeComment> comments = [];
    private readonly Dictionary<string, long> repositoryIds = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<ScriptedFailure> failures = [];
    private long nextId = 1000;

    public FakeGitHubServer()
    {
        (listener, Port) = Start();
        loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    /// <summary>GITHUB_API_URL as GitHub Enterprise Server sets it (the fake lives under /api/v3).</summary>
    public string ApiUrl => $"http://127.0.0.1:{Port}/api/v3";

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public bool ForbidCheckRuns { get; set; }

    public bool ForbidStatuses { get; set; }

    public bool ForbidComments { get; set; }

    /// <summary>The token of a fork pull request (or Dependabot): every write answers 403, reads work.</summary>
    public bool ReadOnlyToken { get; set; }

    /// <summary>The login GET /user answers for a personal access token (ghp_/github_pat_).</summary>
    public string PatUser { get; set; } = "alice";

    /// <summary>GitHub caps per_page at 100; tests lower it to force several pages.</summary>
    public int MaxPerPage { get; set; } = 100;

    public IReadOnlyList<RecordedRequest> Sent => Requests.ToArray();

    /// <summary>Requests that were answered with a 4xx/5xx because the fake found them invalid (not scripted failures).</summary>
    public ConcurrentQueue<(RecordedRequest Request, int Status, string Message)> Refusals { get; } = new();

    public IReadOnlyList<FakeComment> Comments
    {
        get
        {
            lock (state)
            {
                return comments.ToArray();
            }
        }
    }

    public IReadOnlyList<FakeCheckRun> CheckRuns
    {
        get
        {
            lock (state)
            {
                return checkRuns.Values.OrderBy(r => r.Id).ToArray();
            }
        }
    }

    public long AddComment(long issue, string body, string user = "someone", string repository = "octo/models")
    {
        lock (state)
        {
            var id = ++nextId;
            comments.Add(new FakeComment(id, repository, issue, body, user));
            return id;
        }
    }

    /// <summary>Makes the next matching request(s) fail the way GitHub fails them.</summary>
    public void Fail(ScriptedFailure failure)
    {
        lock (state)
        {
            failures.Add(failure);
        }
    }

    public void Dispose()
    {
        // Close alone: Stop() first removes the port's endpoint, and Close() would then try to bind it again just to
        // remove the prefix (the managed HttpListener's quirk), failing with "Address already in use".
        try
        {
            listener.Close();
        }
        catch (HttpListenerException)
        {
            // Already gone; nothing to release but the port number.
        }

        Release(Port);
        try
        {
            loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The loop ends with an exception when the listener closes under it.
        }
    }

    // The managed HttpListener shares one socket per port inside a process, so two fakes started in parallel that
    // probed the same freed port could end up answering for each other; ports are handed out under one lock.
    private static readonly object PortGate = new();
    private static readonly HashSet<int> PortsInUse = [];

    private static (HttpListener, int) Start()
    {
        for (var attempt = 0; ; attempt++)
        {
            var http = new HttpListener();
            int port;
            lock (PortGate)
            {
                do
                {
                    var probe = new TcpListener(IPAddress.Loopback, 0);
                    probe.Start();
                    port = ((IPEndPoint)probe.LocalEndpoint).Port;
                    probe.Stop();
                }
                while (PortsInUse.Contains(port));

                http.Prefixes.Add($"http://127.0.0.1:{port}/");
                try
                {
                    http.Start();
                    PortsInUse.Add(port);
                    return (http, port);
                }
                catch (HttpListenerException) when (attempt < 10)
                {
                    // Another process took the port between the probe and the bind.
                    http.Close();
                }
            }
        }
    }

    private static void Release(int port)
    {
        lock (PortGate)
        {
            PortsInUse.Remove(port);
        }
    }

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            try
            {
                Handle(context);
            }
            catch (Exception ex)
            {
                Respond(context.Response, 500, new JsonObject { ["message"] = "fake failed: " + ex.Message });
            }
        }
    }

    private void Handle(HttpListenerContext context)
    {
        var request = context.Request;
        string body;
        using (var reader = new StreamReader(request.InputStream, Encoding.UTF8))
        {
            body = reader.ReadToEnd();
        }

        var headers = request.Headers.AllKeys.Where(k => k is not null).ToDictionary(k => k!.ToLowerInvariant(), k => request.Headers[k]!);
        var path = request.Url!.AbsolutePath;
        var recorded = new RecordedRequest(request.HttpMethod, path, request.Url.Query, headers, body);
        Requests.Enqueue(recorded);
        var call = new Call(recorded, context.Response, Refusals);
        var method = request.HttpMethod;

        if (recorded.Header("Authorization") is not { Length: > 0 } authorization)
        {
            call.Refuse(401, "Requires authentication");
            return;
        }

        var token = authorization.Split(' ', 2) is [_, var t] ? t : authorization;
        if (TakeScriptedFailure(recorded) is { } failure)
        {
            ScriptedAnswer(context.Response, failure);
            return;
        }

        if (path == "/api/v3/user" && method == "GET")
        {
            // An installation token (GITHUB_TOKEN is one: ghs_…) is not a user: GitHub refuses /user for it.
            if (token.StartsWith("ghs_", StringComparison.Ordinal)) { call.Refuse(403, ForbiddenMessage); return; }
            Respond(context.Response, 200, User(PatUser, "User"));
            return;
        }

        if (CheckRunsPath().Match(path) is { Success: true } cr && method == "POST")
        {
            if (ForbidCheckRuns || ReadOnlyToken) { call.Refuse(403, ForbiddenMessage); return; }
            if (call.Json(OperationSchemas.CreateCheckRun) is not { } input)
            {
                return;
            }

            if (!CheckRunRules(call, input, creating: true))
            {
                return;
            }

            var repo = Repo(cr);
            var id = NextId();
            var run = new FakeCheckRun(id, repo, input["name"]!.GetValue<string>(), input["head_sha"]!.GetValue<string>());
            run.Apply(input);
            lock (state) { checkRuns[id] = run; }
            Respond(context.Response, 201, CheckRunJson(run));
            return;
        }

        if (CheckRunPath().Match(path) is { Success: true } cu && method == "PATCH")
        {
            if (ForbidCheckRuns || ReadOnlyToken) { call.Refuse(403, ForbiddenMessage); return; }
            var id = long.Parse(cu.Groups[3].Value, CultureInfo.InvariantCulture);
            FakeCheckRun? run;
            lock (state) { checkRuns.TryGetValue(id, out run); }
            if (run is null || !string.Equals(run.Repository, Repo(cu), StringComparison.OrdinalIgnoreCase))
            {
                call.Refuse(404, "Not Found"); return;
            }
            if (call.Json(OperationSchemas.UpdateCheckRun) is not { } input)
            {
                return;
            }

            if (!CheckRunRules(call, input, creating: false))
            {
                return;
            }

            lock (state) { run.Apply(input); }
            Respond(context.Response, 200, CheckRunJson(run));
            return;
        }

        if (StatusPath().Match(path) is { Success: true } st && method == "POST")
        {
            if (ForbidStatuses || ReadOnlyToken) { call.Refuse(403, ForbiddenMessage); return; }
            if (!Sha().IsMatch(st.Groups[3].Value)) { call.Refuse(422, $"No commit found for SHA: {st.Groups[3].Value}"); return; }
            if (call.Json(OperationSchemas.CreateStatus) is not { } input)
            {
                return;
            }

            if (input["description"]?.GetValue<string>() is { Length: > 140 })
            {
                call.Refuse(422, "Validation Failed: description is too long (maximum is 140 characters)"); return;
            }
            Respond(context.Response, 201, new JsonObject
            {
                ["id"] = NextId(),
                ["node_id"] = "SC_" + nextId,
                ["state"] = input["state"]!.GetValue<string>(),
                ["context"] = input["context"]?.GetValue<string>() ?? "default",
                ["description"] = input["description"]?.GetValue<string>(),
                ["target_url"] = input["target_url"]?.GetValue<string>(),
                ["url"] = $"{ApiUrl}/repos/{Repo(st)}/statuses/{st.Groups[3].Value}",
                ["avatar_url"] = null,
                ["creator"] = User(ActionsBot, "Bot"),
                ["created_at"] = "2026-01-01T00:00:00Z",
                ["updated_at"] = "2026-01-01T00:00:00Z",
            });
            return;
        }

        if (IssueCommentsPath().Match(path) is { Success: true } ic)
        {
            var repo = Repo(ic);
            var issue = long.Parse(ic.Groups[3].Value, CultureInfo.InvariantCulture);
            if (method == "GET") { ListComments(request, context.Response, repo, issue); return; }
            if (method == "POST")
            {
                if (ForbidComments || ReadOnlyToken) { call.Refuse(403, ForbiddenMessage); return; }
                if (call.Json(OperationSchemas.CreateComment) is not { } input)
                {
                    return;
                }

                var text = input["body"]!.GetValue<string>();
                if (!CommentRules(call, text))
                {
                    return;
                }

                var author = Author(token);
                var id = AddComment(issue, text, author, repo);
                Respond(context.Response, 201, CommentJson(new FakeComment(id, repo, issue, text, author)));
                return;
            }
        }

        if (RepositoryCommentsPath().Match(path) is { Success: true } rc && method == "GET")
        {
            var repositoryId = long.Parse(rc.Groups[1].Value, CultureInfo.InvariantCulture);
            string? repo;
            lock (state) { repo = repositoryIds.FirstOrDefault(p => p.Value == repositoryId).Key; }
            if (repo is null) { call.Refuse(404, "Not Found"); return; }
            ListComments(request, context.Response, repo, long.Parse(rc.Groups[2].Value, CultureInfo.InvariantCulture));
            return;
        }

        if (CommentPath().Match(path) is { Success: true } cp && method == "PATCH")
        {
            if (ForbidComments || ReadOnlyToken) { call.Refuse(403, ForbiddenMessage); return; }
            var id = long.Parse(cp.Groups[3].Value, CultureInfo.InvariantCulture);
            var repo = Repo(cp);
            if (call.Json(OperationSchemas.UpdateComment) is not { } input)
            {
                return;
            }

            var text = input["body"]!.GetValue<string>();
            if (!CommentRules(call, text))
            {
                return;
            }

            lock (state)
            {
                // Comment ids are global on GitHub, but the URL names a repository: an id from another one is 404.
                var index = comments.FindIndex(c => c.Id == id && string.Equals(c.Repository, repo, StringComparison.OrdinalIgnoreCase));
                if (index < 0) { call.Refuse(404, "Not Found"); return; }
                comments[index] = comments[index] with { Body = text };
                Respond(context.Response, 200, CommentJson(comments[index]));
            }

            return;
        }

        if (HandlePulls(context, call, recorded, token))
        {
            return;
        }

        call.Refuse(404, "Not Found");
    }

    // The rules GitHub applies that the OpenAPI schemas do not express.
    private static bool CheckRunRules(Call call, JsonObject input, bool creating)
    {
        if (creating && !Sha().IsMatch(input["head_sha"]!.GetValue<string>()))
        {
            return call.Refuse(422, "Invalid request.\n\nNo commit found for SHA: " + input["head_sha"]!.GetValue<string>());
        }

        if (input["conclusion"]?.GetValue<string>() == "stale")
        {
            return call.Refuse(422, "Invalid request.\n\nYou cannot change a check run conclusion to stale, only GitHub can set this.");
        }

        if (input.ContainsKey("completed_at") && !input.ContainsKey("conclusion"))
        {
            return call.Refuse(422, "Invalid request.\n\n`conclusion` is required when `completed_at` is given.");
        }

        if (input["status"]?.GetValue<string>() is "waiting" or "requested" or "pending")
        {
            return call.Refuse(422, "Invalid request.\n\nOnly GitHub Actions can set a status of waiting, pending or requested.");
        }

        if (input["output"] is not JsonObject output)
        {
            return true;
        }

        foreach (var field in new[] { "summary", "text" })
        {
            if (output[field]?.GetValue<string>() is { } text && Encoding.UTF8.GetByteCount(text) > 65_535)
            {
                return call.Refuse(
                    422,
                    $"Invalid request.\n\nFor 'properties/{field}', the value exceeds a maximum bytesize of 65535 " +
                    $"({Encoding.UTF8.GetByteCount(text)} bytes).");
            }
        }

        foreach (var annotation in output["annotations"]?.AsArray() ?? [])
        {
            var a = annotation!.AsObject();
            var start = a["start_line"]!.GetValue<long>();
            var end = a["end_line"]!.GetValue<long>();
            if (start < 1 || end < start)
            {
                return call.Refuse(
                    422,
                    $"Invalid request.\n\nAnnotation lines must start at 1 and end_line must not be before start_line ({start}-{end}).");
            }

            if ((a.ContainsKey("start_column") || a.ContainsKey("end_column")) && start != end)
            {
                return call.Refuse(422, "Invalid request.\n\nstart_column and end_column are only allowed when start_line equals end_line.");
            }

            if (a["path"]!.GetValue<string>() is { Length: 0 } || a["path"]!.GetValue<string>().StartsWith('/'))
            {
                return call.Refuse(422, "Invalid request.\n\nAnnotation path must be relative to the repository root.");
            }

            if (a["title"]?.GetValue<string>() is { Length: > 255 })
            {
                return call.Refuse(422, "Invalid request.\n\nAnnotation title is longer than 255 characters.");
            }

            foreach (var field in new[] { "message", "raw_details" })
            {
                if (a[field]?.GetValue<string>() is { } text && Encoding.UTF8.GetByteCount(text) > 64_000)
                {
                    return call.Refuse(422, $"Invalid request.\n\nAnnotation {field} is larger than 64 KB.");
                }
            }
        }

        return true;
    }

    private static bool CommentRules(Call call, string body)
    {
        if (body.Trim().Length == 0)
        {
            return call.Refuse(422, "Validation Failed: Body cannot be blank");
        }

        // GitHub counts characters; UTF-16 code units are never fewer, so this is at least as strict.
        return body.Length <= 65_536 || call.Refuse(422, $"Validation Failed: Body is too long (maximum is 65536 characters)");
    }

    private string Author(string token) =>
        IsActionsToken(token) ? ActionsBot : token.StartsWith("ghs_", StringComparison.Ordinal) ? AppBot : PatUser;

    /// <summary>The author of what a GitHub App installation token (not GITHUB_TOKEN) writes.</summary>
    public const string AppBot = "pipeline-models[bot]";

    private ScriptedFailure? TakeScriptedFailure(RecordedRequest request)
    {
        lock (state)
        {
            var index = failures.FindIndex(f => f.Matches(request));
            if (index < 0)
            {
                return null;
            }

            var failure = failures[index];
            failures[index] = failure with { Times = failure.Times - 1 };
            if (failure.Times <= 1)
            {
                failures.RemoveAt(index);
            }

            return failure;
        }
    }

    private static void ScriptedAnswer(HttpListenerResponse response, ScriptedFailure failure)
    {
        var seconds = failure.Seconds.ToString(CultureInfo.InvariantCulture);
        switch (failure.Kind)
        {
            case FailureKind.PrimaryRateLimit:
                response.AddHeader("X-RateLimit-Limit", "1000");
                response.AddHeader("X-RateLimit-Remaining", "0");
                response.AddHeader("X-RateLimit-Used", "1000");
                response.AddHeader("X-RateLimit-Resource", "core");
                response.AddHeader(
                    "X-RateLimit-Reset",
                    DateTimeOffset.UtcNow.AddSeconds(failure.Seconds).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
                Respond(
                    response,
                    403,
                    Error(
                        "API rate limit exceeded for installation ID 4242.",
                        "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api",
                        403));
                break;
            case FailureKind.SecondaryRateLimit:
                response.AddHeader("Retry-After", seconds);
                Respond(
                    response,
                    403,
                    Error(
                        "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
                        "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits",
                        403));
                break;
            case FailureKind.TooManyRequests:
                response.AddHeader("Retry-After", seconds);
                Respond(response, 429, Error("Too many requests", "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api", 429));
                break;
            default:
                Respond(response, 502, Error("Server Error", "https://docs.github.com/rest", 502));
                break;
        }
    }

    private void ListComments(HttpListenerRequest request, HttpListenerResponse response, string repo, long issue)
    {
        var perPage = Math.Clamp(int.TryParse(request.QueryString["per_page"], out var pp) ? pp : 30, 1, MaxPerPage);
        var page = Math.Max(1, int.TryParse(request.QueryString["page"], out var p) ? p : 1);
        List<FakeComment> all;
        lock (state)
        {
            all = comments.Where(c => c.Issue == issue && string.Equals(c.Repository, repo, StringComparison.OrdinalIgnoreCase)).ToList();
        }
        var pages = Math.Max(1, (all.Count + perPage - 1) / perPage);
        var items = new JsonArray(all.Skip((page - 1) * perPage).Take(perPage).Select(c => (JsonNode)CommentJson(c)).ToArray());
        if (page < pages)
        {
            // GitHub's links name the repository by id, absolute: Octokit feeds them straight to new Uri(...).
            var url = $"{ApiUrl}/repositories/{RepositoryId(repo)}/issues/{issue}/comments";
            response.AddHeader(
                "Link",
                $"<{url}?per_page={perPage}&page={page + 1}>; rel=\"next\", <{url}?per_page={perPage}&page={pages}>; rel=\"last\"");
        }

        Respond(response, 200, items);
    }

    private long RepositoryId(string repo)
    {
        lock (state)
        {
            if (!repositoryIds.TryGetValue(repo, out var id))
            {
                repositoryIds[repo] = id = 1_296_269 + repositoryIds.Count;
            }

            return id;
        }
    }

    private JsonObject CommentJson(FakeComment c) => new()
    {
        ["id"] = c.Id,
        ["node_id"] = "IC_" + c.Id,
        ["url"] = $"{ApiUrl}/repos/{c.Repository}/issues/comments/{c.Id}",
        ["html_url"] = $"https://github.example/{c.Repository}/pull/{c.Issue}#issuecomment-{c.Id}",
        ["issue_url"] = $"{ApiUrl}/repos/{c.Repository}/issues/{c.Issue}",
        ["body"] = c.Body,
        ["user"] = User(c.User, c.User.EndsWith("[bot]", StringComparison.Ordinal) ? "Bot" : "User"),
        ["created_at"] = "2026-01-01T00:00:00Z",
        ["updated_at"] = "2026-01-01T00:00:00Z",
        ["author_association"] = c.User.EndsWith("[bot]", StringComparison.Ordinal) ? "NONE" : "MEMBER",
        ["performed_via_github_app"] = null,
    };

    private static JsonObject User(string login, string type) => new()
    {
        ["login"] = login,
        ["id"] = login == ActionsBot ? 41898282 : 1000 + login.Length,
        ["node_id"] = "U_" + login,
        ["type"] = type,
        ["site_admin"] = false,
    };

    private JsonObject CheckRunJson(FakeCheckRun run)
    {
        lock (state)
        {
            return new JsonObject
            {
                ["id"] = run.Id,
                ["node_id"] = "CR_" + run.Id,
                ["head_sha"] = run.HeadSha,
                ["external_id"] = run.ExternalId,
                ["url"] = $"{ApiUrl}/repos/{run.Repository}/check-runs/{run.Id}",
                ["html_url"] = $"https://github.example/{run.Repository}/runs/{run.Id}",
                ["details_url"] = run.DetailsUrl,
                ["status"] = run.Status,
                ["conclusion"] = run.Conclusion,
                ["started_at"] = "2026-01-01T00:00:00Z",
                ["completed_at"] = run.Status == "completed" ? "2026-01-01T00:01:00Z" : null,
                ["output"] = new JsonObject
                {
                    ["title"] = run.Title,
                    ["summary"] = run.Summary,
                    ["text"] = run.Text,
                    ["annotations_count"] = run.Annotations.Count,
                    ["annotations_url"] = $"{ApiUrl}/repos/{run.Repository}/check-runs/{run.Id}/annotations",
                },
                ["name"] = run.Name,
                // The check suite is GitHub's choice (with GITHUB_TOKEN: one of the workflow runs' suites on that SHA).
                ["check_suite"] = new JsonObject { ["id"] = 5000 },
                ["app"] = new JsonObject
                {
                    ["id"] = 15368,
                    ["slug"] = "github-actions",
                    ["node_id"] = "MDM6QXBwMTUzNjg=",
                    ["name"] = "GitHub Actions"
                },
                ["pull_requests"] = new JsonArray(),
            };
        }
    }

    private long NextId()
    {
        lock (state)
        {
            return ++nextId;
        }
    }

    private static string Repo(Match m) => $"{m.Groups[1].Value}/{m.Groups[2].Value}";

    private static JsonObject Error(string message, string documentation, int status) => new()
    {
        ["message"] = message,
        ["documentation_url"] = documentation,
        ["status"] = status.ToString(CultureInfo.InvariantCulture),
    };

    private static void Respond(HttpListenerResponse response, int status, JsonNode body)
    {
        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString(new JsonSerializerOptions { WriteIndented = false }));
        response.StatusCode = status;
        response.ContentType = "application/json; charset=utf-8";
        if (status < 500)
        {
            response.AddHeader("X-RateLimit-Limit", "1000");
            response.AddHeader("X-RateLimit-Resource", "core");
        }

        response.ContentLength64 = bytes.Length;
        response.OutputStream.Write(bytes);
        response.Close();
    }

    /// <summary>One request being answered: parses and validates its body, refuses with GitHub's error shape.</summary>
    private sealed class Call(RecordedRequest request, HttpListenerResponse response, ConcurrentQueue<(RecordedRequest, int, string)> refusals)
    {
        public JsonObject? Json(string operationId)
        {
            JsonNode? node;
            try
            {
                node = JsonNode.Parse(request.Body);
            }
            catch (JsonException)
            {
                Refuse(400, "Problems parsing JSON");
                return null;
            }

            if (node is not JsonObject input)
            {
                Refuse(400, "Problems parsing JSON");
                return null;
            }

            var problems = OperationSchemas.Validate(operationId, input);
            if (problems.Count > 0)
            {
                Refuse(422, "Invalid request.\n\n" + string.Join("\n", problems));
                return null;
            }

            return input;
        }

        public bool Refuse(int status, string message)
        {
            refusals.Enqueue((request, status, message));
            Respond(response, status, Error(message, "https://docs.github.com/rest", status));
            return false;
        }
    }

    [GeneratedRegex("^[0-9a-f]{40}$")]
    private static partial Regex Sha();

    [GeneratedRegex("^/api/v3/repos/([^/]+)/([^/]+)/check-runs$")]
    private static partial Regex CheckRunsPath();

    [GeneratedRegex("^/api/v3/repos/([^/]+)/([^/]+)/check-runs/([0-9]+)$")]
    private static partial Regex CheckRunPath();

    [GeneratedRegex("^/api/v3/repos/([^/]+)/([^/]+)/statuses/([^/]+)$")]
    private static partial Regex StatusPath();

    [GeneratedRegex("^/api/v3/repos/([^/]+)/([^/]+)/issues/([0-9]+)/comments$")]
    private static partial Regex IssueCommentsPath();

    [GeneratedRegex("^/api/v3/repositories/([0-9]+)/issues/([0-9]+)/comments$")]
    private static partial Regex RepositoryCommentsPath();

    [GeneratedRegex("^/api/v3/repos/([^/]+)/([^/]+)/issues/comments/([0-9]+)$")]
    private static partial Regex CommentPath();
}
