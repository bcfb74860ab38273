package dev.ifmon.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.sun.net.httpserver.HttpServer;
import dev.ifmon.api.DeliveryResult;
import dev.ifmon.core.ChannelDelivery.State;
import ch.qos.logback.classic.Level;
import dev.ifmon.core.round.RoundRunner;
import dev.ifmon.core.support.LogCapture;
import dev.ifmon.core.support.RecordingNotifier;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link RoundOutcome#deliveries()}: what a round did on each notification channel, from a real round. */
class MonitorDeliveriesTest {

    @TempDir
    Path folder;

    private HttpServer server;
    private final RecordingNotifier up = new RecordingNotifier("up");
    private final RecordingNotifier down = new RecordingNotifier("down");
    private final RecordingNotifier spare = new RecordingNotifier("spare");

    @BeforeEach
    void startAnApiWhoseOnlyEndpointFails() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        server.start();
        Path module = Files.createDirectories(folder.resolve("Interface-pool/admin/system"));
        Files.writeString(module.resolve("health.yaml"), "name: 健康检查\nmethod: GET\nurl: /health\n",
                StandardCharsets.UTF_8);
    }

    @AfterEach
    void stopTheApi() {
        server.stop(0);
    }

    private Monitor monitor() throws IOException {
        Path config = Files.writeString(folder.resolve("config.yaml"), """
                monitor:
                  timeout: 5
                interface_docs:
                  root_path: "./Interface-pool"
                alerts:
                  retry_attempts: 1
                services:
                  - name: admin
                    base_url: "http://127.0.0.1:%d/admin"
                up:
                  webhook_url: "http://127.0.0.1:1/send?key=SECRETKEY123"
                down:
                  webhook_url: "http://127.0.0.1:1/send?key=OTHERSECRET9"
                """.formatted(server.getAddress().getPort()), StandardCharsets.UTF_8);
        return Monitor.builder().config(config).dataDirectory(folder.resolve("data")).discoverPlugins(false)
                .addNotifier(up).addNotifier(down).addNotifier(spare).sleeper(duration -> { }).build();
    }

    @Test
    void theRoundLogsOneWarnPerFailingEndpointWithItsOutcome() throws IOException {
        try (LogCapture log = new LogCapture(RoundRunner.class); Monitor monitor = monitor()) {
            monitor.runOnce();

            assertThat(log.messages(Level.WARN)).singleElement().asString()
                    .startsWith("endpoint=admin/system/健康检查 failed outcome=HTTP_ERROR status=500")
                    .contains("request=\"GET http://127.0.0.1:" + server.getAddress().getPort() + "/admin/health\"");
        }
    }

    @Nested
    class ARoundWithANewAlert {

        @Test
        void reportsEveryLoadedChannelInLoadOrder() throws IOException {
            down.mode(RecordingNotifier.Mode.DOWN);

            List<ChannelDelivery> deliveries;
            try (Monitor monitor = monitor()) {
                deliveries = monitor.runOnce().deliveries();
            }

            assertThat(deliveries).extracting(ChannelDelivery::channel, ChannelDelivery::state)
                    .containsExactly(tuple("up", State.SENT),
                            tuple("down", State.FAILED),
                            tuple("spare", State.OFF));
            assertThat(deliveries.get(0).delivered()).isEqualTo(1);
            assertThat(deliveries.get(1).pending()).isEqualTo(1);
            assertThat(deliveries.get(1).detail()).isEqualTo("HTTP 503 from the channel");
            assertThat(deliveries.get(2).detail()).isEqualTo("not configured");
        }

        @Test
        void aFailureReasonThatQuotesTheChannelsSecretIsMasked() throws IOException {
            down.script(DeliveryResult.failed("http://127.0.0.1:1/send?key=OTHERSECRET9 answered errcode 93000"));

            ChannelDelivery failed;
            try (Monitor monitor = monitor()) {
                failed = monitor.runOnce().deliveries().get(1);
            }

            assertThat(failed.state()).isEqualTo(State.FAILED);
            assertThat(failed.failed()).isEqualTo(1);
            assertThat(failed.detail()).contains("errcode 93000").doesNotContain("OTHERSECRET9");
        }
    }

    @Test
    void aChannelWithNothingNewToSayIsIdleInTheNextRound() throws IOException {
        RoundOutcome second;
        try (Monitor monitor = monitor()) {
            monitor.runOnce();
            second = monitor.runOnce();
        }

        assertThat(second.deliveries().getFirst()).isEqualTo(new ChannelDelivery("up", State.IDLE, 0, 0, 0, ""));
        assertThat(second.notificationsPending()).isFalse();
    }

    @Test
    void theOlderConstructorStillWorksAndHasNoDeliveries() throws IOException {
        RoundOutcome round;
        try (Monitor monitor = monitor()) {
            round = monitor.runOnce();
        }

        RoundOutcome old = new RoundOutcome(round.report(), true, List.of("up: 0 delivered, 1 pending, 0 failed"));

        assertThat(old.deliveries()).isEmpty();
        assertThat(old.deliveryNotes()).containsExactly("up: 0 delivered, 1 pending, 0 failed");
    }
}
