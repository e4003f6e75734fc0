using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pipeline.Cli.Output.Results;

/// <summary>
/// A number kept as its JSON text. The gate decision prints its numbers in the Python repr its evidence is signed with
/// (<c>1.0</c>, <c>1e-05</c>); a double would print <c>1</c> and <c>1E-05</c>, so a reader would see another
/// document than the tag carries. Readers get the same text the CLI printed.
/// </summary>
[JsonConverter(typeof(JsonNumberConverter))]
internal readonly record struct JsonNumber(string Text)
{
    public double Value => double.Parse(Text, NumberStyles.Float, CultureInfo.InvariantCulture);

    public override string ToString() => Text;
}

internal sealed class JsonNumberConverter : JsonConverter<JsonNumber>
{
    public override JsonNumber Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.Number)
        {
            throw new JsonException($"expected a number, found {reader.TokenType}");
        }

        return new JsonNumber(reader.HasValueSequence
            ? Encoding.UTF8.GetString(System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence))
            : Encoding.UTF8.GetString(reader.ValueSpan));
    }

    public override void Write(Utf8JsonWriter writer, JsonNumber value, JsonSerializerOptions options) =>
        writer.WriteRawValue(value.Text, skipInputValidation: false);
}
