using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Pipeline.GitHub;

/// <summary>
/// Whether this build talks to the GitHub REST API. Octokit (de)serialises with reflection, which Native AOT cannot
/// honour (trim and AOT warnings inside Octokit fail the warnings-as-errors publish), so the AOT executable leaves it
/// out: there dynamic code is unsupported, the compiler folds this property to false and removes every Octokit path
/// behind it. Callers test it before reaching <see cref="Checks.GitHubClientFactory"/> (which carries
/// RequiresUnreferencedCode/RequiresDynamicCode); the analyzers check that they do. The dotnet tool, the MSBuild
/// package's CLI and the action's build keep it on; the switch can also turn it off in a JIT build (tests).
/// </summary>
public static class GitHubApi
{
    private const string Switch = "Pipeline.GitHub.Api.IsSupported";

    [FeatureSwitchDefinition(Switch)]
    [FeatureGuard(typeof(RequiresUnreferencedCodeAttribute))]
    [FeatureGuard(typeof(RequiresDynamicCodeAttribute))]
    [UnconditionalSuppressMessage("Trimming", "IL4000",
        Justification = "The only trimmed build is Native AOT, where IsDynamicCodeSupported is false, so Octokit is never reached there.")]
    public static bool IsSupported => RuntimeFeature.IsDynamicCodeSupported && (!AppContext.TryGetSwitch(Switch, out var on) || on);
}
