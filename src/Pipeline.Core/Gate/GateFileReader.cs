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
    private static readonly string[] TopKeys =
        [
            "suite", "metric", "direction", "threshold", "min_improvement", "no_regression", "bounds", "health", "require", "staging", "production",
            "aliases"];

    private static readonly string[] SectionKeys =
        ["threshold", "min_improvement", "no_regression", "bounds", "health", "requires_alias", "min_held", "require"];
    private static readonly string[] RequireKeys = ["ci_evidence", "signed_tags", "allowed_signers"];
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

        var health = root.TryGet("health", out var h) ? HealthList(h, root, file, "") : [];
        var noRegression = root.TryGet("no_regression", out var nr) ? NoRegressionList(nr, root, suite, file, "") : [];
        var bounds = root.TryGet("bounds", out var b) ? BoundList(b, root, suite, file, "") : [];
        var margin = root.TryGet("min_improvement", out var mi) ? MarginOf(mi, root, "min_improvement", file, "") : null;
        return new GateFile(suite, metric, direction, threshold, health, file, GateFile.DigestOf(document))
        {
            MinImprovement = margin,
            NoRegression = noRegression,
            Bounds = bounds,
            Sections = Sections(root, suite, file),
            Require = root.TryGet("require", out var req) ? Requirements(req, root, file) : GateRequirements.None,
        };
    }

    /// <summary>
    /// <c>staging:</c> and <c>production:</c> at the top, or any alias under <c>aliases:</c>; one alias defined twice is
    /// refused rather than merged, because which one wins would be a guess.
    /// </summary>
    private static Dictionary<string, AliasSection> Sections(ObjectValue root, Suite suite, string file)
    {
        var sections = new Dictionary<string, AliasSection>(StringComparer.Ordinal);
        var found = new List<(string Alias, Value Body, int Line, string At)>();
        foreach (var alias in new[] { "staging", "production" })
        {
            if (root.TryGet(alias, out var v))
            {
                found.Add((alias, v, root.LineOf(alias), alias + "."));
            }
        }

        if (root.TryGet("aliases", out var all))
        {
            var map = all as ObjectValue
                ?? throw Error(
                    file,
                    root.LineOf("aliases"),
                    "'aliases' must be a mapping of alias name to its rules, e.g. {canary: {threshold: 0.5}}");
            found.AddRange(map.Members.Select(m => (m.Key, m.Value, m.Line, $"aliases.{m.Key}.")));
        }

        foreach (var (alias, body, line, at) in found)
        {
            if (sections.ContainsKey(alias))
            {
                throw Error(file, line, $"alias '{alias}' has two sections (top-level '{alias}:' and 'aliases.{alias}'); keep one");
            }

            sections[alias] = Section(alias, body, line, suite, file, at);
        }

        return sections;
    }

    private static AliasSection Section(string alias, Value body, int line, Suite suite, string file, string at)
    {
        var s = body as ObjectValue
            ?? throw Error(
                file,
                line > 0 ? line : body.Line,
                $"'{at.TrimEnd('.')}' must be a mapping of rules for alias '{alias}' (keys: {string.Join(", ", SectionKeys)})");
        RefuseUnknown(s, SectionKeys, file, at);
        StageRule? stage = null;
        if (s.TryGet("requires_alias", out _))
        {
            var required = Text(s, "requires_alias", file, at);
            if (required == alias)
            {
                throw Error(
                    file,
                    s.LineOf("requires_alias"),
                    $"{at}requires_alias names '{alias}' itself; name the alias it must hold first (e.g. staging)");
            }

            TimeSpan? held = null;
            if (s.TryGet("min_held", out _))
            {
                var text = Text(s, "min_held", file, at);
                held = Durations.Parse(text)
                    ?? throw Error(file, s.LineOf("min_held"), $"{at}min_held '{text}' is not a duration such as 30m, 24h, 7d or 1d12h");
            }

            stage = new StageRule(required, held, s.LineOf("requires_alias"));
        }
        else if (s.TryGet("min_held", out _))
        {
            throw Error(file, s.LineOf("min_held"), $"{at}min_held needs {at}requires_alias (the alias the candidate must have held that long)");
        }

        bool? ci = null;
        if (s.TryGet("require", out var req))
        {
            var r = req as ObjectValue
                ?? throw Error(file, s.LineOf("require"), $"'{at}require' must be a mapping such as {{ci_evidence: true}}");
            foreach (var m in r.Members.Where(m => m.Key is "signed_tags" or "allowed_signers"))
            {
                throw Error(
                    file,
                    m.Line,
                    $"'{at}require.{m.Key}' is a whole-registry rule (every alias event is checked): set it in the top-level 'require:' block");
            }

            RefuseUnknown(r, ["ci_evidence"], file, at + "require.");
            ci = r["ci_evidence"] is null ? null : Flag(r, "ci_evidence", file, at + "require.");
        }

        return new AliasSection(
            s.TryGet("threshold", out _) ? Number(s, "threshold", file, at) : null,
            s.TryGet("min_improvement", out var mi) ? MarginOf(mi, s, "min_improvement", file, at) : null,
            s.TryGet("no_regression", out var nr) ? NoRegressionList(nr, s, suite, file, at) : null,
            s.TryGet("bounds", out var b) ? BoundList(b, s, suite, file, at) : null,
            s.TryGet("health", out var h) ? HealthList(h, s, file, at) : null,
            stage,
            line)
        {
            CiEvidence = ci,
        };
    }

    /// <summary><c>require: {ci_evidence: true, signed_tags: true, allowed_signers: .pipeline/allowed_signers}</c>; every key optional.</summary>
    private static GateRequirements Requirements(Value v, ObjectValue root, string file)
    {
        var r = v as ObjectValue
            ?? throw Error(file, root.LineOf("require"), "'require' must be a mapping such as {ci_evidence: true, signed_tags: true}");
        RefuseUnknown(r, RequireKeys, file, "require.");
        var signers = GateRequirements.DefaultAllowedSigners;
        if (r["allowed_signers"] is not null)
        {
            signers = Text(r, "allowed_signers", file, "require.").Replace('\\', '/').TrimStart('/');
            if (signers.Split('/').Any(part => part is ".." or "." or ""))
            {
                throw Error(
                    file,
                    r.LineOf("allowed_signers"),
                    $"'require.allowed_signers' must be a path inside the repository such as {GateRequirements.DefaultAllowedSigners}, not " +
                    $"'{signers}'");
            }
        }

        return new GateRequirements(
            r["ci_evidence"] is not null && Flag(r, "ci_evidence", file, "require."),
            r["signed_tags"] is not null && Flag(r, "signed_tags", file, "require."),
            signers);
    }

    private static bool Flag(ObjectValue obj, string key, string file, string at) =>
        obj[key] is BoolValue b
            ? b.Value
            : throw Error(file, obj.LineOf(key), $"'{at}{key}' must be true or false, not {Describe(obj[key]!)}");

    private static List<HealthRule> HealthList(Value h, ObjectValue owner, string file, string at)
    {
        var list = h as ArrayValue
            ?? throw Error(file, owner.LineOf("health"), $"'{at}health' must be a list of rules (omit the key for none)");
        return list.Items.Select((item, i) => Rule(item, file, $"{at}health[{i}].")).ToList();
    }

    /// <summary><c>0.01</c> or <c>{absolute: 0.01}</c> (metric units), or <c>{relative: 0.02}</c> (a fraction of the champion's score).</summary>
    private static Margin MarginOf(Value v, ObjectValue owner, string key, string file, string at)
    {
        Margin margin;
        if (v is ObjectValue o)
        {
            RefuseUnknown(o, ["absolute", "relative"], file, $"{at}{key}.");
            if (o.Members.Count != 1)
            {
                throw Error(file, owner.LineOf(key), $"'{at}{key}' needs exactly one of absolute or relative, e.g. {{relative: 0.02}} for 2%");
            }

            var kind = o.Members[0].Key;
            margin = new Margin(Number(o, kind, file, $"{at}{key}."), kind == "relative");
        }
        else
        {
            margin = new Margin(Number(owner, key, file, at), false);
        }

        return margin.Amount >= 0
            ? margin
            : throw Error(file, owner.LineOf(key), $"'{at}{key}' must not be negative ({margin}); 0 means strictly better is enough");
    }

    private static List<NoRegressionRule> NoRegressionList(Value v, ObjectValue owner, Suite primary, string file, string at)
    {
        var list = v as ArrayValue
            ?? throw Error(
                file,
                owner.LineOf("no_regression"),
                $"'{at}no_regression' must be a list such as [{{suite: {{name: ifeval, fingerprint: ifeval@1}}, metric: ifeval, direction: " +
                $"maximize, tolerance: 0.01}}]");
        var rules = new List<NoRegressionRule>();
        for (var i = 0; i < list.Items.Count; i++)
        {
            var here = $"{at}no_regression[{i}].";
            var rule = list.Items[i] as ObjectValue
                ?? throw Error(file, list.Items[i].Line, $"{here.TrimEnd('.')} must be a mapping {{suite, metric, direction, tolerance}}");
            RefuseUnknown(rule, ["suite", "metric", "direction", "tolerance"], file, here);
            var directionText = Text(rule, "direction", file, here);
            var direction = DirectionExtensions.Parse(directionText)
                ?? throw Error(file, rule.LineOf("direction"), $"'{here}direction' must be maximize or minimize, not '{directionText}'");
            var tolerance = MarginOf(Require(rule, "tolerance", file, here), rule, "tolerance", file, here);
            rules.Add(new NoRegressionRule(SuiteOf(rule, primary, file, here), Text(rule, "metric", file, here), direction, tolerance, rule.Line));
        }

        return rules;
    }

    private static List<BoundRule> BoundList(Value v, ObjectValue owner, Suite primary, string file, string at)
    {
        var list = v as ArrayValue
            ?? throw Error(
                file,
                owner.LineOf("bounds"),
                $"'{at}bounds' must be a list such as [{{suite: {{name: safety, fingerprint: safety@1}}, metric: refusal_rate, min: 0.95}}]");
        var rules = new List<BoundRule>();
        for (var i = 0; i < list.Items.Count; i++)
        {
            var here = $"{at}bounds[{i}].";
            var rule = list.Items[i] as ObjectValue
                ?? throw Error(file, list.Items[i].Line, $"{here.TrimEnd('.')} must be a mapping {{suite, metric, min and/or max}}");
            RefuseUnknown(rule, ["suite", "metric", "min", "max"], file, here);
            var metric = Text(rule, "metric", file, here);
            double? min = rule["min"] is null ? null : Number(rule, "min", file, here);
            double? max = rule["max"] is null ? null : Number(rule, "max", file, here);
            if (min is null && max is null)
            {
                throw Error(file, rule.Line, $"{here.TrimEnd('.')} (metric '{metric}') needs a bound: min, max or both");
            }

            if (min > max)
            {
                throw Error(file, rule.LineOf("min"), $"{here}min {F(min.Value)} is above {here}max {F(max!.Value)}; no value could pass");
            }

            rules.Add(new BoundRule(SuiteOf(rule, primary, file, here), metric, min, max, rule.Line));
        }

        return rules;
    }

    /// <summary>A rule's suite; omitted, the gate's own suite (a bound on another metric of the primary eval).</summary>
    private static Suite SuiteOf(ObjectValue rule, Suite primary, string file, string at)
    {
        if (rule["suite"] is null)
        {
            return primary;
        }

        var suiteObj = rule["suite"] as ObjectValue
            ?? throw Error(file, rule.LineOf("suite"), $"'{at}suite' must be a mapping {{name: …, fingerprint: …}}");
        RefuseUnknown(suiteObj, SuiteKeys, file, at + "suite.");
        return new Suite(Text(suiteObj, "name", file, at + "suite."), Text(suiteObj, "fingerprint", file, at + "suite."));
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
