using System.Diagnostics;
using Pipeline.Git.Registry;

namespace Pipeline.Bench.Registry;

/// <summary>
/// Where `pipeline list` spends its time on a large registry: each phase timed in one process, twice (the first pass
/// pays the JIT, the second shows the steady state). Usage: list-phases REPO.
/// </summary>
internal static class ListPhasesBench
{
    public static int Run(string[] args)
    {
        for (var pass = 1; pass <= 2; pass++)
        {
            var clock = Stopwatch.StartNew();
            var store = new RegistryStore(args[0]);
            var open = clock.Elapsed.TotalMilliseconds;
            var b0 = GC.GetTotalAllocatedBytes();
            var refs = TagRefs.All(store.CommonDir, "refs/tags/");
            Console.WriteLine($"  refs: {(GC.GetTotalAllocatedBytes() - b0) >> 20} MB");
            var read = clock.Elapsed.TotalMilliseconds;
            long before = GC.GetTotalAllocatedBytes();
            var t0 = clock.Elapsed.TotalMilliseconds;
            using (var repo = new LibGit2Sharp.Repository(store.GitDir))
            {
                var commits = 0;
                foreach (var e in refs)
                {
                    var type = repo.ObjectDatabase.RetrieveObjectMetadata(new LibGit2Sharp.ObjectId(e.Peeled ?? e.Id)).Type;
                    if (type == LibGit2Sharp.ObjectType.Commit)
                    {
                        commits++;
                    }
                }

                Console.WriteLine(
                    $"  object types of {refs.Count} targets ({commits} commits) from libgit2: {clock.Elapsed.TotalMilliseconds - t0:F0} ms, " +
                    $"{(GC.GetTotalAllocatedBytes() - before) >> 20} MB");
                t0 = clock.Elapsed.TotalMilliseconds;
                using var types = Pipeline.Git.Reading.PackedObjectTypes.Open(Path.Combine(store.CommonDir, "objects"));
                commits = 0;
                foreach (var e in refs)
                {
                    if (types.TypeOf(e.Peeled ?? e.Id) == Pipeline.Git.Reading.PackedObjectTypes.Commit)
                    {
                        commits++;
                    }
                }

                Console.WriteLine(
                    $"  object types of {refs.Count} targets ({commits} commits) from the pack index: {clock.Elapsed.TotalMilliseconds - t0:F0} ms");
            }

            before = GC.GetTotalAllocatedBytes();
            t0 = clock.Elapsed.TotalMilliseconds;
            var parsed = 0;
            foreach (var e in refs)
            {
                if (Pipeline.Core.Registry.RegistryTag.TryParse(e.Name["refs/tags/".Length..], out _))
                {
                    parsed++;
                }
            }

            Console.WriteLine(
                $"  parse {parsed} tag names: {clock.Elapsed.TotalMilliseconds - t0:F0} ms, {(GC.GetTotalAllocatedBytes() - before) >> 20} MB");
            before = GC.GetTotalAllocatedBytes();
            read = clock.Elapsed.TotalMilliseconds;
            var states = store.AllStates();
            Console.WriteLine($"  states: {clock.Elapsed.TotalMilliseconds - read:F0} ms");
            var byModel = refs.GroupBy(e => Pipeline.Core.Registry.RegistryTag.ModelOf(e.Name["refs/tags/".Length..]) ?? "")
                .Select(
                    g =>
                        g.Select(
                            e =>
                                new Pipeline.Core.Registry.TagInfo(
                                    e.Name["refs/tags/".Length..], e.Peeled ?? e.Id, e.Peeled is not null, null, null, null))
                            .ToList())
                .ToList();
            t0 = clock.Elapsed.TotalMilliseconds;
            before = GC.GetTotalAllocatedBytes();
            foreach (var g in byModel)
            {
                Pipeline.Core.Registry.ModelState.From(Pipeline.Core.Registry.RegistryTag.ModelOf(g[0].Name) ?? "", g);
            }

            Console.WriteLine(
                $"  ModelState.From alone: {clock.Elapsed.TotalMilliseconds - t0:F0} ms, {(GC.GetTotalAllocatedBytes() - before) >> 20} MB");
            read = clock.Elapsed.TotalMilliseconds;
            Console.WriteLine($"  states: {(GC.GetTotalAllocatedBytes() - before) >> 20} MB");
            var all = clock.Elapsed.TotalMilliseconds;
            before = GC.GetTotalAllocatedBytes();
            var models = store.Models(states);
            Console.WriteLine($"  models: {(GC.GetTotalAllocatedBytes() - before) >> 20} MB");
            var walk = clock.Elapsed.TotalMilliseconds;
            Console.WriteLine(
                $"pass {pass}: open {open:F0} ms, read {refs.Count} refs {read - open:F0} ms, states of {states.Count} models {all - read:F0} ms " +
                $"(refs read again inside), models {models.Count} {walk - all:F0} ms; GC gen0 {GC.CollectionCount(0)}, allocated " +
                $"{GC.GetTotalAllocatedBytes() >> 20} MB");
        }

        return 0;
    }
}
