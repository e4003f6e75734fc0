using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Pipeline.Core.Canonical;
using Pipeline.Core.Diagnostics;

namespace Pipeline.Core.Artifacts;

/// <summary>
/// The folder manifest that travels with the weights: <c>pipeline artifact manifest DIR</c> writes it on the training
/// machine as <c>DIR/pipeline-manifest.json</c> (uploaded with the folder), <c>register --artifact URI
/// --artifact-manifest FILE</c> records it. Its entries are the record's <c>manifest</c>, one format for both, and
/// its digest is recomputed on read (<see cref="ArtifactDigest.ManifestDigest"/>), never trusted from the file.
/// </summary>
public static class ArtifactManifestFile
{
    /// <summary>The manifest's own name; at a folder's root it is never part of the folder's content.</summary>
    public const string FileName = "pipeline-manifest.json";

    public const string Schema = "pipeline-artifact-manifest-v1";

    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Write(IReadOnlyList<ManifestEntry> manifest)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            w.WriteStartObject();
            w.WriteString("schema", Schema);
            w.WriteString("sha256", ArtifactDigest.ManifestDigest(manifest));
            w.WriteNumber("size", manifest.Sum(e => e.Size));
            w.WriteStartArray("files");
            foreach (var e in manifest)
            {
                w.WriteStartObject();
                w.WriteString("path", e.Path);
                w.WriteString("sha256", e.Sha256);
                w.WriteNumber("size", e.Size);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    /// <summary>Reads and checks a manifest file: the folder artifact it describes at <paramref name="uri"/>.</summary>
    public static Artifact Read(string file, string uri)
    {
        if (JsonReader.ParseFile(file) is not ObjectValue root)
        {
            throw Invalid("a manifest must be a JSON object", file, 1);
        }

        if (root["schema"] is not StringValue { Value: Schema })
        {
            throw Invalid($"'schema' must be \"{Schema}\"", file, root.LineOf("schema") is > 0 and var l ? l : root.Line);
        }

        if (root["files"] is not ArrayValue files)
        {
            throw Invalid("'files' must be a list", file, root.LineOf("files") is > 0 and var l ? l : root.Line);
        }

        var entries = new List<ManifestEntry>();
        foreach (var item in files.Items)
        {
            if (item is not ObjectValue e || e["path"] is not StringValue path || e["sha256"] is not StringValue sha
                || e["size"] is not IntegerValue size || size.Value < 0)
            {
                throw Invalid("each file needs 'path' (string), 'sha256' (string) and 'size' (integer >= 0)", file, item.Line);
            }

            if (ManifestPath.Problem(path.Value) is { } problem)
            {
                throw Invalid($"path {Quoted(path.Value)} {problem}", file, item.Line);
            }

            if (!ArtifactSha256.IsValid(sha.Value))
            {
                throw Invalid($"sha256 of {Quoted(path.Value)} is not 64 lowercase hexadecimal digits", file, item.Line);
            }

            if (entries.Count > 0 && string.CompareOrdinal(entries[^1].Path, path.Value) >= 0)
            {
                throw Invalid($"{Quoted(path.Value)} is out of order or repeated (paths are sorted by code unit, each once)", file, item.Line);
            }

            entries.Add(new ManifestEntry(path.Value, sha.Value, (long)size.Value));
        }

        if (entries.Count == 0)
        {
            throw Invalid("the manifest lists no files", file, files.Line);
        }

        var digest = ArtifactDigest.ManifestDigest(entries);
        if (root["sha256"] is StringValue stated && !string.Equals(stated.Value, digest, StringComparison.Ordinal))
        {
            throw Invalid(
                $"'sha256' {stated.Value} is not the digest of the listed files ({digest}): the file was edited",
                file,
                root.LineOf("sha256"));
        }

        return new Artifact(uri, digest, entries.Sum(e => e.Size), entries);
    }

    private static string Quoted(string path)
    {
        var sb = new StringBuilder("'");
        foreach (var c in path)
        {
            sb.Append(char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString());
        }

        return sb.Append('\'').ToString();
    }

    private static PipelineException Invalid(string message, string file, int line) =>
        new(PipeCodes.ManifestInvalid, message, file, line > 0 ? line : null);
}
