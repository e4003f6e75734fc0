using System.Text.Json;
using Microsoft.Build.Framework;
using Pipeline.Cli.Output.Results;
using Pipeline.Tasks.Cli;

namespace Pipeline.Tasks;

/// <summary>
/// <c>pipeline fingerprint --json</c>, read as <see cref="FingerprintOutput"/>; only <c>fingerprint</c> is required.
/// </summary>
public sealed class PipelineFingerprint : PipelineLineageTask
{
    [Output]
    public string? Fingerprint { get; private set; }

    [Output]
    public string? Scheme { get; private set; }

    /// <summary>The lineage as JSON text (the REQUIRED fields the fingerprint covers).</summary>
    [Output]
    public string? LineageJson { get; private set; }

    /// <summary>Where the lineage came from (<c>lineage_sources</c>) as JSON text, when the CLI built it from sources.</summary>
    [Output]
    public string? LineageSourcesJson { get; private set; }

    private protected override CliCommand BuildCommand()
    {
        var command = new CliCommand().Add("fingerprint");
        // --repo only matters when the CLI reads the repository; a lineage file needs none.
        if (string.IsNullOrEmpty(Lineage))
        {
            command.Option("--repo", Repo);
        }

        AddLineage(command);
        return command;
    }

    private protected override bool Map(JsonElement root, int exitCode)
    {
        if (Read(root, CliJsonContext.Default.FingerprintOutput) is not { } result)
        {
            return false;
        }

        Fingerprint = Require(result.Fingerprint, "fingerprint");
        Scheme = result.Scheme;
        LineageJson = result.Lineage.ValueKind == JsonValueKind.Undefined ? null : result.Lineage.GetRawText();
        LineageSourcesJson = result.LineageSources?.GetRawText();
        return Fingerprint is not null;
    }
}
