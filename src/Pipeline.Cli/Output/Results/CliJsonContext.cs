using System.Text.Json.Serialization;

namespace Pipeline.Cli.Output.Results;

/// <summary>
/// The one serialiser of every verb's <c>--json</c> document (source-generated: no reflection, trimming-safe). The CLI
/// writes through it and the MSBuild tasks read through it: this file and the result records are linked into
/// Pipeline.Tasks, so a field renamed on one side fails to compile or fails a test on the other. Field names are
/// snake_case; a null is written unless the property says it is left out.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    WriteIndented = true)]
[JsonSerializable(typeof(ErrorOutput))]
[JsonSerializable(typeof(FingerprintOutput))]
[JsonSerializable(typeof(RegisterOutput))]
[JsonSerializable(typeof(ProposeOutput))]
[JsonSerializable(typeof(PublishOutput))]
[JsonSerializable(typeof(ShowOutput))]
[JsonSerializable(typeof(ResolveOutput))]
[JsonSerializable(typeof(AliasMoveOutput))]
[JsonSerializable(typeof(GateOutput))]
[JsonSerializable(typeof(PromoteOutput))]
[JsonSerializable(typeof(SelectOutput))]
[JsonSerializable(typeof(VerifyOutput))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
