using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;

namespace Pipeline.Git.Native;

/// <summary>
/// The few libgit2 functions that hand back a path in a <c>git_buf</c>, called directly. LibGit2Sharp passes its
/// <c>GitBuf</c> (a class) by value to these; the JIT pins it and sees what libgit2 wrote, but Native AOT's marshalling
/// copies it in only, so under AOT every answer read as "not found": no repository was ever discovered, and no global
/// or system git config was ever loaded (libgit2/libgit2sharp#2187). Here the buffer is a struct passed by pointer
/// through function pointers taken from the very library LibGit2Sharp loaded: nothing is marshalled, so JIT, ReadyToRun
/// and AOT builds behave the same. The native file's name is checked against LibGit2Sharp.NativeBinaries at build time
/// (Pipeline.Git.csproj), so a package upgrade cannot silently point this at a missing library.
/// </summary>
internal static unsafe class Libgit2
{
    /// <summary>libgit2's file name without prefix and extension (git2-HASH.dll, libgit2-HASH.so, libgit2-HASH.dylib).</summary>
    internal const string LibraryName = "git2-5853918";

    private const int NotFound = -3; // GIT_ENOTFOUND

    /// <summary>libgit2 1.x's <c>git_buf</c>: data, reserved (allocated size), size.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct GitBuf
    {
        public byte* Ptr;
        public nuint Reserved;
        public nuint Size;
    }

    private sealed class Exports
    {
        public required delegate* unmanaged[Cdecl]<GitBuf*, byte*, int, byte*, int> RepositoryDiscover;
        public required delegate* unmanaged[Cdecl]<GitBuf*, int> ConfigFindGlobal;
        public required delegate* unmanaged[Cdecl]<GitBuf*, int> ConfigFindXdg;
        public required delegate* unmanaged[Cdecl]<GitBuf*, int> ConfigFindSystem;
        public required delegate* unmanaged[Cdecl]<GitBuf*, void> BufDispose;
        public required delegate* unmanaged[Cdecl]<GitError*> ErrorLast;
    }

    /// <summary>libgit2's <c>git_error</c>: message, class.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct GitError
    {
        public byte* Message;
        public int Klass;
    }

    private static readonly Lazy<Exports> Functions = new(Load);

    /// <summary>
    /// <c>git_repository_discover</c> from <paramref name="startPath"/>, not crossing file systems (as LibGit2Sharp's
    /// Repository.Discover): the git folder with a trailing slash, or null when no repository contains the path.
    /// </summary>
    public static string? DiscoverRepository(string startPath)
    {
        var f = Functions.Value;
        var start = Utf8(startPath);
        var buf = default(GitBuf);
        try
        {
            int result;
            fixed (byte* s = start)
            {
                result = f.RepositoryDiscover(&buf, s, 0, null);
            }

            return Read(&buf, result, "git_repository_discover", startPath);
        }
        finally
        {
            f.BufDispose(&buf);
        }
    }

    /// <summary>The global (~/.gitconfig), XDG and system config files libgit2 would read, each null when absent.</summary>
    public static (string? Global, string? Xdg, string? System) ConfigFiles()
    {
        var f = Functions.Value;
        return (Find(f.ConfigFindGlobal, "git_config_find_global"),
                Find(f.ConfigFindXdg, "git_config_find_xdg"),
                Find(f.ConfigFindSystem, "git_config_find_system"));
    }

    private static string? Find(delegate* unmanaged[Cdecl]<GitBuf*, int> find, string function)
    {
        var buf = default(GitBuf);
        try
        {
            return Read(&buf, find(&buf), function, null);
        }
        finally
        {
            Functions.Value.BufDispose(&buf);
        }
    }

    private static string? Read(GitBuf* buf, int result, string function, string? subject)
    {
        if (result == NotFound)
        {
            return null;
        }

        if (result < 0)
        {
            var error = Functions.Value.ErrorLast();
            var message = error is null || error->Message is null ? $"error {result}" : Marshal.PtrToStringUTF8((IntPtr)error->Message);
            throw new LibGit2Sharp.LibGit2SharpException($"{function}" + (subject is null ? "" : $" for {subject}") + $": {message}");
        }

        return buf->Ptr is null ? null : Encoding.UTF8.GetString(buf->Ptr, checked((int)buf->Size));
    }

    private static byte[] Utf8(string value)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(value) + 1];
        Encoding.UTF8.GetBytes(value, bytes);
        return bytes;
    }

    private static Exports Load()
    {
        // LibGit2Sharp loads the library in its static constructor (and registers its resolver); asking its version runs
        // it, so the handle below is the file LibGit2Sharp uses.
        _ = LibGit2Sharp.GlobalSettings.Version;
        var assembly = typeof(LibGit2Sharp.Repository).Assembly;
        var handle = LoadLibrary(assembly);
        // Reference-counted in libgit2: harmless when LibGit2Sharp already did it, required when it has not yet.
        var init = (delegate* unmanaged[Cdecl]<int>)NativeLibrary.GetExport(handle, "git_libgit2_init");
        if (init() < 0)
        {
            throw new DllNotFoundException($"libgit2 ({LibraryName}) could not be initialised");
        }

        return new Exports
        {
            RepositoryDiscover = (delegate* unmanaged[Cdecl]<GitBuf*, byte*, int, byte*, int>)NativeLibrary.GetExport(
                handle,
                "git_repository_discover"),
            ConfigFindGlobal = (delegate* unmanaged[Cdecl]<GitBuf*, int>)NativeLibrary.GetExport(handle, "git_config_find_global"),
            ConfigFindXdg = (delegate* unmanaged[Cdecl]<GitBuf*, int>)NativeLibrary.GetExport(handle, "git_config_find_xdg"),
            ConfigFindSystem = (delegate* unmanaged[Cdecl]<GitBuf*, int>)NativeLibrary.GetExport(handle, "git_config_find_system"),
            BufDispose = (delegate* unmanaged[Cdecl]<GitBuf*, void>)NativeLibrary.GetExport(handle, "git_buf_dispose"),
            ErrorLast = (delegate* unmanaged[Cdecl]<GitError*>)NativeLibrary.GetExport(handle, "git_error_last"),
        };
    }

    private static IntPtr LoadLibrary(Assembly assembly)
    {
        // The same probing as LibGit2Sharp's own DllImports: its resolver (GlobalSettings.NativeLibraryPath), the
        // application's deps.json (runtimes/RID/native), the folder of a Native AOT or single-file executable.
        if (NativeLibrary.TryLoad(LibraryName, assembly, null, out var handle))
        {
            return handle;
        }

        if (LibGit2Sharp.GlobalSettings.NativeLibraryPath is { Length: > 0 } folder)
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*git2-5853918*"))
            {
                if (NativeLibrary.TryLoad(file, out handle))
                {
                    return handle;
                }
            }
        }

        throw new DllNotFoundException($"libgit2 ({LibraryName}) could not be loaded beside {assembly.GetName().Name}");
    }
}
