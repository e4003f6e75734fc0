namespace Pipeline.Cli.Tests.Serving;

/// <summary>pipeline resolve: what a deploy loads, in JSON, env lines and docker labels; exit 1 when nothing is served.</summary>
public sealed class ResolveTests : IDisposable
{
    private readonly ServingRepo _repo = new();
    private readonly string _sha = ServingRepo.Sha256("v1 weights");

    public ResolveTests()
    {
        _repo.Register("--artifact", "s3://bucket/v1/model.bin", "--artifact-sha256", _sha);
        _repo.Register("--artifact", "s3://bucket/v2/model.bin", "--artifact-sha256", ServingRepo.Sha256("v2 weights"));
        _repo.Ok("assign", "demo", "--version", "v0.0.1", "--alias", "production", "--reason", "first");
        _repo.Ok("assign", "demo", "--version", "v0.0.2", "--alias", "production", "--reason", "better mmlu");
    }

    public void Dispose() => _repo.Dispose();

    [Fact]
    public void Json_gives_version_fingerprint_artifact_and_the_alias_event()
    {
        var r = _repo.Cli("resolve", "demo#production", "--json");

        Assert.Equal(0, r.ExitCode);
        var doc = r.Json;
        Assert.Equal("v0.0.2", doc.GetProperty("version").GetString());
        Assert.Equal(64, doc.GetProperty("fingerprint").GetString()!.Length);
        Assert.Equal("demo@v0.0.2", doc.GetProperty("tag").GetString());
        Assert.Equal("s3://bucket/v2/model.bin", doc.GetProperty("artifact").GetProperty("uri").GetString());
        var e = doc.GetProperty("event");
        Assert.Equal("demo#production#2", e.GetProperty("tag").GetString());
        Assert.Equal(2, e.GetProperty("counter").GetInt32());
        Assert.Equal("v0.0.1", e.GetProperty("previous").GetString());
        Assert.Equal("Test User <test@example.com>", e.GetProperty("actor").GetString());
        Assert.Equal("better mmlu", e.GetProperty("reason").GetString());
        Assert.Matches("^20[0-9]{2}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z$", e.GetProperty("time").GetString());
    }

    [Fact]
    public void A_version_resolves_without_an_event_and_rev_resolves_the_alias_as_of_a_tag()
    {
        var pinned = _repo.Cli("resolve", "demo@v0.0.1", "--json").Json;
        var asOfFirst = _repo.Cli("resolve", "demo#production", "--rev", "refs/tags/demo#production#1", "--json").Json;

        Assert.Equal(System.Text.Json.JsonValueKind.Null, pinned.GetProperty("event").ValueKind);
        Assert.Equal(_sha, pinned.GetProperty("artifact").GetProperty("sha256").GetString());
        Assert.Equal("v0.0.1", asOfFirst.GetProperty("version").GetString());
        Assert.Equal("demo#production#1", asOfFirst.GetProperty("event").GetProperty("tag").GetString());
    }

    [Fact]
    public void Env_lines_are_one_per_variable_even_when_the_reason_holds_a_line_break()
    {
        _repo.Ok(
            "assign",
            "demo",
            "--version",
            "v0.0.1",
            "--alias",
            "production",
            "--reason",
            "rollback\nGITHUB_TOKEN=stolen\r\nMODEL_VERSION=v9.9.9");

        var r = _repo.Cli("resolve", "demo#production", "--format", "env");

        Assert.Equal(0, r.ExitCode);
        var lines = r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(lines, l => Assert.Matches("^MODEL_[A-Z0-9_]+=", l));
        var vars = lines.Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        Assert.Equal(lines.Length, vars.Count);
        Assert.Equal("v0.0.1", vars["MODEL_VERSION"]);
        Assert.Equal(_sha, vars["MODEL_ARTIFACT_SHA256"]);
        Assert.Equal("3", vars["MODEL_ALIAS_COUNTER"]);
        Assert.Equal("rollback GITHUB_TOKEN=stolen  MODEL_VERSION=v9.9.9", vars["MODEL_ALIAS_REASON"]);
        Assert.DoesNotContain(lines, l => l.StartsWith("GITHUB_", StringComparison.Ordinal));
    }

    [Fact]
    public void Oci_labels_are_docker_label_arguments_one_per_line()
    {
        var r = _repo.Cli("resolve", "demo#production", "--format", "oci-labels");

        Assert.Equal(0, r.ExitCode);
        var labels = r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l =>
        {
            Assert.StartsWith("--label=", l);
            var kv = l["--label=".Length..].Split('=', 2);
            return (kv[0], kv[1]);
        }).ToDictionary();
        Assert.Equal("v0.0.2", labels["org.opencontainers.image.version"]);
        Assert.Equal("v0.0.2", labels["ai.pipeline.version"]);
        Assert.Equal("demo", labels["ai.pipeline.model"]);
        Assert.Equal(64, labels["ai.pipeline.fingerprint"].Length);
        Assert.Equal("sha256:" + ServingRepo.Sha256("v2 weights"), labels["ai.pipeline.artifact.digest"]);
        Assert.Equal(40, labels["org.opencontainers.image.revision"].Length);
    }

    [Fact]
    public void An_unassigned_alias_exits_1_with_its_code_and_an_unknown_one_is_bad_input()
    {
        _repo.Ok("unassign", "demo", "--alias", "production", "--reason", "incident");

        var empty = _repo.Cli("resolve", "demo#production", "--json");
        var never = _repo.Cli("resolve", "demo#staging", "--format", "env");

        Assert.Equal(1, empty.ExitCode);
        Assert.Equal("PIPE3710", empty.Json.GetProperty("error").GetProperty("code").GetString());
        Assert.Contains("demo#production!#3", empty.Stderr);
        Assert.Equal(2, never.ExitCode);
        Assert.Contains("error PIPE3003", never.Stderr);
        Assert.Equal("", never.Stdout); // nothing for $GITHUB_ENV
    }

    [Fact]
    public void A_deprecated_version_exits_1_whether_asked_by_alias_or_by_version()
    {
        _repo.Ok("deprecate", "demo", "--version", "v0.0.2", "--reason", "leaks PII");

        var byAlias = _repo.Cli("resolve", "demo#production");
        var byVersion = _repo.Cli("resolve", "demo@v0.0.2", "--format", "oci-labels");
        var live = _repo.Cli("resolve", "demo@v0.0.1");

        Assert.Equal(1, byAlias.ExitCode);
        Assert.Contains("error PIPE3711", byAlias.Stderr);
        Assert.Equal(1, byVersion.ExitCode);
        Assert.Equal("", byVersion.Stdout);
        Assert.Equal(0, live.ExitCode);
    }

    [Fact]
    public void Format_and_json_together_or_an_unknown_format_are_refused()
    {
        Assert.Contains("PIPE0001", _repo.Cli("resolve", "demo#production", "--format", "env", "--json").Stderr);
        Assert.Contains("PIPE3715", _repo.Cli("resolve", "demo#production", "--format", "yaml").Stderr);
    }
}
