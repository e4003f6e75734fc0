using Pipeline.Core.Canonical;
using Pipeline.Core.Registry;
using Pipeline.Git.Registry;

namespace Pipeline.Git.Tests.Registry;

/// <summary>Shared helpers: a lineage with a chosen seed, a register request, a deterministic identity.</summary>
internal static class RegistryFixture
{
    public static GitIdentity Who(int second = 0) => new("Test User", "test@example.com", DateTimeOffset.FromUnixTimeSeconds(1700000000 + second));

    public static ObjectValue Lineage(int seed, string commit = "0000000000000000000000000000000000000000") =>
        (ObjectValue)JsonReader.Parse(
            $$"""{"data_version": "dvc:abc", "code_commit": "{{commit}}", "config": {"lr": 2e-5, "r": 16}, "base_model": "qwen", "seed": {{seed}}}""",
            "lineage");

    public static RegisterRequest Request(string model, int seed, SemVer? version = null, bool forceNew = false) =>
        new(model, Lineage(seed), Version: version, ForceNew: forceNew);

    public static TempGitRepo NewRepo()
    {
        var repo = new TempGitRepo();
        repo.CommitFile("train.py", "print('train')\n");
        return repo;
    }
}
