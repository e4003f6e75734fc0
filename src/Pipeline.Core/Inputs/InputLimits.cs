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
        RequireRegular(path, name);
        var size = new FileInfo(path).Length;
        RequireWithin(size, name, cap);
        return size;
    }

    /// <summary>
    /// Reads a checked file whole, never past its cap even if it grows while read. One open, one size query and reads
    /// into an array of the file's size: `select` reads thousands of records, and a 64 KiB buffer per file (two, with the
    /// stream's own) was most of what it allocated.
    /// </summary>
    public static byte[] ReadAll(string path, string name, long cap)
    {
        var buffer = Array.Empty<byte>();
        var length = ReadInto(path, name, cap, ref buffer);
        return length == buffer.Length ? buffer : buffer[..length];
    }

    /// <summary>
    /// As <see cref="ReadAll"/>, into <paramref name="buffer"/> (replaced by a larger one when the file does not fit), so
    /// a reader of thousands of files reuses one array; returns the length read.
    /// </summary>
    public static int ReadInto(string path, string name, long cap, ref byte[] buffer)
    {
        RequireRegular(path, name);
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var size = RandomAccess.GetLength(handle);
        RequireWithin(size, name, cap);
        if (buffer.Length < size)
        {
            buffer = new byte[size];
        }

        var length = 0;
        Span<byte> probe = stackalloc byte[1];
        while (true)
        {
            if (length == buffer.Length)
            {
                // Full: one byte more tells the end of the file from a file that grew after its size was read.
                if (RandomAccess.Read(handle, probe, length) == 0)
                {
                    break;
                }

                if (length >= Math.Min(cap, Array.MaxLength))
                {
                    throw Grew(name, cap);
                }

                Array.Resize(ref buffer, (int)Math.Min(Math.Min(cap, Array.MaxLength), Math.Max(4096L, (long)length * 2)));
                buffer[length++] = probe[0];
                continue;
            }

            var read = RandomAccess.Read(handle, buffer.AsSpan(length), length);
            if (read == 0)
            {
                break;
            }

            length += read;
            if (length > cap)
            {
                // Only a reused buffer larger than the cap gets here.
                throw Grew(name, cap);
            }
        }

        return length;
    }

    private static PipelineException Grew(string name, long cap) =>
        new(PipeCodes.InputTooLarge, $"'{name}' grew past the {Mb(cap)} MiB limit for this kind of input while it was read", name);

    private static void RequireRegular(string path, string name)
    {
        switch (FileKinds.Of(path))
        {
            case FileKind.Missing:
                throw new PipelineException(PipeCodes.FileNotFound, $"file not found: {name}", name);
            case FileKind.Directory:
                throw new PipelineException(PipeCodes.InputIsFolder, $"'{name}' is a folder, not a file", name);
            case FileKind.Special:
                throw new PipelineException(
                    PipeCodes.InputNotRegular,
                    $"'{name}' is not a regular file (a FIFO, socket or device); refusing to read it",
                    name);
        }
    }

    private static void RequireWithin(long size, string name, long? cap)
    {
        if (cap is long limit && size > limit)
        {
            throw new PipelineException(
                PipeCodes.InputTooLarge,
                $"'{name}' is {Mb(size)} MiB, over the {Mb(limit)} MiB limit for this kind of input",
                name);
        }
    }

    private static string Mb(long bytes) => (bytes / 1048576.0).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);
}
