using System.Globalization;
using System.Text;

namespace Pipeline.Tasks.Generation;

/// <summary>A C# regular string literal for any text: a registry value can never end the literal or inject code.</summary>
internal static class CSharpLiteral
{
    public static string Of(string? text)
    {
        var builder = new StringBuilder("\"");
        foreach (var c in text ?? "")
        {
            builder.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                _ when c < 0x20 || c > 0x7E => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }

        return builder.Append('"').ToString();
    }

    /// <summary>A namespace made only of identifier parts; anything else falls back to none (the global namespace).</summary>
    public static string? Namespace(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var parts = name.Split('.');
        return parts.All(IsIdentifier) ? name : null;
    }

    public static bool IsIdentifier(string part) =>
        part.Length > 0 && (char.IsLetter(part[0]) || part[0] == '_') && part.All(c => char.IsLetterOrDigit(c) || c == '_');
}
