using System.Globalization;
using System.Text.RegularExpressions;

namespace Pipeline.Core.Gate;

/// <summary>Durations as gate.yaml writes them: <c>30m</c>, <c>24h</c>, <c>7d</c>, <c>1d12h</c> (units d, h, m, s).</summary>
public static partial class Durations
{
    public static TimeSpan? Parse(string text)
    {
        var m = Pattern().Match(text);
        if (!m.Success || text.Length == 0)
        {
            return null;
        }

        var total = TimeSpan.Zero;
        foreach (Capture part in m.Groups["part"].Captures)
        {
            var unit = part.Value[^1];
            if (!long.TryParse(part.Value[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n > 100_000)
            {
                return null;
            }

            total += unit switch
            {
                'd' => TimeSpan.FromDays(n),
                'h' => TimeSpan.FromHours(n),
                'm' => TimeSpan.FromMinutes(n),
                _ => TimeSpan.FromSeconds(n),
            };
        }

        return total;
    }

    public static string Format(TimeSpan t)
    {
        var parts = new List<string>();
        if (t.Days > 0)
        {
            parts.Add($"{t.Days}d");
        }

        if (t.Hours > 0)
        {
            parts.Add($"{t.Hours}h");
        }

        if (t.Minutes > 0)
        {
            parts.Add($"{t.Minutes}m");
        }

        if (t.Seconds > 0 || parts.Count == 0)
        {
            parts.Add($"{t.Seconds}s");
        }

        return string.Concat(parts);
    }

    [GeneratedRegex(@"^(?<part>[0-9]+[dhms])+$")]
    private static partial Regex Pattern();
}
