using BenchmarkDotNet.Running;
using Tutorial.Bench;
using Tutorial.Bench.Training;

// `gemm-quick` and `gemm-serve` are quick console timings (see GemmQuick), `train` and `train-serve` the
// training benchmarks (see Training/TrainingBench); anything else goes to BenchmarkDotNet.
return args.FirstOrDefault() switch
{
    "gemm-quick" => GemmQuick.Run(args),
    "gemm-serve" => GemmQuick.Serve(),
    "gemm-kernel" => GemmQuick.Kernel(),
    "gemm-pool" => GemmQuick.Pool(args),
    "train" => TrainingBench.Run(args),
    "train-serve" => TrainingBench.Serve(),
    "train-profile" => TrainingBench.Profile(args),
    _ => RunBenchmarkDotNet(args),
};

static int RunBenchmarkDotNet(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(GemmQuick).Assembly).Run(args);
    return 0;
}
