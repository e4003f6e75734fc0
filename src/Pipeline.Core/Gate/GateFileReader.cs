using System.Globalization;
using Pipeline.Core.Canonical;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Evals;
using Pipeline.Core.Sweep;

namespace Pipeline.Core.Gate;

/// <summary>
/// Strict validation of a gate file. Anything unknown or mistyped is refused with its line: a typo such as
/// <c>thresold</c> silently ignored would leave a gate that looks strict and checks nothing.
/// </summary>
internal static class GateFileReader
{
    private static readonly string[] TopKeys = ["suite", "metric", "direction", "threshold", "health"];
    private static readonly string[] SuiteKeys = ["name", "fingerprint"];
    private static readonly string[] CollapseKeys = ["window", "min_fraction_of_peak"];

    public static GateFile Read(Value document, string file)
    {
        var root = document as ObjectValue
            ?? throw Error(file, document.Line, "the gate file must be a mapping with suite, metric, direction and threshold");
        RefuseUnknown(root, TopKeys, file, "");

        var suiteObj = Require(root, "suite", file, "") as ObjectValue
            ?? throw Error(file, root.LineOf("suite"), "'suite' must be a mapping {name: …, fingerprint: …}");
        RefuseUnknown(suiteObj, SuiteKeys, file, "suite.");
        var suite = new Suite(Text(suiteObj, "name", file, "suite."), Text(suiteObj, "fingerprint", file, "suite."));

        var metric = Text(root, "metric", file, "");
        var directionText = Text(root, "direction", file, "");
        var direction = DirectionExtensions.Parse(directionText)
            ?? throw Error(file, root.LineOf("direction"), $"'direction' must be maximize or minimize, not '{directionText}'");
        var threshold = Number(root, "threshold", file, "");

        var health = new List<HealthRule>();
        if (root.TryGet("health", out var h))
        {
            var list = h as ArrayValue
                ?? throw Error(file, root.LineOf("health"), "'health' must be a list of rules (omit the key for none)");
            for (var i = 0; i < list.Items.Count; i++)
            {
                health.Add(Rule(list.Items[i], file, $"health[{i}]."));
            }
        }

        return new GateFile(suite, metric, direction, threshold, health, file, GateFile.DigestOf(document));
    }

    private static HealthRule Rule(Value item, string file, string at)
    {
        var rule = item as ObjectValue
            ?? throw Error(file, item.Line, $"{at.TrimEnd('.')} must be a mapping such as {{series: kl, stat: last, max: 0.2}}");
        var series = Text(rule, "series", file, at);
        var kinds = new[] { "stat", "nan", "collapse" }.Where(k => rule[k] is not null).ToArray();
        if (kinds.Length != 1)
        {
            throw Error(file, rule.Line, kinds.Length == 0
                ? $"{at.TrimEnd('.')} (series '{series}') needs one of stat, nan or collapse"
                : $"{at.TrimEnd('.')} (series '{series}') mixes {string.Join(" and ", kinds)}; write one rule per check");
        }

        switch (kinds[0])
        {
            case "stat":
            {
                RefuseUnknown(rule, ["series", "stat", "min", "max"], file, at);
                var statText = Text(rule, "stat", file, at);
                SeriesStat stat = statText switch
                {
                    "last" => SeriesStat.Last,
                    "min" => SeriesStat.Min,
                    "max" => SeriesStat.Max,
                    "mean" => SeriesStat.Mean,
                    _ => throw Error(file, rule.LineOf("stat"), $"{at}stat must be last, min, max or mean, not '{statText}'"),
                };
                double? min = rule["min"] is null ? null : Number(rule, "min", file, at);
                double? max = rule["max"] is null ? null : Number(rule, "max", file, at);
                if (min is null && max is null)
                {
                    throw Error(file, rule.Line, $"{at.TrimEnd('.')} (series '{series}') needs a bound: min, max or both");
                }

                if (min > max)
                {
                    throw Error(file, rule.LineOf("min"), $"{at}min {F(min.Value)} is above {at}max {F(max!.Value)}; no value could pass");
                }

                return new StatRule(series, stat, min, max, rule.Line);
            }

            case "nan":
            {
                RefuseUnknown(rule, ["series", "nan"], file, at);
                var mode = Text(rule, "nan", file, at);
                if (mode != "forbid")
                {
                    throw Error(file, rule.LineOf("nan"), $"{at}nan must be 'forbid', not '{mode}'");
                }

                return new NanRule(series, rule.Line);
            }

            default:
            {
                RefuseUnknown(rule, ["series", "collapse"], file, at);
                var c = rule["collapse"] as ObjectValue
                    ?? throw Error(file, rule.LineOf("collapse"), $"{at}collapse must be a mapping {{window: N, min_fraction_of_peak: 0.5}}");
                RefuseUnknown(c, CollapseKeys, file, at + "collapse.");
                var window = Require(c, "window", file, at + "collapse.") is IntegerValue w && w.Value >= 1 && w.Value <= 100_000_000
                    ? (int)w.Value
                    : throw Error(file, c.LineOf("window"), $"{at}collapse.window must be a positive integer (a number of points)");
                var fraction = Number(c, "min_fraction_of_peak", file, at + "collapse.");
                if (!(fraction > 0 && fraction <= 1))
                {
                    throw Error(file, c.LineOf("min_fraction_of_peak"), $"{at}collapse.min_fraction_of_peak must be in (0, 1], not {F(fraction)}");
                }

                return new CollapseRule(series, window, fraction, rule.Line);
            }
        }
    }

    private static void RefuseUnknown(ObjectValue obj, string[] allowed, string file, string at)
    {
        foreach (var m in obj.Members)
        {
            if (!allowed.Contains(m.Key, StringComparer.Ordinal))
            {
                throw Error(file, m.Line, $"unknown key '{at}{m.Key}'; allowed here: {string.Join(", ", allowed)}");
            }
        }
    }

    private static Value Require(ObjectValue obj, string key, string file, string at) =>
        obj[key] ?? throw Error(file, obj.Line, $"missing required key '{at}{key}'");

    private static string Text(ObjectValue obj, string key, string file, string at) =>
        Require(obj, key, file, at) is StringValue s && s.Value.Length > 0
            ? s.Value
            : throw Error(file, obj.LineOf(key), $"'{at}{key}' must be a non-empty string");

    private static double Number(ObjectValue obj, string key, string file, string at)
    {
        var d = Require(obj, key, file, at) switch
        {
            IntegerValue i => (double)i.Value,
            FloatValue f => f.Value,
            var other => throw Error(file, obj.LineOf(key), $"'{at}{key}' must be a number, not {Describe(other)}"),
        };
        return double.IsFinite(d) ? d : throw Error(file, obj.LineOf(key), $"'{at}{key}' must be a finite number");
    }

    private static string Describe(Value v) => v switch
    {
        StringValue s => $"the string '{s.Value}'",
        BoolValue => "a boolean",
        NullValue => "null",
        ArrayValue => "a list",
        ObjectValue => "a mapping",
        _ => v.GetType().Name,
    };

    private static string F(double d) => d.ToString("R", CultureInfo.InvariantCulture);

    private static PipelineException Error(string file, int line, string message) =>
        new(PipeCodes.GateFileInvalid, message, file, line > 0 ? line : null);
}
