using System.Security.Cryptography;
using System.Text;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Lineage;

namespace Pipeline.Core.Tests.Lineage;

/// <summary>A commit held in memory: files by path; blob ids are git's sha1("blob N\0" + bytes).</summary>
internal sealed class MemorySnapshot(string sha, Dictionary<string, string> files) : ICommitSnapshot
{
    public string CommitSha { get; } = sha;

    public byte[] ReadFile(string path) => files.TryGetValue(path, out var text)
        ? Encoding.UTF8.GetBytes(text)
        : throw new PipelineException(PipeCodes.FileMissingAtCommit, $"'{path}' is not in commit {CommitSha}", path);

    public bool IsTracked(string path) => files.Keys.Any(k => k == path || k.StartsWith(path + "/", StringComparison.Ordinal));

    public string? BlobId(string path)
    {
        if (!files.TryGetValue(path, out var text))
        {
            return null;
        }

        var bytes = Encoding.UTF8.GetBytes(text);
        return Convert.ToHexStringLower(SHA1.HashData([.. Encoding.ASCII.GetBytes($"blob {bytes.Length}\0"), .. bytes]));
    }
}
