using Pipeline.Core.Canonical;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Yaml;

namespace Pipeline.Core.Dvc;

/// <summary>
/// A <c>.dvc</c> file: its <c>outs</c> are data tracked by DVC (added, imported or frozen). Their paths are relative
/// to the .dvc file's folder joined with its <c>wdir</c> (old files write <c>wdir: .</c>).
/// </summary>
public sealed record DvcFile(string Path, IReadOnlyList<DvcEntry> Outs)
{
    public static DvcFile Parse(ReadOnlySpan<byte> utf8, string repoPath) => From(YamlReader.Parse(utf8, repoPath), repoPath);

    public static DvcFile From(Value document, string repoPath)
    {
        if (document is not ObjectValue root)
        {
            throw new PipelineException(PipeCodes.DvcFileInvalid, "a .dvc file must be a mapping with 'outs'", repoPath, document.Line);
        }

        var folder = DvcPath.FolderOf(repoPath);
        if (root["wdir"] is { } wdir)
        {
            if (wdir is not StringValue w)
            {
                throw new PipelineException(PipeCodes.DvcFileInvalid, "'wdir' must be a string", repoPath, wdir.Line);
            }

            folder = w.Value is "." or "" ? folder : WorkingFolder(w, folder, repoPath);
        }

        if (root["outs"] is not ArrayValue { Items.Count: > 0 } outs)
        {
            throw new PipelineException(
                PipeCodes.DvcFileInvalid,
                "'outs' must be a non-empty list",
                repoPath,
                root.LineOf("outs") is var l && l > 0 ? l : root.Line);
        }

        return new DvcFile(
            repoPath,
            outs.Items.Select((o, i) => DvcEntry.Read(o, folder, repoPath, $"outs[{i}]", PipeCodes.DvcFileInvalid)).ToArray());
    }

    /// <summary>The wdir, repository-relative; unlike a data path it may be the repository root itself ("").</summary>
    private static string WorkingFolder(StringValue wdir, string folder, string file)
    {
        try
        {
            // Normalise a child of the folder, then drop the child: the root is then "" instead of an error.
            return DvcPath.FolderOf(DvcPath.Normalize(wdir.Value.TrimEnd('/') + "/-", folder, file, wdir.Line));
        }
        catch (PipelineException ex) when (ex.Code == PipeCodes.DvcPathOutsideRepo)
        {
            throw new PipelineException(PipeCodes.DvcPathOutsideRepo, $"wdir '{wdir.Value}' leaves the repository", file, wdir.Line);
        }
    }
}
