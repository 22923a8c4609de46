using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(SocialSla.Benchmarks.ReplayBenchmarks).Assembly).Run(args);
