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

            folder = w.Value is "." or "" ? folder : DvcPath.Normalize(w.Value, folder, repoPath, w.Line);
        }

        if (root["outs"] is not ArrayValue { Items.Count: > 0 } outs)
        {
            throw new PipelineException(PipeCodes.DvcFileInvalid, "'outs' must be a non-empty list", repoPath, root.LineOf("outs") is var l && l > 0 ? l : root.Line);
        }

        return new DvcFile(repoPath, outs.Items.Select((o, i) => DvcEntry.Read(o, folder, repoPath, $"outs[{i}]", PipeCodes.DvcFileInvalid)).ToArray());
    }
}
