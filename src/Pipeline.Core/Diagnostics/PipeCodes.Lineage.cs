namespace Pipeline.Core.Diagnostics;

// 2xxx: lineage, canonical JSON, YAML and DVC inputs.
public static partial class PipeCodes
{
    public static readonly PipeCode JsonSyntax = new(2001, "Malformed JSON", ExitCodes.BadInput,
        "Fix the JSON at the named line; the file must be strict JSON (RFC 8259) encoded as UTF-8.");

    public static readonly PipeCode DuplicateKey = new(2002, "Duplicate key", ExitCodes.BadInput,
        "Remove one of the duplicated keys; Pipeline refuses them because Python silently keeps the last one, which makes a fingerprint ambiguous.");

    public static readonly PipeCode BrokenLineage = new(2003, "Broken lineage: required fields missing", ExitCodes.BadInput,
        "A lineage needs data_version, code_commit, config, base_model and seed.");

    public static readonly PipeCode NonFiniteNumber = new(2004, "NaN or Infinity in a lineage input", ExitCodes.BadInput,
        "Replace NaN/Infinity (or an out-of-range literal such as 1e400) by a finite number or a string.");

    public static readonly PipeCode NestingTooDeep = new(2005, "Nesting deeper than the limit", ExitCodes.BadInput,
        "Flatten the document; objects and arrays may nest at most 512 levels.");

    public static readonly PipeCode InvalidUtf8 = new(2006, "Invalid UTF-8", ExitCodes.BadInput,
        "Save the file as UTF-8.");

    public static readonly PipeCode NumberTooLarge = new(2007, "Integer literal too long", ExitCodes.BadInput,
        "Integers may have at most 4300 digits (Python's limit for int conversion).");

    public static readonly PipeCode LineageFieldInvalid = new(2008, "Lineage field has the wrong type", ExitCodes.BadInput,
        "docs/canonical.md gives the type of each field.");
}
