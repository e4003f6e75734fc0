using System.Reflection;

#if PIPELINE_MODEL_LINEAGE
// What this build serves, from the generated class (compile-time constants). The class exists only when the build
// resolved the alias: with PipelineSkip=true (no registry at hand) this block is left out and the app still builds.
Console.WriteLine($"ModelLineage.Model={Serving.Sample.ModelLineage.Model}");
Console.WriteLine($"ModelLineage.Version={Serving.Sample.ModelLineage.Version}");
Console.WriteLine($"ModelLineage.Fingerprint={Serving.Sample.ModelLineage.Fingerprint}");
Console.WriteLine($"ModelLineage.ArtifactUri={Serving.Sample.ModelLineage.ArtifactUri}");
#else
Console.WriteLine("ModelLineage: not resolved (built with PipelineSkip=true)");
#endif

// ... and from the assembly metadata any tool can read without running the app.
foreach (var meta in Assembly.GetEntryAssembly()!.GetCustomAttributes<AssemblyMetadataAttribute>())
{
    if (meta.Key.StartsWith("Pipeline.", StringComparison.Ordinal))
    {
        Console.WriteLine($"{meta.Key}={meta.Value}");
    }
}
