using Pipeline.Core.Diagnostics;
using Pipeline.Core.Registry;
using Pipeline.Git.Registry;

namespace Pipeline.Git.Gate;

/// <summary>
/// <c>assign</c> and <c>rollback</c> as use cases: the same reviewed-version guard as <see cref="Promotion"/> before the
/// alias tag is written (a hand assignment is not a way around review), checked after the remote was fetched when
/// publishing, so the protected ref is the one the remote has now. Unassign needs no guard: emptying an alias promotes nothing.
/// </summary>
public static class ReviewedAliases
{
    public static AliasResult Assign(RegistryStore store, string model, SemVer version, string alias, string? reason, string? remote, string? gateRef)
    {
        AliasResult Write()
        {
            ReviewedVersion.Require(store, model, version, ProtectedRegistryRef.Resolve(store, gateRef));
            return store.Assign(model, version, alias, reason);
        }

        return remote is null ? Write() : new RemoteSync(store, remote).Run(model, Write, Refs);
    }

    public static AliasResult Rollback(RegistryStore store, string model, string alias, SemVer? to, string? reason, string? remote, string? gateRef)
    {
        AliasResult Write()
        {
            var state = store.State(RegistryNames.Model(model));
            var target = to ?? RegistryStore.RollbackTarget(state, RegistryNames.Alias(alias))
                ?? throw new PipelineException(PipeCodes.NoRollbackTarget, $"{model}#{alias} never held another version to roll back to");
            ReviewedVersion.Require(store, model, target, ProtectedRegistryRef.Resolve(store, gateRef));
            return store.Rollback(model, alias, target, reason);
        }

        return remote is null ? Write() : new RemoteSync(store, remote).Run(model, Write, Refs);
    }

    /// <summary>The tag to publish; also when nothing new was written, so a re-run completes an interrupted push.</summary>
    public static IReadOnlyList<string> Refs(AliasResult r) => r.Tag is null ? [] : [$"refs/tags/{r.Tag}"];
}
