using System.Text;

namespace Pipeline.Cli;

/// <summary>
/// Standard output for the verbs whose output is one listing (<c>list</c>, <c>select</c>): written through a 64 KiB
/// buffer and flushed once at the end (CliApp flushes the console on every exit path), instead of Console.Out's
/// write-per-call. The bytes are the same: UTF-8 without a byte-order mark, '\n' line ends.
/// </summary>
internal static class BulkOutput
{
    public static bool Matches(string[] args) => args.Length > 0 && args[0] is "list" or "select";

    public static StreamWriter Open() =>
        new(Console.OpenStandardOutput(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16) { AutoFlush = false, NewLine = "\n" };
}
