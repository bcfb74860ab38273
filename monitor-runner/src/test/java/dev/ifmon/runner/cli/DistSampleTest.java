package dev.ifmon.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The distribution's sample config and catalog ({@code src/dist}), as {@code bin/install.sh} lays them out. */
class DistSampleTest {

    private static final Path DIST = Path.of("src/dist").toAbsolutePath();

    @TempDir
    Path home;

    private HttpServer server;
    private final List<String> paths = new CopyOnWriteArrayList<>();

    @BeforeEach
    void install() throws IOException {
        try (Stream<Path> files = Files.walk(DIST)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String relative = DIST.relativize(file).toString();
                if (relative.startsWith("config") || relative.startsWith("Interface-pool")) {
                    Files.copy(file, Files.createDirectories(home.resolve(relative).getParent())
                            .resolve(file.getFileName()));
                }
            }
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            paths.add(exchange.getRequestURI().getPath());
            byte[] body = "{\"code\":200,\"data\":{\"token\":\"t\",\"userId\":1}}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void theSampleValidatesWithoutErrors() {
        CliRun run = CliRun.execute("validate", "--config", home.resolve("config/config.yaml").toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("0 errors");
    }

    @Test
    void theSampleDocsFollowTheServicesBaseUrl() throws IOException {
        Path config = home.resolve("config/config.yaml");
        String moved = "http://127.0.0.1:" + server.getAddress().getPort() + "/moved";
        Files.writeString(config, Files.readString(config).replace("base_url: \"http://127.0.0.1:8080\"",
                "base_url: \"" + moved + "\""));

        CliRun run = CliRun.execute("run", "--once", "--config", config.toString());

        assertThat(paths).as(run.out() + run.err())
                .containsExactlyInAnyOrder("/moved/user/login", "/moved/user/profile");
    }
}
