using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Registry;

namespace Pipeline.Git.Tests.Registry;

public sealed class NamesAndVersionsTests
{
    [Theory]
    [InlineData("demo")]
    [InlineData("text-classification")]
    [InlineData("org/team/llm_sft")]
    [InlineData("a")]
    [InlineData("0")]
    public void Accepts_names_of_the_grammar(string name) => Assert.Equal(name, RegistryNames.Model(name));

    [Theory]
    [InlineData("..")]
    [InlineData("a/../b")]
    [InlineData("a..b")]
    [InlineData("a//b")]
    [InlineData("m@{1}")]
    [InlineData("my model")]
    [InlineData("Demo")]
    [InlineData("demo/")]
    [InlineData("/demo")]
    [InlineData("-demo")]
    [InlineData("demo.v2")]
    [InlineData("a\nb")]
    [InlineData("a#b")]
    [InlineData("a@b")]
    [InlineData("")]
    public void Refuses_names_that_could_break_a_path_or_a_ref(string name)
    {
        var ex = Assert.Throws<PipelineException>(() => RegistryNames.Model(name));
        Assert.Equal(PipeCodes.InvalidName, ex.Code);
        Assert.Equal(ExitCodes.BadInput, ex.Code.ExitCode);
    }

    [Fact]
    public void Refuses_a_500_character_name_naming_its_length_without_echoing_it_all()
    {
        var ex = Assert.Throws<PipelineException>(() => RegistryNames.Model(new string('a', 500)));
        Assert.Contains("500 characters", ex.Message);
        Assert.True(ex.Message.Length < 200);
        Assert.Equal("a", RegistryNames.Model(new string('a', 1)));
        Assert.Equal(100, RegistryNames.Model(new string('a', 100)).Length);
    }

    [Theory]
    [InlineData("latest")]
    [InlineData("v1")]
    [InlineData("v2-beta")]
    public void Reserves_latest_and_version_like_aliases(string alias) =>
        Assert.Equal(PipeCodes.ReservedName, Assert.Throws<PipelineException>(() => RegistryNames.Alias(alias)).Code);

    [Fact]
    public void Reserves_the_run_ledger_folder_as_a_model_name()
    {
        Assert.Equal(PipeCodes.ReservedName, Assert.Throws<PipelineException>(() => RegistryNames.Model("runs")).Code);
        Assert.Equal("production", RegistryNames.Alias("production"));
        Assert.Equal("video", RegistryNames.Alias("video"));
    }

    [Property(MaxTest = 500)]
    public bool Every_accepted_name_is_safe_in_a_path_and_a_ref(NonEmptyString s)
    {
        var name = s.Get;
        if (!RegistryNames.IsValid(name))
        {
            return true;
        }

        return name.Length <= 100 && !name.Contains("..") && !name.Contains("@{") && !name.Contains(' ') && name == name.ToLowerInvariant()
            && !name.StartsWith('/') && !name.EndsWith('/') && !name.Contains('\\') && !name.Contains(':');
    }

    [Theory]
    [InlineData("v1.2.3", "v1.2.4", "v1.3.0", "v2.0.0")]
    [InlineData("v0.0.0", "v0.0.1", "v0.1.0", "v1.0.0")]
    [InlineData("v1.2.0-rc.1", "v1.2.0", "v1.3.0", "v2.0.0")]
    public void Bumps(string from, string patch, string minor, string major)
    {
        var v = SemVer.Parse(from);
        Assert.Equal(patch, v.Bump(BumpPart.Patch).ToString());
        Assert.Equal(minor, v.Bump(BumpPart.Minor).ToString());
        Assert.Equal(major, v.Bump(BumpPart.Major).ToString());
    }

    [Fact]
    public void Orders_by_semver_precedence()
    {
        string[] ordered = [
            "v1.0.0-alpha", "v1.0.0-alpha.1", "v1.0.0-alpha.beta", "v1.0.0-beta", "v1.0.0-beta.2", "v1.0.0-beta.11", "v1.0.0-rc.1", "v1.0.0",
            "v1.0.1", "v1.10.0", "v10.0.0"];
        var parsed = ordered.Select(SemVer.Parse).ToArray();
        var shuffled = parsed.Reverse().ToList();
        shuffled.Sort();
        Assert.Equal(ordered, shuffled.Select(v => v.ToString()));
        Assert.Equal(0, SemVer.Parse("v1.0.0+build.5").CompareTo(SemVer.Parse("v1.0.0")));
    }

    [Theory]
    [InlineData("1.2.3")]
    [InlineData("v1")]
    [InlineData("v1.2")]
    [InlineData("v01.2.3")]
    [InlineData("v1.2.3-")]
    [InlineData("v1.2.3 ")]
    public void Refuses_versions_gto_refuses(string text) =>
        Assert.Equal(PipeCodes.InvalidVersion, Assert.Throws<PipelineException>(() => SemVer.Parse(text)).Code);

    [Property]
    public bool Version_text_round_trips_and_compare_is_antisymmetric(NonNegativeInt a, NonNegativeInt b, NonNegativeInt c, NonNegativeInt d)
    {
        var x = new SemVer(a.Get, b.Get, c.Get, null, null);
        var y = new SemVer(c.Get, d.Get, a.Get, d.Get % 2 == 0 ? "rc." + d.Get : null, null);
        return SemVer.Parse(x.ToString()).Equals(x)
            && SemVer.Parse(y.ToString()).Equals(y)
            && Math.Sign(x.CompareTo(y)) == -Math.Sign(y.CompareTo(x));
    }
}
