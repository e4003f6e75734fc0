using Pipeline.Core.Diagnostics;

namespace Pipeline.Core.Lineage;

/// <summary>
/// Every lineage source that is missing, named at once with the option and the pipeline.yaml key that supply it: a
/// first run with nothing configured learns all four in one try instead of one per run.
/// </summary>
internal static class MissingSources
{
    public static void ThrowIfAny(LineageSourceOptions o)
    {
        var missing = new List<string>();
        if (o.DvcLock is null && o.DataVersionLabel is null)
        {
            missing.Add("data_version (--dvc-lock PATH or --data-version LABEL; pipeline.yaml lineage.dvc_lock or lineage.data_version)");
        }

        if (o.ConfigPath is null && !o.ConfigFromDvcParams)
        {
            missing.Add("config (--config PATH[#key] or --config-from-dvc-params; pipeline.yaml lineage.config or lineage.config_from_dvc_params)");
        }

        if (o.BaseModel is null && o.BaseModelFrom is null)
        {
            missing.Add("base_model (--base-model NAME; pipeline.yaml lineage.base_model: NAME or PATH#key)");
        }

        if (o.Seed is null && o.SeedFrom is null)
        {
            missing.Add("seed (--seed N; pipeline.yaml lineage.seed: N or PATH#key)");
        }

        if (missing.Count > 0)
        {
            throw new PipelineException(PipeCodes.LineageSourceMissing,
                $"{missing.Count} lineage source(s) missing: " + string.Join("; ", missing),
                hint: "Pass the options, or set the keys in pipeline.yaml's lineage section ('pipeline init' writes a starting point).");
        }
    }
}
