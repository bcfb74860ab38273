package dev.ifmon.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.ifmon.core.Monitor;
import dev.ifmon.core.RoundOutcome;
import dev.ifmon.core.plugin.PluginInfo;
import dev.ifmon.core.report.JsonReportWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The example check, packed as a real plug-in jar and dropped into a plugins folder, judges endpoints. */
class PluginJarTest {

    @TempDir
    Path root;

    private HttpServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/balance", exchange -> answer(exchange, "{\"code\": 5001, \"msg\": \"余额不足\"}"));
        server.createContext("/ok", exchange -> answer(exchange, "{\"code\": 0, \"msg\": \"ok\"}"));
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void aCheckFromAJarInThePluginsFolderGivesItsVerdictInTheJsonReport() throws IOException {
        Path plugins = Files.createDirectories(root.resolve("plugins"));
        buildPluginJar(plugins.resolve("business-code-check.jar"));
        Path config = writeCatalog(server.getAddress().getPort());

        RoundOutcome outcome;
        try (Monitor monitor = Monitor.builder().config(config).pluginsDirectory(plugins).build()) {
            assertThat(monitor.plugins().loaded()).extracting(PluginInfo::type, PluginInfo::origin)
                    .contains(org.assertj.core.groups.Tuple.tuple("business-code", "business-code-check.jar"));
            outcome = monitor.runOnce();
        }
        Path reportFile = root.resolve("report.json");
        JsonReportWriter.write(outcome.report(), reportFile);

        JsonNode results = JsonMapper.builder().build().readTree(reportFile.toFile()).get("results");
        JsonNode balance = find(results, "余额查询");
        JsonNode ok = find(results, "钱包状态");
        assertThat(balance.get("outcome").asString()).isEqualTo("ASSERTION_FAILED");
        assertThat(balance.get("reason").asString()).contains("5001").contains("余额不足");
        assertThat(ok.get("outcome").asString()).isEqualTo("OK");
    }

    private static JsonNode find(JsonNode results, String name) {
        for (JsonNode result : results) {
            if (result.get("name").asString().equals(name)) {
                return result;
            }
        }
        throw new AssertionError("no result named " + name + " in " + results);
    }

    private Path writeCatalog(int port) throws IOException {
        Path config = root.resolve("config.yaml");
        Files.writeString(config, """
                monitor:
                  timeout: 5
                  concurrency: 2
                interface_docs:
                  root_path: "./Interface-pool"
                services:
                  - name: pay
                    description: 支付服务
                    enabled: true
                """);
        Path module = Files.createDirectories(root.resolve("Interface-pool/pay/wallet"));
        String base = "http://127.0.0.1:" + port;
        Files.writeString(module.resolve("balance.yaml"), """
                name: 余额查询
                method: GET
                url: %s/balance
                expect:
                  checks:
                    - type: business-code
                      ok: [0]
                """.formatted(base), StandardCharsets.UTF_8);
        Files.writeString(module.resolve("status.yaml"), """
                name: 钱包状态
                method: GET
                url: %s/ok
                expect:
                  checks:
                    - type: business-code
                """.formatted(base), StandardCharsets.UTF_8);
        return config;
    }

    /** Packs the compiled example check and its service entry, as the examples build does. */
    private static void buildPluginJar(Path jar) throws IOException {
        Path classes = Path.of("target/classes");
        Path services = Path.of("src/plugin");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            add(out, classes, classes.resolve("dev/ifmon/examples/plugin"));
            add(out, services, services);
        }
    }

    private static void add(JarOutputStream out, Path base, Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(base.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
