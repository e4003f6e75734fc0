using Pipeline.Core.Diagnostics;

namespace Pipeline.Git.Registry;

using Repository = LibGit2Sharp.Repository;

/// <summary>
/// git's own <c>index.lock</c>. A git command holds it for milliseconds; one that stays is either a long git command or
/// the leftover of a killed writer. Pipeline waits a little, then removes it only when it is provably its own (made
/// after the journal of a Pipeline write that was killed), else refuses with the path to check — before touching the
/// working tree, so a refusal leaves nothing half-written.
/// </summary>
internal static class IndexLock
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    public static string PathIn(Repository repo) => Path.Combine(repo.Info.Path, "index.lock");

    public static void ThrowIfHeld(Repository repo)
    {
        var path = PathIn(repo);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var attempt = 0; File.Exists(path); attempt++)
        {
            if (clock.Elapsed > Patience)
            {
                var age = DateTime.UtcNow - File.GetLastWriteTimeUtc(path);
                throw new PipelineException(PipeCodes.GitWriteFailed,
                    $"'{path}' has been held for {age.TotalSeconds:0} s: another git command is running, or one was killed; remove the file only " +
                    "if no git command is running",
                    path);
            }

            Thread.Sleep(Backoff.FullJitter(attempt, TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(250)));
        }
    }

    /// <summary>Removes index.lock when it was made during our own killed write (journal written at <paramref name="journalUtc"/>).</summary>
    public static void RemoveIfOurs(Repository repo, DateTime journalUtc)
    {
        var path = PathIn(repo);
        if (!File.Exists(path))
        {
            return;
        }

        var made = File.GetLastWriteTimeUtc(path);
        // Our writer held it between the journal and its death; a live git command would not leave it this long.
        if (made >= journalUtc.AddSeconds(-1) && DateTime.UtcNow - made > Patience)
        {
            File.Delete(path);
        }
    }
}
