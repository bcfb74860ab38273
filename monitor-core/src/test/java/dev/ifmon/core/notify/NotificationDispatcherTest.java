package dev.ifmon.core.notify;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import dev.ifmon.api.AlertKind;
import dev.ifmon.api.DeliveryResult;
import dev.ifmon.api.Digest;
import dev.ifmon.api.Settings;
import dev.ifmon.core.alert.AlertEngine;
import dev.ifmon.core.store.OutboxStore;
import dev.ifmon.core.support.LogCapture;
import dev.ifmon.core.support.MutableClock;
import dev.ifmon.core.support.RecordingNotifier;
import dev.ifmon.core.support.RecordingNotifier.Mode;
import dev.ifmon.core.support.Rounds;
import dev.ifmon.core.time.Sleeper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotificationDispatcherTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final String LOGIN = "user/login/用户登录";

    @TempDir
    Path data;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-04T01:00:00Z"));
    private final List<Duration> pauses = new CopyOnWriteArrayList<>();
    private final RecordingNotifier wecom = new RecordingNotifier("wecom");
    private final RecordingNotifier email = new RecordingNotifier("email");

    private NotificationDispatcher dispatcher(Map<String, Object> alerts) {
        return new NotificationDispatcher(data, List.of(
                new NotificationDispatcher.Channel(wecom, Settings.of("config.yaml: wechat",
                        Map.of("webhook_url", "http://127.0.0.1:1/send?key=SECRETKEY123"))),
                new NotificationDispatcher.Channel(email, Settings.of("config.yaml: email",
                        Map.of("smtp", Map.of("password", "SECRETPASS"))))),
                Settings.of("config.yaml: alerts", alerts), clock, pauses::add);
    }

    private Digest digest() {
        AlertEngine engine = new AlertEngine(data.resolve("engine-" + clock.millis()), Settings.empty(), clock);
        Digest digest = engine.onRound(Rounds.report(clock, List.of(Rounds.http500(LOGIN, clock))), SHANGHAI,
                List.of()).orElseThrow();
        clock.advance(Duration.ofMinutes(15));
        return digest;
    }

    private List<Path> outboxFiles() throws IOException {
        Path outbox = data.resolve("outbox");
        if (!Files.exists(outbox)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(outbox)) {
            return files.filter(Files::isRegularFile)
                    .filter(path -> !path.getFileName().toString().equals(OutboxStore.JOURNAL)).toList();
        }
    }

    @Nested
    class Delivery {

        @Test
        void aDigestReachesEveryChannelAndLeavesTheOutboxEmpty() throws IOException {
            Digest digest = digest();

            try (NotificationDispatcher dispatcher = dispatcher(Map.of())) {
                DispatchSummary summary = dispatcher.dispatch(digest);

                assertThat(summary.allDelivered()).isTrue();
                assertThat(summary.delivered()).containsExactly(digest);
                assertThat(summary.channels()).extracting(DispatchSummary.ChannelSummary::delivered)
                        .containsExactly(1, 1);
            }
            assertThat(wecom.received()).containsExactly(digest);
            assertThat(email.received()).containsExactly(digest);
            assertThat(outboxFiles()).isEmpty();
            assertThat(new OutboxStore(data).delivered()).containsKey(OutboxStore.keyOf(digest));
        }

        @Test
        void aRetryableAnswerIsRetriedWithBackOffWithinTheCall() {
            wecom.script(DeliveryResult.retryable("HTTP 502"), DeliveryResult.retryable("errcode -1 busy"));

            try (NotificationDispatcher dispatcher = dispatcher(Map.of("retry_backoff", "2s"))) {
                DispatchSummary summary = dispatcher.dispatch(digest());

                assertThat(summary.allDelivered()).isTrue();
            }
            assertThat(wecom.calls()).isEqualTo(3);
            assertThat(pauses).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(4));
        }

        @Test
        void theChannelsRetryAfterIsHonoured() {
            wecom.script(new DeliveryResult(DeliveryResult.Status.RETRYABLE, "errcode 45009", Duration.ofSeconds(7)));

            try (NotificationDispatcher dispatcher = dispatcher(Map.of())) {
                dispatcher.dispatch(digest());
            }

            assertThat(pauses).containsExactly(Duration.ofSeconds(7));
            assertThat(wecom.received()).hasSize(1);
        }

        @Test
        void waitingStopsAtTheRetryBudget() {
            wecom.mode(Mode.DOWN);

            try (NotificationDispatcher dispatcher = dispatcher(Map.of("retry_attempts", 10,
                    "retry_backoff", "4s", "retry_budget", "10s"))) {
                DispatchSummary summary = dispatcher.dispatch(digest());

                assertThat(summary.channels().get(0).pending()).isEqualTo(1);
            }
            assertThat(pauses).containsExactly(Duration.ofSeconds(4));
            assertThat(wecom.calls()).isEqualTo(2);
        }

        @Test
        void aPermanentRejectionIsLoggedWithItsHintAndNotRetried() throws IOException {
            wecom.mode(Mode.REJECTS);

            try (LogCapture log = new LogCapture(NotificationDispatcher.class);
                    NotificationDispatcher dispatcher = dispatcher(Map.of())) {
                DispatchSummary summary = dispatcher.dispatch(digest());

                assertThat(summary.allDelivered()).isFalse();
                assertThat(summary.channels().get(0).failed()).isEqualTo(1);
                assertThat(summary.describe()).contains("wecom: 0 delivered, 0 pending, 1 failed")
                        .contains("paste the whole URL");
                assertThat(log.messages(Level.ERROR)).singleElement().asString()
                        .contains("channel=wecom").contains("errcode 93000").contains("paste the whole URL");
            }
            assertThat(wecom.calls()).isEqualTo(1);
            assertThat(outboxFiles()).isEmpty();
        }

        @Test
        void aChannelsAnswerThatQuotesItsOwnSecretIsMaskedInTheSummaryAndTheOutbox() throws IOException {
            wecom.script(DeliveryResult.retryable("POST http://127.0.0.1:1/send?key=SECRETKEY123 said errcode -1"));

            DispatchSummary summary;
            try (NotificationDispatcher dispatcher = dispatcher(Map.of("retry_attempts", 1))) {
                summary = dispatcher.dispatch(digest());
            }

            assertThat(summary.channels().getFirst().details()).singleElement().asString()
                    .contains("errcode -1").doesNotContain("SECRETKEY123");
            assertThat(outboxFiles()).isNotEmpty();
            for (Path file : outboxFiles()) {
                assertThat(Files.readString(file, StandardCharsets.UTF_8)).doesNotContain("SECRETKEY123");
            }
        }

        @Test
        void aDisabledChannelIsSkippedAndReportedAsNotConfigured() throws IOException {
            NotificationDispatcher.Channel off = new NotificationDispatcher.Channel(email,
                    Settings.of("config.yaml: email", Map.of("enabled", false)));

            try (NotificationDispatcher dispatcher = new NotificationDispatcher(data, List.of(
                    new NotificationDispatcher.Channel(wecom, Settings.of("wechat", Map.of("on", true))), off),
                    Settings.empty(), clock, pauses::add)) {
                DispatchSummary summary = dispatcher.dispatch(digest());

                assertThat(summary.allDelivered()).isTrue();
                assertThat(summary.describe()).contains("email: not configured");
            }
            assertThat(email.calls()).isZero();
            assertThat(outboxFiles()).isEmpty();
        }

        @Test
        void withNoEnabledChannelTheDigestCountsAsHandledSoItIsNotAnnouncedAgain() throws IOException {
            NotificationDispatcher.Channel off = new NotificationDispatcher.Channel(email,
                    Settings.of("config.yaml: email", Map.of("enabled", false)));
            Digest digest = digest();

            try (NotificationDispatcher dispatcher = new NotificationDispatcher(data, List.of(off), Settings.empty(),
                    clock, pauses::add)) {
                DispatchSummary summary = dispatcher.dispatch(digest);

                assertThat(summary.delivered()).containsExactly(digest);
                assertThat(summary.allDelivered()).isTrue();
            }
            assertThat(outboxFiles()).isEmpty();
        }

        @Test
        void withAnEnabledChannelThatIsDownTheDigestIsNotHandled() {
            wecom.mode(RecordingNotifier.Mode.DOWN);

            try (NotificationDispatcher dispatcher = new NotificationDispatcher(data, List.of(
                    new NotificationDispatcher.Channel(wecom, Settings.of("wechat", Map.of("on", true)))),
                    Settings.empty(), clock, pauses::add)) {
                DispatchSummary summary = dispatcher.dispatch(digest());

                assertThat(summary.delivered()).isEmpty();
                assertThat(summary.allDelivered()).isFalse();
            }
        }
    }

    @Nested
    class Outbox {

        @Test
        void aChannelDownThenUpGetsTheDigestExactlyOnce() throws IOException {
            wecom.mode(Mode.DOWN);
            Digest digest = digest();

            try (NotificationDispatcher dispatcher = dispatcher(Map.of())) {
                DispatchSummary down = dispatcher.dispatch(digest);
                assertThat(down.allDelivered()).isFalse();
                assertThat(down.channels().get(0).pending()).isEqualTo(1);
                assertThat(outboxFiles()).singleElement().asString().contains("wecom");

                wecom.mode(Mode.UP);
                DispatchSummary up = dispatcher.retryOutbox();
                DispatchSummary again = dispatcher.retryOutbox();

                assertThat(up.allDelivered()).isTrue();
                assertThat(up.delivered()).containsExactly(digest);
                assertThat(again.delivered()).isEmpty();
            }
            assertThat(wecom.received()).containsExactly(digest);
            assertThat(email.received()).containsExactly(digest);
            assertThat(outboxFiles()).isEmpty();
        }

        @Test
        void dispatchingADigestAlreadyWaitingKeepsItsAgeAndAttempts() {
            wecom.mode(Mode.DOWN);
            Digest digest = digest();
            try (NotificationDispatcher dispatcher = dispatcher(Map.of())) {
                dispatcher.dispatch(digest);
                clock.advance(Duration.ofHours(1));
                dispatcher.dispatch(digest);
            }

            List<OutboxStore.Entry> waiting = new OutboxStore(data).list("wecom");

            assertThat(waiting).singleElement().satisfies(entry -> {
                assertThat(entry.attempts()).isEqualTo(6);
                assertThat(entry.createdAt()).isEqualTo(Instant.parse("2026-12-04T01:15:00Z"));
            });
        }

        @Test
        void aDigestTheOutboxCannotHoldIsStillDeliveredAndTheErrorNamesTheFile() throws IOException {
            Files.writeString(data.resolve("outbox"), "a file where the outbox folder should be");
            Digest digest = digest();

            try (LogCapture log = new LogCapture(NotificationDispatcher.class);
                    NotificationDispatcher dispatcher = dispatcher(Map.of())) {
                DispatchSummary summary = dispatcher.dispatch(digest);

                assertThat(summary.allDelivered()).isTrue();
                assertThat(summary.delivered()).containsExactly(digest);
                assertThat(log.messages(Level.ERROR)).anySatisfy(line -> assertThat(line)
                        .contains("cannot write the outbox", data.resolve("outbox").toString(),
                                "tried now from memory"));
            }
            assertThat(wecom.received()).containsExactly(digest);
            assertThat(email.received()).containsExactly(digest);
        }

        @Test
        void aDigestThatCanNeitherBeDeliveredNorKeptIsCountedFailedWithOneError() throws IOException {
            Files.writeString(data.resolve("outbox"), "a file where the outbox folder should be");
            wecom.mode(Mode.DOWN);

            try (LogCapture log = new LogCapture(NotificationDispatcher.class);
                    NotificationDispatcher dispatcher = dispatcher(Map.of("retry_attempts", 1))) {
                DispatchSummary.ChannelSummary channel = dispatcher.dispatch(digest()).channels().get(0);

                assertThat(channel.pending()).isZero();
                assertThat(channel.failed()).isEqualTo(1);
                assertThat(log.messages(Level.ERROR)).anySatisfy(line -> assertThat(line).contains("channel=wecom",
                        "cannot keep it for the next round", "lost"));
            }
        }

        @Test
        void theOutboxSurvivesARestartOfTheDispatcher() {
            wecom.mode(Mode.DOWN);
            Digest digest = digest();
            try (NotificationDispatcher dispatcher = dispatcher(Map.of())) {
                dispatcher.dispatch(digest);
            }

            wecom.mode(Mode.UP);
            try (NotificationDispatcher restarted = dispatcher(Map.of())) {
                DispatchSummary summary = restarted.retryOutbox();

                assertThat(summary.channels().get(0).delivered()).isEqualTo(1);
            }
            assertThat(wecom.received()).singleElement().isEqualTo(digest);
            assertThat(wecom.received().get(0).alerts(AlertKind.NEW).get(0).result().response().body())
                    .isEqualTo("{\"msg\":\"服务器内部错误\"}");
        }

        @Test
        void messagesForOneChannelArriveInRoundOrder() {
            wecom.mode(Mode.DOWN);
            Digest first = digest();
            Digest second = digest();
            try (NotificationDispatcher dispatcher = dispatcher(Map.of())) {
                dispatcher.dispatch(first);
                dispatcher.dispatch(second);

                wecom.mode(Mode.UP);
                dispatcher.retryOutbox();
            }

            assertThat(wecom.received()).containsExactly(first, second);
        }

        @Test
        void anExpiredMessageIsDroppedWithAnError() throws IOException {
            wecom.mode(Mode.DOWN);
            try (LogCapture log = new LogCapture(NotificationDispatcher.class);
                    NotificationDispatcher dispatcher = dispatcher(Map.of("outbox_expiry", "24h"))) {
                dispatcher.dispatch(digest());
                clock.advance(Duration.ofHours(25));

                DispatchSummary summary = dispatcher.retryOutbox();

                assertThat(summary.channels().get(0).expired()).isEqualTo(1);
                assertThat(summary.allDelivered()).isFalse();
                assertThat(log.messages(Level.ERROR)).singleElement().asString()
                        .contains("channel=wecom").contains("expired after 24h");
            }
            assertThat(outboxFiles()).isEmpty();
        }

        @Test
        void aChannelNoLongerConfiguredKeepsItsMessagesUntilTheyExpire() {
            wecom.mode(Mode.DOWN);
            try (NotificationDispatcher dispatcher = dispatcher(Map.of())) {
                dispatcher.dispatch(digest());
            }

            try (NotificationDispatcher onlyEmail = new NotificationDispatcher(data, List.of(
                    new NotificationDispatcher.Channel(email, Settings.of("email", Map.of("on", true)))),
                    Settings.empty(), clock, pauses::add)) {
                DispatchSummary summary = onlyEmail.retryOutbox();

                assertThat(summary.channels()).extracting(DispatchSummary.ChannelSummary::channel)
                        .containsExactly("email", "wecom");
                assertThat(summary.channels().get(1).pending()).isEqualTo(1);
                assertThat(summary.describe()).contains("not configured; 1 message(s) kept");
            }
        }

        @Test
        void anUnreadableOutboxFileIsMovedAsideWithAWarning() throws IOException {
            Path broken = data.resolve("outbox/wecom/20261204T010000000Z.json");
            Files.createDirectories(broken.getParent());
            Files.writeString(broken, "{\"digest\":", StandardCharsets.UTF_8);

            try (LogCapture log = new LogCapture(OutboxStore.class);
                    NotificationDispatcher dispatcher = dispatcher(Map.of())) {
                DispatchSummary summary = dispatcher.retryOutbox();

                assertThat(summary.allDelivered()).isTrue();
                assertThat(log.messages(Level.WARN)).singleElement().asString().contains("moved aside");
            }
            assertThat(broken.resolveSibling("20261204T010000000Z.json.corrupt")).exists();
        }

        @Test
        void theEngineDoesNotRepeatAnAnnouncementStillInTheOutbox() {
            AlertEngine engine = new AlertEngine(data, Settings.empty(), clock);
            wecom.mode(Mode.DOWN);
            email.mode(Mode.DOWN);
            List<Digest> sent = new ArrayList<>();
            try (NotificationDispatcher dispatcher = dispatcher(Map.of())) {
                for (int round = 0; round < 3; round++) {
                    engine.onRound(Rounds.report(clock, List.of(Rounds.http500(LOGIN, clock))), SHANGHAI, List.of())
                            .ifPresent(digest -> {
                                sent.add(digest);
                                dispatcher.dispatch(digest);
                            });
                    clock.advance(Duration.ofMinutes(15));
                }
                wecom.mode(Mode.UP);
                email.mode(Mode.UP);
                dispatcher.retryOutbox();
            }

            assertThat(sent).hasSize(1);
            assertThat(wecom.received()).containsExactlyElementsOf(sent);
            assertThat(engine.onRound(Rounds.report(clock, List.of(Rounds.http500(LOGIN, clock))), SHANGHAI,
                    List.of())).isEmpty();
        }
    }

    @Nested
    class Isolation {

        @Test
        void aThrowingChannelDoesNotBlockAnotherAndIsWarnedAboutOnce() {
            wecom.mode(Mode.THROWS);
            Digest digest = digest();

            try (LogCapture log = new LogCapture(NotificationDispatcher.class);
                    NotificationDispatcher dispatcher = dispatcher(Map.of())) {
                DispatchSummary summary = dispatcher.dispatch(digest);

                assertThat(summary.channels().get(0).pending()).isEqualTo(1);
                assertThat(summary.channels().get(1).delivered()).isEqualTo(1);
                assertThat(log.messages(Level.WARN)).filteredOn(line -> line.contains("treating it as retryable"))
                        .singleElement().asString().contains("channel=wecom")
                        .contains(RecordingNotifier.class.getName()).doesNotContain("SECRETKEY123");
                assertThat(log.messages(Level.WARN)).noneMatch(line -> line.contains("SECRETKEY123"));
                assertThat(summary.describe()).doesNotContain("SECRETKEY123");
            }
            assertThat(email.received()).containsExactly(digest);
            assertThat(wecom.calls()).isEqualTo(3);
        }

        @Test
        void aChannelWaitingToRetryDoesNotDelayAnother() {
            wecom.mode(Mode.DOWN);
            List<Boolean> otherDeliveredDuringPause = new CopyOnWriteArrayList<>();
            Sleeper waitForEmail = pause -> otherDeliveredDuringPause.add(within(Duration.ofSeconds(5),
                    () -> !email.received().isEmpty()));

            try (NotificationDispatcher dispatcher = new NotificationDispatcher(data, List.of(
                    new NotificationDispatcher.Channel(wecom, Settings.of("wechat", Map.of("on", true))),
                    new NotificationDispatcher.Channel(email, Settings.of("email", Map.of("on", true)))),
                    Settings.empty(), clock, waitForEmail)) {
                DispatchSummary summary = dispatcher.dispatch(digest());

                assertThat(summary.channels().get(1).delivered()).isEqualTo(1);
            }
            assertThat(otherDeliveredDuringPause).isNotEmpty().containsOnly(true);
        }

        private static boolean within(Duration limit, BooleanSupplier condition) throws InterruptedException {
            long deadline = System.nanoTime() + limit.toNanos();
            while (!condition.getAsBoolean()) {
                if (System.nanoTime() > deadline) {
                    return false;
                }
                Thread.sleep(5);
            }
            return true;
        }
    }

    @Nested
    class TestMessages {

        @Test
        void aTestMessageGoesThroughEveryEnabledChannelWithoutTheOutbox() throws IOException {
            email.mode(Mode.REJECTS);

            try (NotificationDispatcher dispatcher = dispatcher(Map.of())) {
                Map<String, DeliveryResult> results = dispatcher.sendTest("ifmon 测试消息");

                assertThat(results).containsOnlyKeys("wecom", "email");
                assertThat(results.get("wecom").status()).isEqualTo(DeliveryResult.Status.DELIVERED);
                assertThat(results.get("email").detail()).contains("93000");
            }
            assertThat(outboxFiles()).isEmpty();
        }
    }
}
