using System.Globalization;
using System.Text.Json;

namespace Pipeline.Core.Canonical;

/// <summary>
/// Writes a <see cref="Value"/> into a System.Text.Json document without losing Python typing: integers keep every
/// digit and doubles keep their Python repr (<c>1e-05</c>, <c>100.0</c>), so a record re-read by
/// <see cref="JsonReader"/> yields the same fingerprint.
/// </summary>
public static class ValueJson
{
    public static void Write(Utf8JsonWriter writer, Value value)
    {
        switch (value)
        {
            case NullValue:
                writer.WriteNullValue();
                break;
            case BoolValue b:
                writer.WriteBooleanValue(b.Value);
                break;
            case IntegerValue i:
                writer.WriteRawValue(i.Value.ToString(CultureInfo.InvariantCulture), skipInputValidation: true);
                break;
            case FloatValue f:
                writer.WriteRawValue(PythonFloat.Repr(f.Value), skipInputValidation: true);
                break;
            case StringValue s:
                // Lone surrogates cannot be written as UTF-8; the canonical escape keeps them exact.
                if (HasLoneSurrogate(s.Value))
                {
                    var sb = new System.Text.StringBuilder();
                    CanonicalJson.WriteString(sb, s.Value);
                    writer.WriteRawValue(sb.ToString(), skipInputValidation: true);
                }
                else
                {
                    writer.WriteStringValue(s.Value);
                }

                break;
            case ArrayValue a:
                writer.WriteStartArray();
                foreach (var item in a.Items)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case ObjectValue o when o.Members.Any(m => HasLoneSurrogate(m.Key)):
                // Utf8JsonWriter refuses a property name it cannot encode as UTF-8; the canonical text is valid
                // JSON for the same object (keys escaped, order sorted, which JSON readers ignore).
                writer.WriteRawValue(CanonicalJson.Write(o), skipInputValidation: true);
                break;
            case ObjectValue o:
                writer.WriteStartObject();
                foreach (var m in o.Members)
                {
                    writer.WritePropertyName(m.Key);
                    Write(writer, m.Value);
                }

                writer.WriteEndObject();
                break;
        }
    }

    private static bool HasLoneSurrogate(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(s[i]))
            {
                return true;
            }
        }

        return false;
    }
}
