namespace Pipeline.Core.Sweep;

/// <summary>Whether a larger (accuracy) or a smaller (loss, perplexity) score is better.</summary>
public enum Direction
{
    Maximize,
    Minimize,
}

public static class DirectionExtensions
{
    /// <summary>
    /// Strictly better. A non-finite score never beats anything and is beaten by every finite one: a diverged run
    /// (NaN loss, -Infinity from a broken metric) must never be crowned.
    /// </summary>
    public static bool Beats(this Direction direction, double score, double other)
    {
        if (!double.IsFinite(score))
        {
            return false;
        }

        if (!double.IsFinite(other))
        {
            return true;
        }

        return direction == Direction.Maximize ? score > other : score < other;
    }

    /// <summary>Whether <paramref name="score"/> reaches the threshold (inclusive: the threshold is the bar itself).</summary>
    public static bool Reaches(this Direction direction, double score, double threshold) =>
        double.IsFinite(score) && (direction == Direction.Maximize ? score >= threshold : score <= threshold);

    public static string Name(this Direction direction) => direction == Direction.Maximize ? "maximize" : "minimize";

    public static string BetterSymbol(this Direction direction) => direction == Direction.Maximize ? ">" : "<";

    public static string ReachSymbol(this Direction direction) => direction == Direction.Maximize ? ">=" : "<=";

    public static Direction? Parse(string text) => text switch
    {
        "maximize" => Direction.Maximize,
        "minimize" => Direction.Minimize,
        _ => null,
    };
}
