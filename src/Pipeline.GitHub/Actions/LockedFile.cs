using System.Text;
using Pipeline.Core.Diagnostics;

namespace Pipeline.GitHub.Actions;

/// <summary>
/// Appends to a runner file under an exclusive lock. Parallel `pipeline` processes in one job step (a matrix of
/// evals, background jobs in a script) share GITHUB_OUTPUT and GITHUB_STEP_SUMMARY; without the lock two multi-line
/// values could interleave and the runner would reject or mis-assign them. FileShare.None is an flock on Unix and a
/// share-mode lock on Windows, so it holds across processes, not only threads.
/// </summary>
internal static class LockedFile
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>How long to wait for another writer before giving up (PIPE5002).</summary>
    public static TimeSpan Patience { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Appends <paramref name="text"/> as UTF-8 (no BOM) in one write while holding the lock.</summary>
    public static void Append(string path, string text) => Append(path, _ => text);

    /// <summary>
    /// Appends what <paramref name="compose"/> returns for the file's current length in bytes, deciding and writing
    /// under the same lock, so a size cap cannot be overrun by two writers that both saw room for themselves.
    /// </summary>
    public static void Append(string path, Func<long, string> compose)
    {
        using var stream = OpenExclusive(path);
        stream.Seek(0, SeekOrigin.End);
        var bytes = Utf8.GetBytes(compose(stream.Length));
        stream.Write(bytes, 0, bytes.Length);
        stream.Flush(flushToDisk: false);
    }

    private static FileStream OpenExclusive(string path)
    {
        var deadline = DateTime.UtcNow + Patience;
        var delay = 1;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 1, FileOptions.None);
            }
            catch (IOException ex) when (IsSharingViolation(ex) && DateTime.UtcNow < deadline)
            {
                Thread.Sleep(Random.Shared.Next(delay, delay * 2 + 1));
                delay = Math.Min(delay * 2, 50);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new PipelineException(PipeCodes.ActionsFileUnavailable, $"cannot append to '{path}': {ex.Message}", path);
            }
        }
    }

    // A missing folder or a read-only disk also raise IOException; only the lock conflict is worth waiting for.
    private static bool IsSharingViolation(IOException ex) =>
        ex is not (FileNotFoundException or DirectoryNotFoundException or PathTooLongException)
        && (ex.HResult == unchecked((int)0x80070020) || ex.HResult == 11 || ex.Message.Contains("being used by another process", StringComparison.OrdinalIgnoreCase)
            || ex.Message.Contains("lock", StringComparison.OrdinalIgnoreCase));
}
