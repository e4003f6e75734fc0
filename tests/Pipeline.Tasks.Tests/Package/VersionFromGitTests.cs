using Pipeline.Tasks.Tests.Support;

namespace Pipeline.Tasks.Tests.Package;

/// <summary>
/// Directory.Build.targets' version from git tags (MinVer's rules), run by a real MSBuild on a real repository as
/// its history grows: no tag, a release tag, commits after it, a pre-release tag, a tag that is not a version.
/// </summary>
public sealed class VersionFromGitTests : IDisposable
{
    private readonly TempFolder repo = new("pipeline-version");

    public VersionFromGitTests()
    {
        GitProcess.Run(repo.Root, "init", "-q", "-b", "main");
        repo.Write("version.proj", $"""
            <Project>
              <PropertyGroup><PipelineVersionFromGit Condition="'$(Version)' == ''">true</PipelineVersionFromGit></PropertyGroup>
              <Import Project="{RepoPaths.At("Directory.Build.targets")}" />
              <Target Name="Show" DependsOnTargets="PipelineVersionFromGit">
                <Message Importance="high" Text="VERSION=$(Version) PACKAGE=$(PackageVersion) FILE=$(FileVersion) ASSEMBLY=$(AssemblyVersion)" />
              </Target>
            </Project>
            """);
    }

    [Fact]
    public void The_version_follows_the_nearest_version_tag()
    {
        Commit("one");
        Assert.Equal("0.0.0-alpha.0.1", Version());

        GitProcess.Run(repo.Root, "tag", "v1.2.3");
        Assert.Equal("1.2.3", Version());
        Assert.Contains("FILE=1.2.3.0 ASSEMBLY=1.0.0.0", Show());

        Commit("two");
        Commit("three");
        Assert.Equal("1.2.4-alpha.0.2", Version());

        GitProcess.Run(repo.Root, "tag", "v1.3.0-rc.1");
        Assert.Equal("1.3.0-rc.1", Version());
        Commit("four");
        Assert.Equal("1.3.0-rc.1.1", Version());

        GitProcess.Run(repo.Root, "tag", "v2");           // not vMAJOR.MINOR.PATCH
        GitProcess.Run(repo.Root, "tag", "release-3.0.0"); // not v-prefixed
        Assert.Equal("1.3.0-rc.1.1", Version());
    }

    [Fact]
    public void A_version_given_from_outside_wins_and_a_folder_outside_git_gets_the_lowest()
    {
        Commit("one");
        GitProcess.Run(repo.Root, "tag", "v1.2.3");
        Assert.Contains("VERSION=9.9.9 ", Show("-p:Version=9.9.9"));

        using var outside = new TempFolder("pipeline-version-nogit");
        File.Copy(repo.Path("version.proj"), Path.Combine(outside.Root, "version.proj"));
        var run = Command.Run(Command.Dotnet, ["msbuild", "version.proj", "-t:Show", "-nologo", "-v:m", "-nodeReuse:false"], outside.Root,
            new Dictionary<string, string> { ["GIT_CEILING_DIRECTORIES"] = Path.GetDirectoryName(outside.Root)! });
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("VERSION=0.0.0-alpha.0 ", run.Output);
    }

    public void Dispose() => repo.Dispose();

    private void Commit(string message)
    {
        repo.Write("file.txt", message);
        GitProcess.Run(repo.Root, "add", "-A");
        GitProcess.Run(repo.Root, "commit", "-q", "-m", message);
    }

    private string Version()
    {
        var shown = Show();
        var start = shown.IndexOf("VERSION=", StringComparison.Ordinal) + "VERSION=".Length;
        var version = shown[start..shown.IndexOf(' ', start)];
        Assert.Contains($"PACKAGE={version} ", shown);
        return version;
    }

    private string Show(params string[] extra)
    {
        var run = Command.Run(Command.Dotnet, ["msbuild", "version.proj", "-t:Show", "-nologo", "-v:m", "-nodeReuse:false", .. extra], repo.Root);
        Assert.True(run.ExitCode == 0, run.ToString());
        return run.Output;
    }
}
