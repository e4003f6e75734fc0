using System.Globalization;
using System.Net;

namespace Pipeline.GitHub.Http;

/// <summary>Which of GitHub's limits answered.</summary>
public enum RateLimitKind
{
    /// <summary>The hourly quota is spent: <c>X-RateLimit-Remaining: 0</c>, usable again at <c>X-RateLimit-Reset</c>.</summary>
    Primary,

    /// <summary>Too many requests too fast (403 or 429 with <c>Retry-After</c>, or the "secondary rate limit" message).</summary>
    Secondary,
}

/// <summary>
/// A rate-limit answer read from a response. GitHub answers both limits with 403 (sometimes 429), the same status as
/// "no permission", so the headers and the message decide: a 403 is a rate limit only when
/// <c>X-RateLimit-Remaining</c> is 0, a <c>Retry-After</c> is present, or the message names a rate limit.
/// <see cref="RetryAfter"/> is how long GitHub asks us to wait from the moment the response was read.
/// </summary>
public sealed record GitHubRateLimit(RateLimitKind Kind, TimeSpan RetryAfter, DateTimeOffset? ResetAt)
{
    /// <summary>GitHub's advice when a secondary limit gives no Retry-After: wait at least a minute.</summary>
    public static readonly TimeSpan DefaultSecondaryWait = TimeSpan.FromSeconds(60);

    /// <summary>The rate limit a response reports, or null when it is anything else (including a permission 403).</summary>
    public static GitHubRateLimit? From(HttpStatusCode status, Func<string, string?> header, string? body, DateTimeOffset now)
    {
        if (status is not (HttpStatusCode.Forbidden or HttpStatusCode.TooManyRequests))
        {
            return null;
        }

        var retryAfter = Seconds(header("Retry-After"));
        var remaining = header("X-RateLimit-Remaining");
        var reset = Seconds(header("X-RateLimit-Reset")) is { } epoch
            ? DateTimeOffset.FromUnixTimeSeconds((long)epoch.TotalSeconds)
            : (DateTimeOffset?)null;
        if (retryAfter is { } after)
        {
            return new GitHubRateLimit(remaining == "0" ? RateLimitKind.Primary : RateLimitKind.Secondary, after, reset);
        }

        if (remaining == "0")
        {
            // One second past the reset: GitHub's clock and ours differ by a little.
            var wait = reset is { } at ? at - now + TimeSpan.FromSeconds(1) : DefaultSecondaryWait;
            return new GitHubRateLimit(RateLimitKind.Primary, wait < TimeSpan.Zero ? TimeSpan.Zero : wait, reset);
        }

        var text = body ?? "";
        if (status == HttpStatusCode.TooManyRequests || text.Contains("secondary rate limit", StringComparison.OrdinalIgnoreCase)
            || text.Contains("abuse detection", StringComparison.OrdinalIgnoreCase))
        {
            return new GitHubRateLimit(RateLimitKind.Secondary, DefaultSecondaryWait, reset);
        }

        return text.Contains("rate limit exceeded", StringComparison.OrdinalIgnoreCase)
            ? new GitHubRateLimit(RateLimitKind.Primary, reset is { } r ? Max(r - now, TimeSpan.Zero) : DefaultSecondaryWait, reset)
            : null;
    }

    /// <summary>The rate limit behind an Octokit error, or null when the error is something else.</summary>
    public static GitHubRateLimit? From(Octokit.ApiException ex, DateTimeOffset now)
    {
        var headers = ex.HttpResponse?.Headers;
        string? Header(string name) => headers?.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
        var limit = From(ex.StatusCode, Header, ex.HttpResponse?.Body as string ?? ex.Message, now);
        if (limit is null && ex is Octokit.RateLimitExceededException primary)
        {
            return new GitHubRateLimit(RateLimitKind.Primary, Max(primary.Reset - now, TimeSpan.Zero), primary.Reset);
        }

        return limit ?? (ex is Octokit.SecondaryRateLimitExceededException or Octokit.AbuseException
            ? new GitHubRateLimit(RateLimitKind.Secondary, DefaultSecondaryWait, null)
            : null);
    }

    /// <summary>"primary rate limit: the quota is spent until 10:42:07 UTC" / "secondary rate limit: retry after 60 s".</summary>
    public string Describe() => Kind == RateLimitKind.Primary
        ? "primary rate limit: the hourly quota of this token is spent" + (
            ResetAt is { } at ? $" until {at.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture)} UTC" : "")
        : $"secondary rate limit: GitHub asks to wait {RetryAfter.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s";

    private static TimeSpan? Seconds(string? value) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? TimeSpan.FromSeconds(s) : null;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
