using Pipeline.Core.Canonical;
using Pipeline.Core.Diagnostics;

namespace Pipeline.Core.Dvc;

/// <summary>
/// One dep or out as DVC records it, reduced to what identifies the data: the repository-relative path and the hash
/// fields (<see cref="HashKeys"/>) present, as strings. Sizes, file counts and flags are left out: they follow from
/// the hash and would only make equal data look different.
/// </summary>
public sealed record DvcEntry(string Path, IReadOnlyList<KeyValuePair<string, string>> Hashes, string File, int Line)
{
    /// <summary>The fields copied into a data entry, in this order; docs/design.md §2.</summary>
    public static IReadOnlyList<string> HashKeys { get; } = ["md5", "etag", "checksum", "hash", "version_id"];

    /// <summary>True when some field identifies the content (the 'hash' field only names the algorithm).</summary>
    public bool HasContentHash => Hashes.Any(h => h.Key != "hash");

    /// <summary>The entry as it enters the data_version: {"path": …, "md5": …, …}.</summary>
    public ObjectValue ToValue() =>
        new([new Member("path", new StringValue(Path), 0), .. Hashes.Select(h => new Member(h.Key, new StringValue(h.Value), 0))]);

    /// <summary>Same path, same hash fields.</summary>
    public bool SameData(DvcEntry other) => Path == other.Path && Hashes.SequenceEqual(other.Hashes);

    public string Describe() => string.Join(", ", Hashes.Select(h => $"{h.Key}={h.Value}"));

    /// <summary>Reads a DATA mapping (path + hash fields); <paramref name="baseFolder"/> is where its path is relative to.</summary>
    internal static DvcEntry Read(Value node, string baseFolder, string file, string where, PipeCode invalid)
    {
        if (node is not ObjectValue obj || obj["path"] is not StringValue raw)
        {
            throw new PipelineException(invalid, $"{where} needs a 'path' string", file, node.Line);
        }

        var hashes = new List<KeyValuePair<string, string>>();
        foreach (var key in HashKeys)
        {
            if (obj[key] is { } v)
            {
                hashes.Add(new(key, AsString(v, file, $"{where}.{key}", invalid)));
            }
        }

        return new DvcEntry(DvcPath.Normalize(raw.Value, baseFolder, file, raw.Line), hashes, file, node.Line);
    }

    // "As strings" means Python's str() of what the YAML loader produced, so an unquoted all-digit etag still hashes
    // the way a Python reimplementation would hash it.
    private static string AsString(Value v, string file, string where, PipeCode invalid) => v switch
    {
        StringValue s => s.Value,
        IntegerValue i => i.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        FloatValue f => PythonFloat.Repr(f.Value),
        _ => throw new PipelineException(invalid, $"{where} must be a string", file, v.Line),
    };
}
