using System.Globalization;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace Pipeline.Tasks.Cli;

/// <summary>Items built from a result record's list: one per entry, its position and the given fields as metadata (nulls left out).</summary>
internal static class TaskItems
{
    public static ITaskItem[] Of<T>(IEnumerable<T>? entries, Func<T, string> spec, Func<T, IEnumerable<(string Name, string? Value)>> metadata) =>
        (entries ?? []).Select((entry, index) =>
        {
            var item = new TaskItem(spec(entry));
            item.SetMetadata("Position", Text(index + 1));
            foreach (var (name, value) in metadata(entry))
            {
                if (value is not null)
                {
                    item.SetMetadata(name, value);
                }
            }

            return (ITaskItem)item;
        }).ToArray();

    public static string Text(int n) => n.ToString(CultureInfo.InvariantCulture);

    public static string Text(double d) => d.ToString("R", CultureInfo.InvariantCulture);

    public static string? Text(bool? b) => b switch { true => "true", false => "false", null => null };
}
