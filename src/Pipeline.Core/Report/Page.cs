using System.Text;

namespace Pipeline.Core.Report;

/// <summary>The shell of every page: inline CSS and script, a header with the site's links, the source ref.</summary>
internal static class Page
{
    public static string Wrap(string title, string depth, string source, string body)
    {
        var sb = new StringBuilder(body.Length + 6_000);
        Open(sb, title, depth, source).Append(body);
        return Close(sb).ToString();
    }

    /// <summary>Everything before a page's body (<see cref="Wrap"/> in two halves, for pages written straight into one builder).</summary>
    public static StringBuilder Open(StringBuilder sb, string title, string depth, string source) =>
        sb.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">")
          .Append(
              "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; " +
              "img-src data:\">")
          .Append("<title>").Append(Html.Text(title)).Append(" · Pipeline</title><style>").Append(SiteAssets.Css).Append("</style></head><body>")
          .Append("<header><a href=\"").Append(depth).Append("index.html\">Models</a><a href=\"").Append(depth).Append("runs.html\">Runs</a>")
          .Append("<span class=\"muted\" style=\"color:#afb8c1\">").Append(Html.Text(source)).Append("</span></header><main>");

    public static StringBuilder Close(StringBuilder sb) => sb.Append("</main><script>").Append(SiteAssets.Script).Append("</script></body></html>");

    public static string VersionHref(string depth, string model, string version) =>
        $"{depth}versions/{Html.FileName(model)}/{Html.FileName(version)}.html";

    public static string RunHref(string depth, string id) => $"{depth}runs/{Html.FileName(id)}.html";

    public static string Time(DateTimeOffset? t) =>
        t?.UtcDateTime.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) ?? "";
}
