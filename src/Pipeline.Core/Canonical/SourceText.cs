using Pipeline.Core.Diagnostics;

namespace Pipeline.Core.Canonical;

/// <summary>
/// What every reader of user files (JSON, YAML) does before parsing: the same missing-file error, and a UTF-8 BOM
/// (which editors on Windows add) skipped, so the two readers cannot drift apart on either.
/// </summary>
public static class SourceText
{
    public static byte[] ReadFile(string path, string name) =>
        File.Exists(path)
            ? File.ReadAllBytes(path)
            : throw new PipelineException(PipeCodes.FileNotFound, $"file not found: {name}", name);

    public static ReadOnlySpan<byte> WithoutBom(ReadOnlySpan<byte> utf8) =>
        utf8.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? utf8[3..] : utf8;
}
