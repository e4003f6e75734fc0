using System.Diagnostics;

namespace Pipeline.Cli.Tests.Hostile;

/// <summary>
/// A tmpfs mounted for one test: a tiny disk that fills up, or a read-only folder that refuses even root (file modes
/// do not, and CI runs as root). Mounting needs CAP_SYS_ADMIN; where it is not granted the tests using it are skipped
/// (<see cref="MountFactAttribute"/>), since no other way exists to make a write fail for root.
/// </summary>
internal sealed class SmallMount : IDisposable
{
    private SmallMount(string path) => Path = path;

    public string Path { get; }

    public static bool Supported { get; } = Probe();

    public static SmallMount At(string path, string options)
    {
        Directory.CreateDirectory(path);
        if (Run("mount", "-t", "tmpfs", "-o", options, "tmpfs", path) != 0)
        {
            throw new InvalidOperationException($"mount -o {options} {path} failed");
        }

        return new SmallMount(path);
    }

    public void Dispose() => Run("umount", "-l", Path);

    private static bool Probe()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        var dir = Directory.CreateTempSubdirectory("pipeline-mount-probe-").FullName;
        try
        {
            if (Run("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", dir) != 0)
            {
                return false;
            }

            Run("umount", dir);
            return true;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // no mount binary
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static int Run(params string[] args)
    {
        var start = new ProcessStartInfo(args[0]) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in args.Skip(1))
        {
            start.ArgumentList.Add(a);
        }

        using var p = Process.Start(start)!;
        p.StandardError.ReadToEnd();
        p.WaitForExit();
        return p.ExitCode;
    }
}

/// <summary>A test that needs <see cref="SmallMount"/>: skipped where this machine does not let the tests mount.</summary>
internal sealed class MountFactAttribute : FactAttribute
{
    public MountFactAttribute()
    {
        if (!SmallMount.Supported)
        {
            Skip = "mounting a tmpfs is not permitted here (needs root with CAP_SYS_ADMIN)";
        }
    }
}
