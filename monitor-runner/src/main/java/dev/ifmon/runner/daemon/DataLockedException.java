package dev.ifmon.runner.daemon;

import dev.ifmon.api.IfmonException;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Another runner holds the data folder's lock, so this one must not start. The message names the folder, the
 * holder's pid when known, and what to do.
 */
public final class DataLockedException extends IfmonException {

    private static final long serialVersionUID = 1L;

    private final transient Path dataDir;
    private final long holderPid;

    /**
     * @param dataDir the locked data folder
     * @param holderPid the pid of the process holding the lock, when it could be read
     */
    public DataLockedException(Path dataDir, OptionalLong holderPid) {
        super(message(dataDir, holderPid));
        this.dataDir = dataDir;
        this.holderPid = holderPid.orElse(-1);
    }

    /** @return the locked data folder */
    public Path dataDir() {
        return dataDir;
    }

    /** @return the pid of the holder, when it could be read */
    public OptionalLong holderPid() {
        return holderPid < 0 ? OptionalLong.empty() : OptionalLong.of(holderPid);
    }

    private static String message(Path dataDir, OptionalLong pid) {
        String holder = pid.isPresent() ? "another ifmon runner (pid " + pid.getAsLong() + ")"
                : "another ifmon runner (pid unknown)";
        return "data folder " + dataDir + " is in use by " + holder + ": lock file "
                + dataDir.resolve(DataLock.FILE_NAME) + " is held; stop that runner first (bin/stop.sh), or give"
                + " this one its own data folder (IFMON_DATA_DIR or monitor.data_dir)";
    }
}
