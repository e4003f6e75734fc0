namespace Pipeline.Git.Registry;

/// <summary>
/// What a rejected <c>git push --porcelain --atomic</c> means. Only a lost race is retried: "fetch first" and
/// "non-fast-forward" (the branch moved), "already exists" (someone took the tag) and "stale info" (a lease on the
/// model's counter ref or a tag failed). Anything else — a pre-receive hook, a read-only remote, a full disk, a
/// protected branch — is permanent: retrying cannot change it, so the caller stops with git's own reason.
/// </summary>
internal sealed record PushOutcome(bool Rejected, bool Retryable, string Reason)
{
    private static readonly string[] RaceReasons = ["fetch first", "non-fast-forward", "already exists", "stale info"];
    // A ref the remote cannot lock because of its disk or permissions is not a race.
    private static readonly string[] PermanentLockFailures = ["Permission denied", "Read-only file system", "No space left", "Disk quota"];
    private static readonly string[] AtomicEcho = ["atomic push failed", "atomic transaction failed"];

    public static PushOutcome Read(string porcelain, string stderr)
    {
        var reasons = porcelain.Split('\n')
            .Where(l => l.StartsWith("!\t", StringComparison.Ordinal))
            .Select(l => l.Split('\t') is { Length: >= 3 } parts ? $"{Short(parts[1])}: {parts[2].Trim()}" : l.Trim())
            .ToArray();
        if (reasons.Length == 0)
        {
            return new PushOutcome(false, false, Tail(stderr));
        }

        // With --atomic every other ref echoes the one real refusal: judge by the real ones.
        var real = reasons.Where(r => !AtomicEcho.Any(a => r.Contains(a, StringComparison.Ordinal))).ToArray();
        // A race lost inside the remote (two pushes passed the client-side check; the second could not lock the ref at
        // the value it expected, or a lease's "must not exist" met a ref created meanwhile) is reported only as
        // "atomic transaction failed" / "failed to update ref" plus the remote's "cannot lock ref '…': is at X but
        // expected Y" or "… reference already exists".
        var lostLock = stderr.Contains("cannot lock ref", StringComparison.Ordinal)
            && !PermanentLockFailures.Any(p => stderr.Contains(p, StringComparison.OrdinalIgnoreCase))
            && real.All(r => r.Contains("failed to update ref", StringComparison.Ordinal)
                || r.Contains("cannot lock ref", StringComparison.Ordinal)
                || r.Contains("failed to lock", StringComparison.Ordinal));
        var retryable = lostLock || (real.Length > 0 && real.All(r => RaceReasons.Any(a => r.Contains(a, StringComparison.Ordinal))));
        var why = string.Join("; ", real.Length > 0 ? real : reasons);
        var remote = Tail(RemoteLines(stderr));
        return new PushOutcome(true, retryable, remote == "(no message)" ? why : $"{why} ({remote})");
    }

    private static string RemoteLines(string stderr) =>
        string.Join(
            '\n',
            stderr.Split('\n')
                .Where(l => l.StartsWith("remote:", StringComparison.Ordinal)
                    || l.StartsWith("error:", StringComparison.Ordinal)
                    || l.StartsWith("fatal:", StringComparison.Ordinal)));

    internal static string Short(string refspec)
    {
        var dst = refspec.Contains(':', StringComparison.Ordinal) ? refspec[(refspec.LastIndexOf(':') + 1)..] : refspec;
        return dst.StartsWith("refs/tags/", StringComparison.Ordinal)
            ? dst[10..] : dst.StartsWith("refs/heads/", StringComparison.Ordinal) ? dst[11..]
            : dst;
    }

    internal static string Tail(string stderr)
    {
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == 0 ? "(no message)" : string.Join(" | ", lines.TakeLast(3));
    }
}
