using System.Text.Json;

namespace Pipeline.GitHub.Tests.FakeGitHub;

/// <summary>One request as the fake received it, for tests to assert what was sent.</summary>
public sealed record RecordedRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public string? Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var value) ? value : null;

    public override string ToString() => $"{Method} {Path}{Query}";
}
