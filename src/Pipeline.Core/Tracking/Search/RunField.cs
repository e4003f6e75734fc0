using System.Globalization;
using Pipeline.Core.Canonical;

namespace Pipeline.Core.Tracking.Search;

public enum RunFieldKind
{
    Param,
    Metric,
    Eval,
    Tag,
    Attribute,
}

/// <summary>
/// A field of a run named the way MLflow's search names it: <c>params.lr</c>, <c>metrics.loss</c> (the last value) or
/// <c>metrics.loss.min</c> (a summary: last, min, max, count, nan, inf), <c>evals.mmlu.acc</c> (suite, score) or
/// <c>evals.acc</c> (the first suite that has it), <c>tags.method</c>, <c>attributes.status</c> (or just
/// <c>status</c>). Segments with other characters are back-quoted: <c>metrics.`train/loss`.min</c> is not needed for
/// '/' but is for '.'.
/// </summary>
public sealed record RunField(RunFieldKind Kind, string Key, string? Sub, string Display)
{
    public static readonly IReadOnlyList<string> Stats = ["last", "min", "max", "count", "nan", "inf"];

    public static readonly IReadOnlyList<string> Attributes =
        ["id", "name", "status", "experiment", "method", "start", "end", "points", "fingerprint", "commit"];

    /// <summary>Parses one field name on its own (a --sort or --columns entry).</summary>
    public static RunField Parse(string text)
    {
        var i = 0;
        var segments = FilterLexer.Identifier(text, ref i);
        if (i != text.Length)
        {
            throw RunFilter.Error(text, i + 1, $"unexpected '{text[i..]}' after the field name");
        }

        return From(segments, text, 1, text);
    }

    internal static RunField From(IReadOnlyList<string> segments, string source, int column, string display)
    {
        var head = segments[0];
        var rest = segments.Skip(1).ToArray();
        switch (head)
        {
            case "params" or "param":
                Need(rest, source, column, "params.<key>");
                return new RunField(RunFieldKind.Param, string.Join('.', rest), null, display);
            case "tags" or "tag":
                Need(rest, source, column, "tags.<key>");
                return new RunField(RunFieldKind.Tag, string.Join('.', rest), null, display);
            case "metrics" or "metric":
                Need(rest, source, column, "metrics.<key>[.last|min|max|count|nan|inf]");
                return rest.Length >= 2 && Stats.Contains(rest[^1])
                    ? new RunField(RunFieldKind.Metric, string.Join('.', rest[..^1]), rest[^1], display)
                    : new RunField(RunFieldKind.Metric, string.Join('.', rest), "last", display);
            case "evals" or "eval":
                Need(rest, source, column, "evals.<suite>.<score> or evals.<score>");
                return rest.Length == 1
                    ? new RunField(RunFieldKind.Eval, rest[0], null, display)
                    : new RunField(RunFieldKind.Eval, string.Join('.', rest[1..]), rest[0], display);
            case "attributes" or "attribute" or "attr":
                Need(rest, source, column, "attributes.<name>");
                return Attribute(string.Join('.', rest), source, column, display);
            default:
                if (segments.Count == 1)
                {
                    return Attribute(head, source, column, display);
                }

                throw RunFilter.Error(source, column, $"'{display}' names no field: start with params., metrics., evals., tags. or attributes.");
        }
    }

    private static RunField Attribute(string name, string source, int column, string display)
    {
        var canonical = name switch
        {
            "run_name" => "name",
            "run_id" => "id",
            "start_time" => "start",
            "end_time" => "end",
            "code_commit" => "commit",
            _ => name,
        };
        if (!Attributes.Contains(canonical))
        {
            throw RunFilter.Error(source, column, $"unknown attribute '{name}' (one of {string.Join(", ", Attributes)})");
        }

        return new RunField(RunFieldKind.Attribute, canonical, null, display);
    }

    private static void Need(string[] rest, string source, int column, string shape)
    {
        if (rest.Length == 0)
        {
            throw RunFilter.Error(source, column, $"a key is missing: write {shape}");
        }
    }

    /// <summary>The value of this field for one run; <paramref name="aliases"/> maps a series name to the names sources use.</summary>
    public FieldValue Read(RunRecord run, MetricNames? aliases = null) => Kind switch
    {
        RunFieldKind.Param => ReadParam(run.Params),
        RunFieldKind.Tag => run.Tags.TryGetValue(Key, out var tag) ? FieldValue.Of(tag) : FieldValue.Missing,
        RunFieldKind.Metric => ReadMetric(run, aliases),
        RunFieldKind.Eval => ReadEval(run),
        _ => ReadAttribute(run),
    };

    private FieldValue ReadParam(ObjectValue parameters)
    {
        // A flat key first (MLflow-style "optimizer.lr"), then the nested path.
        if (parameters[Key] is { } flat)
        {
            return FromValue(flat);
        }

        Value? current = parameters;
        foreach (var segment in Key.Split('.'))
        {
            current = current is ObjectValue o ? o[segment] : null;
            if (current is null)
            {
                return FieldValue.Missing;
            }
        }

        return FromValue(current);
    }

    private static FieldValue FromValue(Value value) => value switch
    {
        IntegerValue i => FieldValue.Of((double)i.Value, i.Value.ToString(CultureInfo.InvariantCulture)),
        FloatValue f => FieldValue.Of(f.Value, PythonFloat.Repr(f.Value)),
        StringValue s => FieldValue.Of(s.Value),
        BoolValue b => FieldValue.Of(b.Value ? "true" : "false"),
        NullValue => FieldValue.Of("null"),
        _ => FieldValue.Of(CanonicalJson.Write(value)),
    };

    private FieldValue ReadMetric(RunRecord run, MetricNames? aliases)
    {
        MetricSummary? summary = null;
        foreach (var name in aliases?.SourceNames(Key) ?? [Key])
        {
            if (run.Metrics.TryGetValue(name, out summary))
            {
                break;
            }
        }

        if (summary is null)
        {
            return FieldValue.Missing;
        }

        double? value = Sub switch
        {
            "min" => summary.Min,
            "max" => summary.Max,
            "count" => summary.Count,
            "nan" => summary.NaN,
            "inf" => summary.Inf,
            _ => summary.Last,
        };
        return value is { } v ? FieldValue.Of(v, RunComparison.Number(v)) : FieldValue.Missing;
    }

    private FieldValue ReadEval(RunRecord run)
    {
        foreach (var e in run.Evals)
        {
            if ((Sub is null || e.Suite.Name == Sub) && e.Scores.TryGetValue(Key, out var score))
            {
                return FieldValue.Of(score, RunComparison.Number(score));
            }
        }

        return FieldValue.Missing;
    }

    private FieldValue ReadAttribute(RunRecord run) => Key switch
    {
        "id" => FieldValue.Of(run.Id),
        "name" => FieldValue.Of(run.Name),
        "status" => FieldValue.Of(RunLedger.EffectiveStatus(run).Name()),
        "experiment" => run.Experiment is { } x ? FieldValue.Of(x) : FieldValue.Missing,
        "method" => run.Method is { } m ? FieldValue.Of(m) : FieldValue.Missing,
        "start" => Time(run.Start),
        "end" => run.End is { } end ? Time(end) : FieldValue.Missing,
        "points" => FieldValue.Of(run.SeriesPoints, run.SeriesPoints.ToString(CultureInfo.InvariantCulture)),
        "fingerprint" => run.Fingerprint is { } f ? FieldValue.Of(f) : FieldValue.Missing,
        "commit" => run.Lineage?["code_commit"] is StringValue c ? FieldValue.Of(c.Value) : FieldValue.Missing,
        _ => FieldValue.Missing,
    };

    // A time compares as text in ISO 8601 UTC ('2026-11-01' < '2026-11-01T…'), or as a number in Unix milliseconds
    // (what MLflow's start_time holds).
    private static FieldValue Time(DateTimeOffset t) =>
        FieldValue.Of(t.ToUnixTimeMilliseconds(), t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
}
