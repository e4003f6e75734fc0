using Pipeline.Core.Diagnostics;

namespace Pipeline.Core.Tracking;

/// <summary>
/// MLflow's key rules (<c>mlflow/utils/validation.py</c>) for params, metrics and tags: <c>[/\w.\- ]</c>, at most 250
/// characters, and already a normalised relative path. The path rule matters because keys become file names in
/// MLflow and DVCLive layouts (<c>metrics/train/loss</c>); a key such as <c>../x</c> would escape the run folder when
/// a record is exported back to those tools.
/// </summary>
public static class MetricKeys
{
    public const int MaxLength = 250;

    /// <summary>Null when the key is acceptable, otherwise why not (for the error that names it).</summary>
    public static string? Problem(string key)
    {
        if (key.Length == 0)
        {
            return "empty";
        }

        if (key.Length > MaxLength)
        {
            return $"{key.Length} characters, more than {MaxLength}";
        }

        foreach (var c in key)
        {
            if (!(char.IsLetterOrDigit(c) || c is '_' or '-' or '.' or ' ' or '/'))
            {
                return $"character '{(char.IsControl(c) ? $"U+{(int)c:X4}" : c.ToString())}' not allowed";
            }
        }

        if (key[0] == '/')
        {
            return "starts with '/'";
        }

        // posixpath.normpath(key) == key: no empty, '.' or '..' segments, no trailing '/'.
        foreach (var segment in key.Split('/'))
        {
            if (segment.Length == 0)
            {
                return "has an empty path segment ('//' or a trailing '/')";
            }

            if (segment is "." or "..")
            {
                return $"has a '{segment}' path segment";
            }
        }

        return null;
    }

    /// <summary>Throws one error naming EVERY refused key, so a user fixes them all in one go.</summary>
    public static void Require(IEnumerable<string> keys, string what, string? file = null)
    {
        var refused = new List<string>();
        foreach (var key in keys)
        {
            if (Problem(key) is { } why)
            {
                refused.Add($"'{Shorten(key)}' ({why})");
                if (refused.Count == 20)
                {
                    break;
                }
            }
        }

        if (refused.Count > 0)
        {
            throw new PipelineException(
                PipeCodes.MetricKeyInvalid,
                $"{what} key{(refused.Count > 1 ? "s" : "")} refused: {string.Join(", ", refused)}",
                file);
        }
    }

    public static void Require(string key, string what, string? file = null, int? line = null)
    {
        if (Problem(key) is { } why)
        {
            throw new PipelineException(PipeCodes.MetricKeyInvalid, $"{what} key refused: '{Shorten(key)}' ({why})", file, line);
        }
    }

    private static string Shorten(string key) => key.Length <= 80 ? key : key[..77] + "...";
}
