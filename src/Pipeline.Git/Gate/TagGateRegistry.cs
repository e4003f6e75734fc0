using System.Globalization;
using Pipeline.Core.Canonical;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Gate;

namespace Pipeline.Git.Gate;

/// <summary>
/// Interim registry reader for the gate, until the registry's store is merged: the version record from the working
/// tree, the alias from the model's tags with plain git (the assignment/unassignment tag with the highest counter;
/// the version registered at its target commit).
/// </summary>
public sealed class TagGateRegistry(GateGit git, string registryDir = "registry") : IGateRegistry
{
    public Contender? Version(string model, string version)
    {
        var path = Path.Combine(git.Root, registryDir, model, version + ".json");
        return File.Exists(path)
            ? RecordContender.From(JsonReader.ParseFile(path, $"{registryDir}/{model}/{version}.json"), version, $"{registryDir}/{model}/{version}.json")
            : null;
    }

    public string? Champion(string model, string alias)
    {
        long best = -1;
        string? target = null;
        var assigned = false;
        foreach (var line in git.ForEachRef("--format=%(refname:strip=2) %(*objectname) %(objecttype)", $"refs/tags/{model}#{alias}#*", $"refs/tags/{model}#{alias}!#*"))
        {
            var parts = line.Split(' ');
            if (parts.Length != 3 || parts[2] != "tag") continue; // lightweight tags are never trusted (DESIGN §4)
            var name = parts[0];
            var counterText = name[(name.LastIndexOf('#') + 1)..];
            if (!long.TryParse(counterText, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n <= best) continue;
            best = n;
            target = parts[1];
            assigned = !name.Contains("!#", StringComparison.Ordinal);
        }

        if (!assigned || target is null) return null;
        foreach (var line in git.ForEachRef("--points-at", target, "--format=%(refname:strip=2) %(objecttype)", $"refs/tags/{model}@v*"))
        {
            var parts = line.Split(' ');
            if (parts.Length == 2 && parts[1] == "tag" && !parts[0].EndsWith('!')) return parts[0][(model.Length + 1)..];
        }

        return null;
    }

}
