using System.Text;
using Pipeline.Core.Diagnostics;
using Pipeline.Core.Project;

namespace Pipeline.Core.Tests.Project;

public sealed class ProjectConfigTests
{
    private static ProjectConfig Parse(string yaml) => ProjectConfig.Parse(Encoding.UTF8.GetBytes(yaml), "pipeline.yaml");

    [Fact]
    public void Full_file_reads_every_key()
    {
        var c = Parse("""
            registry: {folder: ml/registry, branch: model-registry}
            gate:
              file: ci/gate.yaml
              protected_ref: main
            lineage:
              dvc_lock: dvc.lock
              dvc_stages: [train, evaluate]
              dvc_files: data/data.xml.dvc
              config: params.yaml#train
              base_model: Qwen/Qwen3-8B
              seed: 12345678901234567890
            aliases:
              production: {movers: [alice, bob]}
              staging:
            """);
        Assert.Equal("ml/registry", c.RegistryFolder);
        Assert.Equal("model-registry", c.RegistryBranch);
        Assert.Equal("ci/gate.yaml", c.GateFile);
        Assert.Equal("main", c.ProtectedRef);
        Assert.Equal("dvc.lock", c.Lineage.DvcLock);
        Assert.Equal(["train", "evaluate"], c.Lineage.DvcStages);
        Assert.Equal(["data/data.xml.dvc"], c.Lineage.DvcFiles);
        Assert.Equal("params.yaml#train", c.Lineage.Config);
        Assert.Equal("Qwen/Qwen3-8B", c.Lineage.BaseModel);
        Assert.Equal(System.Numerics.BigInteger.Parse("12345678901234567890"), c.Lineage.Seed);
        Assert.Equal(["production", "staging"], c.Aliases!.Select(a => a.Name));
        Assert.Equal(["alice", "bob"], c.Aliases![0].Movers);
        Assert.True(c.AllowsAlias("staging"));
        Assert.False(c.AllowsAlias("prod"));
    }

    [Fact]
    public void Defaults_when_empty_or_absent()
    {
        var c = Parse("");
        Assert.Equal("registry", c.RegistryFolder);
        Assert.Equal("gate.yaml", c.GateFile);
        Assert.Null(c.Aliases);
        Assert.True(c.AllowsAlias("anything"));
        var dir = Directory.CreateTempSubdirectory("pipeline-cfg-");
        try
        {
            Assert.Same(ProjectConfig.Default, ProjectConfig.Load(dir.FullName));
        }
        finally
        {
            dir.Delete(true);
        }
    }

    [Fact]
    public void Alias_list_shorthand()
    {
        var c = Parse("aliases: [production, staging]\n");
        Assert.Equal(["production", "staging"], c.Aliases!.Select(a => a.Name));
        Assert.Empty(c.Aliases![0].Movers);
    }

    [Theory]
    [InlineData("registy:\n  folder: x\n", 1, "registy")]
    [InlineData("registry:\n  folder: x\n  brnch: y\n", 3, "registry.brnch")]
    [InlineData("lineage:\n  seed: 1\n  base-model: q\n", 3, "lineage.base-model")]
    [InlineData("aliases:\n  production:\n    mover: [a]\n", 3, "aliases.production.mover")]
    public void Unknown_keys_are_refused_with_their_line(string yaml, int line, string key)
    {
        var ex = Assert.Throws<PipelineException>(() => Parse(yaml));
        Assert.Equal(PipeCodes.ProjectConfigInvalid, ex.Code);
        Assert.Equal(10, ex.Code.Number);
        Assert.Equal(line, ex.Line);
        Assert.Equal("pipeline.yaml", ex.File);
        Assert.Contains($"'{key}'", ex.Message);
    }

    [Theory]
    [InlineData("lineage:\n  seed: '1'\n", "lineage.seed")]
    [InlineData("lineage:\n  seed: 1.5\n", "lineage.seed")]
    [InlineData("registry:\n  folder: [a]\n", "registry.folder")]
    [InlineData("lineage:\n  dvc_stages: [1]\n", "lineage.dvc_stages[0]")]
    [InlineData("lineage:\n  config_from_dvc_params: yes\n", "lineage.config_from_dvc_params")]
    [InlineData("registry: x\n", "registry")]
    [InlineData("registry:\n  folder: ../elsewhere\n", "registry.folder")] // the run ledger would be written outside the repository
    [InlineData("registry:\n  folder: reg/../../x\n", "registry.folder")]
    [InlineData("registry:\n  folder: /tmp/reg\n", "registry.folder")]
    [InlineData("registry:\n  folder: C:/reg\n", "registry.folder")]
    [InlineData("aliases: 3\n", "aliases")]
    public void Wrong_types_are_refused(string yaml, string key)
    {
        var ex = Assert.Throws<PipelineException>(() => Parse(yaml));
        Assert.Equal(PipeCodes.ProjectConfigValue, ex.Code);
        Assert.Contains($"'{key}'", ex.Message);
        Assert.NotNull(ex.Line);
    }
}
