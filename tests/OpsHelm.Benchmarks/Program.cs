using BenchmarkDotNet.Running;

// Per-message cost = the reported mean divided by the set's line count (demo 75, samples 55); the Ratio column is pipeline/floor.
BenchmarkSwitcher.FromAssembly(typeof(OpsHelm.Benchmarks.PipelineBenchmarks).Assembly).Run(args);
