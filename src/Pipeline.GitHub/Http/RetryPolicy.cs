namespace Pipeline.GitHub.Http;

/// <summary>
/// How long a GitHub call may wait out rate limits: at most <see cref="MaxAttempts"/> tries and
/// <see cref="Budget"/> of waiting in all, and no single wait longer than <see cref="MaxWait"/>. A CI job should not
/// sit for the hour a spent primary quota can take; past the budget the rate-limit answer is returned and reported
/// as a rate limit (PIPE5021), never as a missing permission.
/// </summary>
public sealed record RetryPolicy(int MaxAttempts, TimeSpan Budget, TimeSpan MaxWait)
{
    public static RetryPolicy Default { get; } = new(4, TimeSpan.FromSeconds(120), TimeSpan.FromSeconds(90));

    /// <summary>No retry at all: the first answer is the answer.</summary>
    public static RetryPolicy None { get; } = new(1, TimeSpan.Zero, TimeSpan.Zero);

    /// <summary>How to wait (tests record the waits instead of sleeping).</summary>
    public Func<TimeSpan, CancellationToken, Task> Delay { get; init; } = Task.Delay;

    /// <summary>The time X-RateLimit-Reset is compared with.</summary>
    public Func<DateTimeOffset> Clock { get; init; } = () => DateTimeOffset.UtcNow;
}
