namespace Pipeline.GitHub.Tests.FakeGitHub;

/// <summary>The kinds of refusal a test can make the fake answer with, each in GitHub's own shape.</summary>
public enum FailureKind
{
    /// <summary>403, <c>X-RateLimit-Remaining: 0</c>, <c>X-RateLimit-Reset</c> = now + seconds, "API rate limit exceeded".</summary>
    PrimaryRateLimit,

    /// <summary>403 with <c>Retry-After: seconds</c> and "You have exceeded a secondary rate limit".</summary>
    SecondaryRateLimit,

    /// <summary>429 with <c>Retry-After: seconds</c>.</summary>
    TooManyRequests,

    /// <summary>502 Bad Gateway, GitHub's answer when a request times out inside.</summary>
    BadGateway,
}

/// <summary>Answer the next <paramref name="Times"/> requests that <paramref name="Matches"/> with a failure.</summary>
public sealed record ScriptedFailure(Func<RecordedRequest, bool> Matches, FailureKind Kind, int Times = 1, int Seconds = 30);
