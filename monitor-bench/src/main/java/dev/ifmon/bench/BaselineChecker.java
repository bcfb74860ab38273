package dev.ifmon.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The baseline the benchmark compares ifmon with, measured in the same run: the least a checker can do.
 * One JDK HttpClient on virtual threads, a semaphore for the concurrency, one GET per URL with the
 * service's token, status read, body discarded. No config, catalog, retries, report or alerting.
 *
 * <p>Usage: {@code BaselineChecker <urlsFile> <concurrency> <timeoutSeconds> <latencyMs>}; the file holds one
 * {@code service<TAB>url} per line, and the token of a service is {@code tok-<service>}. Prints
 * {@code wallMs=<n> ok=<n> failed=<n> p50=<n> p95=<n> p99=<n>}, the percentiles being the per-request time
 * of successful requests minus the server's latency, in microseconds.
 */
public final class BaselineChecker {

    private BaselineChecker() {
    }

    /**
     * @param args URL file, concurrency, timeout in seconds
     * @throws Exception when the file cannot be read
     */
    public static void main(String[] args) throws Exception {
        List<String> lines = Files.readAllLines(Path.of(args[0]));
        Semaphore permits = new Semaphore(Integer.parseInt(args[1]));
        Duration timeout = Duration.ofSeconds(Long.parseLong(args[2]));
        long latencyMicros = Long.parseLong(args[3]) * 1_000;
        Queue<Long> overheads = new ConcurrentLinkedQueue<>();
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();

        long start = System.nanoTime();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
                HttpClient client = HttpClient.newBuilder().executor(executor).build()) {
            for (String line : lines) {
                String[] parts = line.split("\t");
                permits.acquire();
                executor.submit(() -> {
                    try {
                        HttpRequest request = HttpRequest.newBuilder(URI.create(parts[1])).timeout(timeout)
                                .header("Authorization", "Bearer tok-" + parts[0]).GET().build();
                        long sent = System.nanoTime();
                        int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                        (status < 400 ? ok : failed).incrementAndGet();
                        if (status < 400) {
                            overheads.add((System.nanoTime() - sent) / 1_000 - latencyMicros);
                        }
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    } finally {
                        permits.release();
                    }
                });
            }
        }
        long wallMs = (System.nanoTime() - start) / 1_000_000;
        List<Long> sorted = new ArrayList<>(overheads);
        Collections.sort(sorted);
        System.out.println("wallMs=" + wallMs + " ok=" + ok.get() + " failed=" + failed.get() + " p50="
                + percentile(sorted, 50) + " p95=" + percentile(sorted, 95) + " p99=" + percentile(sorted, 99));
    }

    private static long percentile(List<Long> sorted, int p) {
        return sorted.isEmpty() ? -1 : sorted.get(Math.max(0, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
