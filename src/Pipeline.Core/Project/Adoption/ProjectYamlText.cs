using System.Globalization;
using Pipeline.Core.Canonical;

namespace Pipeline.Core.Project.Adoption;

/// <summary>
/// Renders the proposed <c>pipeline.yaml</c>: every key <see cref="ProjectConfig"/> reads today, with a comment saying
/// where the value came from. A value that could not be found is a commented line marked EDIT (never a placeholder
/// value: a placeholder base model would be fingerprinted as if it were true).
/// </summary>
public static class ProjectYamlText
{
    public static InitFile Render(Proposal p)
    {
        var lines = new List<string>();
        var edits = new List<InitEdit>();
        void Add(string line) => lines.Add(line);
        void Edit(string line, string key, string what)
        {
            lines.Add(line);
            edits.Add(new InitEdit(ProjectConfig.FileName, lines.Count, key, what));
        }

        Add("# Pipeline project defaults, written by `pipeline init` (command-line options override them).");
        Add("# Keys: docs/lineage-sources.md. Lines marked EDIT need a value before the first `pipeline fingerprint`.");
        Add("registry:");
        Add($"  folder: {ProjectConfig.DefaultRegistryFolder}              # version records and the run ledger");
        Add("gate:");
        Add($"  file: {ProjectConfig.DefaultGateFile}");
        Add($"  protected_ref: {Scalar(p.ProtectedRef)}" + Pad(p.ProtectedRef.Length + 2, 16) + "# the gate is read from here, never from a " +
            "candidate's branch");
        Add("lineage:");
        if (p.HasDvcLock)
        {
            Add("  dvc_lock: dvc.lock            # data_version = hash of the data inputs dvc.lock records");
            if (p.TrainingStage is not null)
            {
                Add($"  dvc_stages: [{Scalar(p.TrainingStage)}]" + Pad(p.TrainingStage.Length + 2, 16) + "# the training stage and the stages it " +
                    "depends on");
            }
        }
        else
        {
            Edit("  # data_version: EDIT          # no dvc.lock: a label for the training data (recorded as unverifiable)",
                "lineage.data_version", "a label naming the training data (or add dvc.lock and set lineage.dvc_lock)");
        }

        if (p.ConfigSpec is not null)
        {
            Add($"  config: {Scalar(p.ConfigSpec)}" + Pad(p.ConfigSpec.Length, 22) + "# the training config, read at the lineage commit");
        }
        else
        {
            Edit("  # config: EDIT                # the training config file, PATH or PATH#key (YAML or JSON)",
                "lineage.config", "the training config file, PATH or PATH#key");
        }

        if (p.BaseModel is { } model)
        {
            Edit(
                $"  base_model: {Scalar(model.Value)}" + Pad(model.Value.Length, 18) + $"# from {model.FoundAt}: check it names the model you " +
                    "fine-tune",
                "lineage.base_model", $"check the base model (read from {model.FoundAt})");
        }
        else
        {
            Edit("  # base_model: EDIT            # the model you fine-tune, e.g. Qwen/Qwen3-8B",
                "lineage.base_model", "the model you fine-tune, e.g. Qwen/Qwen3-8B (or pass --base-model)");
        }

        if (p.Seed is { Reference: { } reference } keyed)
        {
            // The seed is read from the config at every commit, so the lineage cannot drift from what training used.
            Add($"  seed: {Scalar(reference)}" + Pad(Scalar(reference).Length, 24) + "# read from the config at each commit (now " +
                $"{keyed.Value.ToString(CultureInfo.InvariantCulture)})");
        }
        else if (p.Seed is { } seed)
        {
            var text = seed.Value.ToString(CultureInfo.InvariantCulture);
            Add($"  seed: {text}" + Pad(text.Length, 24) + $"# from {seed.FoundAt}: keep the two in step");
        }
        else
        {
            Edit("  # seed: EDIT                  # the training seed (an integer)",
                "lineage.seed", "the seed your training uses, an integer (or pass --seed)");
        }

        Add("aliases:                        # the aliases versions may take (add movers: [github logins] to restrict who)");
        Add("  staging:");
        Add("  production:");
        return new InitFile(ProjectConfig.FileName, string.Join('\n', lines) + "\n", edits);
    }

    /// <summary>Spaces so the comment after a value of <paramref name="length"/> starts in the usual column.</summary>
    private static string Pad(int length, int width) => new(' ', Math.Max(1, width - length));

    /// <summary>A plain YAML scalar when it reads back as the same string, else a double-quoted one (JSON's escaping).</summary>
    internal static string Scalar(string value)
    {
        try
        {
            if (value.Length > 0 && value.Trim() == value && Yaml.YamlReader.Parse($"k: {value}\n", "pipeline.yaml") is ObjectValue o
                && o["k"] is StringValue s && s.Value == value)
            {
                return value;
            }
        }
        catch (Diagnostics.PipelineException)
        {
            // Not a plain scalar (a flow indicator, a quote, a tab): quote it below.
        }

        return CanonicalJson.Write(new StringValue(value));
    }
}
