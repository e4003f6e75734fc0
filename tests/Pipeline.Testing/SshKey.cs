namespace Pipeline.Testing;

/// <summary>
/// A real SSH signing key (<c>ssh-keygen -t ed25519 -N ''</c>) in its own temp folder, for signed-tag tests: the private
/// key's path (git's <c>user.signingkey</c>) and the line that trusts it in an allowed-signers file. Deleted on dispose.
/// </summary>
public sealed class SshKey : IDisposable
{
    private readonly TempFolder _folder = new("pipeline-key-");

    public SshKey(string principal)
    {
        Principal = principal;
        PrivateKey = _folder.Path("id_ed25519");
        var start = new System.Diagnostics.ProcessStartInfo("ssh-keygen")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])["-q", "-t", "ed25519", "-N", "", "-C", principal, "-f", PrivateKey])
        {
            start.ArgumentList.Add(arg);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var err = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException("ssh-keygen failed (is openssh-client installed?): " + err);
        }

        PublicKey = string.Join(' ', File.ReadAllText(PrivateKey + ".pub").Trim().Split(' ').Take(2));
    }

    /// <summary>The principal an allowed-signers line names for this key (e.g. alice@example.com).</summary>
    public string Principal { get; }

    public string PrivateKey { get; }

    /// <summary><c>ssh-ed25519 AAAA…</c>.</summary>
    public string PublicKey { get; }

    /// <summary>The allowed-signers line that trusts this key: <c>PRINCIPAL ssh-ed25519 AAAA…</c>.</summary>
    public string AllowedSignersLine => $"{Principal} {PublicKey}";

    /// <summary>Makes <paramref name="repo"/> sign tags with this key (gpg.format ssh, user.signingkey).</summary>
    public void SignWith(TempGitRepo repo)
    {
        repo.Git("config", "gpg.format", "ssh");
        repo.Git("config", "user.signingkey", PrivateKey);
    }

    public void Dispose() => _folder.Dispose();
}
