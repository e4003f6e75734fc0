using Pipeline.Core.Canonical;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Registry;

namespace Pipeline.Git.Registry;

public sealed partial class RegistryStore
{
    /// <summary>
    /// Points <paramref name="alias"/> at <paramref name="version"/> with a new tag <c>m#alias#N</c> (N = max + 1).
    /// <paramref name="decide"/> sees the alias's current state (the champion) and may refuse; when the tag creation
    /// loses a race (the tag exists: CAS), the state is re-read and <paramref name="decide"/> is called again, because
    /// the champion may have changed. The decision's evidence (a JSON object value) goes into the tag message.
    /// Assigning the version the alias already holds writes nothing (a re-run is a no-op).
    /// </summary>
    public AliasResult Assign(string model, SemVer version, string alias, string? reason = null,
        Func<AliasState, AssignDecision>? decide = null, GitIdentity? who = null) =>
        GitFailure.Translate(() => Move(model, alias, version, reason, decide, who, unassign: false));

    /// <summary>Empties an alias with <c>m#alias!#N</c> on the commit of the version it held. No-op when it is empty.</summary>
    public AliasResult Unassign(string model, string alias, string? reason = null, GitIdentity? who = null) =>
        GitFailure.Translate(() => Move(model, alias, null, reason, null, who, unassign: true));

    /// <summary>
    /// Re-assigns an older version: <paramref name="to"/>, or by default the version the alias held before its current
    /// one (walking back over its events by counter). A new tag, never a moved one.
    /// </summary>
    public AliasResult Rollback(string model, string alias, SemVer? to = null, string? reason = null, GitIdentity? who = null) =>
        GitFailure.Translate(() => RollbackCore(model, alias, to, reason, who));

    private AliasResult RollbackCore(string model, string alias, SemVer? to, string? reason, GitIdentity? who)
    {
        RegistryNames.Model(model);
        RegistryNames.Alias(alias);
        var state = State(model);
        var target = to ?? RollbackTarget(state, alias)
            ?? throw new PipelineException(PipeCodes.NoRollbackTarget, $"{model}#{alias} never held another version to roll back to");
        var current = state.Aliases.GetValueOrDefault(alias);
        return Assign(model, target, alias, reason ?? $"rollback from {current?.ToString() ?? "(empty)"}", who: who);
    }

    internal static SemVer? RollbackTarget(ModelState state, string alias)
    {
        var history = state.AliasEvents.Where(e => e.Alias == alias).ToArray();
        if (history.Length == 0)
        {
            return null;
        }

        var current = history[^1].Assigned ? history[^1].Version : null;
        for (var i = history.Length - 1; i >= 0; i--)
        {
            var held = history[i].Previous;
            if (held is not null && !held.Equals(current))
            {
                return held;
            }
        }

        return null;
    }

    /// <summary>Deprecates a version (GTO deregistration <c>m@vX!</c>) or, without a version, the model (<c>m@deprecated</c>).</summary>
    public string Deprecate(string model, SemVer? version, string? reason = null, GitIdentity? who = null) =>
        GitFailure.Translate(() => DeprecateCore(model, version, reason, who));

    private string DeprecateCore(string model, SemVer? version, string? reason, GitIdentity? who)
    {
        RegistryNames.Model(model);
        var identity = who ?? GitIdentity.Resolve(RepoPath);
        using var writeLock = WriteLock.Take(CommonDir);
        using var repo = Open();
        var state = ModelState.From(model, ReadTags(repo, model));
        if (!state.Exists)
        {
            throw new PipelineException(PipeCodes.ModelNotFound, $"model '{model}' has no registry tags");
        }
        // Already done: a re-run is a no-op. Re-tagging would aim at another commit once a newer version exists, and
        // the existing tag would make that a conflict no re-run can ever resolve.
        if (version is null && state.Deprecation is { } deprecation)
        {
            return deprecation.Name;
        }

        if (version is not null
            && state.Annotated.FirstOrDefault(a => a.Tag.Action == TagAction.Deregister && version.Equals(a.Tag.Version)) is { Info: { } done })
        {
            return done.Name;
        }

        string name;
        string commit;
        if (version is not null)
        {
            commit = state.TagOf(version)?.TargetCommit
                ?? throw new PipelineException(PipeCodes.VersionNotFound, $"{model}@{version} is not registered");
            name = RegistryTag.ForDeregister(model, version);
        }
        else
        {
            commit = state.Versions.FirstOrDefault().Tag?.TargetCommit ?? BranchCommit(repo)?.Sha
                ?? throw new PipelineException(PipeCodes.ModelNotFound, $"model '{model}' has no commit to tag");
            name = RegistryTag.ForDeprecate(model);
        }

        var payload = new ObjectValue(
        [
            M("action", Value.From(version is null ? "deprecate" : "deregister")),
            M("model", Value.From(model)),
            M("version", version is null ? Value.Null : Value.From(version.ToString())),
            M("reason", reason is null ? Value.Null : Value.From(reason)),
            M("actor", Value.From(identity.ToString())),
            M("time", Value.From(Iso(identity.When))),
        ]);
        var subject = version is null ? $"Deprecating artifact {model}" : $"Deregistering artifact {model} version {version}";
        CreateTag(repo, name, commit, TagMessage.Format(subject, payload), identity);
        return name;
    }

    /// <summary>
    /// An alias event's tag: signed through the git CLI when the clone is set up to sign (gpg.format ssh and
    /// user.signingkey; see <see cref="Signing.TagSigning"/>), else the annotated tag every registry write makes.
    /// </summary>
    private void CreateAliasTag(LibGit2Sharp.Repository repo, string name, string commit, string message, GitIdentity identity)
    {
        if (Signing.TagSigning.Key(repo) is null)
        {
            CreateTag(repo, name, commit, message, identity);
            return;
        }

        Signing.TagSigning.Create(RepoPath, repo, name, commit, message, identity);
    }

    /// <summary>Whether this clone signs alias tags (gpg.format ssh and user.signingkey), and with which key.</summary>
    public string? SigningKey() => GitFailure.Translate(() =>
    {
        using var repo = Open();
        return Signing.TagSigning.Key(repo);
    });

    /// <summary>Deletes a tag this command wrote and has not published (a move whose signature the allowed signers do not trust).</summary>
    internal void DeleteTag(string name) => GitFailure.Translate(() =>
    {
        using var repo = Open();
        repo.Refs.Remove("refs/tags/" + name);
        return 0;
    });

    /// <summary>
    /// Never report a write that does not read back: the alias must now resolve through the tag just written. If it
    /// does not (a tag the reader cannot order after ours), ours is deleted and the command fails.
    /// </summary>
    private void ReadBack(LibGit2Sharp.Repository repo, string model, string alias, string name, SemVer? expected)
    {
        var after = ModelState.From(model, ReadTags(repo, model));
        var last = after.AliasEvents.LastOrDefault(e => e.Alias == alias);
        if (last?.Tag.Name == name && Equals(after.Aliases.GetValueOrDefault(alias), expected))
        {
            return;
        }

        repo.Refs.Remove("refs/tags/" + name);
        throw new PipelineException(PipeCodes.WriteNotReadable,
            $"wrote '{name}' but {model}#{alias} still reads as {(last is null ? "(none)" : last.Tag.Name)}; the tag was removed and nothing was " +
            "reported as done");
    }

    private AliasResult Move(string model, string alias, SemVer? version, string? reason,
        Func<AliasState, AssignDecision>? decide, GitIdentity? who, bool unassign)
    {
        RegistryNames.Model(model);
        RegistryNames.Alias(alias);
        var identity = who ?? GitIdentity.Resolve(RepoPath);
        for (var attempt = 1; ; attempt++)
        {
            // One local writer per repository from reading the counter to creating its tag: counters stay unique per
            // model across aliases (two aliases never both take #N).
            using var writeLock = WriteLock.Take(CommonDir);
            using var repo = Open();
            var state = ModelState.From(model, ReadTags(repo, model));
            if (!state.Exists)
            {
                throw new PipelineException(PipeCodes.ModelNotFound, $"model '{model}' has no registry tags");
            }

            var current = state.Aliases.GetValueOrDefault(alias);
            SemVer target;
            if (unassign)
            {
                if (current is null)
                {
                    return new AliasResult(model, alias, null, null, null, null, Created: false, AssignDecision.Go("alias already empty"));
                }

                target = current;
            }
            else
            {
                target = version!;
                if (state.TagOf(target) is null)
                {
                    throw new PipelineException(PipeCodes.VersionNotFound, $"{model}@{target} is not registered");
                }

                if (state.IsDeprecated(target))
                {
                    throw new PipelineException(PipeCodes.VersionDeprecated, $"{model}@{target} is deprecated");
                }
            }

            var aliasState = state.AliasState(alias, target);
            var decision = decide?.Invoke(aliasState) ?? AssignDecision.Go(reason ?? "");
            if (!decision.Proceed)
            {
                return new AliasResult(model, alias, current, current, null, null, Created: false, decision);
            }

            if (!unassign && target.Equals(current))
            {
                return new AliasResult(
                    model,
                    alias,
                    target,
                    current,
                    aliasState.CurrentEvent?.Tag.Name,
                    aliasState.CurrentEvent?.Counter,
                    Created: false,
                    AssignDecision.Go("alias already holds this version"));
            }

            if (state.CounterExhausted)
            {
                throw new PipelineException(PipeCodes.CounterExhausted,
                    $"a tag of '{model}' has a counter at the end of the range; no alias event can be written after it (run 'pipeline doctor' to " +
                    "see it)");
            }

            var counter = state.NextCounter;
            var name = unassign ? RegistryTag.ForUnassign(model, alias, counter) : RegistryTag.ForAssign(model, alias, counter);
            var commit = state.TagOf(target)!.TargetCommit;
            var payload = new List<Member>
            {
                M("action", Value.From(unassign ? "unassign" : "assign")),
                M("model", Value.From(model)),
                M("alias", Value.From(alias)),
                M("version", Value.From(target.ToString())),
                M("previous", current is null ? Value.Null : Value.From(current.ToString())),
                M("counter", Value.From(counter)),
                M("reason", Value.From(string.IsNullOrEmpty(decision.Reason) ? reason ?? "" : decision.Reason)),
                M("actor", Value.From(identity.ToString())),
                M("time", Value.From(Iso(identity.When))),
            };
            if (Record(repo, model, target, state) is { } record)
            {
                payload.Add(M("fingerprint", Value.From(record.Fingerprint)));
                if (record.Artifact is { } a)
                {
                    payload.Add(
                        M(
                            "artifact",
                            new ObjectValue([M("uri", Value.From(a.Uri)), M("sha256", a.Sha256 is null ? Value.Null : Value.From(a.Sha256))])));
                }
            }

            if (decision.Evidence is { } gate)
            {
                payload.Add(M("evidence", gate));
            }

            var subject = unassign
                ? $"Unassigning stage '{alias}' to artifact '{model}' version '{target}'"
                : $"Assigning stage {alias} to artifact {model} version {target}";
            try
            {
                CreateAliasTag(repo, name, commit, TagMessage.Format(subject, new ObjectValue(payload)), identity);
            }
            catch (PipelineException ex) when (ex.Code == PipeCodes.TagConflict && attempt < LocalAttempts)
            {
                continue;
            }

            ReadBack(repo, model, alias, name, unassign ? null : target);
            return new AliasResult(model, alias, unassign ? null : target, current, name, counter, Created: true, decision);
        }
    }
}
