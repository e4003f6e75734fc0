namespace Pipeline.Core.Artifacts;

/// <summary>
/// What a path inside a folder manifest may be: relative, '/'-separated, no empty, '.' or '..' segment, no control
/// character. A manifest read from an uploaded file is input from outside: a path such as <c>../../etc/passwd</c>
/// must never make <c>artifact verify</c> read outside the downloaded folder, and a newline must never make two
/// manifests print the same.
/// </summary>
public static class ManifestPath
{
    /// <summary>Why the path is refused, or null when it is fine.</summary>
    public static string? Problem(string path)
    {
        if (path.Length == 0)
        {
            return "is empty";
        }

        if (path.Any(char.IsControl))
        {
            return "contains a control character";
        }

        if (path.Contains('\\'))
        {
            return "contains '\\' (manifest paths use '/')";
        }

        if (path.StartsWith('/') || (path.Length > 1 && path[1] == ':'))
        {
            return "is absolute";
        }

        if (path.Split('/').Any(s => s is "" or "." or ".."))
        {
            return "has an empty, '.' or '..' segment";
        }

        return null;
    }
}
