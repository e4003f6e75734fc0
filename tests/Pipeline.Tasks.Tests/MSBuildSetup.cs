using System.Runtime.CompilerServices;
using Microsoft.Build.Locator;

namespace Pipeline.Tasks.Tests;

/// <summary>
/// Registers the installed SDK's MSBuild before any test method that touches Microsoft.Build types is compiled:
/// the tasks then run against the same MSBuild assemblies as inside `dotnet build`.
/// </summary>
internal static class MSBuildSetup
{
    [ModuleInitializer]
    internal static void Register()
    {
        if (!MSBuildLocator.IsRegistered)
        {
            MSBuildLocator.RegisterDefaults();
        }
    }
}
