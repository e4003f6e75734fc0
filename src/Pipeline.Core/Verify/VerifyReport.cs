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

    /// <summary>The Markdown table for the step summary, the check run and the sticky PR comment.</summary>
    public string ToMarkdown(int maxRows = 500)
    {
        var sb = new StringBuilder();
        sb.Append("### ").Append(Ok ? "✅ " : "❌ ").Append(Title).Append("\n\n");
        sb.Append("Checked `").Append(Short(Base)).Append("..").Append(Short(Head)).Append("`.\n\n");
        if (Versions.Count > 0)
        {
            sb.Append("| model | version | fingerprint | verdict |\n|---|---|---|---|\n");
            foreach (var v in Versions)
            {
                sb.Append("| ").Append(Cell(v.Model)).Append(" | ").Append(Cell(v.Version)).Append(" | `")
                  .Append(v.Fingerprint is { Length: >= 12 } f ? f[..12] : v.Fingerprint ?? "—").Append("` | ")
                  .Append(v.Ok ? "✅ reproducible" : $"❌ {v.Findings.Count(x => x.Severity == Severity.Error)} finding(s)").Append(" |\n");
            }

            sb.Append('\n');
        }

        var findings = AllFindings.ToList();
        if (findings.Count > 0)
        {
            sb.Append("| | code | where | finding | fix |\n|---|---|---|---|---|\n");
            foreach (var f in findings.Take(maxRows))
            {
                sb.Append("| ").Append(f.Severity == Severity.Error ? "❌" : "⚠️").Append(" | ").Append(f.Code.Id).Append(" | ")
                  .Append(f.File is null ? "" : $"`{Cell(f.File)}{(f.Line is int l ? ":" + l : "")}`").Append(" | ")
                  .Append(Cell(f.Message)).Append(" | ").Append(Cell(f.Hint ?? "")).Append(" |\n");
            }

            if (findings.Count > maxRows)
            {
                sb.Append("\n…and ").Append(findings.Count - maxRows).Append(" more finding(s); run `pipeline verify` locally for the full list.\n");
            }
        }

        return sb.ToString();
    }

    private static string Short(string rev) => rev.Length == 40 ? rev[..10] : rev;

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
