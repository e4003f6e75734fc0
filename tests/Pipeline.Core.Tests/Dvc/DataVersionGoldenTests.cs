using Pipeline.Core.Canonical;
using Pipeline.Core.Dvc;

namespace Pipeline.Core.Tests.Dvc;

/// <summary>
/// data_version against golden/golden.json, which golden/golden.py (an independent Python implementation of docs/design.md §2)
/// computes from golden/cases.json. Regenerate with: cd tests/Pipeline.Core.Tests/Dvc/golden &amp;&amp; python3 golden.py
/// </summary>
public sealed class DataVersionGoldenTests
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var c in Load("cases.json").Items)
        {
            data.Add(((StringValue)((ObjectValue)c)["name"]!).Value);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_the_python_reference(string name)
    {
        var c = Find("cases.json", name);
        var golden = Find("golden.json", name);
        var lockPath = Str(c["lock_path"]!);
        var dvcLock = DvcLock.Parse(Source(Str(c["lock"]!)), lockPath);
        var stages = Strings(c["stages"]!);
        var tracked = Strings(c["tracked"]!);
        var files = ((ArrayValue)c["dvc_files"]!).Items.Cast<ObjectValue>()
            .Select(f => DvcFile.Parse(Source(Str(f["file"]!)), Str(f["path"]!)))
            .ToArray();

        var inputs = DataVersion.Compute(dvcLock, stages, files, p => tracked.Any(t => DvcPath.IsSameOrUnder(t, p)));

        Assert.Equal(Str(golden["canonical"]!), CanonicalJson.Write(inputs.EntriesValue()));
        Assert.Equal(Str(golden["data_version"]!), inputs.Version);
        Assert.Equal(Strings(golden["stage_outputs"]!), inputs.StageOutputs);
        Assert.Equal(Strings(golden["tracked_code"]!), inputs.TrackedCode);
    }

    private static byte[] Source(string name)
    {
        var parts = name.Split('/', 2);
        return parts[0] == "fixtures"
            ? RepoPaths.FixtureBytes(parts[1])
            : File.ReadAllBytes(RepoPaths.At("tests", "Pipeline.Core.Tests", "Dvc", "golden", parts[1]));
    }

    private static ArrayValue Load(string file) =>
        (ArrayValue)JsonReader.ParseFile(RepoPaths.At("tests", "Pipeline.Core.Tests", "Dvc", "golden", file));

    private static ObjectValue Find(string file, string name) =>
        Load(file).Items.Cast<ObjectValue>().Single(o => Str(o["name"]!) == name);

    private static string Str(Value v) => ((StringValue)v).Value;

    private static string[] Strings(Value v) => ((ArrayValue)v).Items.Select(Str).ToArray();
}
