package dev.ifmon.runner.daemon;

import java.nio.file.Path;

/** Test child: holds the data lock of {@code args[0]} for at most 60 s, or until killed. */
public final class LockHolderMain {

    private LockHolderMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        try (DataLock lock = DataLock.acquire(Path.of(args[0]))) {
            System.out.println("LOCKED " + lock.path());
            Thread.sleep(60_000);
        }
    }
}
