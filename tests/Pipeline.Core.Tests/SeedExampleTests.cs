using Pipeline.Core.Canonical;
using Pipeline.Core.Lineage;

namespace Pipeline.Core.Tests;

public sealed class SeedExampleTests
{
    [Fact]
    public void Seed_example_gives_the_contract_fingerprint()
    {
        const string seed = """{"data_version": "sft-mix-v3", "code_commit": "a1b2c3d", "config": {"lr": 2e-5, "lora_r": 16},""" +
            """ "base_model": "Qwen/Qwen3-8B", "seed": 0}""";
        var lineage = (ObjectValue)JsonReader.Parse(seed, "seed");
        Assert.Equal("b06a681fb46bb8d9aceed5caf216654a5dcb3ccc55f3c5965abbaae565ab830d", Fingerprint.Compute(lineage));
    }
}
