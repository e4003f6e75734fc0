using System.Globalization;
using System.Text;
using Pipeline.Core.Canonical;

namespace Pipeline.Core.Registry;

/// <summary>
/// The title and body of a proposal's pull request: what a reviewer needs to decide without opening the JSON — the
/// lineage summary, the fingerprint, the artifact digest and the eval scores beside the current champion's.
/// </summary>
public static class ProposalBody
{
    /// <summary>GitHub refuses bodies over 65,536 characters; long lineage values are clipped well before that.</summary>
    private const int ValueWidth = 100;

    public static string Title(string model, SemVer version) => $"Register {model} {version}";

    public static string Markdown(VersionRecord record, string recordPath, string? championAlias, VersionRecord? champion)
    {
        var text = new StringBuilder();
        text.AppendLine(
            $"Registers **{record.Model} {record.Version}** (`{recordPath}`). Merging this pull request registers the version; the publish " +
            $"workflow then tags it `{RegistryTag.ForVersion(record.Model, record.Version)}`.");
        text.AppendLine();
        text.AppendLine($"- fingerprint: `{record.Fingerprint}`");
        text.AppendLine(record.Artifact is { } a
            ? $"- artifact: `{Cell(a.Uri)}`" + (a.Sha256 is { } sha ? $", sha256 `{sha}`" : ", no digest recorded") + (
                a.Size is { } size ? $", {size.ToString(CultureInfo.InvariantCulture)} bytes" : "")
            : "- artifact: none recorded");
        if (record.Run is { } run)
        {
            text.AppendLine($"- run: `{run}`");
        }

        if (record.Description is { } d)
        {
            text.AppendLine($"- description: {Cell(d)}");
        }

        text.AppendLine();
        text.AppendLine("### Lineage");
        text.AppendLine();
        text.AppendLine("| field | value |");
        text.AppendLine("|---|---|");
        foreach (var member in record.Lineage.Members)
        {
            text.AppendLine($"| {Cell(member.Key)} | `{Cell(Clip(CanonicalJson.Write(member.Value)))}` |");
        }

        text.AppendLine();
        text.AppendLine("### Evals");
        text.AppendLine();
        var label = champion is null ? $"champion ({championAlias ?? "none"}: none)" : $"champion {champion.Version} ({championAlias})";
        var rows = record.Evals.SelectMany(e => e.Scores.Select(s => (Suite: e.Suite.Name, Metric: s.Key, Score: s.Value))).ToList();
        if (rows.Count == 0)
        {
            text.AppendLine("No eval results recorded.");
        }
        else
        {
            text.AppendLine($"| suite | metric | {record.Version} | {Cell(label)} |");
            text.AppendLine("|---|---|---|---|");
            foreach (var (suite, metric, score) in rows)
            {
                var theirs = champion?.Evals.Where(e => e.Suite.Name == suite)
                    .SelectMany(e => e.Scores)
                    .Where(s => s.Key == metric)
                    .Select(s => (double?)s.Value)
                    .FirstOrDefault();
                text.AppendLine($"| {Cell(suite)} | {Cell(metric)} | {Number(score)} | {(theirs is { } t ? Number(t) : "—")} |");
            }
        }

        text.AppendLine();
        text.AppendLine(
            "<sub>Opened by `pipeline register --propose`. The required `verify` check recomputes this record from the repository.</sub>");
        return text.ToString();
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Clip(string s) => s.Length <= ValueWidth ? s : s[..(ValueWidth - 1)] + "…";

    // Table cells: a pipe or a newline would end the cell; backticks would end the code span.
    private static string Cell(string s) =>
        s.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal).Replace("`", "'", StringComparison.Ordinal);
}
