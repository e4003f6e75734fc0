using System.Text.Json;
using Microsoft.Build.Framework;
using Pipeline.Cli.Output.Results;
using Pipeline.Tasks.Cli;

namespace Pipeline.Tasks;

/// <summary>
/// <c>pipeline register MODEL --json</c>, read as <see cref="RegisterOutput"/>; only <c>version</c> is required (an
/// already-registered lineage answers with the existing version).
/// </summary>
public sealed class PipelineRegister : PipelineLineageTask
{
    [Required]
    public string Model { get; set; } = "";

    /// <summary>A local file or folder (hashed) or a URI (recorded as given).</summary>
    public string? Artifact { get; set; }

    public ITaskItem[]? Evals { get; set; }

    public string? Metrics { get; set; }

    /// <summary>An explicit version (vX.Y.Z); excludes <see cref="Bump"/>.</summary>
    public string? Version { get; set; }

    /// <summary>major, minor or patch.</summary>
    public string? Bump { get; set; }

    public string? Description { get; set; }

    public bool ForceNew { get; set; }

    public bool Push { get; set; }

    /// <summary>The remote to push to (implies <see cref="Push"/>); default: the CLI's choice.</summary>
    public string? PushRemote { get; set; }

    [Output]
    public string? RegisteredVersion { get; private set; }

    [Output]
    public string? Fingerprint { get; private set; }

    [Output]
    public string? Commit { get; private set; }

    [Output]
    public string? Tag { get; private set; }

    private protected override CliCommand BuildCommand()
    {
        if (!string.IsNullOrEmpty(Version) && !string.IsNullOrEmpty(Bump))
        {
            throw new TaskInputException("give either Version or Bump, not both");
        }

        var command = new CliCommand().Add("register").Positional("Model", Model).Option("--repo", Repo);
        AddLineage(command);
        command.Option("--artifact", Artifact)
            .Repeat("--eval", Evals?.Select(i => i.ItemSpec))
            .Option("--metrics", Metrics)
            .Option("--version", Version)
            .Option("--bump", Bump)
            .Option("--description", Description)
            .Flag("--force-new", ForceNew);
        if (!string.IsNullOrEmpty(PushRemote))
        {
            command.Option("--push", PushRemote);
        }
        else
        {
            command.Flag("--push", Push);
        }

        return command;
    }

    private protected override bool Map(JsonElement root, int exitCode)
    {
        if (Read(root, CliJsonContext.Default.RegisterOutput) is not { } result)
        {
            return false;
        }

        RegisteredVersion = Require(result.Version, "version");
        Fingerprint = result.Fingerprint;
        Commit = result.Commit;
        Tag = result.Tag;
        return RegisteredVersion is not null;
    }
}
