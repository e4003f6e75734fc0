namespace Pipeline.Core.Gate;

/// <summary>
/// The <c>require:</c> block of gate.yaml: what the evidence and the alias history must be able to show beyond the
/// score rules. <see cref="CiEvidence"/>: every eval result the gate counts for the candidate carries a CI producer.
/// <see cref="SignedTags"/>: every alias event is an SSH-signed tag by a key in <see cref="AllowedSigners"/>, a file read
/// from the same protected ref as gate.yaml (never from the working copy).
/// </summary>
public sealed record GateRequirements(bool CiEvidence, bool SignedTags, string AllowedSigners)
{
    /// <summary>Where the allowed-signers file lives on the protected ref unless <c>require.allowed_signers</c> says otherwise.</summary>
    public const string DefaultAllowedSigners = ".pipeline/allowed_signers";

    public static GateRequirements None { get; } = new(false, false, DefaultAllowedSigners);
}
