using System.Numerics;
using Pipeline.Core.Canonical;
using Pipeline.Core.Diagnostics;

namespace Pipeline.Core.Lineage;

/// <summary>
/// The options that rebuild a recorded lineage: read back from its <c>lineage_sources</c> (data and config sources)
/// and its lineage (base_model, seed). Verification calls
/// <c>LineageBuilder.Build(snapshotAt(code_commit), LineageReplay.Options(lineage, sources))</c> and compares.
/// </summary>
public static class LineageReplay
{
    public static LineageSourceOptions Options(ObjectValue lineage, ObjectValue sources, string? file = null)
    {
        var data = sources["data"] as ObjectValue ?? throw Invalid("lineage_sources.data is missing", file, sources.Line);
        var config = sources["config"] as ObjectValue ?? throw Invalid("lineage_sources.config is missing", file, sources.Line);
        var options = new LineageSourceOptions
        {
            BaseModel = (lineage[LineageFields.BaseModel] as StringValue)?.Value,
            Seed = lineage[LineageFields.Seed] is IntegerValue seed ? seed.Value : (BigInteger?)null,
        };

        options = Str(data, "source", file) switch
        {
            "label" => options with { DataVersionLabel = Str(data, "label", file) },
            "dvc" => options with
            {
                DvcLock = Str(data, "lock", file),
                DvcStages = Strings(data, "stages", file),
                DvcFiles = (data["dvc_files"] as ArrayValue)?.Items.Select(
                    f => f is ObjectValue o ? Str(o, "path", file) : throw Invalid("lineage_sources.data.dvc_files holds a non-object", file, f.Line))
                    .ToArray()
                    ?? [],
            },
            var other => throw Invalid($"lineage_sources.data.source '{other}' is not 'dvc' or 'label'", file, data.Line),
        };

        return Str(config, "source", file) switch
        {
            "file" => options with { ConfigPath = Str(config, "path", file), ConfigKey = (config["key"] as StringValue)?.Value },
            "dvc_params" => options with { ConfigFromDvcParams = true },
            var other => throw Invalid($"lineage_sources.config.source '{other}' is not 'file' or 'dvc_params'", file, config.Line),
        };
    }

    private static string Str(ObjectValue o, string key, string? file) =>
        (o[key] as StringValue)?.Value ?? throw Invalid($"lineage_sources field '{key}' is missing or not a string", file, o.Line);

    private static string[] Strings(ObjectValue o, string key, string? file) =>
        (o[key] as ArrayValue)?.Items.Select(v => (v as StringValue)?.Value ?? throw Invalid($"'{key}' holds a non-string", file, v.Line)).ToArray()
            ?? [];

    private static PipelineException Invalid(string message, string? file, int line) =>
        new(PipeCodes.LineageSourcesInvalid, message, file, line > 0 ? line : null);
}
