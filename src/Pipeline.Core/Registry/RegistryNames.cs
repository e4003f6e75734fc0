using System.Text;
using System.Text.RegularExpressions;
using Pipeline.Core.Diagnostics;

namespace Pipeline.Core.Registry;

/// <summary>
/// Model and alias names (docs/design.md §3). Checked before a name reaches a path or a ref: a name is spliced into
/// <c>registry/&lt;model&gt;/</c> and <c>refs/tags/&lt;model&gt;@…</c>, so anything outside the grammar could escape the
/// folder (<c>..</c>), collide on case-insensitive disks (upper case), or form ref syntax (<c>@{</c>, spaces).
/// </summary>
public static partial class RegistryNames
{
    public const int MaxLength = 100;

    [GeneratedRegex("^[a-z0-9]([a-z0-9_/-]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    [GeneratedRegex("^v[0-9]", RegexOptions.CultureInvariant)]
    private static partial Regex VersionLike();

    public static bool IsValid(string? name) =>
        name is { Length: > 0 and <= MaxLength }
        && (IsPlain(name) || NamePattern().IsMatch(name))
        && !name.Contains("..", StringComparison.Ordinal)
        && !name.Contains("//", StringComparison.Ordinal);

    /// <summary>The name rule as a loop (list checks every tag's model); what it rejects is left to the regex.</summary>
    private static bool IsPlain(string name)
    {
        static bool Edge(char c) => char.IsAsciiDigit(c) || char.IsAsciiLetterLower(c);
        var plain = Edge(name[0]) && Edge(name[^1]);
        for (var i = 1; plain && i < name.Length - 1; i++)
        {
            plain = Edge(name[i]) || name[i] is '_' or '/' or '-';
        }

        return plain;
    }

    /// <summary>Returns the model name or throws PIPE0020/PIPE3021 naming what is wrong.</summary>
    public static string Model(string? name)
    {
        Check(name, "model");
        // The run ledger lives at registry/runs/: a model of that name (or under it) would mix with run records.
        if (name == "runs" || name!.StartsWith("runs/", StringComparison.Ordinal))
        {
            throw new PipelineException(PipeCodes.ReservedName, $"model name '{name}' is reserved (registry/runs/ holds the run ledger)");
        }

        return name;
    }

    /// <summary>Returns the alias name or throws PIPE0020/PIPE3021.</summary>
    public static string Alias(string? name)
    {
        Check(name, "alias");
        if (name == "latest" || VersionLike().IsMatch(name!))
        {
            throw new PipelineException(PipeCodes.ReservedName,
                $"alias '{name}' is reserved ('latest' and 'v<digits>…' would be read as versions by GTO and by 'show')");
        }

        return name!;
    }

    [GeneratedRegex("^(con|prn|aux|nul|com[0-9]|lpt[0-9])$", RegexOptions.CultureInvariant)]
    private static partial Regex WindowsDevice();

    /// <summary>
    /// Windows opens a device, not a file, for these names in any folder (and any extension): a record under
    /// <c>registry/con/</c> cannot be checked out there. Refused in every segment of model and alias names.
    /// </summary>
    public static bool IsWindowsReserved(string name) => name.Split('/').Any(segment => WindowsDevice().IsMatch(segment));

    private static void Check(string? name, string what)
    {
        if (IsValid(name))
        {
            if (IsWindowsReserved(name!))
            {
                throw new PipelineException(PipeCodes.ReservedName,
                    $"{what} name '{name}' has a segment Windows reserves for a device (con, prn, aux, nul, com0-9, lpt0-9): a clone on Windows " +
                    "could not hold it");
            }

            return;
        }

        var reason = name switch
        {
            null or "" => "it is empty",
            { Length: > MaxLength } => $"it has {name.Length} characters (at most {MaxLength})",
            _ when name.Contains("..", StringComparison.Ordinal) => "it contains '..'",
            _ when name.Contains("//", StringComparison.Ordinal) => "it contains '//'",
            _ when name.Any(char.IsUpper) => "it contains upper case (names must not collide on case-insensitive disks)",
            _ => "it has a character outside [a-z0-9_/-] or starts/ends with '_', '-' or '/'",
        };
        throw new PipelineException(PipeCodes.InvalidName, $"invalid {what} name '{Display(name)}': {reason}");
    }

    /// <summary>A name safe to print: control characters escaped and long names cut.</summary>
    public static string Display(string? name)
    {
        if (name is null)
        {
            return "";
        }

        var sb = new StringBuilder();
        foreach (var c in name.Length > 60 ? name[..60] : name)
        {
            if (char.IsControl(c))
            {
                sb.Append($"\\u{(int)c:x4}");
            }
            else
            {
                sb.Append(c);
            }
        }

        return name.Length > 60 ? sb + "…" : sb.ToString();
    }
}
