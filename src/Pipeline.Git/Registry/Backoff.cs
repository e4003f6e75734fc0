namespace Pipeline.Git.Registry;

/// <summary>
/// Exponential backoff with full jitter (a uniform draw in [0, min(cap, base·2^attempt)]): writers that collided
/// spread over the whole window instead of colliding again in lock-step, which is what lets 32 racers all finish.
/// </summary>
internal static class Backoff
{
    public static TimeSpan FullJitter(int attempt, TimeSpan initial, TimeSpan cap)
    {
        var ceiling = Math.Min(cap.TotalMilliseconds, initial.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 30)));
        return TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling);
    }
}
