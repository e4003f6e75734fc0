using Pipeline.Core.Canonical;
using Pipeline.Core.Diagnostics;

namespace Pipeline.Core.Evals;

/// <summary>
/// Where an eval result came from: the CI system that attached it, who triggered the job, the workflow run (id and URL)
/// and the commit of the eval code. Only Pipeline writes it, from the environment it runs in (<see cref="FromEnvironment"/>);
/// a producer the eval file claims for itself is never taken (<see cref="Stamp"/>), so "produced by CI" means "attached
/// by a Pipeline command that ran where the environment said GitHub Actions" — no more (docs/trust-model.md).
/// </summary>
public sealed record EvalProducer(string Ci, string? Actor, string? RunId, string? RunUrl, string? Commit)
{
    /// <summary>The only CI system Pipeline reads today.</summary>
    public const string GitHubActions = "github-actions";

    /// <summary>Whether this names a CI job (a system and a run id), the test <c>require: {ci_evidence: true}</c> applies.</summary>
    public bool IsCi => Ci == GitHubActions && !string.IsNullOrEmpty(RunId);

    /// <summary>
    /// The producer the GitHub Actions environment describes (GITHUB_ACTOR, GITHUB_RUN_ID, GITHUB_SERVER_URL and
    /// GITHUB_REPOSITORY for the run's URL, GITHUB_SHA), or null outside Actions (GITHUB_ACTIONS is not "true").
    /// </summary>
    public static EvalProducer? FromEnvironment(Func<string, string?> environment)
    {
        if (!string.Equals(environment("GITHUB_ACTIONS"), "true", StringComparison.Ordinal))
        {
            return null;
        }

        static string? Named(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
        var runId = Named(environment("GITHUB_RUN_ID"));
        var server = Named(environment("GITHUB_SERVER_URL")) ?? "https://github.com";
        var repository = Named(environment("GITHUB_REPOSITORY"));
        var url = runId is not null && repository is not null ? $"{server.TrimEnd('/')}/{repository}/actions/runs/{runId}" : null;
        return new EvalProducer(GitHubActions, Named(environment("GITHUB_ACTOR")), runId, url, Named(environment("GITHUB_SHA")));
    }

    /// <summary>
    /// The result as Pipeline attaches it: its producer is the environment's (in Actions) or none (elsewhere), whatever
    /// the file said. <paramref name="discarded"/> is the file's own claim when it was replaced or dropped, so the
    /// command can say so.
    /// </summary>
    public static EvalResult Stamp(EvalResult result, Func<string, string?> environment, out EvalProducer? discarded)
    {
        var ci = FromEnvironment(environment);
        discarded = result.Producer is { } claimed && claimed != ci ? claimed : null;
        return result with { Producer = ci };
    }

    /// <summary>One line: "github-actions run 123 (URL) by alice at abc123…".</summary>
    public string Describe() =>
        $"{Ci} run {RunId ?? "(no run id)"}" + (RunUrl is null ? "" : $" ({RunUrl})") + (Actor is null ? "" : $" by {Actor}")
        + (Commit is null ? "" : $" at {(Commit.Length > 12 ? Commit[..12] : Commit)}");

    public ObjectValue ToValue() => new(
    [
        new Member("ci", new StringValue(Ci), 0),
        new Member("actor", Actor is null ? Value.Null : new StringValue(Actor), 0),
        new Member("run_id", RunId is null ? Value.Null : new StringValue(RunId), 0),
        new Member("run_url", RunUrl is null ? Value.Null : new StringValue(RunUrl), 0),
        new Member("commit", Commit is null ? Value.Null : new StringValue(Commit), 0),
    ]);

    internal static EvalProducer From(Value value, string file)
    {
        if (value is not ObjectValue o)
        {
            throw Invalid(file, value.Line, "'producer' must be an object {ci, actor, run_id, run_url, commit}");
        }

        foreach (var m in o.Members)
        {
            if (m.Key is not ("ci" or "actor" or "run_id" or "run_url" or "commit"))
            {
                throw Invalid(file, m.Line, $"unknown key 'producer.{m.Key}'; allowed: ci, actor, run_id, run_url, commit");
            }
        }

        string? Text(string key) => o[key] switch
        {
            null or NullValue => null,
            StringValue s when s.Value.Length > 0 => s.Value,
            _ => throw Invalid(file, o.LineOf(key), $"'producer.{key}' must be a non-empty string or null"),
        };

        var ci = Text("ci") ?? throw Invalid(file, o.Line, "'producer.ci' must name the CI system (github-actions)");
        return new EvalProducer(ci, Text("actor"), Text("run_id"), Text("run_url"), Text("commit"));
    }

    private static PipelineException Invalid(string file, int line, string message) =>
        new(PipeCodes.EvalResultInvalid, message, file, line > 0 ? line : null);
}
