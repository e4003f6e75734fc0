using System.Numerics;
using Pipeline.Core.Canonical;
using Pipeline.Core.Registry;

namespace Pipeline.Core.Project.Adoption;

/// <summary>
/// A proposed value and where it was found (null when it was guessed or is missing); <paramref name="Reference"/> is the
/// config key it came from as <c>PATH#key</c>, when it came from one.
/// </summary>
public sealed record Proposed<T>(T Value, string? FoundAt, string? Reference = null);

/// <summary>
/// The configuration <c>pipeline init</c> proposes for a repository. It asks nothing: each value is read from the
/// repository's own files, and what cannot be read is left empty for the user to fill (never invented, so a missing
/// base model fails the first fingerprint loudly instead of recording a wrong one).
/// </summary>
public sealed record Proposal(
    string? TrainingStage,
    bool HasDvcLock,
    string? ConfigSpec,
    Proposed<BigInteger>? Seed,
    Proposed<string>? BaseModel,
    string ProtectedRef,
    string Model)
{
    public const string ParamsFile = "params.yaml";

    private static readonly string[] SeedKeys = ["seed", "random_seed", "random_state"];

    // Most specific first; 'arch' is last because it only sometimes names a pretrained model.
    private static readonly string[] BaseModelKeys = [
        "base_model", "model_name_or_path", "base_model_name", "pretrained_model", "model_name", "model_id", "arch"];

    public static Proposal From(RepositoryFacts facts)
    {
        var stage = FindTrainingStage(facts);
        var config = FindConfigSpec(facts.Params, stage);
        var section = config is not null && config.Contains('#') && facts.Params is ObjectValue p ? p[stage!] as ObjectValue : null;
        return new Proposal(
            stage,
            facts.DvcLock is not null,
            config,
            FindSeed(facts.Params, section, stage),
            FindBaseModel(facts.Params, section, stage),
            string.IsNullOrEmpty(facts.Branch) ? "main" : facts.Branch,
            ModelName(facts));
    }

    /// <summary>The stage named 'train', else the first whose name contains 'train', else the last stage.</summary>
    private static string? FindTrainingStage(RepositoryFacts facts)
    {
        var names = (facts.DvcYaml as ObjectValue)?["stages"] is ObjectValue stages
            ? stages.Members.Select(m => m.Key).ToList()
            : facts.DvcLock?.Stages.Select(s => s.Name).ToList() ?? [];
        return names.FirstOrDefault(n => n == "train")
            ?? names.FirstOrDefault(n => n.Contains("train", StringComparison.OrdinalIgnoreCase))
            ?? names.LastOrDefault();
    }

    private static string? FindConfigSpec(Value? parameters, string? stage)
    {
        if (parameters is not ObjectValue top)
        {
            return null;
        }

        return stage is not null && top[stage] is ObjectValue ? $"{ParamsFile}#{stage}" : ParamsFile;
    }

    private static Proposed<BigInteger>? FindSeed(Value? parameters, ObjectValue? section, string? stage)
    {
        foreach (var (obj, prefix) in Places(parameters, section, stage))
        {
            foreach (var key in SeedKeys)
            {
                if (obj[key] is IntegerValue i)
                {
                    return new(i.Value, $"{ParamsFile} {prefix}{key}", $"{ParamsFile}#{prefix}{key}");
                }
            }
        }

        return null;
    }

    private static Proposed<string>? FindBaseModel(Value? parameters, ObjectValue? section, string? stage)
    {
        foreach (var (obj, prefix) in Places(parameters, section, stage))
        {
            foreach (var key in BaseModelKeys)
            {
                if (obj[key] is StringValue s && s.Value.Trim().Length > 0)
                {
                    return new(s.Value, $"{ParamsFile} {prefix}{key}");
                }
            }
        }

        return null;
    }

    /// <summary>Where to look, nearest first: the training section, the file's top level, then every other section.</summary>
    private static IEnumerable<(ObjectValue Obj, string Prefix)> Places(Value? parameters, ObjectValue? section, string? stage)
    {
        if (section is not null)
        {
            yield return (section, stage + ".");
        }

        if (parameters is not ObjectValue top)
        {
            yield break;
        }

        yield return (top, "");
        foreach (var m in top.Members)
        {
            if (m.Value is ObjectValue other && !ReferenceEquals(other, section))
            {
                yield return (other, m.Key + ".");
            }
        }
    }

    /// <summary>The first model artifact dvc.yaml declares, else the repository folder's name, as a valid model name.</summary>
    private static string ModelName(RepositoryFacts facts)
    {
        if ((facts.DvcYaml as ObjectValue)?["artifacts"] is ObjectValue artifacts)
        {
            foreach (var a in artifacts.Members)
            {
                if (a.Value is ObjectValue o && o["type"] is StringValue { Value: "model" } && RegistryNames.IsValid(a.Key))
                {
                    return a.Key;
                }
            }
        }

        var cleaned = new string(facts.FolderName.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' ? c : '-').ToArray())
            .Trim('-', '_');
        return RegistryNames.IsValid(cleaned) ? cleaned : "model";
    }
}
