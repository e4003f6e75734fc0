using System.Globalization;
using Pipeline.Core.Diagnostics;

namespace Pipeline.Core.Tracking;

/// <summary>Durations on the command line: a whole number and one unit, <c>90d</c>, <c>2w</c>, <c>12h</c>, <c>30m</c>, <c>45s</c>.</summary>
public static class Duration
{
    public static TimeSpan Parse(string text)
    {
        var t = text.Trim();
        if (t.Length >= 2 && long.TryParse(t.AsSpan(0, t.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= 100_000)
        {
            switch (t[^1])
            {
                case 'w': return TimeSpan.FromDays(7 * n);
                case 'd': return TimeSpan.FromDays(n);
                case 'h': return TimeSpan.FromHours(n);
                case 'm': return TimeSpan.FromMinutes(n);
                case 's': return TimeSpan.FromSeconds(n);
            }
        }

        throw new PipelineException(PipeCodes.DurationInvalid, $"'{text}' is not a duration like 90d, 2w, 12h, 30m");
    }
}
