using Pipeline.Core.Diagnostics;

namespace Pipeline.Core.Tracking;

/// <summary>Method and experiment names: short, path-safe words, so they can group folders, tables and CI outputs.</summary>
public static class RunNames
{
    public static bool IsValid(string name) =>
        name.Length is > 0 and <= 100
        && !name.Contains("..", StringComparison.Ordinal)
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or '/');

    public static void RequireOptional(string? name, string field, string? file = null)
    {
        if (name is not null && !IsValid(name))
        {
            throw new PipelineException(
                PipeCodes.RunFieldInvalid,
                $"{field} '{name}' refused: use letters, digits, '_', '-', '.', '/' (at most 100, no '..')",
                file);
        }
    }
}
