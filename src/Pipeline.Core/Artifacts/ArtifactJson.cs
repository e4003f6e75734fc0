using System.Text.Json;

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
        if (a.Sha256 is not null) w.WriteString("sha256", a.Sha256);
        else if (explicitNulls) w.WriteNull("sha256");
        if (a.Size is long size) w.WriteNumber("size", size);
        else if (explicitNulls) w.WriteNull("size");
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

        w.WriteEndObject();
    }
}
