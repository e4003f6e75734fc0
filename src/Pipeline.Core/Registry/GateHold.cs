using System.Globalization;
using Pipeline.Core.Canonical;
using Pipeline.Core.Diagnostics;

namespace Pipeline.Core.Registry;

/// <summary>
/// A refusal the gate made on <c>pipeline promote</c>: who asked to move which alias to which version, against which
/// champion, when, why it was held, and the whole <c>gate-decision-v1</c> JSON. Promotions are not logged here: their
/// assignment tag already carries the decision, and each event has exactly one source of truth.
/// <see cref="SeenCounter"/> is the greatest alias-event counter of the model when the gate decided (0: none), so
/// history places the hold among the alias events by the registry's own clock, the counter, not by a one-second
/// timestamp. <see cref="Line"/> is the 1-based line in the model's decision log (0 before it is written).
/// </summary>
public sealed record GateHold(
    string Model,
    string Alias,
    SemVer Version,
    SemVer? Champion,
    long SeenCounter,
    DateTimeOffset Time,
    string Actor,
    string Reason,
    Value Decision,
    int Line = 0)
{
    public const string Kind = "gate_hold";

    /// <summary>The line's JSON, written canonically (sorted keys, ASCII only) so it is one line and stable.</summary>
    public ObjectValue ToValue() => new(new Member[]
    {
        new("kind", Value.From(Kind), 0),
        new("model", Value.From(Model), 0),
        new("alias", Value.From(Alias), 0),
        new("version", Value.From(Version.ToString()), 0),
        new("champion", Champion is null ? Value.Null : Value.From(Champion.ToString()), 0),
        new("seen_counter", Value.From(SeenCounter), 0),
        new("time", Value.From(Iso(Time)), 0),
        new("actor", Value.From(Actor), 0),
        new("reason", Value.From(Reason), 0),
        new("decision", Decision, 0),
    });

    public string ToLine() => CanonicalJson.Write(ToValue());

    /// <summary>
    /// Reads one line of <paramref name="path"/> (the log of <paramref name="model"/>). Strict: every field present and
    /// typed, the model the folder's, names and versions valid. Any defect is PIPE3906 at that line.
    /// </summary>
    public static GateHold Parse(string text, string path, int line, string model)
    {
        Value value;
        try
        {
            value = JsonReader.Parse(text, path);
        }
        catch (PipelineException ex)
        {
            throw Invalid($"not a JSON object: {ex.Message}", path, line);
        }

        if (value is not ObjectValue o)
        {
            throw Invalid("not a JSON object", path, line);
        }

        var known = new HashSet<string>(
            ["kind", "model", "alias", "version", "champion", "seen_counter", "time", "actor", "reason", "decision"],
            StringComparer.Ordinal);
        foreach (var member in o.Members)
        {
            if (!known.Contains(member.Key))
            {
                throw Invalid($"unknown key '{member.Key}'", path, line);
            }
        }

        var kind = Text(o, "kind", path, line);
        if (kind != Kind)
        {
            throw Invalid($"kind '{kind}' is not '{Kind}'", path, line);
        }

        var owner = Text(o, "model", path, line);
        if (owner != model)
        {
            throw Invalid($"model '{owner}' in the log of '{model}'", path, line);
        }

        var alias = Text(o, "alias", path, line);
        if (!RegistryNames.IsValid(alias))
        {
            throw Invalid($"alias '{alias}' is not a valid name", path, line);
        }

        var version = ParseVersion(Text(o, "version", path, line), "version", path, line);
        SemVer? champion = o["champion"] switch
        {
            NullValue => null,
            StringValue s => ParseVersion(s.Value, "champion", path, line),
            null => throw Invalid("'champion' is missing", path, line),
            _ => throw Invalid("'champion' must be a version or null", path, line),
        };
        var seen = o["seen_counter"] switch
        {
            IntegerValue n when n.Value >= 0 && n.Value <= long.MaxValue => (long)n.Value,
            null => throw Invalid("'seen_counter' is missing", path, line),
            _ => throw Invalid("'seen_counter' must be a non-negative integer", path, line),
        };
        var timeText = Text(o, "time", path, line);
        if (!DateTimeOffset.TryParseExact(
            timeText, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            throw Invalid($"time '{timeText}' is not yyyy-MM-ddTHH:mm:ssZ", path, line);
        }

        var actor = Text(o, "actor", path, line);
        var reason = Text(o, "reason", path, line);
        if (o["decision"] is not ObjectValue decision)
        {
            throw Invalid("'decision' must be the gate's decision object", path, line);
        }

        return new GateHold(model, alias, version, champion, seen, time, actor, reason, decision, line);
    }

    private static string Text(ObjectValue o, string key, string path, int line) =>
        o[key] is StringValue s ? s.Value : throw Invalid(o[key] is null ? $"'{key}' is missing" : $"'{key}' must be a string", path, line);

    private static SemVer ParseVersion(string text, string key, string path, int line) =>
        SemVer.TryParse(text, out var v) ? v : throw Invalid($"{key} '{text}' is not a version", path, line);

    private static PipelineException Invalid(string why, string path, int line) =>
        new(PipeCodes.DecisionLogLineInvalid, $"line {line} of {path} is not a gate decision: {why}", path, line);

    internal static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
