using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;
using Pipeline.Core.Canonical;
using Pipeline.Core.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Pipeline.Core.Tracking.Ingest;

/// <summary>
/// INTERIM: reads DVCLive's params.yaml and MLflow's meta.yaml into <see cref="Value"/> with YAML 1.2 core-schema
/// scalar typing (plain <c>2e-5</c> a float, <c>yes</c> a string, quoted scalars strings). It exists only until the
/// shared <c>Pipeline.Core.Yaml</c> reader lands; then this file is replaced by a call to it. It does not handle
/// anchors budgets, merge keys or tags the way the shared reader will; run params rarely need them.
/// </summary>
internal static partial class InterimYaml
{
    public static Value ReadFile(string path, string display)
    {
        var stream = new YamlStream();
        try
        {
            using var reader = new StreamReader(path);
            stream.Load(reader);
        }
        catch (YamlException ex)
        {
            throw new PipelineException(PipeCodes.RunSourceMalformed, $"YAML error: {ex.Message}", display, (int)ex.Start.Line);
        }

        return stream.Documents.Count == 0 ? new ObjectValue(Array.Empty<Member>()) : Convert(stream.Documents[0].RootNode, display);
    }

    private static Value Convert(YamlNode node, string display)
    {
        var line = (int)node.Start.Line;
        switch (node)
        {
            case YamlMappingNode map:
                var members = new List<Member>();
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var (k, v) in map.Children)
                {
                    var key = k is YamlScalarNode ks ? ks.Value ?? "" : throw new PipelineException(PipeCodes.RunSourceMalformed, "mapping keys must be strings", display, (int)k.Start.Line);
                    if (!seen.Add(key))
                    {
                        throw new PipelineException(PipeCodes.RunSourceMalformed, $"duplicate key '{key}'", display, (int)k.Start.Line);
                    }

                    members.Add(new Member(key, Convert(v, display), (int)k.Start.Line));
                }

                return new ObjectValue(members) { Line = line };
            case YamlSequenceNode seq:
                return new ArrayValue(seq.Children.Select(c => Convert(c, display)).ToArray()) { Line = line };
            case YamlScalarNode scalar:
                return WithLine(Scalar(scalar), line);
            default:
                throw new PipelineException(PipeCodes.RunSourceMalformed, "unsupported YAML node", display, line);
        }
    }

    private static Value Scalar(YamlScalarNode s)
    {
        var text = s.Value ?? "";
        if (s.Style != ScalarStyle.Plain)
        {
            return new StringValue(text);
        }

        if (text is "" or "~" or "null" or "Null" or "NULL") return Value.Null;
        if (text is "true" or "True" or "TRUE") return new BoolValue(true);
        if (text is "false" or "False" or "FALSE") return new BoolValue(false);
        if (IntPattern().IsMatch(text)) return new IntegerValue(BigInteger.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
        if (text.StartsWith("0o", StringComparison.Ordinal) && text.Length > 2 && text[2..].All(c => c is >= '0' and <= '7'))
        {
            return new IntegerValue(text[2..].Aggregate(BigInteger.Zero, (acc, c) => acc * 8 + (c - '0')));
        }

        if (text.StartsWith("0x", StringComparison.Ordinal) && text.Length > 2 && text[2..].All(char.IsAsciiHexDigit))
        {
            return new IntegerValue(BigInteger.Parse("0" + text[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture));
        }

        if (FloatPattern().IsMatch(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d))
        {
            return new FloatValue(d);
        }

        // .inf/.nan and anything else stay text: a param value that cannot be canonical JSON is kept as written.
        return new StringValue(text);
    }

    private static Value WithLine(Value v, int line) => v switch
    {
        NullValue => new NullValue { Line = line },
        BoolValue b => new BoolValue(b.Value) { Line = line },
        IntegerValue i => new IntegerValue(i.Value) { Line = line },
        FloatValue f => new FloatValue(f.Value) { Line = line },
        StringValue s => new StringValue(s.Value) { Line = line },
        _ => v,
    };

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex IntPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();
}
