using System.Text.Json;
using Pipeline.Core.Canonical;
using Pipeline.Core.Diagnostics;

namespace Pipeline.Core.Artifacts;

/// <summary>
/// The one JSON form of an <see cref="Artifact"/>, shared by version records and run records, so a digest written by
/// either is read back and compared by verification the same way.
/// </summary>
public static class ArtifactJson
{
    /// <param name="explicitNulls">Version records spell out missing digests as null (every field on its own line,
    /// for findings that point at lines); run records leave them out.</param>
    public static void Write(Utf8JsonWriter w, Artifact? a, bool explicitNulls)
    {
        if (a is null)
        {
            w.WriteNullValue();
            return;
        }

        w.WriteStartObject();
        w.WriteString("uri", a.Uri);
        w.WriteString("kind", a.Kind);
        if (a.Sha256 is not null)
        {
            w.WriteString("sha256", a.Sha256);
        }
        else if (explicitNulls)
        {
            w.WriteNull("sha256");
        }

        if (a.Size is long size)
        {
            w.WriteNumber("size", size);
        }
        else if (explicitNulls)
        {
            w.WriteNull("size");
        }

        if (a.Manifest is not null)
        {
            w.WriteStartArray("manifest");
            foreach (var m in a.Manifest)
            {
                w.WriteStartObject();
                w.WriteString("path", m.Path);
                w.WriteString("sha256", m.Sha256);
                w.WriteNumber("size", m.Size);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        if (a.Dvc is { } d)
        {
            w.WriteStartObject("dvc");
            w.WriteString("file", d.File);
            w.WriteString("path", d.Path);
            w.WriteString("md5", d.Md5);
            Optional(w, "hash", d.HashName);
            Optional(w, "remote", d.Remote);
            Optional(w, "remote_url", d.RemoteUrl);
            Optional(w, "object", d.Object);
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    /// <summary>Reads the artifact object of a record (null for a JSON null or a missing field).</summary>
    public static Artifact? Read(Value? value, string file)
    {
        if (value is not ObjectValue a)
        {
            return null;
        }

        var manifest = a["manifest"] is ArrayValue items
            ? items.Items.Select(i => i is ObjectValue e
                ? new ManifestEntry(Str(e, "path", file)!, Str(e, "sha256", file)!, e["size"] is IntegerValue s ? (long)s.Value : 0)
                : throw Bad(a, "manifest", file, "entries must be objects")).ToArray()
            : null;
        var dvc = a["dvc"] is ObjectValue d
            ? new DvcArtifact(Str(d, "file", file)!, Str(d, "path", file)!, Str(d, "md5", file)!, Str(d, "hash", file, true),
                Str(d, "remote", file, true), Str(d, "remote_url", file, true), Str(d, "object", file, true))
            : null;
        return new Artifact(Str(a, "uri", file)!, Str(a, "sha256", file, true), a["size"] is IntegerValue size ? (long)size.Value : null, manifest)
        {
            Dvc = dvc,
        };
    }

    private static void Optional(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }

    private static string? Str(ObjectValue o, string key, string file, bool optional = false) => o[key] switch
    {
        StringValue s => s.Value,
        null or NullValue when optional => null,
        _ => throw Bad(o, key, file, "must be a string"),
    };

    private static PipelineException Bad(ObjectValue o, string key, string file, string what) =>
        new(PipeCodes.RecordInvalid, $"artifact field '{key}' {what}", file, o.LineOf(key) is > 0 and var l ? l : o.Line);
}
