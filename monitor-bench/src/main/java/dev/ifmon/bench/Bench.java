package dev.ifmon.bench;

import dev.ifmon.bench.CatalogGenerator.Behaviour;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The benchmark driver behind {@code bench/run.sh}: for each run it starts the target server in its own
 * process, generates the catalog, measures the baseline checker and then one real {@code ifmon run --once}
 * with the shipped JVM flags, and reports medians and ratios. See README, "Benchmark".
 *
 * <p>Options: {@code --n}, {@code --concurrency}, {@code --latency-ms}, {@code --runs},
 * {@code --soak-rounds} (0 = no soak), {@code --out} (results file). System properties:
 * {@code bench.classpath}, {@code ifmon.classpath}, {@code ifmon.jvm.options} (the shipped flags file).
 */
public final class Bench {

    private static final Duration RUN_DEADLINE = Duration.ofMinutes(10);
    private static final Pattern GC_LINE = Pattern.compile("(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");
    private static final int TIMEOUT_SECONDS = 2;

    private final Map<String, String> options;
    private final Path work;

    private Bench(Map<String, String> options, Path work) {
        this.options = options;
        this.work = work;
    }

    /**
     * @param args the options
     * @throws Exception when a process cannot be run
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>(Map.of("n", "1000", "concurrency", "5",
                "latency-ms", "50", "runs", "3", "soak-rounds", "0", "out", "bench/results/latest.md"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        Path work = Files.createTempDirectory("ifmon-bench");
        String table = new Bench(options, work).run();
        Path out = Path.of(options.get("out"));
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        Files.writeString(out, table, StandardCharsets.UTF_8);
        System.out.println(table);
        System.out.println("written to " + out.toAbsolutePath());
    }

    private String run() throws Exception {
        int n = integer("n");
        int concurrency = integer("concurrency");
        long latency = integer("latency-ms");
        List<RunFigures> runs = new ArrayList<>();
        for (int i = 1; i <= integer("runs"); i++) {
            System.err.printf("run %d: N=%d concurrency=%d L=%dms%n", i, n, concurrency, latency);
            runs.add(oneRun(i, n, concurrency, latency));
        }
        StringBuilder table = new StringBuilder(header(n, concurrency, latency));
        table.append(summarise(runs, n, concurrency, latency));
        if (integer("soak-rounds") > 0) {
            table.append(soak(n, concurrency, latency, integer("soak-rounds")));
        }
        return table.toString();
    }

    private RunFigures oneRun(int index, int n, int concurrency, long latency) throws Exception {
        Path dir = Files.createDirectories(work.resolve("run" + index));
        Process target = startTarget(dir, latency);
        try {
            int port = awaitPort(dir.resolve("port"));
            Path config = CatalogGenerator.write(dir, n, concurrency, port);
            Path urls = writeUrls(dir, n, port);

            ChildProcess.Result baseline = ChildProcess.run(java(benchClasspath(), "dev.ifmon.bench.BaselineChecker",
                    List.of(), urls.toString(), Integer.toString(concurrency), Integer.toString(TIMEOUT_SECONDS),
                    Long.toString(latency)), dir, RUN_DEADLINE);
            String baselineOut = String.join(" ", baseline.output());
            long baselineWall = parseLong(baselineOut, "wallMs=");
            long baselineP95Micros = parseLong(baselineOut, "p95=");

            Path report = dir.resolve("report.json");
            Path gcLog = dir.resolve("gc.log");
            ChildProcess.Result ifmon = ChildProcess.run(java(ifmonClasspath(), "dev.ifmon.runner.IfmonMain",
                    List.of("-Xlog:gc:file=" + gcLog), "run", "--config", config.toString(), "--once",
                    "--report-json", report.toString()), dir, RUN_DEADLINE);
            if (!Files.exists(report)) {
                throw new IllegalStateException("ifmon wrote no report (exit " + ifmon.exitCode() + "): "
                        + String.join("\n", ifmon.output()));
            }
            return figures(report, gcLog, ifmon, baselineWall, baseline.peakRssKb(), baselineP95Micros, latency, n);
        } finally {
            target.destroyForcibly();
        }
    }

    private RunFigures figures(Path reportFile, Path gcLog, ChildProcess.Result ifmon, long baselineWall,
            long baselineRss, long baselineP95Micros, long latency, int n) throws IOException {
        JsonNode report = JsonMapper.builder().build().readTree(reportFile.toFile());
        long roundMs = Duration.between(OffsetDateTime.parse(report.get("startedAt").asString()),
                OffsetDateTime.parse(report.get("finishedAt").asString())).toMillis();
        List<Long> overheads = new ArrayList<>();
        for (JsonNode result : report.get("results")) {
            if (result.get("outcome").asString().equals("OK")) {
                overheads.add(result.get("latencyMs").asLong() - latency);
            }
        }
        Collections.sort(overheads);
        JsonNode summary = report.get("summary");
        Map<Behaviour, Integer> profile = CatalogGenerator.profile(n);
        boolean countsMatch = summary.get("OK").asInt() == profile.get(Behaviour.OK)
                && summary.get("HTTP_ERROR").asInt() == profile.get(Behaviour.HTTP_500)
                        + profile.get(Behaviour.HTTP_404) + profile.get(Behaviour.HTTP_503)
                && summary.get("TIMEOUT").asInt() == profile.get(Behaviour.HANG);
        return new RunFigures(roundMs, ifmon.wallMs(), ifmon.cpuMs(), ifmon.peakRssKb(), maxHeapAfterGcKb(gcLog),
                percentile(overheads, 50), percentile(overheads, 95), percentile(overheads, 99), countsMatch,
                baselineWall, baselineRss, baselineP95Micros, summary.toString());
    }

    private String summarise(List<RunFigures> runs, int n, int concurrency, long latency) {
        Map<Behaviour, Integer> profile = CatalogGenerator.profile(n);
        long ideal = (long) Math.ceil((double) n / concurrency) * latency;
        long hangs = profile.get(Behaviour.HANG);
        long idealWithHangs = (long) Math.ceil(((n - hangs) * latency + hangs * TIMEOUT_SECONDS * 1000.0)
                / concurrency);
        long round = median(runs.stream().map(RunFigures::roundMs).toList());
        long baseline = median(runs.stream().map(RunFigures::baselineWallMs).toList());
        StringBuilder text = new StringBuilder();
        row(text, "round time (median of " + runs.size() + ")", round + " ms");
        row(text, "ideal ⌈N/c⌉×L", ideal + " ms (ratio " + ratio(round, ideal) + ")");
        row(text, "ideal counting the " + hangs + " hanging endpoints at the " + TIMEOUT_SECONDS + " s timeout",
                idealWithHangs + " ms (ratio " + ratio(round, idealWithHangs) + ")");
        row(text, "baseline checker, same run (plain HttpClient loop)", baseline + " ms (ifmon/baseline "
                + ratio(round, baseline) + ")");
        row(text, "process wall time incl. JVM start", median(runs.stream().map(RunFigures::processWallMs).toList())
                + " ms");
        row(text, "CPU time", median(runs.stream().map(RunFigures::cpuMs).toList()) + " ms");
        row(text, "peak RSS, ifmon with shipped flags", median(runs.stream().map(RunFigures::peakRssKb).toList())
                / 1024 + " MB (baseline checker, same flags: "
                + median(runs.stream().map(RunFigures::baselineRssKb).toList()) / 1024 + " MB)");
        row(text, "max heap after GC", median(runs.stream().map(RunFigures::heapAfterGcKb).toList()) / 1024 + " MB");
        row(text, "overhead per check p50 / p95 / p99 (latencyMs − L, ms resolution)",
                median(runs.stream().map(RunFigures::p50).toList()) + " / "
                        + median(runs.stream().map(RunFigures::p95).toList()) + " / "
                        + median(runs.stream().map(RunFigures::p99).toList()) + " ms (baseline checker p95: "
                        + String.format(Locale.ROOT, "%.1f", median(runs.stream()
                                .map(RunFigures::baselineP95Micros).toList()) / 1000.0) + " ms)");
        row(text, "outcome counts match the target's profile", runs.stream().allMatch(RunFigures::countsMatch)
                + " (" + runs.get(0).summary() + ")");
        return text.toString();
    }

    private String soak(int n, int concurrency, long latency, int rounds) throws Exception {
        Path dir = Files.createDirectories(work.resolve("soak"));
        Process target = startTarget(dir, latency);
        try {
            Path config = CatalogGenerator.write(dir, n, concurrency, awaitPort(dir.resolve("port")));
            int every = Math.max(1, rounds / 20);
            ChildProcess.Result soak = ChildProcess.run(java(ifmonClasspath() + ":" + benchClasspath(),
                    "dev.ifmon.bench.Soak", List.of(), config.toString(), Integer.toString(rounds),
                    Integer.toString(every)), dir, Duration.ofMinutes(60));
            List<long[]> samples = new ArrayList<>();
            for (String line : soak.output()) {
                if (line.startsWith("sample ")) {
                    samples.add(new long[] {parseLong(line, "round="), parseLong(line, "rssKb="),
                        parseLong(line, "heapAfterGcKb="), parseLong(line, "threads=")});
                }
            }
            return soakRows(samples, rounds, n);
        } finally {
            target.destroyForcibly();
        }
    }

    private static String soakRows(List<long[]> samples, int rounds, int n) {
        StringBuilder text = new StringBuilder("\nSoak: " + rounds + " rounds of N=" + n + " in one process\n\n"
                + "| round | RSS MB | heap after GC MB | threads |\n|---|---|---|---|\n");
        for (long[] sample : samples) {
            text.append(String.format(Locale.ROOT, "| %d | %d | %.1f | %d |%n", sample[0], sample[1] / 1024,
                    sample[2] / 1024.0, sample[3]));
        }
        if (samples.size() >= 4) {
            long[] early = samples.get(1);
            long[] last = samples.get(samples.size() - 1);
            text.append(String.format(Locale.ROOT, "%nfrom round %d to %d: RSS %+.1f%%, threads %+.1f%%%n",
                    early[0], last[0], 100.0 * (last[1] - early[1]) / early[1],
                    100.0 * (last[3] - early[3]) / early[3]));
        }
        return text.toString();
    }

    private Process startTarget(Path dir, long latency) throws IOException {
        return ChildProcess.start(java(benchClasspath(), "dev.ifmon.bench.TargetServer", List.of("-Xss256k"),
                Long.toString(latency), dir.resolve("port").toString()), dir);
    }

    private static int awaitPort(Path file) throws Exception {
        for (int i = 0; i < 400; i++) {
            if (Files.exists(file) && !Files.readString(file).isBlank()) {
                return Integer.parseInt(Files.readString(file).trim());
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the target server did not start within 20 s");
    }

    private static Path writeUrls(Path dir, int n, int port) throws IOException {
        StringBuilder urls = new StringBuilder();
        for (int i = 0; i < n; i++) {
            urls.append(CatalogGenerator.service(i)).append('\t')
                    .append(CatalogGenerator.url("http://127.0.0.1:" + port, i)).append("?page=1\n");
        }
        return Files.writeString(dir.resolve("urls.tsv"), urls);
    }

    private List<String> java(String classpath, String main, List<String> extraFlags, String... args)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(shippedFlags());
        command.addAll(extraFlags);
        command.add("-Djdk.net.hosts.file=" + work.resolve("hosts"));
        command.addAll(List.of("-cp", classpath, main));
        command.addAll(Arrays.asList(args));
        Files.writeString(work.resolve("hosts"), "127.0.0.1 localhost\n");
        return command;
    }

    private List<String> shippedFlags() throws IOException {
        String file = System.getProperty("ifmon.jvm.options", "");
        if (file.isEmpty() || !Files.exists(Path.of(file))) {
            return List.of();
        }
        return Files.readAllLines(Path.of(file)).stream().map(String::trim)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
    }

    private static String benchClasspath() {
        return System.getProperty("bench.classpath", System.getProperty("java.class.path"));
    }

    private static String ifmonClasspath() {
        return System.getProperty("ifmon.classpath", System.getProperty("java.class.path"));
    }

    private static long maxHeapAfterGcKb(Path gcLog) throws IOException {
        long max = 0;
        if (!Files.exists(gcLog)) {
            return 0;
        }
        for (String line : Files.readAllLines(gcLog)) {
            Matcher matcher = GC_LINE.matcher(line);
            if (matcher.find()) {
                max = Math.max(max, kb(Long.parseLong(matcher.group(3)), matcher.group(4)));
            }
        }
        return max;
    }

    private static long kb(long value, String unit) {
        return switch (unit) {
            case "G" -> value * 1024 * 1024;
            case "M" -> value * 1024;
            default -> value;
        };
    }

    private static long parseLong(String text, String key) {
        Matcher matcher = Pattern.compile(Pattern.quote(key) + "(-?\\d+)").matcher(text);
        if (!matcher.find()) {
            throw new IllegalStateException("no " + key + " in: " + text);
        }
        return Long.parseLong(matcher.group(1));
    }

    private static long percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return -1;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static String ratio(long value, long base) {
        return base <= 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", (double) value / base);
    }

    private static void row(StringBuilder text, String name, String value) {
        text.append("| ").append(name).append(" | ").append(value).append(" |\n");
    }

    private String header(int n, int concurrency, long latency) {
        return String.format(Locale.ROOT, "Benchmark N=%d, concurrency %d, L=%d ms, %s runs, %d cores, %s, %s%n%n"
                + "| measure | value |%n|---|---|%n", n, concurrency, latency, options.get("runs"),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name") + " "
                        + System.getProperty("java.version"), System.getProperty("os.name") + " "
                        + System.getProperty("os.arch"));
    }

    private int integer(String key) {
        return Integer.parseInt(options.get(key));
    }

    private record RunFigures(long roundMs, long processWallMs, long cpuMs, long peakRssKb, long heapAfterGcKb,
            long p50, long p95, long p99, boolean countsMatch, long baselineWallMs, long baselineRssKb,
            long baselineP95Micros, String summary) {
    }
}
