using System.Text.RegularExpressions;

namespace Pipeline.Core.Verify;

/// <summary>
/// Recognises version records (<c>registry/&lt;model&gt;/v&lt;semver&gt;.json</c>) among changed paths. Model names may
/// contain '/', so the version is the last segment; the run ledger and model.json are not version records.
/// </summary>
public static partial class RecordPath
{
    public static (string Model, string Version)? Parse(string path, string registryDir = "registry")
    {
        var prefix = registryDir.TrimEnd('/') + "/";
        if (!path.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = path[prefix.Length..];
        var slash = rest.LastIndexOf('/');
        if (slash <= 0)
        {
            return null;
        }

        var model = rest[..slash];
        var file = rest[(slash + 1)..];
        if (model == "runs" || model.StartsWith("runs/", StringComparison.Ordinal))
        {
            return null;
        }

        var m = VersionFile().Match(file);
        return m.Success ? (model, m.Groups[1].Value) : null;
    }

    [GeneratedRegex(@"^(v(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?)\.json$")]
    private static partial Regex VersionFile();
}
