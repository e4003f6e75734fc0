using Pipeline.Core.Canonical;
using Pipeline.Core.Registry;

namespace Pipeline.Core.Tests.Registry;

/// <summary>Holds are placed among the tag events by the counter they saw, not by the one-second clock.</summary>
public sealed class HoldHistoryTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeSeconds(1764085000);
    private static readonly DateTimeOffset T1 = T0.AddSeconds(1);

    private static TagInfo Tag(string name, string commit, DateTimeOffset time) => new(name, commit, true, "CI <ci@example.com>", time, "subject\n");

    // Everything in two seconds, as CI and the quickstart do: v1 and v2 registered and promoted at T0; at T1 v3 is
    // registered, refused, then production is rolled back and restored.
    private static readonly ModelState State = ModelState.From("demo",
    [
        Tag("demo@v0.0.1", "c1", T0), Tag("demo@v0.0.2", "c2", T0),
        Tag("demo#production#1", "c1", T0), Tag("demo#production#2", "c2", T0),
        Tag("demo@v0.0.3", "c3", T1), Tag("demo#production#3", "c1", T1), Tag("demo#production#4", "c2", T1),
    ]);

    private static GateHold Hold(long seen, DateTimeOffset time, int line) =>
        new("demo", "production", SemVer.Parse("v0.0.3"), SemVer.Parse("v0.0.2"), seen,
        time, "CI <ci@example.com>", "no NaN in loss", new ObjectValue(Array.Empty<Member>()), line);

    private static string[] Names(IEnumerable<HistoryEvent> events) => events.Select(e => e.Tag ?? $"hold@{e.Version}").ToArray();

    [Fact]
    public void A_same_second_hold_sorts_after_the_alias_events_it_saw_and_before_those_it_did_not()
    {
        var history = RegistryHistory.Of(State, [Hold(2, T1, 1)]);
        Assert.Equal(
            [
                "demo@v0.0.1", "demo@v0.0.2", "demo#production#1", "demo#production#2", "demo@v0.0.3", "hold@v0.0.3", "demo#production#3",
                "demo#production#4"],
            Names(history));
        var hold = history[5];
        Assert.Equal(("hold", "production", "v0.0.2", "v0.0.2"), (hold.Kind, hold.Alias, hold.From?.ToString(), hold.To?.ToString()));
    }

    [Fact]
    public void Holds_keep_their_log_order_and_a_skewed_clock_yields_to_the_counter()
    {
        // The second hold's clock says T0 but it saw counter 4: it still comes after #4 and after the first hold.
        var history = RegistryHistory.Of(State, [Hold(4, T0, 2), Hold(2, T1, 1)]);
        Assert.Equal(
            [
                "demo@v0.0.1", "demo@v0.0.2", "demo#production#1", "demo#production#2", "demo@v0.0.3", "hold@v0.0.3", "demo#production#3",
                "demo#production#4", "hold@v0.0.3"],
            Names(history));

        // Saw counter 2 but stamped T0: right after #2, before v0.0.3's later registration.
        var early = RegistryHistory.Of(State, [Hold(2, T0, 1)]);
        Assert.Equal("hold@v0.0.3", Names(early)[4]);
    }

    [Fact]
    public void Without_holds_the_tag_order_is_unchanged()
    {
        Assert.Equal(
            ["demo@v0.0.1", "demo@v0.0.2", "demo#production#1", "demo#production#2", "demo@v0.0.3", "demo#production#3", "demo#production#4"],
            Names(RegistryHistory.Of(State)));
    }
}
