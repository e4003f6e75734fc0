using System.Numerics;
using Pipeline.Core.Canonical;
using Pipeline.Core.Diagnostics;

namespace Pipeline.Core.Lineage;

/// <summary>
/// A lineage whose seed says one thing while its config says another describes no run that happened: refuse it.
/// The config "holds a seed" when its top-level mapping has an integer <c>seed</c> key; with
/// <c>--config-from-dvc-params</c> (<c>{file: {key: value}}</c>), when a file's params have a <c>seed</c> key. Seeds
/// of a group (DVC's <c>prepare.seed</c>, a data split) or deeper in the config are not taken for the run's seed.
/// </summary>
internal static class SeedCheck
{
    public static void ThrowIfDisagrees(Value config, BigInteger seed, LineageSourceOptions options)
    {
        foreach (var (where, value) in Seeds(config, options))
        {
            if (value != seed)
            {
                var from = options.Seed is not null ? "--seed / pipeline.yaml lineage.seed" : $"lineage.seed ({options.SeedFrom})";
                throw new PipelineException(PipeCodes.SeedDisagreesWithConfig,
                    $"the lineage seed is {seed} (from {from}) but the config holds {where} = {value}: the record would name a seed the run did " +
                    "not use",
                    hint: PipeCodes.SeedDisagreesWithConfig.Fix);
            }
        }
    }

    private static IEnumerable<(string Where, BigInteger Value)> Seeds(Value config, LineageSourceOptions options)
    {
        if (config is not ObjectValue top)
        {
            yield break;
        }

        if (options.ConfigFromDvcParams)
        {
            foreach (var file in top.Members)
            {
                if (file.Value is not ObjectValue keys)
                {
                    continue;
                }

                foreach (var k in keys.Members)
                {
                    if (k.Key == "seed" && k.Value is IntegerValue i)
                    {
                        yield return ($"{file.Key}#{k.Key}", i.Value);
                    }
                }
            }

            yield break;
        }

        if (top["seed"] is IntegerValue s)
        {
            var key = options.ConfigKey is null ? "seed" : options.ConfigKey + ".seed";
            yield return ($"{options.ConfigPath}#{key}", s.Value);
        }
    }
}
