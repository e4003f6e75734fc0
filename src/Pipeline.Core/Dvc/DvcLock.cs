using Pipeline.Core.Canonical;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Yaml;

namespace Pipeline.Core.Dvc;

/// <summary>
/// A dvc.lock: schema 2.0 (<c>schema: '2.0'</c> + <c>stages:</c>, with or without DVC 3's <c>hash: md5</c>) or the
/// 1.0 layout (stages at the top level, no <c>schema</c>). Paths in a lock are relative to the lock's folder; they
/// are stored repository-relative. <paramref name="Path"/> is the lock's repository-relative path.
/// </summary>
public sealed record DvcLock(string Path, string Schema, IReadOnlyList<DvcStage> Stages)
{
    public static DvcLock Parse(ReadOnlySpan<byte> utf8, string repoPath) => From(YamlReader.Parse(utf8, repoPath), repoPath);

    public static DvcLock From(Value document, string repoPath)
    {
        if (document is not ObjectValue root)
        {
            throw Invalid("a dvc.lock must be a mapping of stages", repoPath, document.Line);
        }

        var folder = DvcPath.FolderOf(repoPath);
        if (root["schema"] is { } schema)
        {
            if (schema is not StringValue { Value: "2.0" })
            {
                throw Invalid($"schema {schema} is not supported (Pipeline reads '2.0' and the 1.0 layout)", repoPath, schema.Line);
            }

            if (root["stages"] is not ObjectValue stages)
            {
                throw Invalid("schema 2.0 needs a 'stages' mapping", repoPath, root.LineOf("stages") is var l && l > 0 ? l : root.Line);
            }

            return new DvcLock(repoPath, "2.0", ReadStages(stages, "stages.", folder, repoPath));
        }

        return new DvcLock(repoPath, "1.0", ReadStages(root, "", folder, repoPath));
    }

    public DvcStage? Find(string name) => Stages.FirstOrDefault(s => s.Name == name);

    private static DvcStage[] ReadStages(ObjectValue stages, string prefix, string folder, string file)
    {
        var result = new List<DvcStage>();
        foreach (var m in stages.Members)
        {
            if (m.Value is not ObjectValue stage)
            {
                throw Invalid($"stage '{prefix}{m.Key}' must be a mapping", file, m.Line);
            }

            var where = prefix + m.Key;
            var deps = ReadEntries(stage, "deps", where, folder, file);
            var outs = ReadEntries(stage, "outs", where, folder, file);
            var parameters = stage["params"];
            if (parameters is not (null or ObjectValue or NullValue))
            {
                throw Invalid($"{where}.params must be a mapping of params files", file, parameters.Line);
            }

            result.Add(new DvcStage(m.Key, m.Line, deps, outs, parameters as ObjectValue));
        }

        return result.ToArray();
    }

    private static DvcEntry[] ReadEntries(ObjectValue stage, string key, string where, string folder, string file)
    {
        switch (stage[key])
        {
            case null or NullValue:
                return [];
            case ArrayValue list:
                return list.Items.Select((item, i) => DvcEntry.Read(item, folder, file, $"{where}.{key}[{i}]", PipeCodes.DvcLockInvalid)).ToArray();
            case var other:
                throw Invalid($"{where}.{key} must be a list", file, other.Line);
        }
    }

    private static PipelineException Invalid(string message, string file, int line) =>
        new(PipeCodes.DvcLockInvalid, message, file, line > 0 ? line : null);
}
