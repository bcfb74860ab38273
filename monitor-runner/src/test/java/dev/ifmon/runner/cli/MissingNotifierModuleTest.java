package dev.ifmon.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ifmon.runner.IfmonMain;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Notifiers are plug-ins (issue 7): {@code ifmon run --once} in a child JVM whose class path lacks one
 * notifier module, with a config that configures that module's channel. The round still checks every
 * endpoint, sends nothing through the missing channel, and names the missing module.
 */
class MissingNotifierModuleTest {

    @TempDir
    Path folder;

    HttpServer server;
    final AtomicInteger endpointRequests = new AtomicInteger();
    final AtomicInteger webhookRequests = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/", exchange -> answer(exchange, endpointRequests, "{\"code\":0}"));
        server.createContext("/cgi-bin/webhook/send",
                exchange -> answer(exchange, webhookRequests, "{\"errcode\":0,\"errmsg\":\"ok\"}"));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @ParameterizedTest(name = "without {0}, a ''{1}:'' block")
    @CsvSource({"monitor-notify-email, email", "monitor-notify-wecom, wechat"})
    void theRoundChecksEveryEndpointAndNamesTheMissingModule(String module, String channel) throws Exception {
        Path config = writeConfig();

        Run run = runOnce(classPathWithout(module), config);

        assertThat(endpointRequests.get()).as(run.output()).isEqualTo(3);
        assertThat(webhookRequests.get()).isZero();
        assertThat(run.exitCode()).as(run.output()).isEqualTo(ExitCodes.CONFIG_OR_USAGE);
        assertThat(run.output()).contains("Result: all 3 endpoints OK");
        assertThat(run.output().lines().filter(line -> line.contains("is missing"))).singleElement().asString()
                .contains("ERROR " + config + ":", "channel '" + channel + ":' is configured but its notifier module "
                        + module + " is missing", "put " + module + "-<version>.jar into lib/ or plugins/");
    }

    /** The test JVM's class path less the module's classes folder or jar; fails if nothing was removed. */
    static String classPathWithout(String module) {
        List<String> entries = Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator));
        List<String> kept = entries.stream().filter(entry -> !mentions(entry, module)).toList();
        assertThat(kept).as("the class path held " + module).hasSizeLessThan(entries.size());
        return kept.stream().collect(Collectors.joining(File.pathSeparator));
    }

    private static boolean mentions(String entry, String module) {
        Path path = Path.of(entry);
        return path.getFileName().toString().startsWith(module + "-")
                || path.toString().contains(File.separator + module + File.separator);
    }

    private Path writeConfig() throws IOException {
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        Path module = Files.createDirectories(folder.resolve("Interface-pool/shop/catalog"));
        Files.writeString(module.resolve("items.yaml"), """
                - name: 商品列表
                  url: /items
                - name: 商品详情
                  url: /items/1
                - name: 库存
                  url: /stock
                """, StandardCharsets.UTF_8);
        return Files.writeString(folder.resolve("config.yaml"), """
                monitor:
                  timeout: 5
                  data_dir: ./data
                interface_docs:
                  root_path: ./Interface-pool
                services:
                  - name: shop
                    base_url: "%1$s/api"
                wechat:
                  webhook_url: "%1$s/cgi-bin/webhook/send?key=missing-module-test"
                email:
                  host: 127.0.0.1
                  port: 1
                  from: "ifmon <monitor@example.invalid>"
                  to: ["ops@example.invalid"]
                """.formatted(base), StandardCharsets.UTF_8);
    }

    private Run runOnce(String classPath, Path config) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path output = folder.resolve("child.out");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-cp", classPath));
        String hosts = System.getProperty("jdk.net.hosts.file");
        if (hosts != null) {
            command.add(1, "-Djdk.net.hosts.file=" + hosts);
        }
        command.addAll(List.of(IfmonMain.class.getName(), "run", "--once", "--config", config.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                .start();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                throw new AssertionError("ifmon still running after 60 s:\n" + Files.readString(output));
            }
            return new Run(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            process.destroyForcibly();
        }
    }

    private static void answer(HttpExchange exchange, AtomicInteger counter, String body)
            throws IOException {
        try (exchange) {
            counter.incrementAndGet();
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    /** What the child printed and how it exited. */
    private record Run(int exitCode, String output) {
    }
}
