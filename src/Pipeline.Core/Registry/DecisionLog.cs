using System.Text;
using Pipeline.Core.Diagnostics;

namespace Pipeline.Core.Registry;

/// <summary>What a decision log holds: the holds that read, and a PIPE3906 diagnostic per line that did not.</summary>
public sealed record DecisionLogContent(IReadOnlyList<GateHold> Holds, IReadOnlyList<Diagnostic> Problems)
{
    public static DecisionLogContent Empty { get; } = new([], []);
}

/// <summary>
/// A model's decision log, <c>&lt;registry&gt;/&lt;model&gt;/decisions.jsonl</c>: one canonical JSON object per line,
/// appended (never rewritten) by <c>pipeline promote</c> when the gate holds. It lives beside the version records
/// but is not one (its name is no version), and it makes no tag, so GTO and the tag grammar never see it.
/// Append-only means: the lines of any earlier state are a prefix of the lines of every later state.
/// </summary>
public static class DecisionLog
{
    public const string FileName = "decisions.jsonl";

    public static string PathOf(string registryDir, string model) => $"{registryDir.Trim('/')}/{model}/{FileName}";

    /// <summary>The model whose log <paramref name="path"/> is, or null (another file, the run ledger, a bad name).</summary>
    public static string? ModelOf(string path, string registryDir = "registry")
    {
        var prefix = registryDir.Trim('/') + "/";
        const string suffix = "/" + FileName;
        if (!path.StartsWith(prefix, StringComparison.Ordinal) || !path.EndsWith(suffix, StringComparison.Ordinal))
        {
            return null;
        }

        if (path.Length <= prefix.Length + suffix.Length)
        {
            return null;
        }

        var model = path[prefix.Length..^suffix.Length];
        return model == "runs" || model.StartsWith("runs/", StringComparison.Ordinal) || !RegistryNames.IsValid(model) ? null : model;
    }

    /// <summary>The log with <paramref name="hold"/> appended as its last line (a missing final newline is supplied first).</summary>
    public static byte[] Append(byte[]? existing, GateHold hold)
    {
        var line = Encoding.UTF8.GetBytes(hold.ToLine() + "\n");
        if (existing is null || existing.Length == 0)
        {
            return line;
        }

        var separator = existing[^1] == (byte)'\n' ? 0 : 1;
        var result = new byte[existing.Length + separator + line.Length];
        existing.CopyTo(result, 0);
        if (separator == 1)
        {
            result[existing.Length] = (byte)'\n';
        }

        line.CopyTo(result, existing.Length + separator);
        return result;
    }

    /// <summary>The lines of a log: split on '\n', without the empty segment after a final newline.</summary>
    public static IReadOnlyList<string> Lines(byte[] content)
    {
        var text = Encoding.UTF8.GetString(content);
        var lines = text.Split('\n');
        return text.EndsWith('\n') ? lines[..^1] : text.Length == 0 ? [] : lines;
    }

    /// <summary>Every line read as a <see cref="GateHold"/>; a line that is not one becomes a problem (never a throw).</summary>
    public static DecisionLogContent Read(byte[] content, string path, string model)
    {
        var holds = new List<GateHold>();
        var problems = new List<Diagnostic>();
        var lines = Lines(content);
        for (var i = 0; i < lines.Count; i++)
        {
            try
            {
                holds.Add(GateHold.Parse(lines[i], path, i + 1, model));
            }
            catch (PipelineException ex)
            {
                problems.Add(new Diagnostic(Severity.Error, ex.Code, ex.Message, path, i + 1, ex.Hint));
            }
        }

        return new DecisionLogContent(holds, problems);
    }

    /// <summary>
    /// The first line (1-based, in <paramref name="before"/>) that <paramref name="after"/> no longer carries unchanged at
    /// the same place, or null when <paramref name="after"/> only appended lines.
    /// </summary>
    public static int? FirstRewrittenLine(byte[] before, byte[] after)
    {
        var old = Lines(before);
        var now = Lines(after);
        for (var i = 0; i < old.Count; i++)
        {
            if (i >= now.Count || !string.Equals(old[i], now[i], StringComparison.Ordinal))
            {
                return i + 1;
            }
        }

        return null;
    }
}
