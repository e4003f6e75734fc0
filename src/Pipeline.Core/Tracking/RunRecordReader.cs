using System.Globalization;
using Pipeline.Core.Artifacts;
using Pipeline.Core.Canonical;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Evals;

namespace Pipeline.Core.Tracking;

/// <summary>Reads a run record back; any field with the wrong shape is refused naming the field and its line.</summary>
public static class RunRecordReader
{
    public static RunRecord ReadFile(string path, string? displayName = null)
    {
        var name = displayName ?? path;
        return Read(JsonReader.ParseFile(path, name), name);
    }

    public static RunRecord Read(Value document, string file)
    {
        if (document is not ObjectValue o)
        {
            throw Invalid(file, document.Line, "a run record must be a JSON object");
        }

        var id = RequiredString(o, "id", file);
        if (!RunId.IsValid(id))
        {
            throw Invalid(file, o.LineOf("id"), $"field 'id' is not a valid run id: '{id}'");
        }

        var statusText = RequiredString(o, "status", file);
        if (!RunStatusNames.TryParse(statusText, out var status))
        {
            throw Invalid(file, o.LineOf("status"), $"field 'status' has unknown value '{statusText}'");
        }

        return new RunRecord
        {
            Id = id,
            Name = RequiredString(o, "name", file),
            Experiment = OptionalString(o, "experiment", file),
            Method = OptionalString(o, "method", file),
            Status = status,
            Start = RequiredTime(o, "start", file),
            End = o["end"] is null or NullValue ? null : RequiredTime(o, "end", file),
            Params = o["params"] as ObjectValue
                ?? (o["params"] is null ? new ObjectValue(Array.Empty<Member>()) : throw Invalid(file, o.LineOf("params"), "field 'params' must be " +
                    "an object")),
            Tags = ReadTags(o, file),
            Metrics = ReadMetrics(o, file),
            SeriesPoints = o["series"] is ObjectValue series && series["points"] is IntegerValue ? Long(series, "points", file, "series") : 0,
            SeriesStorage = o["series"] is ObjectValue stored && stored["storage"] is StringValue { Value: var store }
                ? new StoredSeries(store, RequiredString(stored, "sha256", file, "series.sha256"), Long(stored, "size", file, "series"))
                : null,
            CompactSeries = o["series"] is ObjectValue named
                && named["path"] is StringValue { Value: var seriesPath }
                && seriesPath.EndsWith(CompactSeries.Suffix, StringComparison.Ordinal),
            Artifacts = ReadArtifacts(o, file),
            Lineage = o["lineage"] as ObjectValue,
            Fingerprint = OptionalString(o, "fingerprint", file),
            Evals = ReadEvals(o, file),
            Origin = o["origin"] is ObjectValue origin
                ? new RunOrigin(
                    RequiredString(origin, "format", file, "origin.format"),
                    RequiredString(origin, "path", file, "origin.path"),
                    OptionalString(origin, "external_id", file),
                    OptionalString(origin, "digest", file))
                : null,
            Writer = o["writer"] is ObjectValue writer && writer["pid"] is IntegerValue pid
                ? new RunWriter(OptionalString(writer, "host", file) ?? "", pid.Value >= int.MinValue && pid.Value <= int.MaxValue
                    ? (int)pid.Value
                    : throw Invalid(file, writer.LineOf("pid"), "field 'writer.pid' must be a process id"))
                : null,
        };
    }

    public static double Number(Value value, string file, string field) => value switch
    {
        IntegerValue i => (double)i.Value,
        FloatValue f => f.Value,
        StringValue s when SeriesNumber.TryParseNonFinite(s.Value, out var d) => d,
        _ => throw Invalid(file, value.Line, $"field '{field}' must be a number (or \"NaN\", \"Infinity\", \"-Infinity\")"),
    };

    private static IReadOnlyDictionary<string, string> ReadTags(ObjectValue o, string file)
    {
        var tags = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (o["tags"] is ObjectValue t)
        {
            foreach (var m in t.Members)
            {
                tags[m.Key] = m.Value is StringValue s ? s.Value : throw Invalid(file, m.Line, $"tag 'tags.{m.Key}' must be a string");
            }
        }

        return tags;
    }

    private static IReadOnlyDictionary<string, MetricSummary> ReadMetrics(ObjectValue o, string file)
    {
        var metrics = new SortedDictionary<string, MetricSummary>(StringComparer.Ordinal);
        if (o["metrics"] is not ObjectValue m)
        {
            return metrics;
        }

        foreach (var member in m.Members)
        {
            var field = "metrics." + member.Key;
            if (member.Value is not ObjectValue s)
            {
                throw Invalid(file, member.Line, $"field '{field}' must be an object");
            }

            metrics[member.Key] = new MetricSummary(
                Number(s["last"] ?? Value.Null, file, field + ".last"),
                Long(s, "last_step", file, field),
                s["min"] is null or NullValue ? null : Number(s["min"]!, file, field + ".min"),
                s["max"] is null or NullValue ? null : Number(s["max"]!, file, field + ".max"),
                Long(s, "count", file, field),
                s["nan"] is null ? 0 : Long(s, "nan", file, field),
                s["inf"] is null ? 0 : Long(s, "inf", file, field));
        }

        return metrics;
    }

    private static IReadOnlyList<Artifact> ReadArtifacts(ObjectValue o, string file)
    {
        if (o["artifacts"] is not ArrayValue a)
        {
            return [];
        }

        var list = new List<Artifact>();
        foreach (var item in a.Items)
        {
            if (item is not ObjectValue art)
            {
                throw Invalid(file, item.Line, "each of 'artifacts' must be an object");
            }

            IReadOnlyList<ManifestEntry>? manifest = null;
            if (art["manifest"] is ArrayValue entries)
            {
                manifest = entries.Items.OfType<ObjectValue>()
                    .Select(
                        e =>
                            new ManifestEntry(
                                RequiredString(e, "path", file, "manifest.path"),
                                RequiredString(e, "sha256", file, "manifest.sha256"),
                                Long(e, "size", file, "manifest")))
                    .ToArray();
            }

            list.Add(new Artifact(
                RequiredString(art, "uri", file, "artifacts.uri"),
                OptionalString(art, "sha256", file),
                art["size"] is IntegerValue ? Long(art, "size", file, "artifacts") : null,
                manifest));
        }

        return list;
    }

    private static IReadOnlyList<EvalResult> ReadEvals(ObjectValue o, string file)
    {
        if (o["evals"] is not ArrayValue a)
        {
            return [];
        }

        var list = new List<EvalResult>();
        foreach (var item in a.Items)
        {
            // Non-finite scores are stored as strings; EvalResult.From wants numbers, so read them here.
            if (item is ObjectValue e && e["scores"] is ObjectValue scores && e["suite"] is ObjectValue)
            {
                var map = scores.Members.ToDictionary(m => m.Key, m => Number(m.Value, file, "evals.scores." + m.Key), StringComparer.Ordinal);
                var parsed = EvalResult.From(
                    new ObjectValue(
                        e.Members.Select(m => m.Key == "scores" ? new Member("scores", new ObjectValue(Array.Empty<Member>()), m.Line) : m)
                            .ToArray()),
                    file);
                list.Add(parsed with { Scores = map });
            }
            else
            {
                list.Add(EvalResult.From(item, file));
            }
        }

        return list;
    }

    private static long Long(ObjectValue o, string key, string file, string field) =>
        o[key] is IntegerValue i && i.Value >= long.MinValue && i.Value <= long.MaxValue
            ? (long)i.Value
            : throw Invalid(file, o.LineOf(key) > 0 ? o.LineOf(key) : o.Line, $"field '{field}.{key}' must be an integer");

    private static string RequiredString(ObjectValue o, string key, string file, string? field = null) =>
        o[key] is StringValue s
            ? s.Value
            : throw Invalid(file, o.LineOf(key) > 0 ? o.LineOf(key) : o.Line, $"field '{field ?? key}' must be a string");

    private static string? OptionalString(ObjectValue o, string key, string file) => o[key] switch
    {
        null or NullValue => null,
        StringValue s => s.Value,
        var v => throw Invalid(file, v.Line, $"field '{key}' must be a string"),
    };

    private static DateTimeOffset RequiredTime(ObjectValue o, string key, string file)
    {
        var text = RequiredString(o, key, file);
        return DateTimeOffset.TryParse(
            text,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
            out var t)
            ? t
            : throw Invalid(file, o.LineOf(key), $"field '{key}' is not an ISO 8601 time: '{text}'");
    }

    private static PipelineException Invalid(string file, int line, string message) =>
        new(PipeCodes.RunRecordInvalid, message, file, line > 0 ? line : null);
}
