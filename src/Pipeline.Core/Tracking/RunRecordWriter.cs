using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Pipeline.Core.Artifacts;
using Pipeline.Core.Canonical;
using Pipeline.Core.Evals;

namespace Pipeline.Core.Tracking;

/// <summary>
/// Writes a <see cref="RunRecord"/> as indented JSON with a fixed member order, so two records diff line by line
/// in a PR and the same run always serialises to the same bytes. See schemas/run-record.schema.json.
/// </summary>
public static class RunRecordWriter
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static byte[] ToUtf8(RunRecord run)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            Write(w, run);
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    public static void Write(Utf8JsonWriter w, RunRecord run)
    {
        w.WriteStartObject();
        w.WriteString("schema", RunRecord.SchemaId);
        w.WriteString("id", run.Id);
        w.WriteString("name", run.Name);
        WriteOptional(w, "experiment", run.Experiment);
        WriteOptional(w, "method", run.Method);
        w.WriteString("status", run.Status.Name());
        w.WriteString("start", Time(run.Start));
        if (run.End is { } end)
        {
            w.WriteString("end", Time(end));
        }
        else
        {
            w.WriteNull("end");
        }

        w.WritePropertyName("params");
        ValueJson.Write(w, run.Params);

        w.WriteStartObject("tags");
        foreach (var (k, v) in run.Tags.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            w.WriteString(k, v);
        }

        w.WriteEndObject();

        w.WriteStartObject("metrics");
        foreach (var (k, s) in run.Metrics.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            w.WritePropertyName(k);
            WriteSummary(w, s);
        }

        w.WriteEndObject();

        w.WriteStartObject("series");
        w.WriteString("path", run.SeriesFile);
        w.WriteNumber("points", run.SeriesPoints);
        if (run.SeriesStorage is { } stored)
        {
            w.WriteString("storage", stored.Store);
            w.WriteString("sha256", stored.Sha256);
            w.WriteNumber("size", stored.Size);
        }

        w.WriteEndObject();

        w.WriteStartArray("artifacts");
        foreach (var a in run.Artifacts)
        {
            ArtifactJson.Write(w, a, explicitNulls: false);
        }

        w.WriteEndArray();

        if (run.Lineage is not null)
        {
            w.WritePropertyName("lineage");
            ValueJson.Write(w, run.Lineage);
        }

        WriteOptional(w, "fingerprint", run.Fingerprint);

        w.WriteStartArray("evals");
        foreach (var e in run.Evals)
        {
            EvalResultJson.Write(w, e);
        }

        w.WriteEndArray();

        if (run.Origin is { } o)
        {
            w.WriteStartObject("origin");
            w.WriteString("format", o.Format);
            w.WriteString("path", o.Path);
            WriteOptional(w, "external_id", o.ExternalId);
            WriteOptional(w, "digest", o.Digest);
            w.WriteEndObject();
        }

        if (run.Writer is { } writer)
        {
            w.WriteStartObject("writer");
            w.WriteString("host", writer.Host);
            w.WriteNumber("pid", writer.Pid);
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    public static void WriteSummary(Utf8JsonWriter w, MetricSummary s)
    {
        w.WriteStartObject();
        w.WritePropertyName("last");
        WriteNumber(w, s.Last);
        w.WriteNumber("last_step", s.LastStep);
        w.WritePropertyName("min");
        if (s.Min is { } min)
        {
            WriteNumber(w, min);
        }
        else
        {
            w.WriteNullValue();
        }

        w.WritePropertyName("max");
        if (s.Max is { } max)
        {
            WriteNumber(w, max);
        }
        else
        {
            w.WriteNullValue();
        }

        w.WriteNumber("count", s.Count);
        w.WriteNumber("nan", s.NaN);
        w.WriteNumber("inf", s.Inf);
        w.WriteEndObject();
    }

    public static void WriteNumber(Utf8JsonWriter w, double value)
    {
        if (double.IsFinite(value))
        {
            w.WriteRawValue(SeriesNumber.FormatFinite(value), skipInputValidation: true);
        }
        else
        {
            w.WriteStringValue(SeriesNumber.NonFiniteText(value));
        }
    }

    public static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static void WriteOptional(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }
}
