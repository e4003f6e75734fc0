using System.Text;
using Microsoft.Build.Framework;
using Pipeline.Tasks.Diagnostics;

namespace Pipeline.Tasks;

/// <summary>
/// The serving build's input, computed without the CLI: a stamp file holding everything the alias resolution reads
/// that can change between builds (the repository, model, alias, the CLI, whether the version must verify, and the
/// tips of the model's tags). It is rewritten only when its content changes, so the resolving target's
/// Inputs/Outputs (stamp and pipeline.yaml against the resolution) skip the CLI on a build where nothing moved.
/// </summary>
public sealed class PipelineServingStamp : Microsoft.Build.Utilities.Task
{
    [Required]
    public string Repo { get; set; } = "";

    [Required]
    public string Model { get; set; } = "";

    [Required]
    public string Alias { get; set; } = "";

    [Required]
    public string StampFile { get; set; } = "";

    /// <summary>Anything else the resolution depends on (the CLI path, PipelineRequireReproducible), one line each.</summary>
    public string[] Settings { get; set; } = [];

    /// <summary>PipelineVerbosity=detailed: every input and output at high importance.</summary>
    public bool Trace { get; set; }

    /// <summary>The digest of the tag tips: with repository, model and alias, the key under which the build reuses an answer.</summary>
    [Output]
    public string? TagTips { get; private set; }

    /// <summary>The repository's pipeline.yaml when there is one (an input of the resolution: it may move the registry).</summary>
    [Output]
    public string? ConfigFile { get; private set; }

    public override bool Execute()
    {
        var tips = Serving.TagTips.Read(Repo, Model);
        if (tips is null)
        {
            Log.LogError(subcategory: null, errorCode: TaskCodes.RegistryUnreachable, helpKeyword: null, file: null, lineNumber: 0,
                columnNumber: 0, endLineNumber: 0, endColumnNumber: 0,
                message: $"the registry for {Model}#{Alias} is not reachable: no git repository at or above '{Path.GetFullPath(Repo)}' " +
                    "(PipelineRepo). "
                    + "Set PipelineRepo to the clone holding registry/ and the model's tags, or build without the registry with PipelineSkip=true " +
                        "(dotnet build -p:PipelineSkip=true).");
            return false;
        }

        ConfigFile = FindConfig(Repo);
        TagTips = tips.Digest;

        var text = new StringBuilder()
            .Append("# Pipeline serving build: rewritten only when what resolving ")
                .Append(Model)
                .Append('#')
                .Append(Alias)
                .Append(" reads changes\n")
            .Append("repo ").Append(Path.GetFullPath(Repo)).Append('\n')
            .Append("git-dir ").Append(tips.GitDir).Append('\n')
            .Append("model ").Append(Model).Append('\n')
            .Append("alias ").Append(Alias).Append('\n');
        foreach (var setting in Settings)
        {
            text.Append("setting ").Append(setting).Append('\n');
        }

        foreach (var line in tips.Lines)
        {
            text.Append(line).Append('\n');
        }

        bool written;
        try
        {
            written = WriteWhenDifferent(StampFile, text.ToString());
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Log.LogError(subcategory: null, errorCode: TaskCodes.GeneratedFileFailed, helpKeyword: null, file: StampFile, lineNumber: 0,
                columnNumber: 0, endLineNumber: 0, endColumnNumber: 0, message: $"could not write the serving stamp: {ex.Message}");
            return false;
        }

        Note($"Pipeline: inputs: {tips.Lines.Count} tag tip(s) of {Model} in {tips.CommonDir} (digest {tips.Digest[..12]}), pipeline.yaml " +
            $"{ConfigFile ?? "(none)"}");
        Note(written
            ? $"Pipeline: stamp {StampFile} rewritten: the tags or settings changed since the last build, the alias is resolved again"
            : $"Pipeline: stamp {StampFile} unchanged");
        return !Log.HasLoggedErrors;
    }

    private static string? FindConfig(string repo)
    {
        // pipeline.yaml sits at the repository root, which may be above PipelineRepo.
        for (var dir = new DirectoryInfo(Path.GetFullPath(repo)); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "pipeline.yaml");
            if (File.Exists(candidate))
            {
                return candidate;
            }

            if (Directory.Exists(Path.Combine(dir.FullName, ".git")) || File.Exists(Path.Combine(dir.FullName, ".git")))
            {
                return null;
            }
        }

        return null;
    }

    /// <summary>Writes (through a temporary file, so parallel inner builds never read half a stamp) only when the content differs.</summary>
    private static bool WriteWhenDifferent(string path, string content)
    {
        if (File.Exists(path) && File.ReadAllText(path) == content)
        {
            return false;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = path + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        File.WriteAllText(temporary, content);
        File.Move(temporary, path, overwrite: true);
        return true;
    }

    private void Note(string message) => Log.LogMessage(Trace ? MessageImportance.High : MessageImportance.Low, "{0}", message);
}
