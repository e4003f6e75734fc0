using Pipeline.Bench.Registry;
using Pipeline.Bench.Tracking;

// dotnet run -c Release --project bench/Pipeline.Bench -- <name> [args]
var name = args.Length > 0 ? args[0] : "";
return name switch
{
    "logmetric" => LogMetricBench.Run(args[1..]),
    "ingest-phases" => IngestPhasesBench.Run(args[1..]),
    "list-phases" => ListPhasesBench.Run(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("benchmarks: logmetric [points], ingest-phases FILE.jsonl, list-phases REPO");
    return 2;
}
