using Pipeline.Core.Diagnostics;

namespace Pipeline.Git.Registry;

/// <summary>
/// One writer at a time per repository for Pipeline's read-decide-write sequences (register, alias moves, ledger
/// commits): an exclusive <c>flock</c> on <c>&lt;common git dir&gt;/pipeline/write.lock</c>, shared by every worktree.
/// The kernel drops the lock when its process dies (kill -9 included), so a left-over file never wedges anything;
/// it is never deleted, because deleting a lock file others may have opened would let two writers in.
///
/// Re-entrant on one thread (a register takes it and its commit takes it again). Waiting is bounded by
/// <see cref="WaitLimit"/> (PIPELINE_LOCK_TIMEOUT seconds, default 120) with jittered polling; past it PIPE1130.
/// The branch compare-and-swap stays the real guard: the lock only makes local writers queue instead of racing, and
/// keeps the index from being rewritten by two processes at once (each reads it, adds its entries and writes it
/// whole: the last one would drop the other's entries as staged deletions).
/// </summary>
internal sealed class WriteLock : IDisposable
{
    [ThreadStatic]
    private static Dictionary<string, int>? _held;

    private readonly string _path;
    private readonly FileStream? _file;

    private WriteLock(string path, FileStream? file)
    {
        _path = path;
        _file = file;
    }

    public static TimeSpan WaitLimit =>
        int.TryParse(Environment.GetEnvironmentVariable("PIPELINE_LOCK_TIMEOUT"), out var s) && s >= 0
            ? TimeSpan.FromSeconds(s)
            : TimeSpan.FromSeconds(120);

    /// <summary>Takes the lock of the repository whose common git dir is <paramref name="commonDir"/>.</summary>
    public static WriteLock Take(string commonDir)
    {
        var folder = Path.Combine(Path.GetFullPath(commonDir), "pipeline");
        var path = Path.Combine(folder, "write.lock");
        _held ??= new Dictionary<string, int>(StringComparer.Ordinal);
        if (_held.TryGetValue(path, out var depth))
        {
            _held[path] = depth + 1;
            return new WriteLock(path, null);
        }

        Directory.CreateDirectory(folder);
        var limit = WaitLimit;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                // FileShare.None is an exclusive flock on Unix and a share-mode lock on Windows: both die with the process.
                var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                _held[path] = 1;
                return new WriteLock(path, file);
            }
            catch (IOException) when (clock.Elapsed < limit)
            {
                Thread.Sleep(Backoff.FullJitter(attempt, TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(200)));
            }
            catch (IOException ex)
            {
                throw new PipelineException(PipeCodes.WriteLockTimeout,
                    $"another Pipeline write held {path} for more than {limit.TotalSeconds:0} s ({ex.Message})", path);
            }
            catch (UnauthorizedAccessException ex)
            {
                throw new PipelineException(PipeCodes.GitWriteFailed, $"cannot open {path}: {ex.Message}", path);
            }
        }
    }

    public void Dispose()
    {
        if (_held is null || !_held.TryGetValue(_path, out var depth))
        {
            return;
        }

        if (depth > 1)
        {
            _held[_path] = depth - 1;
            return;
        }

        _held.Remove(_path);
        _file?.Dispose();
    }
}
