package dev.ifmon.runner.daemon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Test child: rewrites {@code last-round.json} and {@code state.json} in {@code args[0]} as fast as it can, each a
 * 1 MB document whose first and last fields carry the same write number, until killed (at most 20,000 writes).
 */
public final class CrashWriterMain {

    private CrashWriterMain() {
    }

    public static void main(String[] args) throws IOException {
        Path dataDir = Path.of(args[0]);
        LastRoundFile lastRound = new LastRoundFile(dataDir);
        for (int n = 1; n <= 20_000; n++) {
            byte[] document = document(n);
            lastRound.write(document);
            AtomicFiles.write(dataDir.resolve("state.json"), document);
            System.out.println("WROTE " + n);
        }
    }

    static byte[] document(int n) {
        StringBuilder text = new StringBuilder(1_100_000).append("{\"round\":").append(n).append(",\"payload\":\"");
        text.append("状态".repeat(170_000));
        return text.append("\",\"end\":").append(n).append('}').toString().getBytes(StandardCharsets.UTF_8);
    }
}
