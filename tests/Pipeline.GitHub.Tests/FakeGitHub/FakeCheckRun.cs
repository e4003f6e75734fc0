using System.Text.Json.Nodes;

namespace Pipeline.GitHub.Tests.FakeGitHub;

/// <summary>A check run as the fake keeps it: the last output, and every annotation appended by every request.</summary>
public sealed class FakeCheckRun(long id, string repository, string name, string headSha)
{
    public long Id { get; } = id;

    public string Repository { get; } = repository;

    public string Name { get; private set; } = name;

    public string HeadSha { get; } = headSha;

    public string Status { get; private set; } = "queued";

    public string? Conclusion { get; private set; }

    public string? DetailsUrl { get; private set; }

    public string? ExternalId { get; private set; }

    public string? Title { get; private set; }

    public string? Summary { get; private set; }

    public string? Text { get; private set; }

    public List<JsonObject> Annotations { get; } = [];

    /// <summary>Applies a validated create or update body, the way GitHub does: a conclusion completes the run.</summary>
    public void Apply(JsonObject input)
    {
        if (input["name"]?.GetValue<string>() is { } n)
        {
            Name = n;
        }

        if (input["status"]?.GetValue<string>() is { } s)
        {
            Status = s;
        }

        if (input["conclusion"]?.GetValue<string>() is { } c)
        {
            Conclusion = c;
            Status = "completed";
        }

        if (input["details_url"]?.GetValue<string>() is { } d)
        {
            DetailsUrl = d;
        }

        if (input["external_id"]?.GetValue<string>() is { } e)
        {
            ExternalId = e;
        }

        if (input["output"] is JsonObject output)
        {
            if (output["title"]?.GetValue<string>() is { } t)
            {
                Title = t;
            }

            if (output["summary"]?.GetValue<string>() is { } sum)
            {
                Summary = sum;
            }

            if (output["text"]?.GetValue<string>() is { } text)
            {
                Text = text;
            }

            foreach (var a in output["annotations"]?.AsArray() ?? [])
            {
                Annotations.Add(a!.DeepClone().AsObject());
            }
        }
    }
}

/// <summary>An issue comment: global id, the repository it lives in, the issue (PR) number, its body and author login.</summary>
public sealed record FakeComment(long Id, string Repository, long Issue, string Body, string User);
