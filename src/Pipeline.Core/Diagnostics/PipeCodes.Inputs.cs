namespace Pipeline.Core.Diagnostics;

// 0030-0039: what any input file must be before it is read (kind, size, content).
public static partial class PipeCodes
{
    public static readonly PipeCode InputNotRegular = new(30, "Input is not a regular file", ExitCodes.BadInput,
        "Pass a regular file: FIFOs, sockets and devices (/dev/zero, /dev/stdin) are refused because reading them can block or never end.");

    public static readonly PipeCode InputTooLarge = new(31, "Input file is over its size limit", ExitCodes.BadInput,
        "Check that this is the file you meant; the limits per kind of input are in the docs (input limits). Raise the JSON/YAML limit with " +
        "PIPELINE_MAX_INPUT_MB if the file is genuine.");

    public static readonly PipeCode InputIsFolder = new(32, "Input is a folder where a file is expected", ExitCodes.BadInput,
        "Pass the file inside the folder (e.g. eval.json), not the folder itself.");


    public static readonly PipeCode ArtifactEntryRefused = new(34, "An artifact folder holds an entry that cannot be hashed", ExitCodes.BadInput,
        "Artifact folders may hold regular files (and links to regular files) only, with names free of control characters; remove or replace the " +
        "named entry.");
}
