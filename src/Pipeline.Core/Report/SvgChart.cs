using System.Text;

namespace Pipeline.Core.Report;

/// <summary>
/// An inline SVG line chart: step on x, value on y, one path per series drawn twice (linear and log10 y; the page's
/// toggle shows one), axis ticks, and a marker per NaN/±Inf point (red, at the top for NaN/+Inf, bottom for -Inf,
/// with a tooltip naming the step). No script is needed to see it.
/// </summary>
internal static class SvgChart
{
    private const int Width = 560;
    private const int Height = 220;
    private const int Left = 56;
    private const int Right = 12;
    private const int Top = 10;
    private const int Bottom = 26;

    public static readonly string[] Palette = ["#0969da", "#cf222e", "#1a7f37", "#8250df", "#bc4c00", "#1b7c83", "#bf3989", "#6e7781"];

    public static string Render(string id, string title, IReadOnlyList<ChartSeries> series) =>
        Render(new StringBuilder(), id, title, series).ToString();

    /// <summary>The chart appended to <paramref name="sb"/>: a run page's charts then never exist as strings of their own.</summary>
    public static StringBuilder Render(StringBuilder sb, string id, string title, IReadOnlyList<ChartSeries> series)
    {
        var finite = series.SelectMany(s => s.Points).ToArray();
        var all = series.SelectMany(s => s.Points.Concat(s.NonFinite)).ToArray();
        sb.Append("<figure class=\"chart\" id=\"").Append(Html.Text(id)).Append("\"><figcaption>").Append(Html.Text(title))
          .Append(" <label class=\"js-only\"><input type=\"checkbox\" class=\"logscale\" data-chart=\"")
              .Append(Html.Text(id))
              .Append("\"> log scale</label></figcaption>");
        sb.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").Append(Width).Append("\" height=\"").Append(Height)
          .Append("\" viewBox=\"0 0 ")
              .Append(Width)
              .Append(' ')
              .Append(Height)
              .Append("\" role=\"img\" aria-label=\"")
              .Append(Html.Text(title))
              .Append("\">");
        if (all.Length == 0)
        {
            return sb.Append("<text x=\"20\" y=\"40\">no points</text></svg></figure>");
        }

        var (x0, x1) = Range(all.Select(p => p.Step));
        var (y0, y1) = finite.Length > 0 ? Range(finite.Select(p => p.Value)) : (0, 1);
        var positive = finite.Where(p => p.Value > 0).Select(p => Math.Log10(p.Value)).ToArray();
        var (l0, l1) = positive.Length > 0 ? Range(positive) : (0, 1);
        double X(double step) => Left + ((step - x0) / (x1 - x0) * (Width - Left - Right));
        double Y(double v, double lo, double hi) => Top + ((1 - ((v - lo) / (hi - lo))) * (Height - Top - Bottom));

        // Axes and ticks.
        sb.Append("<line class=\"axis\" x1=\"")
            .Append(Left)
            .Append("\" y1=\"")
            .Append(Height - Bottom)
            .Append("\" x2=\"")
            .Append(Width - Right)
            .Append("\" y2=\"")
            .Append(Height - Bottom)
            .Append("\"/>");
        for (var i = 0; i <= 4; i++)
        {
            var step = x0 + ((x1 - x0) * i / 4);
            sb.Append("<text x=\"")
                .Append(Html.Num(X(step)))
                .Append("\" y=\"")
                .Append(Height - 8)
                .Append("\" text-anchor=\"middle\">")
                .Append(Tick(step))
                .Append("</text>");
            var lin = y0 + ((y1 - y0) * i / 4);
            var yy = Html.Num(Y(lin, y0, y1));
            sb.Append("<line class=\"grid\" x1=\"")
                .Append(Left)
                .Append("\" x2=\"")
                .Append(Width - Right)
                .Append("\" y1=\"")
                .Append(yy)
                .Append("\" y2=\"")
                .Append(yy)
                .Append("\"/>");
            sb.Append("<text class=\"lin\" x=\"")
                .Append(Left - 4)
                .Append("\" y=\"")
                .Append(yy)
                .Append("\" text-anchor=\"end\" dominant-baseline=\"middle\">")
                .Append(Tick(lin))
                .Append("</text>");
            var log = l0 + ((l1 - l0) * i / 4);
            sb.Append("<text class=\"log\" x=\"")
                .Append(Left - 4)
                .Append("\" y=\"")
                .Append(Html.Num(Y(log, l0, l1)))
                .Append("\" text-anchor=\"end\" dominant-baseline=\"middle\">")
                .Append(Tick(Math.Pow(10, log)))
                .Append("</text>");
        }

        for (var s = 0; s < series.Count; s++)
        {
            var line = series[s];
            var color = Palette[s % Palette.Length];
            sb.Append("<g data-series=\"").Append(s).Append("\">");
            // Loops, not LINQ: a large report draws tens of millions of coordinates.
            PathStart(sb, "line lin", color);
            var first = true;
            foreach (var p in line.Points)
            {
                Point(sb, ref first, X(p.Step), Y(p.Value, y0, y1));
            }

            PathStart(sb.Append("\"/>"), "line log", color);
            first = true;
            foreach (var p in line.Points)
            {
                if (p.Value > 0)
                {
                    Point(sb, ref first, X(p.Step), Y(Math.Log10(p.Value), l0, l1));
                }
            }

            sb.Append("\"/>");
            foreach (var (step, value) in line.NonFinite)
            {
                var y = value < 0 ? Height - Bottom - 6 : Top;
                var what = double.IsNaN(value) ? "NaN" : value > 0 ? "+Inf" : "-Inf";
                sb.Append("<path class=\"bad\" d=\"M").Append(Html.Num(X(step))).Append(',').Append(y).Append(" l-4,6 h8 z\"><title>")
                  .Append(Html.Text(line.Label)).Append(": ").Append(what).Append(" at step ").Append(Tick(step)).Append("</title></path>");
            }

            sb.Append("</g>");
        }

        sb.Append("</svg>");
        if (series.Count > 1 || series.Any(s => s.NonFinite.Count > 0 || s.Points.Count < s.Total - s.NonFinite.Count))
        {
            sb.Append("<div class=\"legend\">");
            for (var s = 0; s < series.Count; s++)
            {
                var line = series[s];
                sb.Append("<span style=\"color:").Append(Palette[s % Palette.Length]).Append("\">■ ").Append(Html.Text(line.Label)).Append("</span>");
                if (line.NonFinite.Count > 0)
                {
                    sb.Append("<span class=\"fail\">").Append(line.NonFinite.Count).Append(" non-finite</span>");
                }

                if (line.Points.Count < line.Total - line.NonFinite.Count)
                {
                    sb.Append("<span class=\"muted\">")
                        .Append(line.Points.Count)
                        .Append(" of ")
                        .Append(line.Total - line.NonFinite.Count)
                        .Append(" points (LTTB)</span>");
                }
            }

            sb.Append("</div>");
        }

        return sb.Append("</figure>");
    }

    private static void PathStart(StringBuilder sb, string css, string color) =>
        sb.Append("<path class=\"").Append(css).Append("\" stroke=\"").Append(color).Append("\" d=\"");

    private static void Point(StringBuilder sb, ref bool first, double x, double y)
    {
        sb.Append(first ? 'M' : 'L');
        Html.AppendNum(sb, x).Append(',');
        Html.AppendNum(sb, y);
        first = false;
    }

    private static (double Lo, double Hi) Range(IEnumerable<double> values)
    {
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        foreach (var v in values)
        {
            lo = Math.Min(lo, v);
            hi = Math.Max(hi, v);
        }

        if (!double.IsFinite(lo))
        {
            return (0, 1);
        }

        if (hi - lo < 1e-12)
        {
            // A flat line: give it a band so it is drawn mid-height, not on the axis.
            var pad = Math.Abs(lo) > 0 ? Math.Abs(lo) * 0.1 : 1;
            return (lo - pad, hi + pad);
        }

        return (lo, hi);
    }

    private static string Tick(double v) => Tracking.Search.ShortNumber.Format(Math.Abs(v) < 1e-12 ? 0 : v);
}
