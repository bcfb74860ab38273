package dev.ifmon.bench;

import dev.ifmon.core.Monitor;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The soak mode: many rounds in one process over a generated catalog, sampling the process's resident
 * memory, the heap used after a full GC and the live thread count every few rounds.
 *
 * <p>Usage: {@code Soak <config.yaml> <rounds> <sampleEvery>}; prints one line per sample:
 * {@code sample round=<n> rssKb=<n> heapAfterGcKb=<n> threads=<n>}.
 */
public final class Soak {

    private Soak() {
    }

    /**
     * @param args config file, number of rounds, rounds between samples
     * @throws Exception when the process status cannot be read
     */
    public static void main(String[] args) throws Exception {
        Path config = Path.of(args[0]);
        int rounds = Integer.parseInt(args[1]);
        int every = Integer.parseInt(args[2]);
        try (Monitor monitor = Monitor.builder().config(config).build()) {
            for (int round = 1; round <= rounds; round++) {
                monitor.runOnce();
                if (round % every == 0 || round == 1) {
                    sample(round);
                }
            }
        }
    }

    private static void sample(int round) throws Exception {
        System.gc();
        long heapKb = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1024;
        int threads = ManagementFactory.getThreadMXBean().getThreadCount();
        System.out.println("sample round=" + round + " rssKb=" + rssKb() + " heapAfterGcKb=" + heapKb
                + " threads=" + threads);
    }

    private static long rssKb() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
