using Pipeline.Core.Registry;

namespace Pipeline.Core.Tests.Registry;

/// <summary>Equal counters (hand-made tags only) resolve by ordinal tag name, the later name winning, whatever order the tags are read in.</summary>
public sealed class AliasResolverTests
{
    private static TagInfo Tag(string name) => new(name, new string('a', 40), true, "t <t@example.invalid>", null, null);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Equal_counters_resolve_to_the_later_tag_name(bool assignmentReadFirst)
    {
        var v1 = SemVer.Parse("v1.0.0");
        var assignment = new AliasEvent("prod", 3, true, v1, null, Tag("m#prod#3"));
        var unassignment = new AliasEvent("prod", 3, false, null, v1, Tag("m#prod!#3"));
        AliasEvent[] events = assignmentReadFirst ? [assignment, unassignment] : [unassignment, assignment];

        // '#' (0x23) sorts after '!' (0x21): m#prod#3 is the later name, so the alias holds v1.0.0.
        Assert.Same(assignment, AliasResolver.Latest(events)["prod"]);
        Assert.Equal(v1, AliasResolver.Current(events)["prod"]);
        Assert.True(AliasResolver.Compare(assignment, unassignment) > 0);
        Assert.True(AliasResolver.Compare(unassignment, assignment) < 0);
    }

    [Fact]
    public void A_higher_counter_wins_over_any_name()
    {
        var v1 = SemVer.Parse("v1.0.0");
        var older = new AliasEvent("prod", 2, true, v1, null, Tag("m#prod#2"));
        var newer = new AliasEvent("prod", 10, false, null, v1, Tag("m#prod!#10"));

        Assert.Same(newer, AliasResolver.Latest([newer, older])["prod"]);
        Assert.Empty(AliasResolver.Current([older, newer]));
    }
}
