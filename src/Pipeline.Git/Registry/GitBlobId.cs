using System.Security.Cryptography;
using System.Text;

namespace Pipeline.Git.Registry;

/// <summary>git's blob id of some bytes (<c>sha1("blob N\0" + bytes)</c>), to compare a working-tree file without writing an object.</summary>
internal static class GitBlobId
{
    public static string Of(ReadOnlySpan<byte> content)
    {
        var header = Encoding.ASCII.GetBytes($"blob {content.Length}\0");
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
        sha.AppendData(header);
        sha.AppendData(content);
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    public static string? OfFile(string path) => File.Exists(path) ? Of(File.ReadAllBytes(path)) : null;
}
