package dev.ifmon.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code ifmon run} without {@code --once}, as a real child JVM running {@link IfmonMain} with the shipped
 * {@code logback.xml}: a termination signal stops it gracefully with exit code 0, and its start-up line names the
 * environment really in use. Unix only (the signal is sent with {@code kill}).
 */
class RunDaemonSignalsTest {

    private static final Duration START_BOUND = Duration.ofSeconds(60);
    private static final Duration EXIT_BOUND = Duration.ofSeconds(30);

    @TempDir
    Path folder;

    private HttpServer api;
    private Process child;
    private Path output;

    @BeforeAll
    static void onlyWhereKillSendsSignals() {
        assumeTrue(!System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("windows"),
                "needs a Unix kill to send SIGTERM and SIGINT");
        assumeTrue(Files.isExecutable(Path.of("/bin/kill")) || Files.isExecutable(Path.of("/usr/bin/kill")),
                "needs the kill command");
    }

    @BeforeEach
    void startTheApiAndWriteTheConfig() throws IOException {
        api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        api.createContext("/", exchange -> {
            byte[] body = "{\"code\":0}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        api.start();
        Path module = Files.createDirectories(folder.resolve("Interface-pool/admin/system"));
        Files.writeString(module.resolve("health.yaml"), "name: 健康检查\nmethod: GET\nurl: /health\n",
                StandardCharsets.UTF_8);
        Files.writeString(folder.resolve("config.yaml"), """
                default_environment: staging
                monitor:
                  interval: 60
                  timeout: 5
                interface_docs:
                  root_path: "./Interface-pool"
                services:
                  - name: admin
                    base_url: "http://127.0.0.1:%d/admin"
                environments:
                  staging: {}
                  prod: {}
                """.formatted(api.getAddress().getPort()), StandardCharsets.UTF_8);
    }

    @AfterEach
    void stopEverything() throws InterruptedException {
        if (child != null && child.isAlive()) {
            child.destroyForcibly();
            child.waitFor(10, TimeUnit.SECONDS);
        }
        api.stop(0);
    }

    @ParameterizedTest(name = "SIG{0} with {1}")
    @CsvSource(delimiter = '|', textBlock = """
            TERM | --env=prod        | prod
            INT  | --env=prod        | prod
            TERM | ''                | staging
            INT  | ''                | staging
            """)
    void aSignalStopsTheRunnerGracefullyWithExitZero(String signal, String envOption, String environment)
            throws IOException, InterruptedException {
        start(envOption);
        awaitOutput("round 1 finished");

        new ProcessBuilder("kill", "-" + signal, Long.toString(child.pid())).inheritIO().start()
                .waitFor(10, TimeUnit.SECONDS);

        assertThat(child.waitFor(EXIT_BOUND.toSeconds(), TimeUnit.SECONDS)).as(output()).isTrue();
        assertThat(child.exitValue()).as(output()).isZero();
        assertThat(output()).contains("received SIG" + signal + "; stopping gracefully", "runner stopped;")
                .contains("Schedule starting: config=" + folder.resolve("config.yaml") + " environment="
                        + environment + " ")
                .doesNotContain("(default)");
    }

    private void start(String envOption) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-Dlogback.configurationFile=" + IfmonMain.class.getResource("/logback.xml"),
                "-Difmon.log.dir=" + folder.resolve("logs"), "-Difmon.data.dir=" + folder.resolve("data"),
                "-cp", System.getProperty("java.class.path")));
        if (System.getProperty("jdk.net.hosts.file") != null) {
            command.add("-Djdk.net.hosts.file=" + System.getProperty("jdk.net.hosts.file"));
        }
        command.addAll(List.of(IfmonMain.class.getName(), "run", "--config", folder.resolve("config.yaml").toString()));
        if (!envOption.isEmpty()) {
            command.add(envOption);
        }
        output = folder.resolve("child.out");
        child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    }

    private void awaitOutput(String text) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_BOUND.toNanos();
        while (System.nanoTime() < deadline && child.isAlive() && !output().contains(text)) {
            Thread.sleep(50);
        }
        assertThat(output()).as("the child's output while waiting for '%s'", text).contains(text);
    }

    private String output() throws IOException {
        return Files.readString(output, StandardCharsets.UTF_8);
    }
}
