using Pipeline.Git.Reading;

namespace Pipeline.Git.Signing;

/// <summary>
/// The allowed-signers file (ssh-keygen's format: <c>PRINCIPAL KEYTYPE KEY</c> per line) as committed on the protected
/// ref, never the working copy's: a branch that adds its own key must not be able to trust itself. git reads the file
/// from a path, so the committed bytes are written to a private temporary file for the life of this object.
/// </summary>
public sealed class AllowedSigners : IDisposable
{
    private readonly string _file;

    private AllowedSigners(string file, string @ref, string commit, string path)
    {
        _file = file;
        Ref = @ref;
        Commit = commit;
        Path = path;
    }

    /// <summary>The protected ref the file was read from (e.g. origin/main).</summary>
    public string Ref { get; }

    public string Commit { get; }

    /// <summary>The file's path in the repository (gate.yaml <c>require.allowed_signers</c>).</summary>
    public string Path { get; }

    /// <summary>The file at <paramref name="commit"/>, or null when that commit has no such file.</summary>
    public static AllowedSigners? At(GitRepository repo, string @ref, string commit, string path)
    {
        if (repo.BlobIdAt(commit, path) is null)
        {
            return null;
        }

        var temp = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"pipeline-allowed-signers-{Guid.NewGuid():N}");
        File.WriteAllBytes(temp, repo.ReadFileAt(commit, path));
        return new AllowedSigners(temp, @ref, commit, path);
    }

    /// <summary>
    /// <c>git -c gpg.ssh.allowedSignersFile=FILE verify-tag --raw refs/tags/TAG</c>, parsed. The configuration is given on
    /// the command line so no allowed-signers file of the clone's own config can widen the trust. Not cached: a tag name
    /// can be deleted and written again (a lost push race), and the verdict is about the object.
    /// </summary>
    public TagSignature Verify(string repoRoot, string tag)
    {
        var output = GitCli.Run(repoRoot, "-c", $"gpg.ssh.allowedSignersFile={_file}", "verify-tag", "--raw", "refs/tags/" + tag);
        return TagSignature.Parse(tag, output.ExitCode, output.StdErr + "\n" + output.StdOut);
    }

    public void Dispose()
    {
        try
        {
            File.Delete(_file);
        }
        catch (IOException)
        {
            // A temp file left behind holds only public keys.
        }
    }
}
