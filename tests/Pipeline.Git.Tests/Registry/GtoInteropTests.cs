using Pipeline.Core.Registry;
using Pipeline.Git.Registry;

namespace Pipeline.Git.Tests.Registry;

/// <summary>
/// Repositories carrying the real GTO tags of iterative/example-gto, example-get-started and
/// example-get-started-experiments: we read versions, stages, unassignments and counters as GTO's `show` does.
/// </summary>
public sealed class GtoInteropTests
{
    private static string Fixture(string repo) =>
        GtoFixtures.Files().Single(f => Path.GetFileName(f).StartsWith($"iterative__{repo}__", StringComparison.Ordinal));

    [Fact]
    public void Example_gto_churn_stages_follow_the_highest_counter()
    {
        using var repo = new TempGitRepo();
        GtoFixtures.Build(repo, Fixture("example-gto"));
        var store = new RegistryStore(repo.Root);
        var churn = store.State("churn", withMessages: true);

        Assert.Equal(["v3.1.0", "v3.0.0"], churn.Versions.Select(v => v.Version.ToString()));
        // churn#dev#1 (v3.0.0) then churn#dev#4 (v3.1.0): dev moved; prod#3 is v3.0.0; staging#2 is v3.1.0.
        Assert.Equal("v3.1.0", churn.Aliases["dev"].ToString());
        Assert.Equal("v3.0.0", churn.Aliases["prod"].ToString());
        Assert.Equal("v3.1.0", churn.Aliases["staging"].ToString());
        Assert.Equal(5, churn.NextCounter);
        Assert.Equal("v3.1.0", churn.Latest?.ToString());
        // One commit carries three models' versions (5561a3b…); per model it is still one version.
        Assert.Equal("v0.4.1", store.State("segment").Aliases["dev"].ToString());
        Assert.Equal(["churn", "cv-class", "segment"], store.Models());

        var history = RegistryHistory.Of(churn);
        Assert.Equal(["registration", "registration", "assignment", "assignment", "assignment", "assignment"], history.Select(e => e.Kind));
        Assert.Equal("Alexander Guschin <1aguschin@gmail.com>", history[0].Actor);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1693813913), history[0].Time);
        Assert.Equal((SemVer.Parse("v3.0.0"), SemVer.Parse("v3.1.0")), (history[^1].From, history[^1].To));
        Assert.Null(history[^1].Reason); // GTO messages carry no JSON
        Assert.Equal("Assigning stage dev to artifact churn version v3.1.0", history[^1].Subject);
    }

    [Fact]
    public void Example_get_started_experiments_reads_an_unassignment()
    {
        using var repo = new TempGitRepo();
        GtoFixtures.Build(repo, Fixture("example-get-started-experiments"));
        var state = new RegistryStore(repo.Root).State("pool-segmentation");

        Assert.False(state.Aliases.ContainsKey("dev")); // pool-segmentation#dev!#3
        Assert.Equal("v1.0.0", state.Aliases["prod"].ToString());
        var dev = state.AliasEvents.Where(e => e.Alias == "dev").ToArray();
        Assert.Equal([(1L, true), (3L, false)], dev.Select(e => (e.Counter, e.Assigned)));
        Assert.Equal("v1.0.0", dev[1].Previous?.ToString());
        Assert.Equal(4, state.NextCounter);
    }

    [Fact]
    public void Example_get_started_same_second_tags_order_registration_first_where_gto_sorts_by_name()
    {
        using var repo = new TempGitRepo();
        GtoFixtures.Build(repo, Fixture("example-get-started"));
        var state = new RegistryStore(repo.Root).State("text-classification", withMessages: true);
        Assert.Equal(["v1.2.0", "v1.1.0", "v1.0.0"], state.Versions.Select(v => v.Version.ToString()));
        Assert.Equal("v1.0.0", state.Aliases["prod"].ToString());
        Assert.Equal("v1.1.0", state.Aliases["stage"].ToString());
        Assert.Equal("v1.2.0", state.Aliases["dev"].ToString());

        // text-classification@v1.0.0 and #prod#1 share second 1715372612. GTO replays same-second tags in name order
        // ('#' < '@', so the assignment before the registration); we put the registration first, and the alias
        // state never depends on it (counters decide).
        var history = RegistryHistory.Of(state).Select(e => e.Tag!).ToArray();
        Assert.Equal(
            [
                "text-classification@v1.0.0", "text-classification#prod#1", "text-classification@v1.1.0", "text-classification#stage#2",
                "text-classification@v1.2.0", "text-classification#dev#3"],
            history);
    }

    [Fact]
    public void A_lightweight_tag_in_a_gto_repo_is_ignored_for_state_but_reserves_its_counter_and_doctor_reports_it()
    {
        using var repo = new TempGitRepo();
        var file = Fixture("example-gto");
        GtoFixtures.Build(repo, file, ("churn#prod#9", "8a1eb65b338b194b1579b3436cbba09fb7edb0c7"));
        repo.Git("pack-refs", "--all"); // resolution from packed-refs' peeled lines, no object reads
        var store = new RegistryStore(repo.Root);
        var churn = store.State("churn");
        Assert.Equal("v3.0.0", churn.Aliases["prod"].ToString()); // GTO drops non-annotated tags too
        Assert.Equal(10, churn.NextCounter);
        var problems = RegistryDoctor.Check(store);
        Assert.Contains(problems, p => p.Kind == "lightweight-tag" && p.Subject == "churn#prod#9");
        Assert.Contains(problems, p => p.Kind == "tag-without-record" && p.Subject == "churn@v3.0.0");
    }

    [Fact]
    public void Our_writes_continue_a_gto_registry_with_the_next_counter()
    {
        using var repo = new TempGitRepo();
        GtoFixtures.Build(repo, Fixture("example-gto"));
        var store = new RegistryStore(repo.Root);
        var r = store.Assign("churn", SemVer.Parse("v3.1.0"), "prod", "promote", who: RegistryFixture.Who());
        Assert.Equal("churn#prod#5", r.Tag);
        Assert.Equal("v3.1.0", store.State("churn").Aliases["prod"].ToString());
        // And plain git resolves it the documented way: highest counter among churn#prod*.
        var tags = repo.Git("tag", "-l", "churn#prod#*", "churn#prod!#*").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var top = tags.OrderBy(t => long.Parse(t[(t.LastIndexOf('#') + 1)..])).Last();
        Assert.Equal("churn#prod#5", top);
    }
}
