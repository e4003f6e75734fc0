using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Pipeline.GitHub.Tests.FakeGitHub;

/// <summary>
/// A minimal GitHub REST API on 127.0.0.1 (random port), serving the paths the reporter uses under /api/v3/ the way
/// GitHub documents them: snake_case JSON, 201 on create, Link pagination with absolute URLs, and the 403 a fork
/// PR's read-only token gets. Every request is recorded.
/// </summary>
public sealed partial class FakeGitHubServer : IDisposable
{
    public const string ForbiddenMessage = "Resource not accessible by integration";

    private readonly HttpListener listener;
    private readonly Task loop;
    private readonly object state = new();
    private readonly Dictionary<long, JsonObject> checkRuns = [];
    private readonly List<(long Id, long Issue, string Body, string User)> comments = [];
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

    /// <summary>GitHub caps per_page at 100; tests lower it to force several pages.</summary>
    public int MaxPerPage { get; set; } = 100;

    public IReadOnlyList<RecordedRequest> Sent => Requests.ToArray();

    public IReadOnlyList<(long Id, long Issue, string Body, string User)> Comments
    {
        get
        {
            lock (state)
            {
                return comments.ToArray();
            }
        }
    }

    public long AddComment(long issue, string body, string user = "someone")
    {
        lock (state)
        {
            var id = ++nextId;
            comments.Add((id, issue, body, user));
            return id;
        }
    }

    public void Dispose()
    {
        listener.Stop();
        listener.Close();
        try
        {
            loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The loop ends with an exception when the listener closes under it.
        }
    }

    private static (HttpListener, int) Start()
    {
        for (var attempt = 0; ; attempt++)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            var http = new HttpListener();
            http.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                http.Start();
                return (http, port);
            }
            catch (HttpListenerException) when (attempt < 10)
            {
                // Another test took the port between the probe and the bind.
                http.Close();
            }
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
        var query = request.Url.Query;
        Requests.Enqueue(new RecordedRequest(request.HttpMethod, path, query, headers, body));
        var response = context.Response;
        var method = request.HttpMethod;

        if (CheckRunsPath().Match(path) is { Success: true } cr && method == "POST")
        {
            if (ForbidCheckRuns) { Forbidden(response); return; }
            var input = JsonNode.Parse(body)!.AsObject();
            var id = NextId();
            var run = new JsonObject
            {
                ["id"] = id,
                ["name"] = input["name"]?.GetValue<string>(),
                ["head_sha"] = input["head_sha"]?.GetValue<string>(),
                ["status"] = input["status"]?.GetValue<string>() ?? "queued",
                ["conclusion"] = input["conclusion"]?.GetValue<string>(),
                ["html_url"] = $"https://github.example/{cr.Groups[1].Value}/{cr.Groups[2].Value}/runs/{id}",
                ["url"] = $"{ApiUrl}/repos/{cr.Groups[1].Value}/{cr.Groups[2].Value}/check-runs/{id}",
                ["output"] = Output(input, 0),
            };
            lock (state) { checkRuns[id] = run; }
            Respond(response, 201, run);
            return;
        }

        if (CheckRunPath().Match(path) is { Success: true } cu && method == "PATCH")
        {
            if (ForbidCheckRuns) { Forbidden(response); return; }
            var id = long.Parse(cu.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture);
            JsonObject? run;
            lock (state) { checkRuns.TryGetValue(id, out run); }
            if (run is null) { NotFound(response); return; }
            var input = JsonNode.Parse(body)!.AsObject();
            if (input.ContainsKey("head_sha")) { Respond(response, 422, new JsonObject { ["message"] = "head_sha is not an update field" }); return; }
            if (input["status"] is { } s) run["status"] = s.GetValue<string>();
            if (input["conclusion"] is { } c) { run["conclusion"] = c.GetValue<string>(); run["status"] = "completed"; }
            var previous = run["output"]?["annotations_count"]?.GetValue<int>() ?? 0;
            run["output"] = Output(input, previous);
            Respond(response, 200, run.DeepClone());
            return;
        }

        if (StatusPath().Match(path) is { Success: true } st && method == "POST")
        {
            if (ForbidStatuses) { Forbidden(response); return; }
            var input = JsonNode.Parse(body)!.AsObject();
            Respond(response, 201, new JsonObject
            {
                ["id"] = NextId(),
                ["state"] = input["state"]?.GetValue<string>(),
                ["context"] = input["context"]?.GetValue<string>() ?? "default",
                ["description"] = input["description"]?.GetValue<string>(),
                ["target_url"] = input["target_url"]?.GetValue<string>(),
                ["url"] = $"{ApiUrl}/repos/{st.Groups[1].Value}/{st.Groups[2].Value}/statuses/{st.Groups[3].Value}",
                ["created_at"] = "2026-01-01T00:00:00Z",
                ["updated_at"] = "2026-01-01T00:00:00Z",
            });
            return;
        }

        if (IssueCommentsPath().Match(path) is { Success: true } ic)
        {
            var issue = long.Parse(ic.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture);
            if (method == "GET") { ListComments(request, response, issue, $"{ApiUrl}/repos/{ic.Groups[1].Value}/{ic.Groups[2].Value}/issues/{issue}/comments"); return; }
            if (method == "POST")
            {
                if (ForbidComments) { Forbidden(response); return; }
                var text = JsonNode.Parse(body)!["body"]!.GetValue<string>();
                var id = AddComment(issue, text, "github-actions[bot]");
                Respond(response, 201, Comment(id, text, "github-actions[bot]"));
                return;
            }
        }

        if (CommentPath().Match(path) is { Success: true } cp && method == "PATCH")
        {
            if (ForbidComments) { Forbidden(response); return; }
            var id = long.Parse(cp.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture);
            var text = JsonNode.Parse(body)!["body"]!.GetValue<string>();
            lock (state)
            {
                var index = comments.FindIndex(c => c.Id == id);
                if (index < 0) { NotFound(response); return; }
                comments[index] = comments[index] with { Body = text };
                Respond(response, 200, Comment(id, text, comments[index].User));
            }

            return;
        }

        NotFound(response);
    }

    private void ListComments(HttpListenerRequest request, HttpListenerResponse response, long issue, string url)
    {
        var perPage = Math.Clamp(int.TryParse(request.QueryString["per_page"], out var pp) ? pp : 30, 1, MaxPerPage);
        var page = Math.Max(1, int.TryParse(request.QueryString["page"], out var p) ? p : 1);
        List<(long Id, long Issue, string Body, string User)> all;
        lock (state) { all = comments.Where(c => c.Issue == issue).ToList(); }
        var pages = Math.Max(1, (all.Count + perPage - 1) / perPage);
        var items = new JsonArray(all.Skip((page - 1) * perPage).Take(perPage).Select(c => (JsonNode)Comment(c.Id, c.Body, c.User)).ToArray());
        if (page < pages)
        {
            // Absolute URLs, as GitHub sends them: Octokit feeds the link straight to new Uri(...).
            response.AddHeader("Link", $"<{url}?per_page={perPage}&page={page + 1}>; rel=\"next\", <{url}?per_page={perPage}&page={pages}>; rel=\"last\"");
        }

        Respond(response, 200, items);
    }

    private JsonObject Comment(long id, string body, string user) => new()
    {
        ["id"] = id,
        ["node_id"] = "IC_" + id,
        ["body"] = body,
        ["html_url"] = $"https://github.example/comments/{id}",
        ["url"] = $"{ApiUrl}/comments/{id}",
        ["user"] = new JsonObject { ["login"] = user, ["id"] = 41898282, ["type"] = "Bot" },
        ["created_at"] = "2026-01-01T00:00:00Z",
        ["updated_at"] = "2026-01-01T00:00:00Z",
        ["author_association"] = "NONE",
    };

    private static JsonObject Output(JsonObject input, int previousAnnotations)
    {
        var output = input["output"]?.AsObject();
        var added = output?["annotations"]?.AsArray().Count ?? 0;
        return new JsonObject
        {
            ["title"] = output?["title"]?.GetValue<string>(),
            ["summary"] = output?["summary"]?.GetValue<string>(),
            ["text"] = output?["text"]?.GetValue<string>(),
            // Annotations are appended on every update, as GitHub does.
            ["annotations_count"] = previousAnnotations + added,
        };
    }

    private long NextId()
    {
        lock (state)
        {
            return ++nextId;
        }
    }

    private static void Forbidden(HttpListenerResponse response) => Respond(response, 403, new JsonObject
    {
        ["message"] = ForbiddenMessage,
        ["documentation_url"] = "https://docs.github.com/rest",
        ["status"] = "403",
    });

    private static void NotFound(HttpListenerResponse response) => Respond(response, 404, new JsonObject { ["message"] = "Not Found" });

    private static void Respond(HttpListenerResponse response, int status, JsonNode body)
    {
        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString(new JsonSerializerOptions { WriteIndented = false }));
        response.StatusCode = status;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength64 = bytes.Length;
        response.OutputStream.Write(bytes);
        response.Close();
    }

    [GeneratedRegex("^/api/v3/repos/([^/]+)/([^/]+)/check-runs$")]
    private static partial Regex CheckRunsPath();

    [GeneratedRegex("^/api/v3/repos/([^/]+)/([^/]+)/check-runs/([0-9]+)$")]
    private static partial Regex CheckRunPath();

    [GeneratedRegex("^/api/v3/repos/([^/]+)/([^/]+)/statuses/([0-9a-f]{40})$")]
    private static partial Regex StatusPath();

    [GeneratedRegex("^/api/v3/repos/([^/]+)/([^/]+)/issues/([0-9]+)/comments$")]
    private static partial Regex IssueCommentsPath();

    [GeneratedRegex("^/api/v3/repos/([^/]+)/([^/]+)/issues/comments/([0-9]+)$")]
    private static partial Regex CommentPath();
}
