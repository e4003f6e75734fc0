using Pipeline.Core.Canonical;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Registry;
using Pipeline.Core.Serving;
using Pipeline.Git.Registry;

namespace Pipeline.Git.Serving;

/// <summary>
/// The registry's answers to a serving job (resolve, check-ref), from a plain clone's tags and records. The alias rule
/// is the registry's: the alias event with the highest counter wins (<see cref="AliasResolver"/>); no clock is read.
/// </summary>
public sealed class ServingRegistry(RegistryStore store)
{
    /// <summary>
    /// Resolves <paramref name="model"/>#<paramref name="alias"/> or <paramref name="model"/>@<paramref name="version"/>
    /// (null version and alias: the greatest live version). <paramref name="rev"/>, an alias tag of the model, resolves
    /// the alias as it stood right after that event (counters up to the tag's), e.g. the tag a deploy was triggered by.
    /// Throws PIPE3710 (exit 1) for an emptied alias and PIPE3711 (exit 1) for a deprecated version (unless
    /// <paramref name="allowDeprecated"/>: checking downloaded bytes of a retired version is still a fair question).
    /// </summary>
    public Resolution Resolve(string model, SemVer? version, string? alias, string? rev = null, bool allowDeprecated = false)
    {
        var state = store.State(model, withMessages: true);
        if (!state.Exists)
        {
            throw new PipelineException(PipeCodes.ModelNotFound, $"model '{model}' has no registry tags");
        }

        AliasEventInfo? info = null;
        if (alias is not null)
        {
            var events = state.AliasEvents.Where(e => e.Alias == alias);
            if (rev is not null)
            {
                var at = AliasEventAt(state, rev, alias);
                events = events.Where(e => AliasResolver.Compare(e, at) <= 0);
            }

            var latest = AliasResolver.Latest(events).GetValueOrDefault(alias)
                ?? throw new PipelineException(PipeCodes.AliasNotFound, $"{model}#{alias} was never assigned{(rev is null ? "" : $" up to {rev}")}");
            info = Info(latest);
            if (!latest.Assigned)
            {
                throw new PipelineException(PipeCodes.AliasEmpty,
                    $"{model}#{alias} is empty: {latest.Tag.Name} unassigned " +
                    $"{latest.Previous?.ToString() ?? "it"}" +
                    $"{(info.Actor is null ? "" : $" ({info.Actor}{(info.Reason is null ? "" : ": " + info.Reason)})")}");
            }

            version = latest.Version ?? throw new PipelineException(PipeCodes.VersionNotFound,
                $"{latest.Tag.Name} points at commit {latest.Tag.TargetCommit[..12]}, where no version of {model} is registered",
                hint: "Fetch the version tags (git fetch origin 'refs/tags/*:refs/tags/*'); `pipeline doctor` reports hand-made alias tags.");
        }
        else
        {
            version ??= state.Latest ?? throw new PipelineException(PipeCodes.VersionNotFound, $"model '{model}' has no live version");
        }

        var tag = state.TagOf(version) ?? throw new PipelineException(PipeCodes.VersionNotFound, $"{model}@{version} is not registered");
        if (state.IsDeprecated(version) && !allowDeprecated)
        {
            throw new PipelineException(PipeCodes.ResolvedVersionDeprecated,
                $"{model}@{version} is deprecated " +
                $"({(state.Deprecation is not null ? state.Deprecation.Name : RegistryTag.ForDeregister(model, version))})"
                + (alias is null ? "" : $"; {model}#{alias} still points at it"));
        }

        var record = store.Record(model, version, state);
        return new Resolution(model, alias, version, record?.Fingerprint, tag.TargetCommit, tag.Name, info, record?.Artifact);
    }

    /// <summary>Explains a pushed tag (<c>refs/tags/NAME</c> or NAME) and whether it is still the current state.</summary>
    public RefCheck Check(string reference)
    {
        var name = TagName(reference);
        if (!RegistryTag.TryParse(name, out var parsed) || !RegistryNames.IsValid(parsed.Model))
        {
            throw new PipelineException(
                PipeCodes.RefNotRegistryTag,
                $"'{reference}' is not a registry tag (MODEL@vX.Y.Z, MODEL#ALIAS#N, MODEL#ALIAS!#N, MODEL@deprecated)");
        }

        var state = store.State(parsed.Model, withMessages: true);
        var info = state.Annotated.FirstOrDefault(a => a.Info.Name == name).Info
            ?? throw new PipelineException(PipeCodes.RefNotRegistryTag,
                state.Lightweight.Any(t => t.Name == name)
                    ? $"'{name}' is a lightweight tag; the registry only trusts annotated tags"
                    : $"tag '{name}' is not in this clone");
        var payload = TagMessage.Payload(info.Message);
        var reason = payload?["reason"] is StringValue { Value.Length: > 0 } r ? r.Value : null;
        switch (parsed.Action)
        {
            case TagAction.Assign or TagAction.Unassign:
            {
                var e = state.AliasEvents.First(x => x.Tag.Name == name);
                var winner = AliasResolver.Latest(state.AliasEvents.Where(x => x.Alias == e.Alias))[e.Alias];
                return new RefCheck(
                    reference,
                    name,
                    e.Assigned ? "assign" : "unassign",
                    parsed.Model,
                    e.Assigned ? e.Version : e.Previous ?? e.Version,
                    e.Alias,
                    e.Counter,
                    ReferenceEquals(winner, e) || winner.Tag.Name == name,
                    winner.Tag.Name,
                    winner.Assigned ? winner.Version : null,
                    info.TargetCommit, info.Tagger, info.Time, reason);
            }

            case TagAction.Register:
                return new RefCheck(reference, name, "register", parsed.Model, parsed.Version, null, parsed.Counter,
                    !state.IsDeprecated(parsed.Version!), null, null, info.TargetCommit, info.Tagger, info.Time, reason);
            case TagAction.Deregister or TagAction.Deprecate:
                return new RefCheck(reference, name, "deprecate", parsed.Model, parsed.Version, null, parsed.Counter,
                    true, null, null, info.TargetCommit, info.Tagger, info.Time, reason);
            default:
                throw new PipelineException(PipeCodes.RefNotRegistryTag, $"'{name}' ({parsed.Action}) is not an event a deploy acts on");
        }
    }

    public static string TagName(string reference) =>
        reference.StartsWith("refs/tags/", StringComparison.Ordinal) ? reference["refs/tags/".Length..] : reference;

    private static AliasEvent AliasEventAt(ModelState state, string rev, string alias)
    {
        var name = TagName(rev);
        if (!RegistryTag.TryParse(name, out var parsed) || parsed.Model != state.Model || !parsed.IsAliasEvent)
        {
            throw new PipelineException(
                PipeCodes.RefNotRegistryTag,
                $"--rev '{rev}' is not an alias tag of {state.Model} (e.g. {state.Model}#{alias}#3)");
        }

        var e = state.AliasEvents.FirstOrDefault(x => x.Tag.Name == name)
            ?? throw new PipelineException(PipeCodes.RefNotRegistryTag, $"--rev '{rev}' is not an annotated tag in this clone");
        if (e.Alias != alias)
        {
            throw new PipelineException(PipeCodes.RefNotRegistryTag, $"--rev '{rev}' is an event of {state.Model}#{e.Alias}, not of #{alias}");
        }

        return e;
    }

    private static AliasEventInfo Info(AliasEvent e)
    {
        var payload = TagMessage.Payload(e.Tag.Message);
        var reason = payload?["reason"] is StringValue { Value.Length: > 0 } r ? r.Value : null;
        return new AliasEventInfo(e.Tag.Name, e.Assigned ? "assign" : "unassign", e.Alias, e.Counter, e.Assigned ? e.Version : null, e.Previous,
            e.Tag.Tagger, e.Tag.Time, reason, e.Tag.TargetCommit);
    }
}
