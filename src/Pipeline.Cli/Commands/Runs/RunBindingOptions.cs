using System.CommandLine;
using Pipeline.Cli.Commands.Artifacts;
using Pipeline.Cli.Commands.Lineage;
using Pipeline.Core.Canonical;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Lineage;
using Pipeline.Core.Tracking;

namespace Pipeline.Cli.Commands.Runs;

/// <summary>
/// The options that bind a run to what it produced, shared by <c>runs ingest</c> and <c>runs attach</c>: the lineage
/// (<c>--rev REV</c> read from the repository with pipeline.yaml's sources, or <c>--lineage FILE</c>), the artifact
/// (register's options: a digest wherever the bytes live) and eval result files.
/// </summary>
internal sealed class RunBindingOptions
{
    public Option<string?> Rev { get; } = new("--rev")
    {
        Description = "Bind the lineage of this commit (data, config, base model and seed from pipeline.yaml's lineage: block), read at that commit.",
    };

    public Option<string?> LineageFile { get; } = new("--lineage")
    {
        Description = "Bind the lineage in this JSON file (the lineage-v1 fields, as 'pipeline fingerprint --lineage' reads).",
    };

    public Option<string[]> Evals { get; } = new("--eval")
    {
        Description = "An eval result JSON file (suite, evaluated, scores) to bind (repeatable).",
    };

    public ArtifactOptions Artifact { get; } = new();

    public void AddTo(Command command)
    {
        command.Options.Add(Rev);
        command.Options.Add(LineageFile);
        command.Options.Add(Evals);
        Artifact.AddTo(command);
    }

    public RunBinding Build(ParseResult parse, string root, string baseDirectory, TextWriter warnings)
    {
        var rev = parse.GetValue(Rev);
        var file = parse.GetValue(LineageFile);
        if (rev is not null && file is not null)
        {
            throw new PipelineException(PipeCodes.UsageError, "give --rev (read the lineage from the repository) or --lineage FILE, not both");
        }

        ObjectValue? lineage = null;
        string? lineageSource = null;
        if (rev is not null)
        {
            // Every source is read at REV, so the working tree cannot leak into the bound lineage.
            var build = LineageFromRepository.Build(new LineageRequest(rev, new LineageSourceOptions(), AllowDirty: false), root);
            lineage = build.Result.Lineage;
            lineageSource = $"--rev {rev}";
        }
        else if (file is not null)
        {
            lineage = Fingerprint.AsLineage(JsonReader.ParseFile(file), file);
            lineageSource = file;
        }

        var artifact = Artifact.Build(parse, baseDirectory, root);
        var evals = EvalFiles.Read(parse.GetValue(Evals), warnings);
        return new RunBinding(lineage, lineageSource, artifact is null ? [] : [artifact], evals);
    }
}
