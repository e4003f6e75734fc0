using System.CommandLine;
using Pipeline.Core.Artifacts;
using Pipeline.Core.Diagnostics;

namespace Pipeline.Cli.Commands.Artifacts;

/// <summary>
/// register's artifact options: a digest wherever the bytes live. A local path is hashed here and recorded relative
/// to the repository root; a URI needs the digest its uploader computed (a file's sha256, a folder's manifest); a DVC
/// output is recorded with DVC's hash and remote object beside Pipeline's own digest.
/// </summary>
internal sealed class ArtifactOptions
{
    public Option<string?> Artifact { get; } = new("--artifact")
    {
        Description = "The checkpoint: a local file or folder inside the repository (hashed, recorded repo-relative), or a URI (s3://, gs://, " +
            "https://, hf://…) with --artifact-sha256 or --artifact-manifest.",
    };

    public Option<string?> Sha256 { get; } = new("--artifact-sha256")
    {
        Description = "The sha256 of the file at --artifact URI (what `sha256sum` prints on the machine that uploaded it).",
    };

    public Option<string?> Manifest { get; } = new("--artifact-manifest")
    {
        Description = "The folder manifest of --artifact URI, written by `pipeline artifact manifest DIR` (DIR/pipeline-manifest.json).",
    };

    public Option<string?> Dvc { get; } = new("--artifact-dvc")
    {
        Description = "A DVC-tracked output (in dvc.lock or PATH.dvc), repo-relative: records DVC's md5 and remote object, and hashes the " +
            "workspace copy.",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Artifact);
        command.Options.Add(Sha256);
        command.Options.Add(Manifest);
        command.Options.Add(Dvc);
    }

    /// <summary>The artifact to record, or null when none of the options is given.</summary>
    /// <param name="baseDirectory">What a relative local path is relative to (--repo, else the current folder).</param>
    public Artifact? Build(ParseResult parse, string baseDirectory, string repositoryRoot)
    {
        var given = parse.GetValue(Artifact);
        var sha = parse.GetValue(Sha256);
        var manifest = parse.GetValue(Manifest);
        var dvc = parse.GetValue(Dvc);
        if (dvc is not null)
        {
            if (given is not null || sha is not null || manifest is not null)
            {
                throw Conflict("--artifact-dvc names the artifact on its own; drop --artifact, --artifact-sha256 and --artifact-manifest");
            }

            return DvcArtifactSource.Describe(ArtifactLocation.RepoRelative(dvc, baseDirectory, repositoryRoot), repositoryRoot);
        }

        if (given is null)
        {
            return sha is null && manifest is null ? null
                : throw Conflict("--artifact-sha256 and --artifact-manifest describe the artifact given with --artifact URI; add --artifact");
        }

        if (sha is not null && manifest is not null)
        {
            throw Conflict("give --artifact-sha256 (a file) or --artifact-manifest (a folder), not both");
        }

        if (given.Any(char.IsControl))
        {
            throw Conflict(
                "--artifact contains a control character (a line break in a URI would split every line-based output: $GITHUB_ENV, docker labels)");
        }

        if (ArtifactDigest.IsRemote(given))
        {
            if (manifest is not null)
            {
                return ArtifactManifestFile.Read(manifest, given);
            }

            if (sha is not null)
            {
                return new Artifact(given, ArtifactSha256.Parse(sha, "--artifact-sha256"), null, null);
            }

            throw new PipelineException(PipeCodes.ArtifactUriWithoutDigest, $"artifact '{given}' is a URI without a digest");
        }

        var relative = ArtifactLocation.RepoRelative(given, baseDirectory, repositoryRoot);
        var local = ArtifactDigest.Describe(relative, repositoryRoot);
        // A digest given for a local path must match the bytes: it is what the uploader promised.
        var expected = manifest is not null
            ? ArtifactManifestFile.Read(manifest, relative).Sha256 : sha is not null ? ArtifactSha256.Parse(sha, "--artifact-sha256")
            : null;
        if (expected is not null && expected != local.Sha256)
        {
            throw new PipelineException(PipeCodes.ArtifactDigestMismatch,
                $"'{relative}' has {(local.IsFolder ? "manifest digest" : "sha256")} {local.Sha256}, the " +
                $"{(manifest is not null ? "manifest" : "--artifact-sha256")} says {expected}");
        }

        return local;
    }

    private static PipelineException Conflict(string message) => new(PipeCodes.ArtifactOptionsConflict, message);
}
