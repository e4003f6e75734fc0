using System.CommandLine;
using System.Text.RegularExpressions;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Dvc;
using Pipeline.Core.Gate;
using Pipeline.Core.Project;
using Pipeline.Core.Project.Adoption;
using Pipeline.Core.Yaml;
using Pipeline.Git.Reading;

namespace Pipeline.Cli.Commands.Init;

/// <summary>
/// <c>pipeline init [--dry-run] [--force]</c>: proposes pipeline.yaml, gate.yaml and the sample workflows for an
/// existing repository from its dvc.yaml, dvc.lock and params.yaml, asking nothing. Existing files are never replaced
/// without --force, and the check happens before anything is written, so a refusal leaves the repository untouched.
/// </summary>
internal static partial class InitCommand
{
    public static Command Build(CliConsole console)
    {
        var dryRun = new Option<bool>("--dry-run") { Description = "Print what would be written; write nothing." };
        var force = new Option<bool>("--force") { Description = "Replace files that already exist." };
        var action = new Option<string?>("--action")
        {
            Description = $"The action for the workflows' uses: lines, OWNER/REPO@REF (default: {SampleWorkflows.DefaultAction})."
        };
        var repo = Verb.RepoOption();
        var json = Verb.JsonOption();
        var command = new Command(
            "init",
            "Write pipeline.yaml, a gate.yaml starting point and the sample workflows, proposed from dvc.yaml, dvc.lock and params.yaml.")
        {
            dryRun, force, action, repo, json,
        };
        Verb.SetAction(command, console, json, parse =>
        {
            var actionRef = parse.GetValue(action) ?? SampleWorkflows.DefaultAction;
            if (!ActionRef().IsMatch(actionRef))
            {
                throw new PipelineException(PipeCodes.UsageError, $"--action '{actionRef}' is not OWNER/REPO@REF or ./PATH",
                    hint: "Name the action as a workflow's uses: line does, e.g. --action your-org/pipeline@v1.");
            }

            string root;
            string? branch;
            using (var git = GitRepository.Discover(parse.GetValue(repo)))
            {
                root = git.Root;
                branch = git.HeadBranch;
            }

            var facts = new RepositoryFacts(
                Read(root, "dvc.yaml", (bytes, file) => YamlReader.Parse(bytes, file)),
                Read(root, "dvc.lock", (bytes, file) => DvcLock.Parse(bytes, file)),
                Read(root, Proposal.ParamsFile, (bytes, file) => YamlReader.Parse(bytes, file)),
                branch,
                new DirectoryInfo(root).Name);
            var proposal = Proposal.From(facts);
            var files = new List<InitFile> { ProjectYamlText.Render(proposal), GateYamlText.Render() };
            files.AddRange(SampleWorkflows.Render(actionRef, proposal.Model));
            SelfCheck(files);

            var existing = files.Where(f => File.Exists(Path.Combine(root, f.Path))).Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
            if (existing.Count > 0 && !parse.GetValue(force))
            {
                throw new PipelineException(PipeCodes.InitWouldOverwrite,
                    $"{existing.Count} file(s) already exist: {string.Join(", ", existing.Order(StringComparer.Ordinal))}; nothing was written",
                    hint: PipeCodes.InitWouldOverwrite.Fix);
            }

            var dry = parse.GetValue(dryRun);
            if (!dry)
            {
                foreach (var file in files)
                {
                    var target = Path.Combine(root, file.Path);
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    File.WriteAllText(target, file.Text);
                }
            }

            InitReport.Print(console, parse.GetValue(json), dry, proposal, files, existing);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>A file of the working tree parsed, or null when the repository has none.</summary>
    private static T? Read<T>(string root, string name, Func<byte[], string, T> parse)
        where T : class
    {
        var path = Path.Combine(root, name);
        return File.Exists(path) ? parse(File.ReadAllBytes(path), name) : null;
    }

    /// <summary>What init writes must be what Pipeline reads: a file the readers refuse would be a broken first step.</summary>
    private static void SelfCheck(IEnumerable<InitFile> files)
    {
        foreach (var file in files)
        {
            switch (file.Path)
            {
                case ProjectConfig.FileName:
                    ProjectConfig.Parse(System.Text.Encoding.UTF8.GetBytes(file.Text), file.Path);
                    break;
                case ProjectConfig.DefaultGateFile:
                    GateFile.Parse(file.Text, file.Path);
                    break;
                default:
                    YamlReader.Parse(file.Text, file.Path);
                    break;
            }
        }
    }

    // owner/repo[/path]@ref as a uses: line takes it, or a local ./path; nothing that could break out of the YAML line.
    [GeneratedRegex(@"^([A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+(/[A-Za-z0-9_./-]+)?@[A-Za-z0-9_./-]+|\./[A-Za-z0-9_./-]*)$")]
    private static partial Regex ActionRef();
}
