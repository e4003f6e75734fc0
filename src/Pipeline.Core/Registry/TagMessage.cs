using Pipeline.Core.Canonical;

namespace Pipeline.Core.Registry;

/// <summary>
/// Tag messages (docs/design.md §4): one human line, a blank line, then one JSON object on one line (canonical form, sorted
/// keys). GTO prints the human line; CI can read the JSON (gto#359). Nothing resolves an alias from the message.
/// </summary>
public static class TagMessage
{
    public static string Format(string subject, ObjectValue payload) =>
        subject.ReplaceLineEndings(" ") + "\n\n" + CanonicalJson.Write(payload) + "\n";

    /// <summary>The JSON payload of a message, or null for a message without one (GTO's own tags, hand-made tags).</summary>
    public static ObjectValue? Payload(string? message)
    {
        if (string.IsNullOrEmpty(message))
        {
            return null;
        }

        foreach (var line in message.Split('\n'))
        {
            var t = line.Trim();
            if (t.StartsWith('{') && t.EndsWith('}'))
            {
                try
                {
                    return JsonReader.Parse(t, "tag message") as ObjectValue;
                }
                catch (Diagnostics.PipelineException)
                {
                    return null;
                }
            }
        }

        return null;
    }

    public static string Subject(string? message) => message?.Split('\n', 2)[0].Trim() ?? "";
}
