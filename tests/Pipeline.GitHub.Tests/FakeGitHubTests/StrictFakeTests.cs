using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Pipeline.GitHub.Tests.FakeGitHub;

namespace Pipeline.GitHub.Tests.FakeGitHubTests;

/// <summary>
/// The fake refuses what GitHub refuses: these send raw requests (no Octokit, no reporter) and check the answers, so
/// a test that passes against the fake cannot be relying on a kindness GitHub does not have.
/// </summary>
public sealed class StrictFakeTests : IDisposable
{
    private const string Sha = "1111111111111111111111111111111111111111";
    private readonly FakeGitHubServer github = new();
    private readonly HttpClient http = new();

    public void Dispose()
    {
        http.Dispose();
        github.Dispose();
    }

    [Fact]
    public void The_schemas_are_GitHubs_published_ones_with_their_provenance()
    {
        var provenance = OperationSchemas.Provenance;
        Assert.Equal("github/rest-api-description", provenance["repository"]!.GetValue<string>());
        Assert.Equal("descriptions/api.github.com/api.github.com.json", provenance["path"]!.GetValue<string>());
        Assert.Matches("^[0-9a-f]{40}$", provenance["commit"]!.GetValue<string>());
        Assert.Equal("/repos/{owner}/{repo}/check-runs", OperationSchemas.Operation("checks/create")["path"]!.GetValue<string>());
        Assert.Equal(
            50,
            OperationSchemas.Operation("checks/update")["requestBody"]!["properties"]!["output"]!["properties"]!["annotations"]!["maxItems"]!
                .GetValue<int>());
    }

    [Fact]
    public async Task No_token_is_401()
    {
        var response = await Send("POST", "repos/octo/models/check-runs", Run("in_progress"), token: null);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Requires authentication", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("""{"head_sha":"1111111111111111111111111111111111111111"}""", "name")]
    [InlineData("""{"name":"x","head_sha":"1111111111111111111111111111111111111111","status":"completed"}""", "conclusion")]
    [InlineData("""{"name":"x","head_sha":"1111111111111111111111111111111111111111","conclusion":"bogus"}""", "conclusion")]
    [InlineData("""{"name":"x","head_sha":"1111111111111111111111111111111111111111","status":"done"}""", "status")]
    [InlineData("""{"name":"x","head_sha":"1111111111111111111111111111111111111111","output":{"summary":"s"}}""", "title")]
    [InlineData("""{"name":"x","head_sha":"1111111111111111111111111111111111111111","output":{"title":"t","summary":"s","annotations":""" +
        """[{"path":"a","start_line":1,"end_line":1,"annotation_level":"error","message":"m"}]}}""", "annotation_level")]
    [InlineData(
        """{"name":"x","head_sha":"1111111111111111111111111111111111111111","completed_at":"yesterday","conclusion":"success"}""",
        "completed_at")]
    public async Task A_create_body_outside_the_OpenAPI_schema_is_422(string body, string field)
    {
        var response = await Send("POST", "repos/octo/models/check-runs", body);
        Assert.Equal((HttpStatusCode)422, response.StatusCode);
        var message = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["message"]!.GetValue<string>();
        Assert.StartsWith("Invalid request.", message);
        Assert.Contains(field, message);
    }

    [Fact]
    public async Task Fifty_one_annotations_are_422_and_fifty_are_accepted()
    {
        Assert.Equal((HttpStatusCode)422, (await Send("POST", "repos/octo/models/check-runs", Run("in_progress", annotations: 51))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Send("POST", "repos/octo/models/check-runs", Run("in_progress", annotations: 50))).StatusCode);
    }

    [Fact]
    public async Task Output_text_is_limited_in_utf8_bytes_not_characters()
    {
        // 30,000 characters, 90,000 bytes: within the schema's maxLength, over GitHub's byte size.
        var response = await Send("POST", "repos/octo/models/check-runs", Run("in_progress", text: new string('❌', 30_000)));
        Assert.Equal((HttpStatusCode)422, response.StatusCode);
        Assert.Contains("maximum bytesize of 65535", await response.Content.ReadAsStringAsync());
        Assert.Equal(
            HttpStatusCode.Created,
            (await Send("POST", "repos/octo/models/check-runs", Run("in_progress", text: new string('x', 65_535)))).StatusCode);
    }

    [Fact]
    public async Task An_update_that_completes_needs_a_conclusion_and_appends_annotations()
    {
        var created = JsonNode.Parse(
            await (await Send("POST", "repos/octo/models/check-runs", Run("in_progress", annotations: 50))).Content.ReadAsStringAsync())!;
        var id = created["id"]!.GetValue<long>();
        Assert.Equal((HttpStatusCode)422, (await Send("PATCH", $"repos/octo/models/check-runs/{id}", """{"status":"completed"}""")).StatusCode);
        var done = await Send(
            "PATCH",
            $"repos/octo/models/check-runs/{id}",
            """{"conclusion":"success","output":{"title":"t","summary":"s","annotations":[{"path":"a.json","start_line":2,"end_line":""" +
            """2,"annotation_level":"notice","message":"m"}]}}""");
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        var run = Assert.Single(github.CheckRuns);
        Assert.Equal(("completed", "success", 51), (run.Status, run.Conclusion, run.Annotations.Count));
        Assert.Equal(HttpStatusCode.NotFound, (await Send("PATCH", $"repos/other/repo/check-runs/{id}", """{"conclusion":"success"}""")).StatusCode);
    }

    [Fact]
    public async Task Columns_on_a_multi_line_annotation_are_refused()
    {
        var body = $$$"""{"name":"x","head_sha":"{{{Sha}}}","status":"in_progress","output":{"title":"t","summary":"s","annotations":""" +
            $$$"""[{"path":"a","start_line":1,"end_line":3,"start_column":2,"annotation_level":"notice","message":"m"}]}}""";
        Assert.Equal((HttpStatusCode)422, (await Send("POST", "repos/octo/models/check-runs", body)).StatusCode);
    }

    [Fact]
    public async Task A_status_needs_a_known_state_and_a_short_description()
    {
        Assert.Equal((HttpStatusCode)422, (await Send("POST", $"repos/octo/models/statuses/{Sha}", """{"state":"passed"}""")).StatusCode);
        Assert.Equal(
            (HttpStatusCode)422,
            (await Send(
                "POST",
                $"repos/octo/models/statuses/{Sha}",
                $$"""{"state":"success","description":"{{new string('d', 141)}}"}""")).StatusCode);
        Assert.Equal(
            HttpStatusCode.Created,
            (await Send("POST", $"repos/octo/models/statuses/{Sha}", """{"state":"success","context":"pipeline/verify"}""")).StatusCode);
    }

    [Fact]
    public async Task Comments_are_limited_to_65536_characters_and_cannot_be_blank()
    {
        Assert.Equal((HttpStatusCode)422, (await Send("POST", "repos/octo/models/issues/7/comments", Comment(new string('x', 65_537)))).StatusCode);
        Assert.Equal((HttpStatusCode)422, (await Send("POST", "repos/octo/models/issues/7/comments", Comment("  "))).StatusCode);
        Assert.Equal((HttpStatusCode)422, (await Send("POST", "repos/octo/models/issues/7/comments", """{"text":"hi"}""")).StatusCode);
        Assert.Equal(
            HttpStatusCode.Created,
            (await Send("POST", "repos/octo/models/issues/7/comments", Comment(new string('x', 65_536)))).StatusCode);
    }

    [Fact]
    public async Task A_comment_id_of_another_repository_is_404()
    {
        var foreign = github.AddComment(7, "elsewhere", FakeGitHubServer.ActionsBot, repository: "octo/other");
        Assert.Equal(HttpStatusCode.NotFound, (await Send("PATCH", $"repos/octo/models/issues/comments/{foreign}", Comment("hijack"))).StatusCode);
        Assert.Equal("elsewhere", github.Comments.Single().Body);
        Assert.Equal(HttpStatusCode.OK, (await Send("PATCH", $"repos/octo/other/issues/comments/{foreign}", Comment("fine"))).StatusCode);
    }

    [Fact]
    public async Task Pagination_links_are_absolute_and_in_the_repositories_id_form()
    {
        github.MaxPerPage = 2;
        for (var i = 0; i < 5; i++)
        {
            github.AddComment(7, $"c{i}");
        }

        var first = await Send("GET", "repos/octo/models/issues/7/comments?per_page=100", null);
        var link = first.Headers.GetValues("Link").Single();
        var next = System.Text.RegularExpressions.Regex.Match(link, "<([^>]+)>; rel=\"next\"").Groups[1].Value;
        Assert.Matches(
            $"^{System.Text.RegularExpressions.Regex.Escape(github.ApiUrl)}/repositories/[0-9]+/issues/7/comments\\?per_page=2&page=2$",
            next);
        var second = await SendAbsolute("GET", next, null);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(["c2", "c3"], JsonNode.Parse(await second.Content.ReadAsStringAsync())!.AsArray().Select(c => c!["body"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Rate_limits_carry_GitHubs_headers()
    {
        github.Fail(new ScriptedFailure(_ => true, FailureKind.SecondaryRateLimit, Seconds: 42));
        github.Fail(new ScriptedFailure(_ => true, FailureKind.PrimaryRateLimit, Seconds: 600));
        var secondary = await Send("POST", "repos/octo/models/check-runs", Run("in_progress"));
        Assert.Equal(HttpStatusCode.Forbidden, secondary.StatusCode);
        Assert.Equal("42", secondary.Headers.GetValues("Retry-After").Single());
        Assert.Contains("secondary rate limit", await secondary.Content.ReadAsStringAsync());
        var primary = await Send("POST", "repos/octo/models/check-runs", Run("in_progress"));
        Assert.Equal(HttpStatusCode.Forbidden, primary.StatusCode);
        Assert.Equal("0", primary.Headers.GetValues("X-RateLimit-Remaining").Single());
        Assert.InRange(
            long.Parse(primary.Headers.GetValues("X-RateLimit-Reset").Single(), System.Globalization.CultureInfo.InvariantCulture)
                - DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            590,
            610);
    }

    [Fact]
    public async Task A_read_only_token_can_read_but_not_write_and_an_installation_token_is_not_a_user()
    {
        github.ReadOnlyToken = true;
        Assert.Equal(HttpStatusCode.OK, (await Send("GET", "repos/octo/models/issues/7/comments", null)).StatusCode);
        var write = await Send("POST", "repos/octo/models/check-runs", Run("in_progress"));
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        Assert.Contains(FakeGitHubServer.ForbiddenMessage, await write.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await Send("GET", "user", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Send("GET", "user", null, token: "ghp_personal")).StatusCode);
    }

    private static string Run(string status, int annotations = 0, string text = "t") =>
        new JsonObject
        {
            ["name"] = "pipeline/verify",
            ["head_sha"] = Sha,
            ["status"] = status,
            ["output"] = new JsonObject
            {
                ["title"] = "t",
                ["summary"] = "s",
                ["text"] = text,
                ["annotations"] = new JsonArray(Enumerable.Range(1, annotations).Select(i => (JsonNode)new JsonObject
                {
                    ["path"] = "registry/m.json",
                    ["start_line"] = i,
                    ["end_line"] = i,
                    ["annotation_level"] = "failure",
                    ["message"] = "m",
                }).ToArray()),
            },
        }.ToJsonString();

    private static string Comment(string body) => new JsonObject { ["body"] = body }.ToJsonString();

    private Task<HttpResponseMessage> Send(string method, string path, string? body, string? token = "ghs_token") =>
        SendAbsolute(method, $"{github.ApiUrl}/{path}", body, token);

    private async Task<HttpResponseMessage> SendAbsolute(string method, string url, string? body, string? token = "ghs_token")
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Token", token);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        var response = await http.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }
}
