using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Pipeline.Core.Inputs;

/// <summary>What a path names, from <c>stat(2)</c> (follows symlinks), without opening it.</summary>
public enum FileKind
{
    Missing,
    Regular,
    Directory,

    /// <summary>A FIFO, socket, character or block device: opening or reading it can block forever or never end.</summary>
    Special,
}

/// <summary>
/// Tells a regular file from a FIFO or device BEFORE opening it: opening a FIFO blocks until a writer comes, and
/// /dev/zero never ends. .NET has no public API for the file type, so on Linux this calls libc's stat and reads
/// st_mode where the kernel ABI puts it (x64: offset 24, arm64: 16). Elsewhere (or with an old libc without a stat
/// symbol) it falls back to what .NET can tell: a file or a folder.
/// </summary>
public static partial class FileKinds
{
    private const uint TypeMask = 0xF000;
    private const uint RegularType = 0x8000;
    private const uint DirectoryType = 0x4000;

    private static bool _statMissing;

    public static FileKind Of(string path)
    {
        if (Directory.Exists(path))
        {
            return FileKind.Directory;
        }

        if (!File.Exists(path))
        {
            return FileKind.Missing;
        }

        return StMode(path) is uint mode
            ? (mode & TypeMask) switch
            {
                RegularType => FileKind.Regular,
                DirectoryType => FileKind.Directory,
                _ => FileKind.Special,
            }
            : FileKind.Regular;
    }

    private static uint? StMode(string path)
    {
        if (_statMissing || !OperatingSystem.IsLinux())
        {
            return null;
        }

        var offset = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => 24,
            Architecture.Arm64 => 16,
            _ => -1,
        };
        if (offset < 0)
        {
            return null;
        }

        var buffer = new byte[256];
        try
        {
            return Stat(path, buffer) == 0 ? BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(offset)) : null;
        }
        catch (EntryPointNotFoundException)
        {
            _statMissing = true;
            return null;
        }
        catch (DllNotFoundException)
        {
            _statMissing = true;
            return null;
        }
    }

    [DllImport("libc", EntryPoint = "stat", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    private static extern int Stat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, byte[] buffer);
}
