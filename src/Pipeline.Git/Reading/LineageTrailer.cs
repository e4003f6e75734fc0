namespace Pipeline.Git.Reading;

/// <summary>
/// The <c>Pipeline-Lineage-Commit: &lt;sha&gt;</c> trailer every registry and run-ledger commit the tool writes carries:
/// the lineage commit of its parent, computed when the commit was written. Reading it turns the walk back over a long
/// registry-only history into one step; <see cref="LineageWalk"/> checks it against the trees before believing it.
/// </summary>
public static class LineageTrailer
{
    public const string Key = "Pipeline-Lineage-Commit";

    /// <summary>The sha the message's last trailer of this key names, or null (absent, or not a full lowercase sha).</summary>
    public static string? Read(string message)
    {
        string? found = null;
        foreach (var raw in message.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (!line.StartsWith(Key + ": ", StringComparison.Ordinal))
            {
                continue;
            }

            var value = line[(Key.Length + 2)..].Trim();
            found = IsSha(value) ? value : null;
        }

        return found;
    }

    /// <summary>The message with its own trailer (any earlier one removed: a replayed write names its new parent's lineage).</summary>
    public static string Append(string message, string sha)
    {
        var kept = message.TrimEnd('\n').Split('\n').Where(l => !l.StartsWith(Key + ":", StringComparison.Ordinal));
        var body = string.Join('\n', kept).TrimEnd('\n');
        return body + "\n\n" + Key + ": " + sha + "\n";
    }

    private static bool IsSha(string s) => s.Length == 40 && s.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');
}
