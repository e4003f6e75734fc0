using System.Globalization;
using System.Security.Cryptography;

namespace Pipeline.Core.Tracking;

/// <summary>
/// Run ids sort by start time as plain strings, so <c>ls registry/runs</c>, <c>git log</c> and the ledger listing agree
/// on order without reading any file: <c>yyyyMMdd-HHmmssfff-xxxxxxxx</c> (UTC start, milliseconds, then 8 random hex
/// digits so two runs started in the same millisecond on different machines never collide). The form also satisfies
/// MLflow's run-id rule (<c>^[a-zA-Z0-9][\w\-]{0,255}$</c>) so ids survive a round trip through MLflow tooling.
/// </summary>
public static class RunId
{
    public static string New(DateTimeOffset start)
    {
        Span<byte> random = stackalloc byte[4];
        RandomNumberGenerator.Fill(random);
        return start.UtcDateTime.ToString("yyyyMMdd-HHmmssfff", CultureInfo.InvariantCulture) + "-" + Convert.ToHexStringLower(random);
    }

    /// <summary>Ids read from files or the command line: the same character rule as MLflow, nothing that could leave the folder.</summary>
    public static bool IsValid(string id)
    {
        if (id.Length is 0 or > 256 || !char.IsAsciiLetterOrDigit(id[0]))
        {
            return false;
        }

        foreach (var c in id)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
            {
                return false;
            }
        }

        return true;
    }
}
