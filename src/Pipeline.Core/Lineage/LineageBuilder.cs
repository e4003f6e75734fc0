using Pipeline.Core.Canonical;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Dvc;
using Pipeline.Core.Yaml;

namespace Pipeline.Core.Lineage;

/// <summary>
/// Builds a lineage from a commit (docs/design.md §2). Pure and deterministic: everything comes from the
/// <see cref="ICommitSnapshot"/> and the options, so `register` and a later verification at the record's
/// <c>code_commit</c> get byte-identical results from the same inputs.
/// </summary>
public static class LineageBuilder
{
    public static LineageResult Build(ICommitSnapshot commit, LineageSourceOptions options, bool dirty = false, string? remoteUrl = null,
        IReadOnlyList<string>? dirtyPaths = null)
    {
        MissingSources.ThrowIfAny(options);
        var seedSource = new List<(string, Value)>();
        var baseModel = options.BaseModel ?? FromConfig(commit, options.BaseModelFrom!, "base_model", seedSource) switch
        {
            StringValue { Value.Length: > 0 } s => s.Value,
            var other => throw WrongType("base_model", options.BaseModelFrom!, "a non-empty string", other),
        };
        var seed = options.Seed ?? FromConfig(commit, options.SeedFrom!, "seed", seedSource) switch
        {
            IntegerValue i => i.Value,
            var other => throw WrongType("seed", options.SeedFrom!, "an integer", other),
        };

        if (baseModel.Trim().Length == 0)
        {
            throw new PipelineException(PipeCodes.BaseModelInvalid, "the base model name is empty");
        }

        var (dataVersion, dataSource, inputs, dvcLock) = Data(commit, options);
        var (config, configSource) = Config(commit, options, dvcLock);
        SeedCheck.ThrowIfDisagrees(config, seed, options);

        var members = new List<Member>
        {
            new(LineageFields.DataVersion, new StringValue(dataVersion), 0),
            new(LineageFields.CodeCommit, new StringValue(commit.CommitSha), 0),
            new(LineageFields.Config, config, 0),
            new(LineageFields.BaseModel, new StringValue(baseModel), 0),
            new(LineageFields.Seed, new IntegerValue(seed), 0),
        };
        if (dirty)
        {
            members.Add(new Member("dirty", new BoolValue(true), 0));
        }

        var lineage = new ObjectValue(members);
        var fields = new List<(string, Value)>
        {
            ("code_commit", new StringValue(commit.CommitSha)),
            ("data", dataSource),
            ("config", configSource),
        };
        fields.AddRange(seedSource);
        fields.Add(("remote", remoteUrl is null ? Value.Null : new StringValue(RemoteUrl.StripCredentials(remoteUrl))));
        fields.Add(("dirty", new BoolValue(dirty)));
        if (dirty)
        {
            // What was uncommitted, and which of it the lineage read from disk: a dirty record says what trained.
            fields.Add(("dirty_paths", Strings(dirtyPaths ?? [])));
            fields.Add(("read_from_working_tree", Strings(commit.ReadFromWorkingTree)));
        }

        var sources = Obj(fields.ToArray());
        return new LineageResult(lineage, sources, Fingerprint.Compute(lineage), inputs);
    }

    private static (string Version, ObjectValue Source, DataInputs? Inputs, DvcLock? Lock) Data(ICommitSnapshot commit, LineageSourceOptions o)
    {
        if (o.DvcLock is not null && o.DataVersionLabel is not null)
        {
            throw new PipelineException(PipeCodes.LineageSourceConflict, "give --dvc-lock or --data-version, not both");
        }

        if (o.DataVersionLabel is { } label)
        {
            if (label.Trim().Length == 0)
            {
                throw new PipelineException(PipeCodes.LineageSourceMissing, "the --data-version label is empty");
            }

            if (o.DvcStages.Count > 0 || o.DvcFiles.Count > 0)
            {
                throw new PipelineException(
                    PipeCodes.LineageSourceConflict,
                    "--dvc-stage and --dvc-file need --dvc-lock, not a --data-version label");
            }

            return (
                label,
                Obj(("source", new StringValue("label")), ("label", new StringValue(label)), ("status", new StringValue("unverifiable"))),
                null,
                null);
        }

        if (o.DvcLock is null)
        {
            throw new PipelineException(PipeCodes.LineageSourceMissing, "missing data source: give --dvc-lock PATH or --data-version LABEL");
        }

        var lockPath = RepoPath(o.DvcLock, "--dvc-lock");
        var dvcLock = DvcLock.Parse(commit.ReadFile(lockPath), lockPath);
        var files = o.DvcFiles.Select(f => RepoPath(f, "--dvc-file")).Distinct().Order(StringComparer.Ordinal)
            .Select(f => (Path: f, File: DvcFile.Parse(commit.ReadFile(f), f)))
            .ToArray();
        var stages = o.DvcStages.Distinct().Order(StringComparer.Ordinal).ToArray();
        var inputs = DataVersion.Compute(dvcLock, stages, files.Select(f => f.File).ToArray(), commit.IsTracked);
        var source = Obj(
            ("source", new StringValue("dvc")),
            ("lock", new StringValue(lockPath)),
            ("lock_blob", Blob(commit, lockPath)),
            ("stages", Strings(stages)),
            ("dvc_files", new ArrayValue(files.Select(f => (Value)Obj(("path", new StringValue(f.Path)), ("blob", Blob(commit, f.Path)))).ToArray())),
            ("entries", inputs.EntriesValue()),
            ("status", new StringValue("verifiable")));
        return (inputs.Version, source, inputs, dvcLock);
    }

    private static (Value Config, ObjectValue Source) Config(ICommitSnapshot commit, LineageSourceOptions o, DvcLock? dvcLock)
    {
        if (o.ConfigPath is not null && o.ConfigFromDvcParams)
        {
            throw new PipelineException(PipeCodes.LineageSourceConflict, "give --config or --config-from-dvc-params, not both");
        }

        if (o.ConfigFromDvcParams)
        {
            if (dvcLock is null)
            {
                throw new PipelineException(
                    PipeCodes.LineageSourceMissing,
                    "--config-from-dvc-params needs --dvc-lock (the params are read from the lock)");
            }

            var stages = o.DvcStages.Distinct().Order(StringComparer.Ordinal).ToArray();
            return (DvcParams.Config(dvcLock, stages), Obj(
                ("source", new StringValue("dvc_params")),
                ("lock", new StringValue(dvcLock.Path)),
                ("stages", Strings(stages))));
        }

        if (o.ConfigPath is null)
        {
            throw new PipelineException(
                PipeCodes.LineageSourceMissing,
                "missing config source: give --config PATH[#key] or --config-from-dvc-params");
        }

        var path = RepoPath(o.ConfigPath, "--config");
        var bytes = commit.ReadFile(path);
        var document = path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? JsonReader.Parse(bytes, path) : YamlReader.Parse(bytes, path);
        var config = o.ConfigKey is null ? document : SelectKey(document, o.ConfigKey, path);
        return (config, Obj(
            ("source", new StringValue("file")),
            ("path", new StringValue(path)),
            ("blob", Blob(commit, path)),
            ("key", o.ConfigKey is null ? Value.Null : new StringValue(o.ConfigKey))));
    }

    /// <summary>A lineage field read from a config key (<c>PATH#key</c>, the --config form and parser), recorded in lineage_sources.</summary>
    private static Value FromConfig(ICommitSnapshot commit, string spec, string field, List<(string, Value)> sources)
    {
        var (rawPath, key) = LineageSourceOptions.SplitConfigSpec(spec);
        var path = RepoPath(rawPath, $"lineage.{field}");
        if (key is null)
        {
            throw new PipelineException(
                PipeCodes.LineageValueFromConfigInvalid,
                $"lineage.{field} '{spec}' names a file but no key; write PATH#key (e.g. params.yaml#train.{field})",
                path);
        }

        var bytes = commit.ReadFile(path);
        var document = path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? JsonReader.Parse(bytes, path) : YamlReader.Parse(bytes, path);
        var value = SelectKey(document, key, path);
        sources.Add((field, Obj(
            ("source", new StringValue("file")),
            ("path", new StringValue(path)),
            ("blob", Blob(commit, path)),
            ("key", new StringValue(key)))));
        return value;
    }

    private static PipelineException WrongType(string field, string spec, string expected, Value found) =>
        new(PipeCodes.LineageValueFromConfigInvalid, $"lineage.{field} reads '{spec}', which holds {Describe(found)}, not {expected}",
            LineageSourceOptions.SplitConfigSpec(spec).Path, found.Line > 0 ? found.Line : null);

    internal static string Describe(Value v) => v switch
    {
        StringValue s => $"the string '{s.Value}'",
        IntegerValue i => $"the integer {i.Value}",
        FloatValue f => $"the number {f.Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}",
        BoolValue b => b.Value ? "true" : "false",
        NullValue => "null",
        ArrayValue => "a list",
        ObjectValue => "a mapping",
        _ => v.GetType().Name,
    };

    /// <summary>The exact key if the top level has it (DVC's dotted <c>prepare.seed</c>), else a dotted descent.</summary>
    internal static Value SelectKey(Value document, string key, string file)
    {
        if (document is ObjectValue top && top[key] is { } exact)
        {
            return exact;
        }

        var current = document;
        foreach (var part in key.Split('.'))
        {
            if (current is not ObjectValue obj || obj[part] is not { } next)
            {
                var keys = current is ObjectValue o ? string.Join(", ", o.Members.Select(m => m.Key)) : "none (not a mapping)";
                throw new PipelineException(
                    PipeCodes.ConfigKeyMissing,
                    $"key '{key}' not found (at '{part}'; keys there: {keys})",
                    file,
                    current.Line > 0 ? current.Line : null);
            }

            current = next;
        }

        return current;
    }

    private static string RepoPath(string path, string option) => DvcPath.Normalize(path.Replace('\\', '/'), "", option, 0);

    private static Value Blob(ICommitSnapshot commit, string path) => commit.BlobId(path) is { } id ? new StringValue(id) : Value.Null;

    private static ArrayValue Strings(IEnumerable<string> items) => new(items.Select(s => (Value)new StringValue(s)).ToArray());

    private static ObjectValue Obj(params (string Key, Value Value)[] members) => new(members.Select(m => new Member(m.Key, m.Value, 0)).ToArray());
}
