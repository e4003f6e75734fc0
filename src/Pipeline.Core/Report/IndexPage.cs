using System.Text;
using Pipeline.Core.Registry;

namespace Pipeline.Core.Report;

/// <summary>The models overview: each model's versions and current aliases, then every alias event, newest first.</summary>
internal static class IndexPage
{
    public static string Render(ReportInput input)
    {
        var sb = new StringBuilder();
        sb.Append("<h1>Models</h1>");
        if (input.Models.Count == 0)
        {
            sb.Append("<p class=\"muted\">No model is registered at this ref.</p>");
        }
        else
        {
            sb.Append(
                "<table class=\"sortable\" " +
                "id=\"models\"><thead><tr><th>Model</th><th>Versions</th><th>Latest</th><th>Aliases</th></tr></thead><tbody>");
            foreach (var m in input.Models)
            {
                var latest = m.Versions.FirstOrDefault(v => !v.Deprecated);
                sb.Append("<tr><td>").Append(Html.Text(m.Name)).Append("</td><td class=\"n\">").Append(m.Versions.Count).Append("</td><td>");
                if (latest is not null)
                {
                    sb.Append(VersionLink(m.Name, latest.Version));
                }

                sb.Append("</td><td>");
                foreach (var (alias, version) in m.Aliases.OrderBy(a => a.Key, StringComparer.Ordinal))
                {
                    sb.Append("<span class=\"alias\">").Append(Html.Text(alias)).Append(" → ").Append(VersionLink(m.Name, version)).Append("</span>");
                }

                sb.Append("</td></tr>");
            }

            sb.Append("</tbody></table>");
            foreach (var m in input.Models)
            {
                sb.Append("<h2>")
                    .Append(Html.Text(m.Name))
                    .Append(
                        "</h2><table " +
                        "class=\"sortable\"><thead><tr><th>Version</th><th>Fingerprint</th><th>Created</th><th>By</th><th>Run</th><th>State</th>" +
                        "</tr></thead><tbody>");
                foreach (var v in m.Versions)
                {
                    sb.Append("<tr><td data-v=\"")
                        .Append(Html.Text(v.Version.ToString()))
                        .Append("\">")
                        .Append(VersionLink(m.Name, v.Version))
                        .Append("</td><td><code>")
                      .Append(Html.Text(v.Record?.Fingerprint[..Math.Min(12, v.Record.Fingerprint.Length)])).Append("</code></td><td>")
                      .Append(Page.Time(v.Record?.CreatedAt)).Append("</td><td>").Append(Html.Text(v.Record?.CreatedBy)).Append("</td><td>");
                    if (v.Record?.Run is { } run)
                    {
                        sb.Append("<a href=\"").Append(Page.RunHref("", run)).Append("\">").Append(Html.Text(run)).Append("</a>");
                    }

                    sb.Append("</td><td>")
                        .Append(v.Deprecated ? "deprecated" : v.Record is null ? "<span class=\"fail\">no record at this ref</span>" : "")
                      .Append("</td></tr>");
                }

                sb.Append("</tbody></table>");
            }
        }

        var events = input.Models.SelectMany(m => m.History.Where(e => e.Alias is not null).Select(e => (m.Name, Event: e)))
            .OrderByDescending(p => p.Event.Time ?? DateTimeOffset.MinValue).ToArray();
        sb.Append("<h2>Alias timeline</h2>");
        if (events.Length == 0)
        {
            sb.Append("<p class=\"muted\">No alias has been moved yet.</p>");
        }
        else
        {
            sb.Append("<input class=\"filter js-only\" placeholder=\"filter events\" data-table=\"timeline\">");
            sb.Append(
                "<table class=\"sortable\" " +
                "id=\"timeline\"><thead><tr><th>Time</th><th>Model</th><th>Alias</th><th>Event</th><th>From</th><th>To</th><th>Who</th><th>Why</th>" +
                "</tr></thead><tbody>");
            foreach (var (model, e) in events)
            {
                sb.Append("<tr><td>")
                    .Append(Page.Time(e.Time))
                    .Append("</td><td>")
                    .Append(Html.Text(model))
                    .Append("</td><td>")
                    .Append(Html.Text(e.Alias))
                  .Append("</td><td>").Append(e.Kind == "hold" ? "<span class=\"fail\">hold</span>" : Html.Text(e.Kind)).Append("</td><td>")
                  .Append(e.From is { } from ? VersionLink(model, from) : "-").Append("</td><td>")
                  .Append(e.Kind == "hold"
                      && e.Version is { } refused ? "refused " + VersionLink(model, refused) : e.To is { } to ? VersionLink(model, to) : "-")
                  .Append("</td><td>").Append(Html.Text(e.Actor)).Append("</td><td>").Append(Html.Text(e.Reason)).Append("</td></tr>");
            }

            sb.Append("</tbody></table>");
        }

        sb.Append("<p><a href=\"runs.html\">").Append(input.Runs.Count).Append(" runs in the ledger</a></p>");
        return Page.Wrap("Models", "", input.Source, sb.ToString());
    }

    private static string VersionLink(string model, SemVer version) =>
        $"<a href=\"{Page.VersionHref("", model, version.ToString())}\">{Html.Text(version.ToString())}</a>";
}
