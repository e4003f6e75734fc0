namespace Pipeline.Core.Lineage;

/// <summary>The fields of scheme <c>lineage-v1</c> (docs/design.md §2). Order matters: errors list missing fields in it.</summary>
public static class LineageFields
{
    public const string Scheme = "lineage-v1";

    public const string DataVersion = "data_version";
    public const string CodeCommit = "code_commit";
    public const string Config = "config";
    public const string BaseModel = "base_model";
    public const string Seed = "seed";

    public static IReadOnlyList<string> Required { get; } = [DataVersion, CodeCommit, Config, BaseModel, Seed];
}
