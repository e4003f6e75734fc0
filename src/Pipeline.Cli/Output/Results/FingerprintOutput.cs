using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pipeline.Cli.Output.Results;

/// <summary>
/// <c>pipeline fingerprint --json</c>. <c>lineage</c> is the lineage the fingerprint covers; <c>lineage_sources</c>
/// (where each field came from) only when the lineage was built from the repository's sources.
/// </summary>
internal sealed record FingerprintOutput(
    string Fingerprint,
    string Scheme,
    JsonElement Lineage,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] JsonElement? LineageSources);
