using BenchmarkDotNet.Running;
using Tutorial.Bench;

// `gemm-quick` and `gemm-serve` are quick console timings (see GemmQuick); anything else goes to BenchmarkDotNet.
return args.FirstOrDefault() switch
{
    "gemm-quick" => GemmQuick.Run(args),
    "gemm-serve" => GemmQuick.Serve(),
    "gemm-kernel" => GemmQuick.Kernel(),
    "gemm-pool" => GemmQuick.Pool(args),
    _ => RunBenchmarkDotNet(args),
};

static int RunBenchmarkDotNet(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(GemmQuick).Assembly).Run(args);
    return 0;
}
