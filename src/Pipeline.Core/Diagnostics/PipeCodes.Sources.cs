namespace Pipeline.Core.Diagnostics;

// 2100-2499: the sources a lineage is built from — YAML (2100-2149), DVC (2150-2199), lineage building (2200-2249).
public static partial class PipeCodes
{
    public static readonly PipeCode YamlSyntax = new(2101, "Malformed YAML", ExitCodes.BadInput,
        "Fix the YAML at the named line (indentation, an unclosed quote or bracket, a tab used for indentation).");

    public static readonly PipeCode YamlAliasBudget = new(2102, "YAML aliases expand beyond the node budget", ExitCodes.BadInput,
        "The document's anchors and aliases expand to more than 1,000,000 nodes (a 'billion laughs' shape); write the values out or reduce the " +
        "nesting of aliases.");

    public static readonly PipeCode YamlAliasInvalid = new(2103, "Undefined or recursive YAML alias", ExitCodes.BadInput,
        "Define the anchor (&name) before its alias (*name), and never refer to a node from inside itself.");

    public static readonly PipeCode YamlTagRefused = new(2104, "YAML tag not allowed", ExitCodes.BadInput,
        "Remove the tag; only the core-schema tags !!str, !!int, !!float, !!bool, !!null, !!map and !!seq are honoured, because any other tag " +
        "would be typed differently by other readers.");

    public static readonly PipeCode YamlKeyNotString = new(2105, "YAML mapping key is not a string", ExitCodes.BadInput,
        "Quote the key (\"1\": …, \"true\": …); keys must be strings so the value maps to a JSON object.");

    public static readonly PipeCode YamlMultipleDocuments = new(2106, "YAML file holds several documents", ExitCodes.BadInput,
        "Keep one document per file (remove the second '---').");

    public static readonly PipeCode YamlScalarInvalid = new(2107, "YAML scalar does not match its tag", ExitCodes.BadInput,
        "Make the value match its explicit tag (e.g. !!int 12), or remove the tag.");

    public static readonly PipeCode YamlMergeInvalid = new(2108, "YAML merge key '<<' needs a mapping or a list of mappings", ExitCodes.BadInput,
        "Use '<<: *anchor' or '<<: [*a, *b]' where every anchor names a mapping.");

    public static readonly PipeCode DvcLockInvalid = new(2150, "dvc.lock is malformed", ExitCodes.BadInput,
        "Regenerate the lock with 'dvc repro' or 'dvc commit'; the named field does not have the shape DVC writes.");

    public static readonly PipeCode DvcPathOutsideRepo = new(2151, "DVC path leaves the repository", ExitCodes.BadInput,
        "Data inputs must be paths inside the repository or URLs (s3://, gs://, https://…); an absolute or '../' path cannot be verified from the " +
        "repository.");

    public static readonly PipeCode DvcConflictingHash = new(2152, "Same data path recorded with different hashes", ExitCodes.BadInput,
        "Run 'dvc repro' (or 'dvc commit') so every stage and .dvc file records the same version of the data, then commit the lock.");

    public static readonly PipeCode DvcStageUnknown = new(2153, "No such stage in dvc.lock", ExitCodes.BadInput,
        "Use one of the stage names the message lists (foreach/matrix stages are written 'name@key').");

    public static readonly PipeCode DvcEntryWithoutHash = new(2154, "DVC data input has no hash", ExitCodes.BadInput,
        "Run 'dvc commit' so the input gets an md5/etag/checksum, or pass an explicit label with --data-version.");

    public static readonly PipeCode DvcFileInvalid = new(2155, ".dvc file is malformed", ExitCodes.BadInput,
        "A .dvc file needs 'outs:', a list of entries each with a 'path' and a hash (md5, etag or checksum).");

    public static readonly PipeCode DvcParamsConflict = new(2156, "dvc.lock params disagree between stages", ExitCodes.BadInput,
        "Run 'dvc repro' so every stage records the same parameter values, or restrict with --dvc-stage.");

    public static readonly PipeCode LineageSourceMissing = new(2200, "A lineage source is missing", ExitCodes.BadInput,
        "Give every source: --config PATH[#key] or --config-from-dvc-params, --dvc-lock PATH or --data-version LABEL, --base-model NAME and --seed " +
        "N (or set them under 'lineage:' in pipeline.yaml).");

    public static readonly PipeCode LineageSourceConflict = new(2201, "Two lineage sources given for one field", ExitCodes.BadInput,
        "Give one source per field: --config or --config-from-dvc-params, --dvc-lock or --data-version.");

    public static readonly PipeCode ConfigKeyMissing = new(2202, "Config key not found", ExitCodes.BadInput,
        "Check the key after '#' (a top-level key, or a dotted path such as train.optimizer) against the file at the lineage commit.");

    public static readonly PipeCode SeedInvalid = new(2203, "Seed is not an integer", ExitCodes.BadInput,
        "Give the seed as an integer, e.g. --seed 0.");

    public static readonly PipeCode LineageSourcesInvalid = new(2205, "lineage_sources is malformed", ExitCodes.BadInput,
        "The record's lineage_sources was not written by Pipeline or was edited; re-register the version instead of editing it.");

    public static readonly PipeCode BaseModelInvalid = new(2204, "Base model name is empty", ExitCodes.BadInput,
        "Give the base model, e.g. --base-model Qwen/Qwen3-8B.");

    public static readonly PipeCode SeedDisagreesWithConfig = new(2210, "The config's seed differs from the lineage seed", ExitCodes.BadInput,
        "The run trained with one seed; record that one. Point pipeline.yaml's lineage.seed at the config key (seed: params.yaml#train.seed), or " +
        "make --seed / lineage.seed equal the config's seed.");

    public static readonly PipeCode LineageValueFromConfigInvalid = new(
        2211,
        "A seed or base model read from a config key has the wrong type",
        ExitCodes.BadInput,
        "The key named by lineage.seed must hold an integer and the key named by lineage.base_model a non-empty string; fix the key after '#' or " +
        "the value in the file.");
}
