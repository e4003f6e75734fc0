using Pipeline.Core.Diagnostics;

namespace Pipeline.Core.Inputs;

/// <summary>
/// Every user file Pipeline reads is checked here before it is opened: it must be a regular file (a FIFO or device
/// hangs or never ends: PIPE0030), not a folder (PIPE0032), and no larger than its kind's cap (PIPE0031), so a wrong
/// path or a hostile file ends with exit 2 and bounded memory instead of a hang or an OutOfMemoryException. The caps
/// are in docs (input limits) and can be raised with PIPELINE_MAX_INPUT_MB for the document kinds.
/// </summary>
public static class InputLimits
{
    /// <summary>A JSON or YAML document parsed whole (lineage, eval, metrics, params, pipeline.yaml, dvc.lock, gate.yaml).</summary>
    public static long Document => FromEnvironment(64);

    /// <summary>One MLflow param or tag file (a single value).</summary>
    public const long SingleValue = 1L << 20;

    private static long FromEnvironment(long defaultMb) =>
        (long.TryParse(Environment.GetEnvironmentVariable("PIPELINE_MAX_INPUT_MB"), out var mb) && mb > 0 ? mb : defaultMb) << 20;

    /// <summary>Checks <paramref name="path"/> (shown as <paramref name="name"/>) and returns its size.</summary>
    public static long Check(string path, string name, long? cap)
    {
        switch (FileKinds.Of(path))
        {
            case FileKind.Missing:
                throw new PipelineException(PipeCodes.FileNotFound, $"file not found: {name}", name);
            case FileKind.Directory:
                throw new PipelineException(PipeCodes.InputIsFolder, $"'{name}' is a folder, not a file", name);
            case FileKind.Special:
                throw new PipelineException(PipeCodes.InputNotRegular, $"'{name}' is not a regular file (a FIFO, socket or device); refusing to read it", name);
        }

        var size = new FileInfo(path).Length;
        if (cap is long limit && size > limit)
        {
            throw new PipelineException(PipeCodes.InputTooLarge, $"'{name}' is {Mb(size)} MiB, over the {Mb(limit)} MiB limit for this kind of input", name);
        }

        return size;
    }

    /// <summary>Reads a checked file whole, never past its cap even if it grows while read.</summary>
    public static byte[] ReadAll(string path, string name, long cap)
    {
        Check(path, name, cap);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16, FileOptions.SequentialScan);
        using var buffer = new MemoryStream();
        var chunk = new byte[1 << 16];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > cap)
            {
                throw new PipelineException(PipeCodes.InputTooLarge, $"'{name}' grew past the {Mb(cap)} MiB limit for this kind of input while it was read", name);
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static string Mb(long bytes) => (bytes / 1048576.0).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);
}
