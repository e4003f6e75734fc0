namespace Pipeline.Core.Canonical;

/// <summary>
/// What every reader of user files (JSON, YAML) does before parsing: the same missing-file error, and a UTF-8 BOM
/// (which editors on Windows add) skipped, so the two readers cannot drift apart on either.
/// </summary>
public static class SourceText
{
    /// <summary>
    /// Reads a JSON/YAML document whole after <see cref="Inputs.InputLimits"/>' checks: a missing file, a folder, a
    /// FIFO or device, and a file over the document cap are refused (exit 2) before anything is allocated for them.
    /// </summary>
    public static byte[] ReadFile(string path, string name) => Inputs.InputLimits.ReadAll(path, name, Inputs.InputLimits.Document);

    public static ReadOnlySpan<byte> WithoutBom(ReadOnlySpan<byte> utf8) =>
        utf8.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? utf8[3..] : utf8;
}
