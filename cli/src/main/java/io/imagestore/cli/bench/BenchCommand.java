package io.imagestore.cli.bench;

import picocli.CommandLine.Command;

/** {@code imagestore bench …}: measurements on this machine, each against a baseline from the same run. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Benchmarks. Each prints a table, then its last lines with the figures as ratios against a "
        + "baseline measured in the same run.",
    subcommands = {KernelBenchCommand.class, PipelineBench.class, BridgeBench.class, CheckpointBench.class,
        StateBench.class})
public final class BenchCommand {}
