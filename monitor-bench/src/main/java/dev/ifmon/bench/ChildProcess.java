package dev.ifmon.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command to completion while sampling its peak resident memory ({@code VmHWM}, the kernel's high
 * water mark, so sampling late loses nothing) and its CPU time. Linux only. Bounded by a deadline.
 */
final class ChildProcess {

    /**
     * What a run measured.
     *
     * @param exitCode the exit code, or -1 when it was killed at the deadline
     * @param wallMs wall time from start to exit
     * @param cpuMs user + system CPU time, as last sampled before exit
     * @param peakRssKb the peak resident set size
     * @param output what it printed, stdout and stderr together
     */
    record Result(int exitCode, long wallMs, long cpuMs, long peakRssKb, List<String> output) {
    }

    private ChildProcess() {
    }

    static Result run(List<String> command, Path workDir, Duration deadline) throws IOException, InterruptedException {
        Path log = Files.createTempFile(workDir, "child", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // As bin/ifmon does; the baseline gets the same, so the comparison stays fair.
        builder.environment().put("MALLOC_ARENA_MAX", "1");
        Process process = builder.start();
        long start = System.nanoTime();
        long peakKb = 0;
        long cpuMs = 0;
        long end = start + deadline.toNanos();
        while (process.isAlive() && System.nanoTime() < end) {
            peakKb = Math.max(peakKb, peakRssKb(process.pid()));
            cpuMs = Math.max(cpuMs, process.info().totalCpuDuration().map(Duration::toMillis).orElse(0L));
            process.waitFor(20, TimeUnit.MILLISECONDS);
        }
        int exit = -1;
        if (process.isAlive()) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        } else {
            exit = process.exitValue();
        }
        long wallMs = (System.nanoTime() - start) / 1_000_000;
        return new Result(exit, wallMs, cpuMs, peakKb, new ArrayList<>(Files.readAllLines(log)));
    }

    static Process start(List<String> command, Path workDir) throws IOException {
        return new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(workDir.resolve("target-server.log").toFile()).start();
    }

    private static long peakRssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }
}
