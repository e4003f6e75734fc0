using System.Globalization;
using Pipeline.Core.Serving;

namespace Pipeline.Cli.Commands.Serving;

/// <summary>
/// A resolution as flat fields, in one order, for <c>--format env</c> (<c>MODEL_*</c> variables) and
/// <c>--format oci-labels</c> (<c>org.opencontainers.image.*</c> and <c>ai.pipeline.*</c>). Absent values are left out
/// rather than printed empty, so a consumer can tell "no digest" from an empty one.
/// </summary>
internal static class ResolutionFields
{
    public static IEnumerable<(string Key, string Value)> Env(Resolution r)
    {
        var fields = new List<(string, string?, bool)>
        {
            ("MODEL_NAME", r.Model, true),
            ("MODEL_ALIAS", r.Alias, true),
            ("MODEL_VERSION", r.Version.ToString(), true),
            ("MODEL_VERSION_TAG", r.VersionTag, true),
            ("MODEL_COMMIT", r.Commit, true),
            ("MODEL_FINGERPRINT", r.Fingerprint, true),
            ("MODEL_ARTIFACT_URI", r.Artifact?.Uri, true),
            ("MODEL_ARTIFACT_KIND", r.Artifact?.Kind, true),
            ("MODEL_ARTIFACT_SHA256", r.Artifact?.Sha256, true),
            ("MODEL_ARTIFACT_SIZE", r.Artifact?.Size?.ToString(CultureInfo.InvariantCulture), true),
            ("MODEL_ARTIFACT_DVC_PATH", r.Artifact?.Dvc?.Path, true),
            ("MODEL_ARTIFACT_DVC_MD5", r.Artifact?.Dvc?.Md5, true),
            ("MODEL_ARTIFACT_DVC_OBJECT", r.Artifact?.Dvc?.Object, true),
            ("MODEL_ALIAS_TAG", r.Event?.Tag, true),
            ("MODEL_ALIAS_COUNTER", r.Event?.Counter.ToString(CultureInfo.InvariantCulture), true),
            ("MODEL_ALIAS_PREVIOUS", r.Event?.Previous?.ToString(), true),
            ("MODEL_ALIAS_ACTOR", r.Event?.Actor, false),
            ("MODEL_ALIAS_TIME", Time(r.Event?.Time), true),
            ("MODEL_ALIAS_REASON", r.Event?.Reason, false),
        };
        return Safe(fields);
    }

    public static IEnumerable<(string Key, string Value)> OciLabels(Resolution r)
    {
        var fields = new List<(string, string?, bool)>
        {
            ("org.opencontainers.image.title", r.Model, true),
            ("org.opencontainers.image.version", r.Version.ToString(), true),
            ("org.opencontainers.image.revision", r.Commit, true),
            ("ai.pipeline.model", r.Model, true),
            ("ai.pipeline.version", r.Version.ToString(), true),
            ("ai.pipeline.fingerprint", r.Fingerprint, true),
            ("ai.pipeline.alias", r.Alias, true),
            ("ai.pipeline.alias.tag", r.Event?.Tag, true),
            ("ai.pipeline.alias.counter", r.Event?.Counter.ToString(CultureInfo.InvariantCulture), true),
            ("ai.pipeline.artifact.uri", r.Artifact?.Uri, true),
            ("ai.pipeline.artifact.digest", r.Artifact?.Sha256 is { } sha ? "sha256:" + sha : null, true),
            ("ai.pipeline.artifact.dvc.md5", r.Artifact?.Dvc?.Md5, true),
        };
        return Safe(fields);
    }

    public static string? Time(DateTimeOffset? t) => t?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static IEnumerable<(string, string)> Safe(List<(string Key, string? Value, bool Identity)> fields) =>
        fields.Where(f => f.Value is not null)
            .Select(f => (f.Key, f.Identity ? ShellSafe.Identity(f.Key, f.Value!) : ShellSafe.Text(f.Value!)))
            .ToArray();
}
