using System.Text;
using System.Text.Json;
using FsCheck.Xunit;
using Pipeline.Core.Canonical;
using Pipeline.Core.Lineage;

namespace Pipeline.Core.Tests.Canonical;

/// <summary>The invariants the fingerprint rests on, over generated trees and lineages.</summary>
public sealed class CanonicalProperties
{
    [Property(Arbitrary = [typeof(CanonicalArbs)], MaxTest = 300)]
    public void Key_order_never_changes_the_canonical_text(JsonTree tree, int seed)
    {
        var shuffled = ValueEdits.Shuffle(tree.Value, new Random(seed));
        Assert.Equal(CanonicalJson.Write(tree.Value), CanonicalJson.Write(shuffled));
    }

    [Property(Arbitrary = [typeof(CanonicalArbs)], MaxTest = 300)]
    public void Key_order_never_changes_the_fingerprint(LineageCase lineage, int seed)
    {
        var shuffled = (ObjectValue)ValueEdits.Shuffle(lineage.Lineage, new Random(seed));
        Assert.Equal(Fingerprint.Compute(lineage.Lineage), Fingerprint.Compute(shuffled));
    }

    [Property(Arbitrary = [typeof(CanonicalArbs)], MaxTest = 500)]
    public void Any_single_field_change_changes_the_fingerprint(LineageCase lineage, int seed)
    {
        var random = new Random(seed);
        var members = lineage.Lineage.Members.ToArray();
        var k = ((seed % members.Length) + members.Length) % members.Length; // every REQUIRED field gets its share; config changes go deep
        members[k] = members[k] with { Value = ValueEdits.ChangeOne(members[k].Value, random) };
        var changed = new ObjectValue(members);
        Assert.NotEqual(Fingerprint.Canonical(lineage.Lineage), Fingerprint.Canonical(changed));
        Assert.NotEqual(Fingerprint.Compute(lineage.Lineage), Fingerprint.Compute(changed));
    }

    [Property(Arbitrary = [typeof(CanonicalArbs)], MaxTest = 300)]
    public void Fields_outside_required_never_change_the_fingerprint(LineageCase lineage, JsonTree extra, JsonTree other)
    {
        var withExtras = new ObjectValue(
        [
            new Member("dirty", extra.Value, 0),
            .. lineage.Lineage.Members,
            new Member("lineage_sources", other.Value, 0),
            new Member("Seed", extra.Value, 0),
        ]);
        Assert.Equal(Fingerprint.Compute(lineage.Lineage), Fingerprint.Compute(withExtras));
    }

    [Property(Arbitrary = [typeof(CanonicalArbs)], MaxTest = 500)]
    public void Canonical_text_reads_back_to_the_same_canonical_text(JsonTree tree)
    {
        var text = CanonicalJson.Write(tree.Value);
        Assert.True(text.All(c => c < 0x80), "canonical text is pure ASCII");
        Assert.Equal(text, CanonicalJson.Write(JsonReader.Parse(Encoding.UTF8.GetBytes(text), "t")));
    }

    [Property(Arbitrary = [typeof(CanonicalArbs)], MaxTest = 300)]
    public void Json_output_of_a_value_keeps_its_python_typing(JsonTree tree)
    {
        // Records and --json output embed values through ValueJson; re-reading them must give the same fingerprint.
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            ValueJson.Write(writer, tree.Value);
        }

        Assert.Equal(CanonicalJson.Write(tree.Value), CanonicalJson.Write(JsonReader.Parse(buffer.ToArray(), "t")));
    }
}
