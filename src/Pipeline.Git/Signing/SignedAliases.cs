using Pipeline.Core.Diagnostics;
using Pipeline.Core.Registry;
using Pipeline.Git.Gate;
using Pipeline.Git.Reading;
using Pipeline.Git.Registry;

namespace Pipeline.Git.Signing;

/// <summary>
/// gate.yaml's <c>require: {signed_tags: true}</c> as the verbs apply it: the gate and the allowed-signers file are read
/// from the protected ref (the same ref, so both are what review merged), and every alias event can be asked who signed
/// it. <c>doctor</c> and <c>verify</c> report events that are unsigned or signed by a key the file does not name;
/// <c>promote</c> refuses to build on one and refuses to write one; <c>history</c> shows the signer of each move.
/// </summary>
public sealed class SignedAliases : IDisposable
{
    private readonly string _root;

    private SignedAliases(string root, bool required, AllowedSigners signers)
    {
        _root = root;
        Required = required;
        Signers = signers;
    }

    /// <summary>The repository's working folder (where git verifies tags).</summary>
    public string Root => _root;

    /// <summary>Whether the protected gate requires signed alias tags (false: the file is only read to show signers).</summary>
    public bool Required { get; }

    public AllowedSigners Signers { get; }

    /// <summary>
    /// The policy of the protected gate. Null when no gate file is on the protected ref (or none can be resolved), or when
    /// it does not require signed tags and <paramref name="evenIfNotRequired"/> is false or there is no allowed-signers file.
    /// Refused (PIPE4112) when signed tags are required and the allowed-signers file is not on the protected ref.
    /// </summary>
    public static SignedAliases? Load(
        string repoRoot,
        string? gateFile,
        string? gateRef,
        Func<string, string?> environment,
        bool evenIfNotRequired = false)
    {
        using var repo = GitRepository.Discover(repoRoot);
        ProtectedGateFile gate;
        try
        {
            gate = ProtectedGate.Read(repo, gateFile, gateRef, environment);
        }
        catch (PipelineException ex) when (ex.Code == PipeCodes.GateFileMissing || ex.Code == PipeCodes.GateRefUnresolved)
        {
            return null;
        }

        var require = gate.Gate.Require;
        if (!require.SignedTags && !evenIfNotRequired)
        {
            return null;
        }

        var signers = AllowedSigners.At(repo, gate.Ref, gate.Commit, require.AllowedSigners);
        if (signers is null)
        {
            return require.SignedTags
                ? throw new PipelineException(PipeCodes.AllowedSignersMissing,
                    $"{gate.Ref}:{gate.Path} requires signed alias tags, but '{require.AllowedSigners}' is not on {gate.Ref} ({gate.Commit[..12]})",
                    require.AllowedSigners)
                : null;
        }

        return new SignedAliases(repo.Root, require.SignedTags, signers);
    }

    public TagSignature Check(string tag) => Signers.Verify(_root, tag);

    /// <summary>The refusal for an alias event that is not signed by an allowed signer, naming the tag, the verdict and the file.</summary>
    public PipelineException Refusal(AliasEvent e, TagSignature signature, string? model = null) =>
        new(PipeCodes.AliasEventUntrusted,
            $"alias event {e.Tag.Name} ({What(e)}, tagger {e.Tag.Tagger}) is {signature.Describe()}; the gate on {Signers.Ref} requires alias " +
            $"moves signed by a key in {Signers.Path}",
            Signers.Path, hint: Fix(e.Tag.Name, model));

    /// <summary>Every alias event of every model that is not signed by an allowed signer, as doctor reports them.</summary>
    public IReadOnlyList<RegistryProblem> Problems(IReadOnlyDictionary<string, ModelState> states) =>
        states.OrderBy(s => s.Key, StringComparer.Ordinal)
            .SelectMany(s => s.Value.AliasEvents.Select(e => (Model: s.Key, Event: e)))
            .Select(x => (x.Model, x.Event, Signature: Check(x.Event.Tag.Name)))
            .Where(x => !x.Signature.Trusted)
            .Select(
                x =>
                    new RegistryProblem(
                        x.Signature.Verdict == SignatureVerdict.Unsigned ? "unsigned-alias-event" : "untrusted-alias-event",
                        x.Model,
                        x.Event.Tag.Name,
                $"alias event {x.Event.Tag.Name} ({What(x.Event)}, tagger {x.Event.Tag.Tagger}) is {x.Signature.Describe()}; " +
                $"{Signers.Ref}:{Signers.Path} is the list of allowed signers",
                Fix(x.Event.Tag.Name, x.Model)))
            .ToArray();

    /// <summary>The same, as findings of <c>verify</c> for the models it checked.</summary>
    public IReadOnlyList<Diagnostic> Findings(IReadOnlyDictionary<string, ModelState> states) =>
        Problems(states)
            .Select(p => new Diagnostic(Severity.Error, PipeCodes.AliasEventUntrusted, $"{p.Kind}: {p.Message}", Signers.Path, null, p.Fix))
            .ToArray();

    private static string What(AliasEvent e) => e.Assigned ? $"{e.Alias} → {e.Version}" : $"{e.Alias} emptied";

    private static string Fix(string tag, string? model) =>
        $"find out who wrote it (git cat-file tag '{tag}'). If nobody trusted did, delete it: git tag -d '{tag}' && git push origin " +
        $"':refs/tags/{tag}'"
        + (model is null ? "" : $", then move the alias again with a signed tag (pipeline promote/assign {model} …)")
        + ". Alias tags are signed when git config gpg.format is ssh and user.signingkey names a key whose public half is in the allowed-signers " +
            "file on the protected ref.";

    public void Dispose() => Signers.Dispose();
}
