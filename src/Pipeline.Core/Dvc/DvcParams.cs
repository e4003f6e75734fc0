using Pipeline.Core.Canonical;
using Pipeline.Core.Diagnostics;

namespace Pipeline.Core.Dvc;

/// <summary>
/// The <c>params:</c> DVC recorded for the selected stages, as one config value:
/// <c>{"&lt;params file, repository-relative&gt;": {"&lt;key as the lock writes it&gt;": value}}</c>. Keys stay as
/// DVC wrote them (dotted <c>prepare.seed</c> or a group such as <c>train</c> with its nested mapping); stages that
/// record the same file and key must agree, since one lineage cannot have two values for one parameter.
/// </summary>
public static class DvcParams
{
    public static ObjectValue Config(DvcLock dvcLock, IReadOnlyCollection<string> stageNames)
    {
        var folder = DvcPath.FolderOf(dvcLock.Path);
        var files = new Dictionary<string, List<Member>>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var stage in StageSelection.Select(dvcLock, stageNames))
        {
            if (stage.Params is null)
            {
                continue;
            }

            foreach (var file in stage.Params.Members)
            {
                if (file.Value is not ObjectValue keys)
                {
                    throw new PipelineException(
                        PipeCodes.DvcLockInvalid,
                        $"params of stage '{stage.Name}' for '{file.Key}' must be a mapping",
                        dvcLock.Path,
                        file.Line);
                }

                var name = DvcPath.Normalize(file.Key, folder, dvcLock.Path, file.Line);
                if (!files.TryGetValue(name, out var members))
                {
                    files[name] = members = [];
                    order.Add(name);
                }

                foreach (var key in keys.Members)
                {
                    var existing = members.FindIndex(m => m.Key == key.Key);
                    if (existing < 0)
                    {
                        members.Add(key);
                    }
                    else if (CanonicalJson.Write(members[existing].Value) != CanonicalJson.Write(key.Value))
                    {
                        throw new PipelineException(
                            PipeCodes.DvcParamsConflict,
                            $"{name} key '{key.Key}' is {members[existing].Value} at line {members[existing].Line} but {key.Value} in stage " +
                            $"'{stage.Name}'",
                            dvcLock.Path,
                            key.Line);
                    }
                }
            }
        }

        if (order.Count == 0)
        {
            throw new PipelineException(
                PipeCodes.LineageSourceMissing,
                "the selected stages of the lock record no params; use --config PATH instead of --config-from-dvc-params",
                dvcLock.Path);
        }

        return new ObjectValue(order.Select(f => new Member(f, new ObjectValue(files[f]), 0)).ToArray());
    }
}
