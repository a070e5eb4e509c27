using BenchmarkDotNet.Running;
using Trifacta.Connections.Benchmarks;

if (args is ["--failures" or "--load"])
{
    return await Harness.RunAsync(args[0]);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
