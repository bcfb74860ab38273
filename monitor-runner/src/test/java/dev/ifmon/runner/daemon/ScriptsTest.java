package dev.ifmon.runner.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution's scripts, run for real in a temporary install folder. The runner they start is
 * {@link FakeIfmonMain} (through {@code IFMON_MAIN_CLASS}), so these tests do not depend on the CLI.
 */
@Timeout(180)
class ScriptsTest {

    private static final Path DIST = Path.of("src/dist").toAbsolutePath();

    @TempDir
    Path temp;

    private final List<Path> installs = new ArrayList<>();

    record Result(int code, String output) {
    }

    @AfterEach
    void stopLeftovers() throws Exception {
        for (Path install : installs) {
            Path pidFile = install.resolve("data/ifmon.pid");
            if (Files.exists(pidFile)) {
                long pid = Long.parseLong(Files.readString(pidFile).strip());
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    @Nested
    class Shellcheck {

        @Test
        void everyScriptPassesShellcheck() throws Exception {
            assumeTrue(onPath("shellcheck"), "shellcheck is not installed (apt-get install -y shellcheck);"
                    + " skipping the shellcheck of bin/");
            List<String> command = new ArrayList<>(List.of("shellcheck", "-x", "ifmon"));
            try (Stream<Path> scripts = Files.list(DIST.resolve("bin"))) {
                scripts.map(path -> path.getFileName().toString()).filter(name -> name.endsWith(".sh")).sorted()
                        .forEach(command::add);
            }

            Result result = exec(DIST.resolve("bin"), command, Map.of());

            assertThat(command).contains("install.sh", "start.sh", "stop.sh", "status.sh", "update.sh", "common.sh");
            assertThat(result.code()).as(result.output()).isZero();
        }
    }

    @Nested
    class Install {

        @Test
        void createsTheFoldersAndCopiesTheTemplates() throws Exception {
            Path dist = distribution("1.0.0", false);
            Path target = temp.resolve("opt/ifmon");

            Result result = script(dist, "install.sh", target.toString());

            assertThat(result.code()).as(result.output()).isZero();
            assertThat(result.output()).contains("Java: ", "Installing ifmon 1.0.0 into " + target);
            for (String folder : List.of("bin", "lib", "config", "Interface-pool", "plugins", "logs", "data")) {
                assertThat(target.resolve(folder)).isDirectory();
            }
            assertThat(target.resolve("config/config.yaml"))
                    .hasSameTextualContentAs(DIST.resolve("config/config.yaml"));
            assertThat(target.resolve("Interface-pool/user/login/login-api.json")).exists();
            assertThat(target.resolve("plugins/README.txt")).exists();
            assertThat(target.resolve("lib/monitor-runner-1.0.0.jar")).exists();
            assertThat(Files.isExecutable(target.resolve("bin/start.sh"))).isTrue();
        }

        @Test
        void neverOverwritesAnEditedConfigOrAUserCatalog() throws Exception {
            Path dist = distribution("1.0.0", false);
            Path target = temp.resolve("ifmon");
            assertThat(script(dist, "install.sh", target.toString()).code()).isZero();
            Files.writeString(target.resolve("config/config.yaml"), "# mine\n");
            deleteTree(target.resolve("Interface-pool/user"));
            Files.createDirectories(target.resolve("Interface-pool/shop/cart"));
            Files.writeString(target.resolve("Interface-pool/shop/cart/add.json"), "{}");

            Result result = script(dist, "install.sh", target.toString());

            assertThat(result.code()).as(result.output()).isZero();
            assertThat(result.output()).contains("kept     " + target.resolve("config/config.yaml"));
            assertThat(target.resolve("config/config.yaml")).hasContent("# mine");
            assertThat(target.resolve("Interface-pool/user")).doesNotExist();
        }
    }

    @Nested
    class Lifecycle {

        @Test
        void startStatusAndStopARunnerInTheBackground() throws Exception {
            Path home = installed("1.0.0");

            Result started = script(home, "start.sh");
            assertThat(started.code()).as(started.output()).isZero();
            assertThat(started.output()).contains("ifmon started (pid ");
            long pid = Long.parseLong(Files.readString(home.resolve("data/ifmon.pid")).strip());
            awaitFile(home.resolve("data/last-round.json"));

            Result status = script(home, "status.sh");
            assertThat(status.code()).as(status.output()).isZero();
            assertThat(status.output()).contains("ifmon is running (pid " + pid,
                    "last round: started 2026-12-04T16:00+08:00, finished 2026-12-04T16:00:02+08:00",
                    "last round summary: total=3 OK=2 HTTP_ERROR=1");

            Result again = script(home, "start.sh");
            assertThat(again.code()).isEqualTo(2);
            assertThat(again.output()).contains("already running (pid " + pid + ")");

            Result stopped = script(home, "stop.sh");
            assertThat(stopped.code()).as(stopped.output()).isZero();
            assertThat(stopped.output()).contains("ifmon stopped gracefully (pid " + pid);
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true));
            assertThat(home.resolve("data/ifmon.pid")).doesNotExist();
            assertThat(Files.readString(home.resolve("logs/ifmon.log")))
                    .contains("round 1 finished total=3 failed=1", "runner stopped");

            Result after = script(home, "status.sh");
            assertThat(after.code()).isEqualTo(3);
            assertThat(after.output()).contains("ifmon is not running", "last round summary: total=3");
        }

        @Test
        void stopKillsARunnerThatIgnoresSigtermAfterTheTimeoutAndSaysSo() throws Exception {
            Path home = installed("1.0.0");
            assertThat(script(home, "start.sh", "--config", home.resolve("config/config.yaml").toString(),
                    "--stubborn").code()).isZero();
            awaitFile(home.resolve("data/last-round.json"));

            Result stopped = script(home, Map.of("IFMON_STOP_TIMEOUT", "2"), "stop.sh");

            assertThat(stopped.code()).as(stopped.output()).isEqualTo(3);
            assertThat(stopped.output()).contains("did not stop within 2s after SIGTERM; killed it (SIGKILL");
        }

        @Test
        void aDataFolderFromIfmonDataDirIsUsedByTheRunnerAndTheScripts() throws Exception {
            Path home = installed("1.0.0");
            Path data = temp.resolve("var/ifmon-data");
            Map<String, String> env = Map.of("IFMON_DATA_DIR", data.toString());

            assertThat(script(home, env, "start.sh").code()).isZero();
            awaitFile(data.resolve("last-round.json"));
            Result status = script(home, env, "status.sh");
            Result stopped = script(home, env, "stop.sh");

            assertThat(status.code()).as(status.output()).isZero();
            assertThat(status.output()).contains("last round summary: total=3");
            assertThat(stopped.output()).contains("stopped gracefully");
            assertThat(data.resolve("ifmon.lock")).exists();
            assertThat(home.resolve("data/last-round.json")).doesNotExist();
        }

        @Test
        void startSaysWhyWhenTheConfigIsMissing() throws Exception {
            Path home = installed("1.0.0");

            Result result = script(home, "start.sh", "--config", home.resolve("config/nope.yaml").toString());

            assertThat(result.code()).isEqualTo(2);
            assertThat(result.output()).contains("config file " + home.resolve("config/nope.yaml") + " not found");
        }

        @Test
        void aChineseConfigPathWorksUnderTheCLocaleAsCronGivesIt() throws Exception {
            Path home = installed("1.0.0");
            Path config = Files.createDirectories(home.resolve("配置 目录")).resolve("监控.yaml");
            Files.copy(home.resolve("config/config.yaml"), config);

            Result result = script(home, Map.of("LC_ALL", "C", "LANG", "C", "LC_CTYPE", "C"), "ifmon",
                    "validate", "--config", config.toString());

            assertThat(result.output()).contains("config OK");
            assertThat(result.code()).isZero();
        }
    }

    @Nested
    class Update {

        @Test
        void installsANewerArchiveKeepsUserFilesAndRestartsARunningRunner() throws Exception {
            Path home = installed("1.0.0");
            Files.writeString(home.resolve("config/config.yaml"), "# edited by ops\n", StandardCharsets.UTF_8,
                    StandardOpenOption.APPEND);
            Files.writeString(home.resolve("plugins/my-notifier.jar"), "not really a jar");
            assertThat(script(home, "start.sh").code()).isZero();
            long oldPid = Long.parseLong(Files.readString(home.resolve("data/ifmon.pid")).strip());
            awaitFile(home.resolve("data/last-round.json"));
            Path archive = tarGz(distribution("2.0.0", false), "ifmon-2.0.0");

            Result result = script(home, "update.sh", archive.toString());

            assertThat(result.code()).as(result.output()).isZero();
            assertThat(result.output()).contains("Updating ifmon 1.0.0 -> 2.0.0", "Updated to ifmon 2.0.0",
                    "ifmon started (pid ");
            assertThat(home.resolve("lib/monitor-runner-2.0.0.jar")).exists();
            assertThat(home.resolve("lib/monitor-runner-1.0.0.jar")).doesNotExist();
            assertThat(Files.readString(home.resolve("config/config.yaml"))).endsWith("# edited by ops\n");
            assertThat(home.resolve("plugins/my-notifier.jar")).hasContent("not really a jar");
            assertThat(home.resolve("Interface-pool/user/login/login-api.json")).exists();
            Result status = script(home, "status.sh");
            assertThat(status.code()).as(status.output()).isZero();
            assertThat(status.output()).doesNotContain("(pid " + oldPid + ",");
            assertThat(script(home, "stop.sh").code()).isZero();
        }

        @Test
        void rollsBackWhenTheNewVersionRejectsTheConfigAndDoesNotStartAStoppedRunner() throws Exception {
            Path home = installed("1.0.0");
            Path broken = distribution("3.0.0", true);

            Result result = script(home, "update.sh", broken.toString());

            assertThat(result.code()).as(result.output()).isEqualTo(4);
            assertThat(result.output()).contains("ifmon 3.0.0 rejected the current configuration",
                    "unknown key 'monitor.intervall'", "Rolled back to ifmon 1.0.0");
            assertThat(home.resolve("lib/monitor-runner-1.0.0.jar")).exists();
            assertThat(home.resolve("lib/monitor-runner-3.0.0.jar")).doesNotExist();
            assertThat(home.resolve(".update-previous")).doesNotExist();
            assertThat(script(home, "status.sh").code()).isEqualTo(3);
        }

        @Test
        void refusesSomethingThatIsNotADistributionAndChangesNothing() throws Exception {
            Path home = installed("1.0.0");
            Path empty = Files.createDirectories(temp.resolve("empty"));

            Result result = script(home, "update.sh", empty.toString());

            assertThat(result.code()).isEqualTo(1);
            assertThat(result.output()).contains("holds no ifmon distribution", "nothing changed");
            assertThat(home.resolve("lib/monitor-runner-1.0.0.jar")).exists();
        }
    }

    // ---- helpers: build a distribution like the assembly does, run scripts with bounded waits ----

    private Path installed(String version) throws Exception {
        Path home = temp.resolve("home-" + installs.size());
        Result result = script(distribution(version, false), "install.sh", home.toString());
        assertThat(result.code()).as(result.output()).isZero();
        installs.add(home);
        return home;
    }

    private Path distribution(String version, boolean validateFails) throws IOException {
        Path dist = temp.resolve("dist-" + version + "-" + System.nanoTime());
        copyTree(DIST, dist);
        Path lib = Files.createDirectories(dist.resolve("lib"));
        List<Path> runnerDirs = new ArrayList<>();
        int other = 0;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (Files.isDirectory(path) && path.toAbsolutePath().toString().contains("monitor-runner")) {
                runnerDirs.add(path);
            } else if (Files.isDirectory(path)) {
                jar(List.of(path), lib.resolve("module-" + other++ + ".jar"));
            } else if (entry.endsWith(".jar") && !isTestLibrary(path)) {
                Files.copy(path, lib.resolve(path.getFileName()));
            }
        }
        jar(runnerDirs, lib.resolve("monitor-runner-" + version + ".jar"));
        if (validateFails) {
            Files.writeString(lib.resolve("validate-fails.marker"), "");
        }
        try (Stream<Path> scripts = Files.list(dist.resolve("bin"))) {
            for (Path script : scripts.toList()) {
                Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
        return dist;
    }

    private static boolean isTestLibrary(Path jar) {
        String name = jar.getFileName().toString();
        return Stream.of("junit", "assertj", "opentest4j", "apiguardian", "surefire", "byte-buddy")
                .anyMatch(name::contains);
    }

    private static void jar(List<Path> roots, Path target) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(target))) {
            for (Path root : roots) {
                try (Stream<Path> files = Files.walk(root)) {
                    for (Path file : files.filter(Files::isRegularFile).toList()) {
                        String name = root.relativize(file).toString().replace('\\', '/');
                        if (name.equals("logback-test.xml")) {
                            continue;
                        }
                        out.putNextEntry(new JarEntry(name));
                        Files.copy(file, out);
                        out.closeEntry();
                    }
                }
            }
        }
    }

    private Path tarGz(Path dist, String baseName) throws Exception {
        Path staging = Files.createDirectories(temp.resolve("tar-" + System.nanoTime()));
        copyTree(dist, staging.resolve(baseName));
        Path archive = temp.resolve(baseName + ".tar.gz");
        Result result = exec(staging, List.of("tar", "-czf", archive.toString(), baseName), Map.of());
        assertThat(result.code()).as(result.output()).isZero();
        return archive;
    }

    private Result script(Path home, String script, String... args) throws Exception {
        return script(home, Map.of(), script, args);
    }

    private Result script(Path home, Map<String, String> env, String script, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/" + script).toString()));
        command.addAll(List.of(args));
        return exec(home, command, env);
    }

    private Result exec(Path dir, List<String> command, Map<String, String> extraEnv) throws Exception {
        Path output = Files.createTempFile(temp, "script-", ".out");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(key -> key.startsWith("IFMON_"));
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("IFMON_MAIN_CLASS", FakeIfmonMain.class.getName());
        env.put("IFMON_START_CHECK", "1");
        env.put("IFMON_JAVA_OPTS", "-Xshare:auto");
        env.putAll(extraEnv);
        Process process = builder.start();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish within 90s:\n" + Files.readString(output));
        }
        return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }

    private static void awaitFile(Path file) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.exists(file) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(file).exists();
    }

    private static boolean onPath(String tool) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of(path.split(File.pathSeparator))
                .anyMatch(folder -> Files.isExecutable(Path.of(folder, tool)));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path path : files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(path);
            }
        }
    }
}
