using System.Text;
using Pipeline.Core.Canonical;
using Pipeline.Core.Registry;

namespace Pipeline.Core.Report;

/// <summary>
/// One version: lineage and its sources, the artifact, eval scores beside the champion's, every gate decision that
/// named it (each rule's value and verdict), and the run that produced it.
/// </summary>
internal static class VersionPage
{
    private const string Depth = "../../";

    public static string Render(ReportInput input, ModelReport model, VersionReport version, IReadOnlySet<string> runIds)
    {
        var sb = new StringBuilder();
        var v = version.Version.ToString();
        sb.Append("<h1>").Append(Html.Text(model.Name)).Append(' ').Append(Html.Text(v)).Append("</h1><p>");
        foreach (var alias in model.Aliases.Where(a => a.Value.Equals(version.Version)).Select(a => a.Key).Order(StringComparer.Ordinal))
        {
            sb.Append("<span class=\"alias\">").Append(Html.Text(alias)).Append("</span>");
        }

        if (version.Deprecated)
        {
            sb.Append("<span class=\"fail\">deprecated</span>");
        }

        sb.Append("</p>");
        var record = version.Record;
        if (record is null)
        {
            sb.Append("<p class=\"fail\">The version tag exists but this ref holds no record for it.</p>");
            return Page.Wrap(model.Name + " " + v, Depth, input.Source, sb.ToString());
        }

        sb.Append("<table><tbody>")
          .Append(
              Row("Fingerprint", "<code>" + Html.Text(record.Fingerprint) + "</code> <span class=\"muted\">" + Html.Text(record.Scheme) + "</span>"))
          .Append(Row("Created", Html.Text(Page.Time(record.CreatedAt)) + " by " + Html.Text(record.CreatedBy)));
        if (version.Commit is { } commit)
        {
            sb.Append(Row("Tagged commit", "<code>" + Html.Text(commit) + "</code>"));
        }

        if (record.Run is { } run)
        {
            sb.Append(
                Row(
                    "Run",
                    runIds.Contains(run)
                        ? $"<a href=\"{Page.RunHref(Depth, run)}\">{Html.Text(run)}</a>"
                        : Html.Text(run) + " <span class=\"muted\">(not in the ledger at this ref)</span>"));
        }

        if (record.Description is { } description)
        {
            sb.Append(Row("Description", Html.Text(description)));
        }

        sb.Append("</tbody></table><h2>Lineage</h2><table><tbody>");
        foreach (var m in record.Lineage.Members)
        {
            sb.Append(
                Row(
                    m.Key,
                    m.Value is ObjectValue or ArrayValue
                        ? "<pre>" + Html.Text(CanonicalJson.Write(m.Value)) + "</pre>"
                        : "<code>" + Html.Text(Flat.Show(m.Value)) + "</code>"));
        }

        sb.Append("</tbody></table>");
        if (record.LineageSources is { } sources)
        {
            sb.Append("<details><summary>Where each field came from</summary><pre>")
                .Append(Html.Text(CanonicalJson.Write(sources)))
                .Append("</pre></details>");
        }

        sb.Append("<h2>Artifact</h2>");
        if (record.Artifact is { } artifact)
        {
            sb.Append("<table><tbody>")
                .Append(Row("URI", "<code>" + Html.Text(artifact.Uri) + "</code>"))
                .Append(Row("Kind", Html.Text(artifact.Kind)));
            if (artifact.Sha256 is { } sha)
            {
                sb.Append(Row("sha256", "<code>" + Html.Text(sha) + "</code>"));
            }

            if (artifact.Size is { } size)
            {
                sb.Append(Row("Size", size.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + " bytes"));
            }

            if (artifact.Manifest is { } manifest)
            {
                sb.Append(Row("Files", manifest.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }

            sb.Append("</tbody></table>");
        }
        else
        {
            sb.Append("<p class=\"muted\">No artifact recorded.</p>");
        }

        Evals(sb, model, record);
        Decisions(sb, model, version.Version);
        return Page.Wrap(model.Name + " " + v, Depth, input.Source, sb.ToString());
    }

    private static void Evals(StringBuilder sb, ModelReport model, VersionRecord record)
    {
        sb.Append("<h2>Eval scores</h2>");
        if (record.Evals.Count == 0)
        {
            sb.Append("<p class=\"muted\">No eval result recorded.</p>");
            return;
        }

        // The champion: the version production (else the first alias) points at, when it is another version.
        var championAlias = model.Aliases.ContainsKey("production")
            ? "production"
            : model.Aliases.Keys.Order(StringComparer.Ordinal).FirstOrDefault();
        var champion = championAlias is null ? null : model.Versions.FirstOrDefault(x => x.Version.Equals(model.Aliases[championAlias]));
        var rival = champion?.Record is { } c && !c.Version.Equals(record.Version) ? c : null;
        sb.Append("<table class=\"sortable\"><thead><tr><th>Suite</th><th>Score</th><th>This version</th>");
        if (rival is not null)
        {
            sb.Append("<th>").Append(Html.Text(championAlias)).Append(' ').Append(Html.Text(rival.Version.ToString())).Append("</th><th>Δ</th>");
        }

        sb.Append("</tr></thead><tbody>");
        foreach (var e in record.Evals)
        {
            foreach (var (metric, score) in e.Scores.OrderBy(s => s.Key, StringComparer.Ordinal))
            {
                sb.Append("<tr><td>")
                    .Append(Html.Text(e.Suite.Name))
                    .Append(" <span class=\"muted\">")
                    .Append(Html.Text(e.Suite.Fingerprint.Length > 19 ? e.Suite.Fingerprint[..19] + "…" : e.Suite.Fingerprint))
                  .Append("</span></td><td>").Append(Html.Text(metric)).Append("</td>").Append(Flat.NumberCell(score));
                if (rival is not null)
                {
                    var theirs = rival.Evals.FirstOrDefault(r => r.Suite == e.Suite && r.Scores.ContainsKey(metric))?.Scores[metric];
                    sb.Append(Flat.NumberCell(theirs)).Append(Flat.NumberCell(theirs is { } t ? score - t : null));
                }

                sb.Append("</tr>");
            }
        }

        sb.Append("</tbody></table>");
    }

    private static void Decisions(StringBuilder sb, ModelReport model, SemVer version)
    {
        var events = model.History.Where(e => e.Alias is not null
            && (Equals(e.Version, version) || Equals(e.To, version) || (e.Kind == "hold" && Equals(e.Version, version))))
            .ToArray();
        sb.Append("<h2>Alias events and gate decisions</h2>");
        if (events.Length == 0)
        {
            sb.Append("<p class=\"muted\">No alias event or gate decision names this version.</p>");
            return;
        }

        foreach (var e in events)
        {
            sb.Append("<h3>")
                .Append(Html.Text(Page.Time(e.Time)))
                .Append(" · ")
                .Append(e.Kind == "hold" ? "<span class=\"fail\">hold</span>" : Html.Text(e.Kind))
              .Append(" · ").Append(Html.Text(e.Alias)).Append("</h3><p>").Append(Html.Text(e.From?.ToString() ?? "-")).Append(" → ")
              .Append(Html.Text(e.To?.ToString() ?? "-")).Append(" by ").Append(Html.Text(e.Actor));
            if (e.Reason is { } reason)
            {
                sb.Append(" — ").Append(Html.Text(reason));
            }

            sb.Append("</p>");
            if (FindDecision(e.Evidence) is { } decision)
            {
                if (decision["decision"] is StringValue verdict)
                {
                    sb.Append("<p>Decision: <b>").Append(Html.Text(verdict.Value)).Append("</b></p>");
                }

                if (decision["rules"] is ArrayValue rules && rules.Items.Count > 0)
                {
                    string[] preferred = ["rule", "value", "verdict", "detail"];
                    var columns = rules.Items.OfType<ObjectValue>().SelectMany(r => r.Members.Select(m => m.Key)).Distinct()
                        .OrderBy(k => Array.IndexOf(preferred, k) is var i && i >= 0 ? i : preferred.Length).ToArray();
                    sb.Append("<table><thead><tr>");
                    foreach (var c in columns)
                    {
                        sb.Append("<th>").Append(Html.Text(c)).Append("</th>");
                    }

                    sb.Append("</tr></thead><tbody>");
                    foreach (var rule in rules.Items.OfType<ObjectValue>())
                    {
                        sb.Append("<tr>");
                        foreach (var c in columns)
                        {
                            var cell = rule[c];
                            var css = c == "verdict" && cell is StringValue s
                                ? (s.Value == "pass" ? " class=\"pass\"" : s.Value == "fail" ? " class=\"fail\"" : "")
                                : "";
                            sb.Append(
                                cell is null ? "<td></td>" : css.Length > 0 ? $"<td{css}>{Html.Text(Flat.Show(cell))}</td>" : Flat.ValueCell(cell));
                        }

                        sb.Append("</tr>");
                    }

                    sb.Append("</tbody></table>");
                }
            }

            if (e.Evidence is { } evidence and not NullValue)
            {
                sb.Append("<details><summary>Evidence as recorded</summary><pre>")
                    .Append(Html.Text(CanonicalJson.Write(evidence)))
                    .Append("</pre></details>");
            }
        }
    }

    /// <summary>The gate decision inside an event's evidence: the object holding "rules", at the top or one level down.</summary>
    private static ObjectValue? FindDecision(Value? evidence)
    {
        if (evidence is not ObjectValue obj)
        {
            return null;
        }

        if (obj["rules"] is ArrayValue)
        {
            return obj;
        }

        return obj.Members.Select(m => m.Value).OfType<ObjectValue>().FirstOrDefault(o => o["rules"] is ArrayValue);
    }

    private static string Row(string label, string html) => $"<tr><th>{Html.Text(label)}</th><td>{html}</td></tr>";
}
