using System.Reflection;
using Serving.Sample;

// What this build serves, from the generated class (compile-time constants) ...
Console.WriteLine($"ModelLineage.Model={ModelLineage.Model}");
Console.WriteLine($"ModelLineage.Version={ModelLineage.Version}");
Console.WriteLine($"ModelLineage.Fingerprint={ModelLineage.Fingerprint}");
Console.WriteLine($"ModelLineage.ArtifactUri={ModelLineage.ArtifactUri}");

// ... and from the assembly metadata any tool can read without running the app.
foreach (var meta in typeof(ModelLineage).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>())
{
    if (meta.Key.StartsWith("Pipeline.", StringComparison.Ordinal))
    {
        Console.WriteLine($"{meta.Key}={meta.Value}");
    }
}
