namespace Pipeline.Core.Tracking;

/// <summary>
/// Largest-Triangle-Three-Buckets (Steinarsson, 2013): keeps the visual shape of a line with at most
/// <c>threshold</c> points out of millions. The first and last points are always kept; each bucket in between
/// contributes the one point that spans the largest triangle with the previously kept point and the next bucket's
/// average. Used by the HTML report and the PR comment's charts. Non-finite values are not passed in: callers mark
/// NaN/Inf points separately so a diverged step is never smoothed away.
/// </summary>
public static class Lttb
{
    /// <summary>Indices (ascending) of the points to keep; all of them when there are no more than <paramref name="threshold"/>.</summary>
    public static int[] Select(IReadOnlyList<double> x, IReadOnlyList<double> y, int threshold)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threshold, 3);
        if (x.Count != y.Count)
        {
            throw new ArgumentException("x and y differ in length", nameof(y));
        }

        var n = x.Count;
        if (n <= threshold)
        {
            return Enumerable.Range(0, n).ToArray();
        }

        var kept = new int[threshold];
        kept[0] = 0;
        var every = (double)(n - 2) / (threshold - 2);
        var a = 0;
        for (var i = 0; i < threshold - 2; i++)
        {
            // The next bucket's average is the third corner of the triangle.
            var nextStart = (int)Math.Floor((i + 1) * every) + 1;
            var nextEnd = Math.Min((int)Math.Floor((i + 2) * every) + 1, n);
            double avgX = 0, avgY = 0;
            for (var j = nextStart; j < nextEnd; j++)
            {
                avgX += x[j];
                avgY += y[j];
            }

            var count = Math.Max(nextEnd - nextStart, 1);
            avgX /= count;
            avgY /= count;

            var start = (int)Math.Floor(i * every) + 1;
            var end = (int)Math.Floor((i + 1) * every) + 1;
            var best = start;
            var bestArea = -1.0;
            for (var j = start; j < end; j++)
            {
                var area = Math.Abs(((x[a] - avgX) * (y[j] - y[a])) - ((x[a] - x[j]) * (avgY - y[a])));
                if (area > bestArea)
                {
                    bestArea = area;
                    best = j;
                }
            }

            kept[i + 1] = best;
            a = best;
        }

        kept[threshold - 1] = n - 1;
        return kept;
    }
}
