using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using Pipeline.Tasks.Generation;
using Pipeline.Tasks.Tests.Support;

namespace Pipeline.Tasks.Tests.Tasks;

public sealed class ModelLineageTests
{
    [Fact]
    public void Writes_a_class_of_escaped_constants_in_the_namespace()
    {
        using var dir = new TempFolder();
        var file = dir.Path("obj", "ModelLineage.g.cs");
        var task = new PipelineWriteModelLineage
        {
            OutputFile = file, Namespace = "Serving.App", Model = "sent\"iment", Alias = "production",
            Version = "v1.2.3", Fingerprint = "ab", ArtifactUri = "s3://b/x\\y\nz", Tag = "m#production#3",
        };
        var (ok, engine) = TaskRun.Execute(task);

        Assert.True(ok, engine.Describe());
        var text = File.ReadAllText(file);
        Assert.Contains("namespace Serving.App\n{", text);
        Assert.Contains("internal static class ModelLineage", text);
        Assert.Contains("public const string Model = \"sent\\\"iment\";", text);
        Assert.Contains("public const string ArtifactUri = \"s3://b/x\\\\y\\u000az\";", text);
        Assert.Contains("public const string ArtifactSha256 = \"\";", text);
    }

    [Fact]
    public void An_unchanged_class_is_not_rewritten_so_the_compiler_has_nothing_new_to_do()
    {
        using var dir = new TempFolder();
        var file = dir.Path("ModelLineage.g.cs");
        var task = new PipelineWriteModelLineage { OutputFile = file, Model = "m", Version = "v1" };
        Assert.True(TaskRun.Execute(task).Ok);
        var past = new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(file, past);

        Assert.True(TaskRun.Execute(new PipelineWriteModelLineage { OutputFile = file, Model = "m", Version = "v1" }).Ok);
        Assert.Equal(past, File.GetLastWriteTimeUtc(file));

        Assert.True(TaskRun.Execute(new PipelineWriteModelLineage { OutputFile = file, Model = "m", Version = "v2" }).Ok);
        Assert.NotEqual(past, File.GetLastWriteTimeUtc(file));
    }

    [Theory]
    [InlineData("1Bad")]
    [InlineData("Bad.Name")]
    [InlineData("class Evil {}")]
    public void A_class_name_that_is_not_an_identifier_is_refused(string name)
    {
        using var dir = new TempFolder();
        var (ok, engine) = TaskRun.Execute(new PipelineWriteModelLineage { OutputFile = dir.Path("x.cs"), ClassName = name });

        Assert.False(ok);
        Assert.Equal("PIPE0910", Assert.Single(engine.Errors).Code);
    }

    [Fact]
    public void A_namespace_that_is_not_made_of_identifiers_falls_back_to_the_global_namespace()
    {
        Assert.Null(CSharpLiteral.Namespace("My-App"));
        Assert.Null(CSharpLiteral.Namespace("A;class B"));
        Assert.Equal("My.App", CSharpLiteral.Namespace("My.App"));
    }

    [Fact]
    public void Every_string_becomes_a_literal_of_printable_ascii_that_reads_back_as_itself()
    {
        // C#'s \uXXXX, \" and \\ escapes are also JSON's, so a JSON reader can check the round trip.
        Prop.ForAll(ArbMap.Default.ArbFor<string>(), text =>
        {
            var value = new string((text ?? "").Where(c => !char.IsSurrogate(c)).ToArray());
            var literal = CSharpLiteral.Of(value);
            Assert.All(literal, c => Assert.InRange(c, ' ', '~'));
            Assert.Equal(value, JsonSerializer.Deserialize<string>(literal));
        }).QuickCheckThrowOnFailure();
    }
}
