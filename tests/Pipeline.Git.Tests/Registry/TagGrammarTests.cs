using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Pipeline.Core.Registry;

namespace Pipeline.Git.Tests.Registry;

public sealed class TagGrammarTests
{
    [Theory]
    [InlineData("churn@v3.0.0", "churn", TagAction.Register, "v3.0.0", null, null)]
    [InlineData("cv-class@v0.1.13", "cv-class", TagAction.Register, "v0.1.13", null, null)]
    [InlineData("model@v1.2.0!", "model", TagAction.Deregister, "v1.2.0", null, null)]
    [InlineData("churn#prod#3", "churn", TagAction.Assign, null, "prod", 3L)]
    [InlineData("pool-segmentation#dev!#3", "pool-segmentation", TagAction.Unassign, null, "dev", 3L)]
    [InlineData("model@deprecated", "model", TagAction.Deprecate, null, null, null)]
    [InlineData("model@deprecated#7", "model", TagAction.Deprecate, null, null, 7L)]
    [InlineData("model#prod", "model", TagAction.Assign, null, "prod", null)]
    [InlineData("org/llm@v2.0.0-rc.1+b7", "org/llm", TagAction.Register, "v2.0.0-rc.1+b7", null, null)]
    [InlineData("Model_X@v1.0.0", "Model_X", TagAction.Register, "v1.0.0", null, null)]
    public void Parses_gto_tags(string name, string model, TagAction action, string? version, string? alias, long? counter)
    {
        Assert.True(RegistryTag.TryParse(name, out var tag));
        Assert.Equal(model, tag.Model);
        Assert.Equal(action, tag.Action);
        Assert.Equal(version, tag.Version?.ToString());
        Assert.Equal(alias, tag.Alias);
        Assert.Equal(counter, tag.Counter);
    }

    [Theory]
    [InlineData("0-git-init")]
    [InlineData("baseline-experiment")]
    [InlineData("model@v1")]
    [InlineData("model@0.0.1")]
    [InlineData("model@")]
    [InlineData("model#")]
    [InlineData("model#pr od#1")]
    [InlineData("@v1.0.0")]
    [InlineData("model@latest")]
    public void Does_not_take_other_tags_for_registry_tags(string name) => Assert.False(RegistryTag.TryParse(name, out _));

    [Fact]
    public void Reads_every_tag_of_the_gto_fixtures()
    {
        var lines = GtoFixtures.Files().SelectMany(File.ReadAllLines).Where(l => l.Contains('|')).ToArray();
        Assert.True(lines.Length > 30);
        var registry = lines.Select(l => l.Split('|')[0]).Where(n => n.Contains('@') || n.Contains('#')).ToArray();
        Assert.Equal(19, registry.Length);
        Assert.All(registry, n => Assert.True(RegistryTag.TryParse(n, out _), n));
    }

    [Property(MaxTest = 300)]
    public Property Formatted_tags_parse_back(PositiveInt n, bool unassign)
    {
        // Names from the grammar's whole alphabet, the risky characters ('/', '-', '_', digits first) weighted up.
        var names = Gen.Elements("abcz019/-_".ToCharArray()).ArrayOf().Where(c => c.Length is > 0 and <= 12)
            .Select(c => new string(c)).Where(RegistryNames.IsValid);
        return Prop.ForAll(names.ToArbitrary(), names.ToArbitrary(), (model, alias) =>
        {
            var counter = (long)n.Get;
            var name = unassign ? RegistryTag.ForUnassign(model, alias, counter) : RegistryTag.ForAssign(model, alias, counter);
            return RegistryTag.TryParse(name, out var t) && t.Model == model && t.Alias == alias && t.Counter == counter
                && t.Action == (unassign ? TagAction.Unassign : TagAction.Assign);
        });
    }
}
