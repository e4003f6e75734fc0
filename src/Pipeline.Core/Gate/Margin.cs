using Pipeline.Core.Sweep;

namespace Pipeline.Core.Gate;

/// <summary>
/// A margin over (or a tolerance below) the champion's score: an absolute amount in the metric's units, or a fraction
/// of the champion's score. Written <c>0.01</c> or <c>{absolute: 0.01}</c>, or <c>{relative: 0.02}</c> (2 %).
/// </summary>
public sealed record Margin(double Amount, bool Relative)
{
    /// <summary>The margin in the metric's units against a champion score (relative: a fraction of its magnitude).</summary>
    public decimal Against(double champion) =>
        Relative ? Exact.Of(Amount) * Math.Abs(Exact.Of(champion)) : Exact.Of(Amount);

    public override string ToString() => Relative ? $"{Exact.Format(Exact.Of(Amount) * 100)}%" : Evidence.Format(Amount);
}

/// <summary>
/// Score arithmetic on the decimal values as written: scores are decimal text in eval JSON, and 7.41 - 7.40 in binary
/// floating point is 0.00999…, which would fail a 0.01 margin the reader sees as met.
/// </summary>
internal static class Exact
{
    public static decimal Of(double d) =>
        decimal.TryParse(d.ToString("R", System.Globalization.CultureInfo.InvariantCulture), System.Globalization.NumberStyles.Float,
            System.Globalization.CultureInfo.InvariantCulture, out var m)
            ? m
            : (decimal)Math.Clamp(d, (double)decimal.MinValue / 2, (double)decimal.MaxValue / 2);

    /// <summary>How much better <paramref name="score"/> is than <paramref name="reference"/> (negative: worse).</summary>
    public static decimal Gain(Direction direction, double score, double reference) =>
        direction == Direction.Maximize ? Of(score) - Of(reference) : Of(reference) - Of(score);

    public static string Format(decimal d) => d.ToString(System.Globalization.CultureInfo.InvariantCulture) is var s && s.Contains('.')
        ? s.TrimEnd('0').TrimEnd('.')
        : s;
}
