using System.Diagnostics;
using System.Text;
using Pipeline.Core.Diagnostics;

namespace Pipeline.Git.Gate;

/// <summary>
/// The few git reads the gate needs, through the git CLI: the work-tree root, a revision's commit, a file as committed
/// at a commit, and refs by pattern. Kept to one small class so it can be swapped for the shared repository reader.
/// </summary>
public sealed class GateGit
{
    private GateGit(string root)
    {
        Root = root;
    }

    public string Root { get; }

    public static GateGit Discover(string? startDir)
    {
        var start = Path.GetFullPath(startDir ?? Directory.GetCurrentDirectory());
        if (!Directory.Exists(start))
        {
            throw new PipelineException(PipeCodes.NotARepository, $"folder not found: {start}", start);
        }

        var (code, output, error) = Run(start, "rev-parse", "--show-toplevel");
        if (code != 0)
        {
            throw new PipelineException(PipeCodes.NotARepository, $"not a git repository: {start} ({error.Trim()})", start);
        }

        return new GateGit(Encoding.UTF8.GetString(output).Trim());
    }

    /// <summary>The full SHA of the commit <paramref name="rev"/> names, or null when this clone does not have it.</summary>
    public string? ResolveCommit(string rev)
    {
        if (rev.StartsWith('-')) return null; // never let a ref be read as an option
        var (code, output, _) = Run(Root, "rev-parse", "--verify", "--quiet", "--end-of-options", rev + "^{commit}");
        return code == 0 ? Encoding.ASCII.GetString(output).Trim() : null;
    }

    /// <summary>The file's bytes as committed, or null when the commit has no such file.</summary>
    public byte[]? ReadFileAt(string commit, string path)
    {
        var spec = $"{commit}:{path.Replace('\\', '/').TrimStart('/')}";
        var (code, output, _) = Run(Root, "cat-file", "blob", spec);
        return code == 0 ? output : null;
    }

    /// <summary>Lines of <c>git for-each-ref</c> output.</summary>
    public IReadOnlyList<string> ForEachRef(params string[] args)
    {
        var (code, output, error) = Run(Root, ["for-each-ref", .. args]);
        if (code != 0)
        {
            throw new PipelineException(PipeCodes.GateRefUnresolved, $"git for-each-ref failed: {error.Trim()}");
        }

        return Encoding.UTF8.GetString(output).Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    private static (int Code, byte[] Output, string Error) Run(string dir, params string[] args)
    {
        var psi = new ProcessStartInfo("git")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = dir,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        Process p;
        try
        {
            p = Process.Start(psi) ?? throw new InvalidOperationException("git did not start");
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            throw new PipelineException(PipeCodes.NotARepository, $"cannot run git: {ex.Message}", hint: "Install git and put it on PATH.");
        }

        using (p)
        {
            var error = p.StandardError.ReadToEndAsync();
            using var buffer = new MemoryStream();
            p.StandardOutput.BaseStream.CopyTo(buffer);
            p.WaitForExit();
            return (p.ExitCode, buffer.ToArray(), error.Result);
        }
    }
}
