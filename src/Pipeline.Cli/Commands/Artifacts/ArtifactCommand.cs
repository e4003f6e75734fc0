using System.CommandLine;

namespace Pipeline.Cli.Commands.Artifacts;

/// <summary><c>pipeline artifact …</c>: digests of weights wherever they live (manifest on the training machine, verify on the serving
/// one).</summary>
internal static class ArtifactCommand
{
    public static Command Build(CliConsole console) =>
        new("artifact", "Artifact digests: write a folder's manifest before upload, verify downloaded bytes against the record.")
    {
        ArtifactManifestCommand.Build(console),
        ArtifactVerifyCommand.Build(console),
    };
}
