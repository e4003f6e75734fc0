using Pipeline.Core.Diagnostics;

namespace Pipeline.Core.Tracking.Search;

/// <summary>
/// A run filter in MLflow's search grammar: comparisons joined by <c>and</c>. Operators <c>= != &lt; &lt;= &gt; &gt;=</c>,
/// <c>LIKE</c>/<c>ILIKE</c> ('%' any run of characters, '_' one character), <c>IN (…)</c> and <c>NOT IN (…)</c>.
/// A run that lacks a field never matches a clause on it (as in MLflow), so <c>params.lr != 1</c> keeps only runs
/// that have an lr.
/// </summary>
public sealed class RunFilter
{
    private RunFilter(string text, IReadOnlyList<FilterClause> clauses)
    {
        Text = text;
        Clauses = clauses;
    }

    public string Text { get; }

    public IReadOnlyList<FilterClause> Clauses { get; }

    public static RunFilter Parse(string text) => new(text, new FilterParser(text).ParseAll());

    public bool Matches(RunRecord run, MetricNames? names = null) => Clauses.All(c => c.Matches(run, names));

    /// <summary>The one error shape of the search grammar: the text, the column, and what was expected.</summary>
    internal static PipelineException Error(string text, int column, string message) =>
        new(PipeCodes.RunFilterInvalid, $"filter \"{text}\", column {column}: {message}",
            hint: "Write comparisons such as params.lr < 3e-5, metrics.loss.min < 0.5, tags.method = 'sft', status IN ('finished'), joined by " +
                "'and'.");
}
