using System.Numerics;
using Pipeline.Core.Canonical;

namespace Pipeline.Core.Tests.Canonical;

/// <summary>Rewrites of a value tree for the properties: reorder keys (meaning kept) and change one thing (meaning changed).</summary>
internal static class ValueEdits
{
    /// <summary>The same value with every object's members in a random order.</summary>
    public static Value Shuffle(Value value, Random random) => value switch
    {
        ObjectValue o => new ObjectValue(o.Members
            .Select(m => m with { Value = Shuffle(m.Value, random) })
            .OrderBy(_ => random.Next())
            .ToArray()),
        ArrayValue a => new ArrayValue(a.Items.Select(i => Shuffle(i, random)).ToArray()),
        _ => value,
    };

    /// <summary>
    /// A value that means something else in Python: one leaf changed (often deep inside), a key renamed, an item
    /// added or removed, or a type changed (1 vs 1.0, 0 vs -0.0, null vs false).
    /// </summary>
    public static Value ChangeOne(Value value, Random random)
    {
        switch (value)
        {
            case ObjectValue o when o.Count > 0 && random.Next(4) > 0:
            {
                var k = random.Next(o.Count);
                var members = o.Members.ToArray();
                if (random.Next(5) == 0)
                {
                    var renamed = members[k].Key + "_";
                    while (o[renamed] is not null)
                        {
                            renamed += "_";
                        }

                        members[k] = members[k] with { Key = renamed };
                }
                else
                {
                    members[k] = members[k] with { Value = ChangeOne(members[k].Value, random) };
                }

                return new ObjectValue(members);
            }

            case ObjectValue o:
                var key = "new";
                while (o[key] is not null)
                {
                    key += "_";
                }

                return new ObjectValue([.. o.Members, new Member(key, new NullValue(), 0)]);
            case ArrayValue a when a.Items.Count > 0 && random.Next(4) > 0:
            {
                var items = a.Items.ToList();
                var k = random.Next(items.Count);
                if (random.Next(5) == 0)
                    {
                        items.RemoveAt(k);
                    }
                    else
                    {
                        items[k] = ChangeOne(items[k], random);
                    }

                    return new ArrayValue(items);
            }

            case ArrayValue a:
                return new ArrayValue([.. a.Items, new IntegerValue(0)]);
            case StringValue s:
                return new StringValue(random.Next(2) == 0 ? s.Value + "x" : "y" + s.Value);
            case IntegerValue i:
                return random.Next(2) == 0 ? new IntegerValue(i.Value + 1) : new FloatValue((double)i.Value);
            case FloatValue f when Math.Abs(f.Value) < 1e15 && f.Value == Math.Floor(f.Value) && random.Next(2) == 0:
                return new IntegerValue(new BigInteger(f.Value));
            case FloatValue f:
                var up = Math.BitIncrement(f.Value);
                return new FloatValue(double.IsFinite(up) ? up : Math.BitDecrement(f.Value));
            case BoolValue b:
                return new BoolValue(!b.Value);
            default:
                return new BoolValue(false);
        }
    }
}
