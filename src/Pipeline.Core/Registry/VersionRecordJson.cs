using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Pipeline.Core.Artifacts;
using Pipeline.Core.Canonical;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Evals;
using Pipeline.Core.Lineage;

namespace Pipeline.Core.Registry;

/// <summary>
/// Writes and reads <see cref="VersionRecord"/> files. Fields are written in one fixed order, one per line
/// (indented), absent values as <c>null</c>, so a PR check can point at the line of a field and diffs stay small;
/// numbers go through <see cref="ValueJson"/> so a re-read lineage yields the same fingerprint.
/// </summary>
public static class VersionRecordJson
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static byte[] Write(VersionRecord r)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            w.WriteStartObject();
            w.WriteString("model", r.Model);
            w.WriteString("version", r.Version.ToString());
            w.WriteString("scheme", r.Scheme);
            w.WriteString("fingerprint", r.Fingerprint);
            w.WritePropertyName("lineage");
            ValueJson.Write(w, r.Lineage);
            w.WritePropertyName("lineage_sources");
            ValueJson.Write(w, r.LineageSources ?? Value.Null);
            w.WritePropertyName("artifact");
            ArtifactJson.Write(w, r.Artifact, explicitNulls: true);
            w.WriteStartArray("evals");
            foreach (var e in r.Evals)
            {
                EvalResultJson.Write(w, e);
            }

            w.WriteEndArray();
            w.WritePropertyName("metrics");
            ValueJson.Write(w, r.Metrics ?? Value.Null);
            if (r.Run is null)
            {
                w.WriteNull("run");
            }
            else
            {
                w.WriteString("run", r.Run);
            }

            if (r.Description is null)
            {
                w.WriteNull("description");
            }
            else
            {
                w.WriteString("description", r.Description);
            }

            w.WriteString("created_at", r.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            w.WriteString("created_by", r.CreatedBy);
            w.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    public static VersionRecord Read(ReadOnlySpan<byte> utf8, string file)
    {
        if (JsonReader.Parse(utf8, file) is not ObjectValue o)
        {
            throw new PipelineException(PipeCodes.RecordInvalid, "a version record must be a JSON object", file, 1);
        }

        var model = Str(o, "model", file)!;
        var version = SemVer.TryParse(Str(o, "version", file), out var v) ? v : throw Bad(o, "version", file, "is not a SemVer with 'v' prefix");
        var lineage = o["lineage"] as ObjectValue ?? throw Bad(o, "lineage", file, "must be an object");
        var evals = o["evals"] is ArrayValue a ? a.Items.Select(i => EvalResult.From(i, file)).ToArray() : [];
        var created = DateTimeOffset.TryParse(
            Str(o, "created_at", file, optional: true),
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal,
            out var t)
            ? t
            : DateTimeOffset.UnixEpoch;
        return new VersionRecord(
            model,
            version,
            Str(o, "fingerprint", file)!,
            Str(o, "scheme", file, optional: true) ?? LineageFields.Scheme,
            lineage,
            o["lineage_sources"] is { } ls and not NullValue ? ls : null,
            ArtifactJson.Read(o["artifact"], file),
            evals,
            o["metrics"] is { } m and not NullValue ? m : null,
            Str(o, "description", file, optional: true),
            created,
            Str(o, "created_by", file, optional: true) ?? "")
        {
            Run = Str(o, "run", file, optional: true),
        };
    }

    private static string? Str(ObjectValue o, string key, string file, bool optional = false) => o[key] switch
    {
        StringValue s => s.Value,
        null or NullValue when optional => null,
        _ => throw Bad(o, key, file, "must be a string"),
    };

    private static PipelineException Bad(ObjectValue o, string key, string file, string what) =>
        new(PipeCodes.RecordInvalid, $"field '{key}' {what}", file, o.LineOf(key) is > 0 and var l ? l : o.Line);

    /// <summary>UTF-8 text of a record (for tests and show).</summary>
    public static string Text(VersionRecord r) => Encoding.UTF8.GetString(Write(r));
}
