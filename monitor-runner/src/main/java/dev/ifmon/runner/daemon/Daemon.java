package dev.ifmon.runner.daemon;

import dev.ifmon.core.Monitor;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * STAND-IN of the scheduler the ops helper owns: runs a round at once, then one every
 * {@code monitor.interval}, until the thread is interrupted. Rounds never overlap because they run on the
 * calling thread. Not thread-safe; one call per monitor.
 *
 * <p>Known limitation: no graceful shutdown, lock file or overrun warning; the real class adds them.
 */
public final class Daemon {

    private static final Logger LOG = LoggerFactory.getLogger(Daemon.class);

    private Daemon() {
    }

    /**
     * Runs rounds until interrupted.
     *
     * @param monitor the monitor; its {@code onRound} listener sees every round
     * @return the exit code: 0 after an interrupt
     */
    public static int run(Monitor monitor) {
        if (!monitor.enabled()) {
            LOG.info("monitor.enabled is false: no rounds run; set it to true to start monitoring");
            return 0;
        }
        Duration interval = monitor.interval();
        while (!Thread.currentThread().isInterrupted()) {
            try {
                monitor.runOnce();
            } catch (RuntimeException e) {
                LOG.error("round failed: {}; the schedule goes on", e.toString(), e);
            }
            try {
                Thread.sleep(interval);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return 0;
    }
}
