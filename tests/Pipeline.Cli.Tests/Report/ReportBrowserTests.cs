using System.Globalization;

namespace Pipeline.Cli.Tests.Report;

/// <summary>
/// The report opened from file:// in a real headless Chromium: no console error, no request that leaves the folder,
/// the ledger's numbers in the DOM, sorting, filtering and the log toggle working, a screenshot of each page kind
/// (bin/…/screenshots/), and the pages still usable with scripts off.
/// </summary>
public sealed class ReportBrowserTests(ReportFixture fixture) : IClassFixture<ReportFixture>
{
    private static readonly string Screenshots = Path.Combine(AppContext.BaseDirectory, "screenshots");

    [ChromiumFact]
    public async Task Every_page_kind_loads_cleanly_without_network_and_is_captured()
    {
        await using var browser = await Chromium.Start();
        var pages = new[] { "index.html", "runs.html", "versions/demo/v0.0.3.html", $"runs/{fixture.GrpoId}.html", "compare/sft-lr-sweep.html" };
        foreach (var page in pages)
        {
            await browser.Navigate(Url(page));
            Assert.True((bool)(await browser.Eval("document.documentElement.classList.contains('js')"))!, page + ": the page script did not run");
            await browser.Screenshot(Path.Combine(Screenshots, page.Replace('/', '_').Replace(".html", ".png", StringComparison.Ordinal)));
        }

        Assert.Empty(browser.Errors);
        Assert.All(browser.Requests, url => Assert.StartsWith("file://", url));
        Assert.True(File.Exists(Path.Combine(Screenshots, "runs.png")));
    }

    [ChromiumFact]
    public async Task The_runs_table_shows_the_ledgers_numbers_and_sorts_and_filters()
    {
        await using var browser = await Chromium.Start();
        await browser.Navigate(Url("runs.html"));
        var column = (int)(await browser.Eval("Array.from(document.querySelectorAll('#runs th')).findIndex(th => th.textContent === 'loss last')"))!;
        Assert.True(column > 0);

        // Every run's last loss in the DOM is the ledger's, exactly.
        var cells = (
            await browser.Eval(
                $"Array.from(document.querySelectorAll('#runs tbody tr'))" +
                $".map(r => [r.dataset.run, r.cells[{column}].getAttribute('data-v')])"))!.AsArray();
        Assert.Equal(fixture.Ledger.Ids().Count, cells.Count);
        foreach (var cell in cells)
        {
            var run = fixture.Ledger.Read((string)cell![0]!);
            var shown = (string?)cell[1];
            Assert.Equal(run.Metrics.TryGetValue("loss", out var s) ? Exact(s.Last) : null, shown);
        }

        // Sorting: ascending, then descending; runs without the value stay last.
        await browser.Eval($"document.querySelectorAll('#runs th')[{column}].click()");
        var ascending = await Column(browser, column);
        Assert.Equal(ascending.Where(v => v is not null).Order().ToArray(), ascending.Where(v => v is not null).ToArray());
        Assert.True(ascending.SkipWhile(v => v is not null).All(v => v is null));
        await browser.Eval($"document.querySelectorAll('#runs th')[{column}].click()");
        var descending = await Column(browser, column);
        Assert.Equal(descending.Where(v => v is not null).OrderDescending().ToArray(), descending.Where(v => v is not null).ToArray());

        // Filtering by text: only the GRPO run is left visible.
        await browser.Eval(
            "(() => { const f = document.querySelector('input.filter'); f.value = 'grpo-kl'; f.dispatchEvent(new Event('input')); })()");
        var visible = (await browser.Eval(
            "Array.from(document.querySelectorAll('#runs tbody tr')).filter(r => !r.hidden).map(r => r.dataset.run)"))!.AsArray();
        Assert.Equal([fixture.GrpoId], visible.Select(v => (string)v!).ToArray());
        Assert.Equal("1 shown", (string?)await browser.Eval("document.getElementById('runs-count').textContent"));
        Assert.Empty(browser.Errors);
    }

    [ChromiumFact]
    public async Task The_log_toggle_switches_the_chart_and_the_hostile_run_runs_no_script()
    {
        await using var browser = await Chromium.Start();
        await browser.Navigate(Url($"runs/{fixture.GrpoId}.html"));
        Assert.Equal("none", (string?)await browser.Eval("getComputedStyle(document.querySelector('#chart-0 path.log')).display"));
        await browser.Eval("(() => { const c = document.querySelector('#chart-0 input.logscale'); c.click(); })()");
        Assert.True((bool)(await browser.Eval("document.getElementById('chart-0').classList.contains('logscale')"))!);
        Assert.Equal("none", (string?)await browser.Eval("getComputedStyle(document.querySelector('#chart-0 path.lin')).display"));
        Assert.NotEqual("none", (string?)await browser.Eval("getComputedStyle(document.querySelector('#chart-0 path.log')).display"));
        Assert.True((int)(await browser.Eval("document.querySelectorAll('#chart-0 path.bad').length"))! >= 1); // the NaN step is marked

        var hostile = fixture.Ledger.List().Single(r => r.Name == ReportFixture.HostileName).Id;
        await browser.Navigate(Url($"runs/{hostile}.html"));
        Assert.Null(await browser.Eval("window.__pwned === undefined ? null : window.__pwned"));
        Assert.Equal(ReportFixture.HostileName, (string?)await browser.Eval("document.querySelector('h1').textContent"));
        Assert.Empty(browser.Errors);
    }

    [ChromiumFact]
    public async Task With_scripts_off_the_tables_and_charts_are_still_there()
    {
        await using var browser = await Chromium.Start();
        await browser.ScriptsEnabled(false);
        await browser.Navigate(Url("runs.html"));
        Assert.False((bool)(await browser.Eval("document.documentElement.classList.contains('js')"))!);
        Assert.Equal(fixture.Ledger.Ids().Count, (int)(await browser.Eval("document.querySelectorAll('#runs tbody tr').length"))!);
        Assert.Equal("none", (string?)await browser.Eval("getComputedStyle(document.querySelector('input.filter')).display"));
        await browser.Navigate(Url($"runs/{fixture.GrpoId}.html"));
        Assert.NotEqual("none", (string?)await browser.Eval("getComputedStyle(document.querySelector('#chart-0 path.lin')).display"));
        await browser.Screenshot(Path.Combine(Screenshots, "run-noscript.png"));
    }

    /// <summary>The column's exact values in row order; a missing or NaN value is null (it sorts last either way).</summary>
    private static async Task<double?[]> Column(Chromium browser, int column) =>
        (await browser.Eval($"Array.from(document.querySelectorAll('#runs tbody tr')).map(r => r.cells[{column}].getAttribute('data-v'))"))!.AsArray()
            .Select(v => (string?)v is { } text
                && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
                && !double.IsNaN(d) ? d : (double?)null)
            .ToArray();

    private string Url(string page) => new Uri(Path.Combine(fixture.Site, page)).AbsoluteUri;

    private static string Exact(double v) =>
        double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : double.IsNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity";
}
