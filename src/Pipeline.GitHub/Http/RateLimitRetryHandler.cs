namespace Pipeline.GitHub.Http;

/// <summary>
/// Waits out GitHub rate limits under a <see cref="RetryPolicy"/>: a 403/429 that <see cref="GitHubRateLimit"/> recognises
/// is retried after <c>Retry-After</c> seconds (secondary limit) or at <c>X-RateLimit-Reset</c> (primary), as GitHub
/// asks. Any other answer, and a rate limit that would overrun the budget, goes back to Octokit unchanged, which
/// raises its own exception for it. Sits under Octokit's HttpClient, so every API call of the process gets it.
/// </summary>
public sealed class RateLimitRetryHandler(HttpMessageHandler inner, RetryPolicy policy) : DelegatingHandler(inner)
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var waited = TimeSpan.Zero;
        for (var attempt = 1; ; attempt++)
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (attempt >= policy.MaxAttempts || (int)response.StatusCode is not (403 or 429))
            {
                return response;
            }

            // Buffered, so Octokit can still read the body when this answer is the one returned.
            await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var limit = GitHubRateLimit.From(response.StatusCode, name => Header(response, name), body, policy.Clock());
            if (limit is null || limit.RetryAfter > policy.MaxWait || waited + limit.RetryAfter > policy.Budget)
            {
                return response;
            }

            response.Dispose();
            await policy.Delay(limit.RetryAfter, cancellationToken).ConfigureAwait(false);
            waited += limit.RetryAfter;
        }
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
