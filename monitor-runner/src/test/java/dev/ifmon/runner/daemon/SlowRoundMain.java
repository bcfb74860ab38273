package dev.ifmon.runner.daemon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Test child: a daemon on data folder {@code args[0]} whose rounds take {@code args[1]} milliseconds, ignore
 * the stop signal, and write {@code last-round.json} at their end; at stop it writes {@code flushed.txt}.
 */
public final class SlowRoundMain {

    private SlowRoundMain() {
    }

    public static void main(String[] args) throws IOException {
        Path dataDir = Path.of(args[0]);
        long roundMillis = Long.parseLong(args[1]);
        LastRoundFile lastRound = new LastRoundFile(dataDir);
        System.out.println("PREVIOUS " + lastRound.read().orElse("none"));
        int[] rounds = {0};
        Daemon daemon = Daemon.builder(stop -> {
            int round = ++rounds[0];
            System.out.println("ROUND " + round + " STARTED");
            Thread.sleep(roundMillis);
            lastRound.write("{\"round\":" + round + ",\"complete\":true}");
            System.out.println("ROUND " + round + " DONE stopRequested=" + stop.stopRequested());
            return RoundSummary.empty();
        }, dataDir).interval(Duration.ofHours(1)).stopGrace(Duration.ofSeconds(10)).onStop(() -> {
            flush(dataDir, rounds[0]);
            System.out.println("FLUSHED");
        }).build();
        int code = daemon.run();
        System.out.println("EXIT " + code);
        System.exit(code);
    }

    private static void flush(Path dataDir, int rounds) {
        try {
            AtomicFiles.write(dataDir.resolve("flushed.txt"),
                    ("flushed after round " + rounds).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
