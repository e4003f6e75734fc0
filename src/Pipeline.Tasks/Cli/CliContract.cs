using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Pipeline.Tasks.Cli;

/// <summary>
/// Reads a verb's document into its result record (Cli/Results, linked from the CLI). One path per field: a document
/// that does not fit the record is a CLI of another version, reported as such, never guessed around.
/// </summary>
internal static class CliContract
{
    public static T Read<T>(JsonElement root, JsonTypeInfo<T> type) =>
        root.Deserialize(type) ?? throw new JsonException($"the document is not a {typeof(T).Name}");
}
