using System.Globalization;
using System.Text;

namespace Pipeline.Core.Charts;

/// <summary>
/// A Mermaid <c>xychart-beta</c> block (line and bar charts), which GitHub renders in PR comments, issues and step
/// summaries. Every text that reaches the block (title, axis names, category labels) goes through
/// <see cref="Label"/>: model names, metric keys and run ids come from users, and a quote, a newline, a backtick fence
/// or Mermaid's <c>%%</c>/<c>#…;</c> syntax must not end the string, the block or the Markdown around it. Only finite
/// numbers are written; Mermaid would refuse the whole chart for a NaN.
/// </summary>
public sealed class MermaidXyChart
{
    public const int MaxLabel = 40;

    private readonly StringBuilder body = new();

    public MermaidXyChart(string title)
    {
        body.Append("xychart-beta\n").Append("    title \"").Append(Label(title, 80)).Append("\"\n");
    }

    /// <summary>Categorical x axis: one label per point, in order.</summary>
    public MermaidXyChart XAxis(string? name, IEnumerable<string> categories)
    {
        body.Append("    x-axis ");
        if (name is { Length: > 0 })
        {
            body.Append('"').Append(Label(name)).Append("\" ");
        }

        body.Append('[').Append(string.Join(", ", categories.Select(c => $"\"{Label(c)}\""))).Append("]\n");
        return this;
    }

    public MermaidXyChart YAxis(string name, double? min = null, double? max = null)
    {
        body.Append("    y-axis \"").Append(Label(name)).Append('"');
        if (min is { } lo && max is { } hi && double.IsFinite(lo) && double.IsFinite(hi) && hi > lo)
        {
            body.Append(' ').Append(Number(lo)).Append(" --> ").Append(Number(hi));
        }

        body.Append('\n');
        return this;
    }

    public MermaidXyChart Bar(IEnumerable<double> values) => Series("bar", values);

    public MermaidXyChart Line(IEnumerable<double> values) => Series("line", values);

    /// <summary>The fenced block, ready to paste into Markdown.</summary>
    public string ToMarkdown() => "```mermaid\n" + body + "```\n";

    /// <summary>
    /// A label Mermaid and Markdown read as plain text: ASCII letters, digits and <c> _.,:/@+-=()</c> kept, anything
    /// else (quotes, backticks, newlines, #, %, ;, brackets, non-ASCII) becomes '_', runs of '_' collapse, and the
    /// result is at most <paramref name="max"/> characters (never empty).
    /// </summary>
    public static string Label(string? text, int max = MaxLabel)
    {
        var clean = new StringBuilder();
        foreach (var c in text ?? "")
        {
            var keep = c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9')
                or ' ' or '_' or '.' or ',' or ':' or '/' or '@' or '+' or '-' or '=' or '(' or ')';
            var next = keep ? c : '_';
            if (next == '_' && clean.Length > 0 && clean[^1] == '_')
            {
                continue;
            }

            clean.Append(next);
            if (clean.Length >= max)
            {
                break;
            }
        }

        var label = clean.ToString().Trim();
        return label.Length == 0 ? "_" : label;
    }

    /// <summary>A finite number in invariant culture, 6 significant digits (the chart cannot show more).</summary>
    public static string Number(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    private MermaidXyChart Series(string kind, IEnumerable<double> values)
    {
        var finite = values.ToArray();
        if (finite.Any(v => !double.IsFinite(v)))
        {
            throw new ArgumentException("Mermaid charts take finite values only; mark NaN/Inf points beside the chart", nameof(values));
        }

        body.Append("    ").Append(kind).Append(" [").Append(string.Join(", ", finite.Select(Number))).Append("]\n");
        return this;
    }
}
