using System.Text;
using Pipeline.Core.Diagnostics;

namespace Pipeline.Core.Verify;

/// <summary>
/// Everything <c>pipeline verify</c> found: per-version checks plus findings about the change itself
/// (append-only violations, gate edits). OK only when no finding is an error.
/// </summary>
public sealed record VerifyReport(string Base, string Head, IReadOnlyList<VersionCheck> Versions, IReadOnlyList<Diagnostic> ChangeFindings)
{
    public IEnumerable<Diagnostic> AllFindings => ChangeFindings.Concat(Versions.SelectMany(v => v.Findings));

    public bool Ok => AllFindings.All(f => f.Severity != Severity.Error);

    public string Title => Ok
        ? $"Reproducible: {Versions.Count} version(s) verified"
        : $"Not reproducible: {AllFindings.Count(f => f.Severity == Severity.Error)} problem(s) in {Versions.Count(v => !v.Ok)} version(s)"
          + (ChangeFindings.Any(f => f.Severity == Severity.Error) ? " and the change itself" : "");

    /// <summary>
    /// The per-version table, the summary every channel (check run, sticky comment, step summary) shows above the
    /// findings table that the GitHub adapter renders.
    /// </summary>
    public string VersionsMarkdown()
    {
        var sb = new StringBuilder();
        // Base is a label, not a commit, when no diff was taken: "(all)" for --all, "(selected)" for --version.
        sb.Append(Base switch
        {
            "(all)" => $"Checked every version record at `{Short(Head)}`: {Versions.Count}.\n\n",
            "(selected)" => $"Checked the named version record(s) at `{Short(Head)}`: {Versions.Count}.\n\n",
            _ => $"Checked `{Short(Base)}..{Short(Head)}`: {Versions.Count} version record(s) added.\n\n",
        });
        if (Versions.Count == 0)
        {
            return sb.ToString();
        }

        sb.Append("| model | version | fingerprint | verdict |\n|---|---|---|---|\n");
        foreach (var v in Versions)
        {
            sb.Append("| ").Append(Cell(v.Model)).Append(" | ").Append(Cell(v.Version)).Append(" | `")
              .Append(v.Fingerprint is { Length: >= 12 } f ? f[..12] : v.Fingerprint ?? "—").Append("` | ")
              .Append(v.Ok ? "✅ reproducible" : $"❌ {v.Findings.Count(x => x.Severity == Severity.Error)} finding(s)").Append(" |\n");
        }

        return sb.ToString();
    }

    private static string Short(string rev) => rev.Length == 40 ? rev[..10] : rev;

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
