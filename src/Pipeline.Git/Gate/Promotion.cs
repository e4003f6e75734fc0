using System.Globalization;
using Pipeline.Core.Gate;
using Pipeline.Core.Registry;
using Pipeline.Git.Registry;

namespace Pipeline.Git.Gate;

/// <summary>
/// What <c>promote</c> did: the gate's last decision (null when the alias already held the version and no gate ran),
/// the assignment (the tag written, or why none was), the hold recorded in the decision log when the gate refused,
/// and how many times the gate decided (more than once after lost races). <paramref name="HoldNotRecorded"/> says why a
/// hold has no record: the remote refused the decision-log commit permanently (a protected registry branch).
/// </summary>
public sealed record PromotionResult(GateDecision? Decision, AliasResult Assignment, HoldRecord? Hold, int Decisions, string? HoldNotRecorded = null);

/// <summary>
/// The promotion use case: the reviewed-version guard (<see cref="ReviewedVersion"/>), the gate decided inside the
/// registry's compare-and-swap (re-decided against the new champion when another writer takes the counter first), the
/// assignment tag carrying the decision as its evidence, and on a refusal one line in the decision log. The gate itself
/// is passed in as <paramref name="judge"/> (the champion's version, or null for an empty alias, to a decision), so the
/// rules it applies stay in Core and can grow without this class knowing them.
/// </summary>
public sealed class Promotion(RegistryStore store, Func<string?, GateDecision> judge)
{
    /// <summary>
    /// The protected gate's <c>require: {signed_tags: true}</c> (null: not required). Then promote refuses to decide
    /// against a champion whose alias event no allowed signer signed, refuses to start in a clone that cannot sign, and
    /// removes (unpublished) a tag it wrote whose signature the allowed signers do not trust.
    /// </summary>
    public Signing.SignedAliases? Signing { get; init; }

    public PromotionResult Run(string model, SemVer version, string alias, string? why, string? remote, string? gateRef)
    {
        RegistryNames.Model(model);
        RegistryNames.Alias(alias);
        var signing = Signing is { Required: true } required ? required : null;
        if (signing is not null && store.SigningKey() is null)
        {
            throw new Core.Diagnostics.PipelineException(Core.Diagnostics.PipeCodes.SigningKeyMissing,
                $"the gate on {signing.Signers.Ref} requires signed alias tags, but this clone does not sign tags (git config gpg.format ssh and " +
                "user.signingkey are not both set); nothing was written");
        }

        var decisions = new List<GateDecision>();
        AliasState? seen = null;

        AssignDecision Decide(AliasState state)
        {
            if (version.Equals(state.Current))
            {
                // Re-running a promote that went through (or was interrupted before the push) completes it.
                return AssignDecision.Go("alias already holds this version");
            }

            // The champion must be one an allowed signer put there: a forged alias event would set the bar the candidate is judged against.
            if (signing is not null && state.CurrentEvent is { } current && signing.Check(current.Tag.Name) is { Trusted: false } untrusted)
            {
                throw signing.Refusal(current, untrusted, model);
            }

            seen = state;
            var decision = judge(state.Current?.ToString());
            decisions.Add(decision);
            var verdict = decision.Promote ? Passed(decision) : string.Join("; ", decision.Reasons);
            var text = string.IsNullOrWhiteSpace(why) ? verdict : $"{why.Trim()} — {verdict}";
            return decision.Promote ? AssignDecision.Go(text, decision.ToValue()) : AssignDecision.Refuse(text, decision.ToValue());
        }

        AliasResult Write()
        {
            ReviewedVersion.Require(store, model, version, ProtectedRegistryRef.Resolve(store, gateRef));
            var written = store.Assign(model, version, alias, decide: Decide);
            if (signing is not null && written is { Created: true, Tag: { } tag } && signing.Check(tag) is { Trusted: false } signature)
            {
                // Before any push: a move the allowed signers would refuse is never published.
                store.DeleteTag(tag);
                throw new Core.Diagnostics.PipelineException(Core.Diagnostics.PipeCodes.AliasEventUntrusted,
                    $"the tag this promote wrote, {tag}, is {signature.Describe()}: the signing key ({store.SigningKey()}) is not in " +
                    $"{signing.Signers.Ref}:{signing.Signers.Path}; the tag was removed and {model}#{alias} did not move",
                    signing.Signers.Path,
                    hint: $"Add the key's public half to {signing.Signers.Path} through a reviewed change, or sign with a key that is there (git " +
                        "config user.signingkey).");
            }

            return written;
        }

        var assignment = remote is null ? Write() : new RemoteSync(store, remote).Run(model, Write, ReviewedAliases.Refs);
        var last = decisions.Count > 0 ? decisions[^1] : null;
        HoldRecord? hold = null;
        string? notRecorded = null;
        if (!assignment.Decision.Proceed && last is not null)
        {
            (hold, notRecorded) = RecordHold(assignment, last, seen!.NextCounter - 1, remote);
        }

        return new PromotionResult(last, assignment, hold, decisions.Count, notRecorded);
    }

    /// <summary>
    /// Appends the hold to the decision log (and with a remote publishes the branch, replaying the append on the remote's
    /// head after a lost race). The refusal stands either way; if it cannot be recorded the promotion fails with the
    /// write's own code, naming the hold, because a governed registry must not lose a refusal silently — except when
    /// the remote refuses the commit for good (a protected registry branch, the journey's normal case): the refusal
    /// then stands as a hold whose reason is returned, so the caller reports it loudly instead of failing as broken.
    /// </summary>
    private (HoldRecord? Hold, string? NotRecorded) RecordHold(AliasResult result, GateDecision decision, long seenCounter, string? remote)
    {
        var version = SemVer.Parse(decision.Candidate.Version);
        HoldRecord Write() =>
            store.RecordHold(result.Model, result.Alias, version, result.Previous, seenCounter, result.Decision.Reason, decision.ToValue());
        try
        {
            return (remote is null
                ? Write()
                : new RemoteSync(store, remote).Run(result.Model, Write, h => [$"refs/heads/{store.Branch}"], h => (h.Commit, h.Parent)), null);
        }
        catch (Core.Diagnostics.PipelineException ex) when (remote is not null && ex.Code == Core.Diagnostics.PipeCodes.PushFailed
            && ex.Message.Contains(RemoteSync.RefusedMarker, StringComparison.Ordinal))
        {
            return (null, ex.Message);
        }
        catch (Core.Diagnostics.PipelineException ex)
        {
            throw new Core.Diagnostics.PipelineException(ex.Code,
                $"the gate held {result.Model}@{version} for '{result.Alias}' ({result.Decision.Reason}), but the refusal could not be recorded: " +
                $"{ex.Message}",
                ex.File, ex.Line, ex.Hint);
        }
    }

    private static string Passed(GateDecision d) =>
        $"gate passed: {d.Gate.Metric} {d.Candidate.Score?.ToString("R", CultureInfo.InvariantCulture)} ({GateDecisionJson.Snake(d.Comparison)})";
}
