using Pipeline.Core.Canonical;
using Pipeline.Core.Diagnostics;

namespace Pipeline.Core.Evals;

/// <summary>The eval suite a score was measured on. Scores are comparable only within one suite fingerprint.</summary>
public sealed record Suite(string Name, string Fingerprint);

/// <summary>
/// Evidence: a suite's scores bound to WHAT was evaluated (a model's lineage fingerprint or an artifact digest).
/// Only these count for selection and gating; a run's self-reported metrics never do (docs/design.md §5).
/// Shape: <c>{"suite": {"name": …, "fingerprint": …}, "evaluated": "…", "scores": {"metric": number}}</c>, plus
/// <c>producer</c> once Pipeline attached it in CI (<see cref="EvalProducer"/>).
/// </summary>
public sealed record EvalResult(Suite Suite, string Evaluated, IReadOnlyDictionary<string, double> Scores, string? Source = null)
{
    /// <summary>Which CI job attached this result (null: attached outside CI). See <see cref="EvalProducer.Stamp"/>.</summary>
    public EvalProducer? Producer { get; init; }

    public static EvalResult FromFile(string path) => From(JsonReader.ParseFile(path), path);

    public static EvalResult From(Value value, string file)
    {
        if (value is not ObjectValue obj)
        {
            throw Invalid(file, value.Line, "an eval result must be a JSON object with suite, evaluated and scores");
        }

        if (obj["suite"] is not ObjectValue suite)
        {
            throw Invalid(file, obj.LineOf("suite") is > 0 and var l ? l : obj.Line, "missing object 'suite' ({\"name\": …, \"fingerprint\": …})");
        }

        var name = RequiredString(suite, "name", file, "suite.name");
        var fingerprint = RequiredString(suite, "fingerprint", file, "suite.fingerprint");
        var evaluated = RequiredString(obj, "evaluated", file, "evaluated");
        if (obj["scores"] is not ObjectValue scores)
        {
            throw Invalid(file, obj.LineOf("scores") is > 0 and var l ? l : obj.Line, "missing object 'scores' (metric name → number)");
        }

        var map = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var m in scores.Members)
        {
            map[m.Key] = m.Value switch
            {
                IntegerValue i => (double)i.Value,
                FloatValue f => f.Value,
                _ => throw Invalid(file, m.Line, $"score 'scores.{m.Key}' must be a number"),
            };
        }

        var producer = obj["producer"] is { } p and not NullValue ? EvalProducer.From(p, file) : null;
        return new EvalResult(new Suite(name, fingerprint), evaluated, map, file) { Producer = producer };
    }

    /// <summary>Whether this result is evidence about <paramref name="subject"/> (a fingerprint or artifact digest).</summary>
    public bool Evaluates(string subject) =>
        string.Equals(Evaluated, subject, StringComparison.Ordinal)
        || string.Equals(Evaluated, "sha256:" + subject, StringComparison.Ordinal);

    private static string RequiredString(ObjectValue obj, string key, string file, string field) =>
        obj[key] is StringValue s && s.Value.Length > 0
            ? s.Value
            : throw Invalid(file, obj.LineOf(key) is > 0 and var l ? l : obj.Line, $"field '{field}' must be a non-empty string");

    private static PipelineException Invalid(string file, int line, string message) =>
        new(PipeCodes.EvalResultInvalid, message, file, line > 0 ? line : null);
}
