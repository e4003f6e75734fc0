using System.Reflection;
using Pipeline.Core.Project.Adoption;

namespace Pipeline.Cli.Commands.Init;

/// <summary>
/// The sample workflows (samples/workflows/*.yml), embedded in the tool so an installed <c>pipeline</c> can write them
/// without the source repository. Each is written as <c>.github/workflows/pipeline-NAME.yml</c> with the action's
/// <c>uses:</c> line and the project's model name; the permissions each needs are already in the sample.
/// </summary>
internal static class SampleWorkflows
{
    private const string Prefix = "workflows/";
    private const string SampleAction = "OWNER/pipeline@v1";
    private const string SampleModel = "'sentiment'";

    /// <summary>The action reference this build belongs to (assembly metadata set at pack time), else the sample's.</summary>
    public static string DefaultAction =>
        typeof(SampleWorkflows).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "PipelineAction" && !string.IsNullOrWhiteSpace(a.Value))?.Value ?? SampleAction;

    public static IReadOnlyList<InitFile> Render(string action, string model)
    {
        var assembly = typeof(SampleWorkflows).Assembly;
        var files = new List<InitFile>();
        foreach (
            var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            var text = new StreamReader(stream).ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal);
            var path = ".github/workflows/pipeline-" + name[Prefix.Length..];
            var rewritten = text.Replace("uses: " + SampleAction, "uses: " + action, StringComparison.Ordinal)
                .Replace(SampleModel, "'" + model + "'", StringComparison.Ordinal)
                // promote and rollback call deploy.yml by path: init writes it as pipeline-deploy.yml.
                .Replace("uses: ./.github/workflows/", "uses: ./.github/workflows/pipeline-", StringComparison.Ordinal);
            var edits = new List<InitEdit>();
            var usesLine = Array.FindIndex(rewritten.Split('\n'), l => l.TrimStart().StartsWith("uses: " + action, StringComparison.Ordinal));
            if (action.StartsWith("OWNER/", StringComparison.Ordinal) && usesLine >= 0)
            {
                edits.Add(
                    new InitEdit(
                        path,
                        usesLine + 1,
                        "uses",
                        "the action's repository and tag, e.g. your-org/pipeline@v1 (or rerun init with --action)"));
            }

            files.Add(new InitFile(path, rewritten, edits));
        }

        return files;
    }
}
