using System.Text;
using System.Text.Json;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace Pipeline.Tasks.Cli;

/// <summary>
/// Tolerant reading of the CLI's JSON: a missing or null field is "not given", never a crash, so a task keeps working
/// when a verb grows fields or leaves optional ones out. Numbers keep their JSON text (a score of 0.1 stays "0.1").
/// </summary>
internal static class Json
{
    private static readonly HashSet<string> ReservedMetadata = new(StringComparer.OrdinalIgnoreCase)
    {
        "FullPath", "RootDir", "Filename", "Extension", "RelativeDir", "Directory", "RecursiveDir", "Identity",
        "ModifiedTime", "CreatedTime", "AccessedTime", "DefiningProjectFullPath", "DefiningProjectDirectory",
        "DefiningProjectName", "DefiningProjectExtension",
    };

    public static JsonElement? Get(JsonElement element, params string[] path)
    {
        var current = element;
        foreach (var key in path)
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(key, out var next))
            {
                return null;
            }

            current = next;
        }

        return current.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined ? null : current;
    }

    /// <summary>The first of <paramref name="paths"/> that is present, as text.</summary>
    public static string? Text(JsonElement element, params string[][] paths)
    {
        foreach (var path in paths)
        {
            if (Get(element, path) is { } found)
            {
                return Text(found);
            }
        }

        return null;
    }

    public static string? String(JsonElement element, params string[] path) =>
        Get(element, path) is { } found ? Text(found) : null;

    public static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? "",
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => value.GetRawText(),
    };

    public static bool? Bool(JsonElement element, params string[] path) => Get(element, path) switch
    {
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        _ => null,
    };

    public static int Int(JsonElement element, string key) =>
        Get(element, key) is { ValueKind: JsonValueKind.Number } n && n.TryGetInt32(out var value) ? value : 0;

    /// <summary>
    /// One item per array element. An object's scalar fields become metadata (snake_case → PascalCase; nested values
    /// as JSON text); its item spec is the first present of <paramref name="idKeys"/>, else its position.
    /// </summary>
    public static ITaskItem[] Items(JsonElement? array, params string[] idKeys)
    {
        if (array is not { ValueKind: JsonValueKind.Array } list)
        {
            return [];
        }

        var items = new List<ITaskItem>();
        var index = 0;
        foreach (var element in list.EnumerateArray())
        {
            index++;
            if (element.ValueKind != JsonValueKind.Object)
            {
                items.Add(new TaskItem(Text(element)));
                continue;
            }

            var id = idKeys.Select(k => String(element, k)).FirstOrDefault(v => !string.IsNullOrEmpty(v));
            var item = new TaskItem(id ?? index.ToString(System.Globalization.CultureInfo.InvariantCulture));
            item.SetMetadata("Position", index.ToString(System.Globalization.CultureInfo.InvariantCulture));
            foreach (var property in element.EnumerateObject())
            {
                if (property.Value.ValueKind is JsonValueKind.Null)
                {
                    continue;
                }

                var name = MetadataName(property.Name);
                if (name.Length > 0)
                {
                    item.SetMetadata(name, Text(property.Value));
                }
            }

            items.Add(item);
        }

        return items.ToArray();
    }

    /// <summary><c>exit_code</c> → <c>ExitCode</c>; names MSBuild reserves get a <c>Value</c> suffix.</summary>
    public static string MetadataName(string key)
    {
        var name = new StringBuilder();
        var upper = true;
        foreach (var c in key)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                upper = true;
                continue;
            }

            if (name.Length == 0 && char.IsAsciiDigit(c))
            {
                name.Append('_');
            }

            name.Append(upper ? char.ToUpperInvariant(c) : c);
            upper = false;
        }

        var result = name.ToString();
        return ReservedMetadata.Contains(result) ? result + "Value" : result;
    }
}
