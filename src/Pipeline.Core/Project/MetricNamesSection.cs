using Pipeline.Core.Canonical;
using Pipeline.Core.Tracking;

namespace Pipeline.Core.Project;

/// <summary>
/// pipeline.yaml's <c>metrics:</c> section: <c>{loss: [train/loss, loss], reward: rewards/mean}</c> — each series name
/// the gate and filters use, mapped to one name or a list of names that sources write.
/// </summary>
internal static class MetricNamesSection
{
    public static MetricNames Read(Value? value, string file)
    {
        switch (value)
        {
            case null or NullValue:
                return MetricNames.None;
            case ObjectValue map:
                var mappings = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
                foreach (var m in map.Members)
                {
                    mappings[m.Key] = m.Value switch
                    {
                        StringValue s => [s.Value],
                        ArrayValue list => list.Items.Select((item, i) => item is StringValue s
                            ? s.Value
                            : throw Section.WrongType($"metrics.{m.Key}[{i}]", "a series name (string)", file, item.Line)).ToArray(),
                        _ => throw Section.WrongType("metrics." + m.Key, "a series name or a list of series names", file, m.Value.Line),
                    };
                }

                return new MetricNames(mappings);
            default:
                throw Section.WrongType(
                    "metrics",
                    "a mapping of series name to the names sources write, e.g. {loss: [train/loss, loss]}",
                    file,
                    value.Line);
        }
    }
}
