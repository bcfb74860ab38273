package dev.ifmon.core.alert;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import dev.ifmon.api.Alert;
import dev.ifmon.api.AlertKind;
import dev.ifmon.api.CheckResult;
import dev.ifmon.api.Digest;
import dev.ifmon.api.Outcome;
import dev.ifmon.api.Problem;
import dev.ifmon.api.Settings;
import dev.ifmon.core.store.OutboxStore;
import dev.ifmon.core.support.LogCapture;
import dev.ifmon.core.support.MutableClock;
import dev.ifmon.core.support.Rounds;
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
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AlertEngineTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final String LOGIN = "user/login/用户登录";
    private static final Duration ROUND = Duration.ofMinutes(15);

    @TempDir
    Path data;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-04T01:00:00Z"));

    private AlertEngine engine(Map<String, Object> alerts) {
        return new AlertEngine(data, Settings.of("config.yaml: alerts", alerts), clock);
    }

    /** Runs one round, confirms the digest as a channel would, then moves the clock to the next round. */
    private Optional<Digest> round(AlertEngine engine, List<CheckResult> results) {
        Optional<Digest> digest = engine.onRound(Rounds.report(clock, results), SHANGHAI, List.of());
        digest.ifPresent(engine::confirmDelivered);
        clock.advance(ROUND);
        return digest;
    }

    private CheckResult resultOf(char code, String id) {
        return switch (code) {
            case 'F' -> Rounds.http500(id, clock);
            case 'O' -> Rounds.ok(id, clock);
            case 'N' -> Rounds.result(id, Outcome.NOT_CHECKED, "AUTH_FAILED", clock);
            case 'C' -> Rounds.result(id, Outcome.CONFIG_ERROR, "BAD_URL", clock);
            default -> throw new IllegalArgumentException("unknown code " + code);
        };
    }

    private static char letter(Optional<Digest> digest, String id) {
        if (digest.isEmpty()) {
            return '.';
        }
        return digest.get().alerts().stream().filter(alert -> alert.result().id().toString().equals(id))
                .map(alert -> switch (alert.kind()) {
                    case NEW -> 'N';
                    case REMINDER -> 'M';
                    case ONGOING -> 'G';
                    case RECOVERED -> 'R';
                }).findFirst().orElse('-');
    }

    private String run(AlertEngine engine, String rounds) {
        StringBuilder seen = new StringBuilder();
        for (char code : rounds.toCharArray()) {
            seen.append(letter(round(engine, List.of(resultOf(code, LOGIN))), LOGIN));
        }
        return seen.toString();
    }

    private static long count(List<Digest> digests, AlertKind kind) {
        return digests.stream().mapToLong(digest -> digest.alerts(kind).size()).sum();
    }

    @Nested
    class StateTransitions {

        @ParameterizedTest(name = "{0} gives {1}")
        @CsvSource({
            // rounds (F failed, O ok, N not checked, C config error) -> per round: N new, R recovered,
            // M reminder, . no digest
            "F,            N",
            "FFF,          N..",
            "FFOO,         N..R",
            "FOFOO,        N...R",
            "FNNF,         N...",
            "FCOO,         N..R",
            "FOOF,         N.RN",
            "OOOO,         ....",
            "NNNN,         ....",
            "FOFOFOFOOOOO, N.........R.",
        })
        void eachRoundAnnouncesOnlyWhatChanged(String rounds, String expected) {
            AlertEngine engine = engine(Map.of("recovery_rounds", 2, "reminder_interval", "never"));

            String seen = run(engine, rounds);

            assertThat(seen).isEqualTo(expected);
        }

        @Test
        void anOngoingFailureIsListedForContextWhenAnotherEndpointFails() {
            AlertEngine engine = engine(Map.of());
            round(engine, List.of(Rounds.http500(LOGIN, clock), Rounds.ok("order/pay/支付", clock)));

            Digest digest = round(engine, List.of(Rounds.http500(LOGIN, clock),
                    Rounds.http500("order/pay/支付", clock))).orElseThrow();

            assertThat(digest.alerts()).extracting(Alert::kind).containsExactly(AlertKind.NEW, AlertKind.ONGOING);
            assertThat(digest.alerts(AlertKind.ONGOING).get(0).failedRounds()).isEqualTo(2);
            assertThat(digest.summary()).containsEntry(Outcome.HTTP_ERROR, 2);
        }

        @Test
        void alertsAreOrderedByServiceThenModule() {
            AlertEngine engine = engine(Map.of());

            Digest digest = round(engine, List.of(Rounds.http500("user/z/a", clock),
                    Rounds.http500("auth/*/(auth)", clock), Rounds.http500("user/a/b", clock))).orElseThrow();

            assertThat(digest.alerts()).extracting(alert -> alert.result().id().toString())
                    .containsExactly("auth/*/(auth)", "user/a/b", "user/z/a");
        }

        @Test
        void aServiceWideAuthResultIsNotCountedAsAnEndpoint() {
            AlertEngine engine = engine(Map.of());

            Digest digest = round(engine, List.of(Rounds.http500("auth/*/(auth)", clock),
                    Rounds.http500("user/a/b", clock), Rounds.ok("user/a/c", clock))).orElseThrow();

            assertThat(digest.total()).isEqualTo(2);
        }

        @Test
        void theDigestCarriesTheRoundTimeInTheConfiguredZoneWithItsOffset() {
            AlertEngine engine = engine(Map.of());
            Instant started = clock.instant();

            Digest digest = round(engine, List.of(Rounds.http500(LOGIN, clock))).orElseThrow();

            assertThat(digest.zone()).isEqualTo(SHANGHAI);
            assertThat(digest.roundStartedAt().getOffset().getTotalSeconds()).isEqualTo(8 * 3600);
            assertThat(digest.roundStartedAt().toInstant()).isEqualTo(started);
            assertThat(digest.environment()).isEqualTo("dev");
        }

        @Test
        void recoveryWaitsForTheConfiguredNumberOfGoodRounds() {
            AlertEngine engine = engine(Map.of("recovery_rounds", 3));

            String seen = run(engine, "FOOOO");

            assertThat(seen).isEqualTo("N..R.");
        }

        @Test
        void aRecoveryNamesWhenTheFailureBeganAndHowLongItLasted() {
            AlertEngine engine = engine(Map.of("recovery_rounds", 1));
            Instant began = clock.instant();
            round(engine, List.of(Rounds.http500(LOGIN, clock)));
            round(engine, List.of(Rounds.http500(LOGIN, clock)));

            Alert recovered = round(engine, List.of(Rounds.ok(LOGIN, clock))).orElseThrow()
                    .alerts(AlertKind.RECOVERED).get(0);

            assertThat(recovered.failingSince()).isEqualTo(began);
            assertThat(recovered.failedRounds()).isEqualTo(2);
            assertThat(recovered.result().outcome()).isEqualTo(Outcome.OK);
        }
    }

    @Nested
    class Reminders {

        @Test
        void anOngoingFailureIsRemindedOncePerInterval() {
            AlertEngine engine = engine(Map.of("reminder_interval", "1h"));

            String seen = run(engine, "FFFFFFFFF");

            assertThat(seen).isEqualTo("N...M...M");
        }

        @Test
        void theTimelineInTheDocsHolds() {
            AlertEngine engine = engine(Map.of());

            String seen = run(engine, "OFFOFFOO");

            assertThat(seen).isEqualTo(".N...M.R");
        }

        @Test
        void neverTurnsRemindersOff() {
            AlertEngine engine = engine(Map.of("reminder_interval", "never"));

            String seen = run(engine, "F".repeat(30));

            assertThat(seen).isEqualTo("N" + ".".repeat(29));
        }

        @Test
        void theReminderClockStartsWhenAChannelConfirms() {
            AlertEngine engine = engine(Map.of("reminder_interval", "1h"));
            Digest first = engine.onRound(Rounds.report(clock, List.of(Rounds.http500(LOGIN, clock))), SHANGHAI,
                    List.of()).orElseThrow();
            new OutboxStore(data).put(new OutboxStore.Entry(1, "wecom", OutboxStore.keyOf(first), clock.instant(),
                    0, "", first));
            clock.advance(Duration.ofMinutes(30));
            engine.confirmDelivered(first);

            String seen = run(engine, "FFFFFF");

            assertThat(seen).isEqualTo("....M.");
        }
    }

    @Nested
    class Flapping {

        @Test
        void flappingOverEightRoundsGivesOneAlertAndOneRecovery() {
            AlertEngine engine = engine(Map.of());
            List<Digest> digests = new ArrayList<>();

            for (char code : "FOFOFOFO".toCharArray()) {
                round(engine, List.of(resultOf(code, LOGIN))).ifPresent(digests::add);
            }
            List<Digest> duringFlapping = List.copyOf(digests);
            IntStream.range(0, 6).forEach(i -> round(engine, List.of(Rounds.ok(LOGIN, clock)))
                    .ifPresent(digests::add));

            assertThat(count(duringFlapping, AlertKind.NEW)).isEqualTo(1);
            assertThat(count(duringFlapping, AlertKind.RECOVERED)).isZero();
            assertThat(count(digests, AlertKind.NEW)).isEqualTo(1);
            assertThat(count(digests, AlertKind.RECOVERED)).isEqualTo(1);
        }

        @Test
        void withDampingOffEveryConfirmedRecoveryIsAnnounced() {
            AlertEngine engine = engine(Map.of("recovery_rounds", 1, "flap_threshold", 0));

            String seen = run(engine, "FOFOFO");

            assertThat(seen).isEqualTo("NRNRNR");
        }
    }

    @Nested
    class Restart {

        @Test
        void aNewEngineOnTheSameFolderRepeatsNoConfirmedAlert() {
            round(engine(Map.of()), List.of(Rounds.http500(LOGIN, clock)));

            AlertEngine restarted = engine(Map.of());
            Optional<Digest> next = round(restarted, List.of(Rounds.http500(LOGIN, clock)));

            assertThat(next).isEmpty();
            assertThat(restarted.isFailing(Rounds.ok(LOGIN, clock).id())).isTrue();
        }

        @Test
        void aPendingRecoverySurvivesARestart() {
            AlertEngine first = engine(Map.of("recovery_rounds", 2));
            round(first, List.of(Rounds.http500(LOGIN, clock)));
            round(first, List.of(Rounds.ok(LOGIN, clock)));

            Optional<Digest> next = round(engine(Map.of("recovery_rounds", 2)), List.of(Rounds.ok(LOGIN, clock)));

            assertThat(next).map(digest -> digest.alerts(AlertKind.RECOVERED).size()).contains(1);
        }

        @Test
        void anAnnouncementWaitingInTheOutboxIsNotRepeatedAfterARestart() {
            AlertEngine first = engine(Map.of());
            Digest digest = first.onRound(Rounds.report(clock, List.of(Rounds.http500(LOGIN, clock))), SHANGHAI,
                    List.of()).orElseThrow();
            new OutboxStore(data).put(new OutboxStore.Entry(1, "wecom", OutboxStore.keyOf(digest), clock.instant(),
                    1, "HTTP 503", digest));
            clock.advance(ROUND);

            Optional<Digest> next = round(engine(Map.of()), List.of(Rounds.http500(LOGIN, clock)));

            assertThat(next).isEmpty();
        }

        @Test
        void anAnnouncementNeitherConfirmedNorQueuedIsAnnouncedAgain() {
            AlertEngine first = engine(Map.of());
            first.onRound(Rounds.report(clock, List.of(Rounds.http500(LOGIN, clock))), SHANGHAI, List.of());
            clock.advance(ROUND);

            String seen = run(engine(Map.of()), "FF");

            assertThat(seen).isEqualTo("N.");
        }

        @Test
        void theDeliveryJournalConfirmsWithoutAnExplicitCall() {
            AlertEngine engine = engine(Map.of());
            Digest digest = engine.onRound(Rounds.report(clock, List.of(Rounds.http500(LOGIN, clock))), SHANGHAI,
                    List.of()).orElseThrow();
            new OutboxStore(data).recordDelivered(OutboxStore.keyOf(digest), clock.instant());
            clock.advance(ROUND);

            String seen = run(engine(Map.of()), "FF");

            assertThat(seen).isEqualTo("..");
        }

        @Test
        void aRecoveryNeitherConfirmedNorQueuedIsAnnouncedAgainOnce() {
            AlertEngine engine = engine(Map.of("recovery_rounds", 1));
            round(engine, List.of(Rounds.http500(LOGIN, clock)));
            engine.onRound(Rounds.report(clock, List.of(Rounds.ok(LOGIN, clock))), SHANGHAI, List.of());
            clock.advance(ROUND);

            String seen = run(engine(Map.of("recovery_rounds", 1)), "OOO");

            assertThat(seen).isEqualTo("R..");
        }

        @Test
        void aRecoveryWaitingInTheOutboxIsNotRepeatedAfterARestart() {
            AlertEngine engine = engine(Map.of("recovery_rounds", 1));
            round(engine, List.of(Rounds.http500(LOGIN, clock)));
            Digest recovery = engine.onRound(Rounds.report(clock, List.of(Rounds.ok(LOGIN, clock))), SHANGHAI,
                    List.of()).orElseThrow();
            new OutboxStore(data).put(new OutboxStore.Entry(1, "email", OutboxStore.keyOf(recovery),
                    clock.instant(), 1, "SMTP down", recovery));
            clock.advance(ROUND);

            String seen = run(engine(Map.of("recovery_rounds", 1)), "OO");

            assertThat(recovery.alerts(AlertKind.RECOVERED)).hasSize(1);
            assertThat(seen).isEqualTo("..");
        }

        @Test
        void aCorruptStateFileStartsFreshWithAWarningAndIsKeptAside() throws IOException {
            Files.writeString(data.resolve("alert-state.json"), "{\"version\":1,\"endpoints\":{\"x\":",
                    StandardCharsets.UTF_8);

            try (LogCapture log = new LogCapture(StateFile.class)) {
                AlertEngine engine = engine(Map.of());
                String seen = run(engine, "F");

                assertThat(seen).isEqualTo("N");
                assertThat(log.messages(Level.WARN)).singleElement().asString()
                        .contains("alert-state.json").contains("fresh state");
            }
            assertThat(data.resolve("alert-state.json.corrupt")).exists();
            assertThat(data.resolve("alert-state.json")).content(StandardCharsets.UTF_8).contains(LOGIN);
        }

        @Test
        void aTemporaryFileLeftByAKilledWriteIsIgnored() throws IOException {
            round(engine(Map.of()), List.of(Rounds.http500(LOGIN, clock)));
            Files.writeString(data.resolve(".alert-state.json123.tmp"), "{\"version\":1,\"endp",
                    StandardCharsets.UTF_8);

            String seen = run(engine(Map.of()), "F");

            assertThat(seen).isEqualTo(".");
        }

        @Test
        void theStateFileIsWrittenWithoutLeavingTemporaryFiles() throws IOException {
            AlertEngine engine = engine(Map.of());

            run(engine, "FFO");

            try (var files = Files.list(data)) {
                assertThat(files.map(path -> path.getFileName().toString())).containsExactly("alert-state.json");
            }
        }
    }

    @Nested
    class ProbeSideOutage {

        private List<CheckResult> allDns(int count) {
            return IntStream.range(0, count).mapToObj(i -> Rounds.dns("svc" + (i % 3) + "/m/接口" + i, clock))
                    .toList();
        }

        @Test
        void aRoundWhereEveryEndpointFailsWithDnsGivesOneProbeSideDigest() {
            AlertEngine engine = engine(Map.of());

            Digest digest = round(engine, allDns(20)).orElseThrow();

            assertThat(digest.probeOutage()).contains("监控主机无法访问目标").contains("20/20")
                    .contains("DNS");
            assertThat(digest.alerts()).isEmpty();
            assertThat(digest.summary()).containsEntry(Outcome.NOT_CHECKED, 20).containsEntry(Outcome.NETWORK_ERROR, 0);
        }

        @Test
        void theOutageIsAnnouncedOnceAndItsEndOnceWithoutEndpointAlerts() {
            AlertEngine engine = engine(Map.of());
            List<Digest> digests = new ArrayList<>();

            IntStream.range(0, 3).forEach(i -> round(engine, allDns(20)).ifPresent(digests::add));
            List<CheckResult> fine = allDns(20).stream().map(result -> Rounds.ok(result.id().toString(), clock))
                    .toList();
            round(engine, fine).ifPresent(digests::add);
            round(engine, fine).ifPresent(digests::add);

            assertThat(digests).hasSize(2);
            assertThat(digests.get(0).probeOutage()).isNotEmpty();
            assertThat(digests.get(1).notices()).singleElement().asString()
                    .contains("监控主机已恢复访问目标");
            assertThat(digests).allSatisfy(digest -> assertThat(digest.alerts()).isEmpty());
        }

        @Test
        void anOutageNeitherOpensNorRecoversEndpointFailures() {
            AlertEngine engine = engine(Map.of("recovery_rounds", 1));
            List<CheckResult> mixed = new ArrayList<>(allDns(19));
            mixed.add(Rounds.ok(LOGIN, clock));
            round(engine, List.of(Rounds.http500(LOGIN, clock)));

            Digest outage = round(engine, mixed).orElseThrow();

            assertThat(outage.probeOutage()).contains("19/20");
            assertThat(outage.alerts()).isEmpty();
            assertThat(engine.isFailing(Rounds.ok(LOGIN, clock).id())).isTrue();
        }

        @Test
        void fewerEndpointsThanTheMinimumAreAlertedOneByOne() {
            AlertEngine engine = engine(Map.of("probe_outage_min_endpoints", 3));

            Digest digest = round(engine, allDns(2)).orElseThrow();

            assertThat(digest.probeOutage()).isEmpty();
            assertThat(digest.alerts(AlertKind.NEW)).hasSize(2);
        }
    }

    @Nested
    class ProblemsAndNotices {

        @Test
        void aProblemMakesADigestOnlyInTheFirstRoundItAppears() {
            AlertEngine engine = engine(Map.of());
            Problem problem = Problem.error("Interface-pool/user/login/登录.json", "url is missing", "add url");
            List<Boolean> sent = new ArrayList<>();

            for (int i = 0; i < 3; i++) {
                clock.advance(ROUND);
                sent.add(engine.onRound(Rounds.report(clock, List.of(Rounds.ok(LOGIN, clock)), List.of(problem)),
                        SHANGHAI, List.of()).isPresent());
            }

            assertThat(sent).containsExactly(true, false, false);
        }

        @Test
        void aNoticeAlwaysMakesADigest() {
            AlertEngine engine = engine(Map.of());
            clock.advance(ROUND);

            Optional<Digest> digest = engine.onRound(Rounds.report(clock, List.of(Rounds.ok(LOGIN, clock))),
                    SHANGHAI, List.of("配置无效，沿用上次有效配置"));

            assertThat(digest).map(Digest::notices).contains(List.of("配置无效，沿用上次有效配置"));
        }
    }

    @Nested
    class Validation {

        @Test
        void defaultsNeedNoKeys() {
            AlertSettings settings = AlertSettings.from(Settings.empty());

            assertThat(AlertEngine.validate(Settings.empty())).isEmpty();
            assertThat(settings.reminderInterval()).contains(Duration.ofHours(1));
            assertThat(settings.recoveryRounds()).isEqualTo(2);
            assertThat(settings.outboxExpiry()).isEqualTo(Duration.ofHours(24));
        }

        @ParameterizedTest(name = "{0}: {1}")
        @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "recovery_rounds    | 0     | 'alerts.recovery_rounds' must be between 1 and 1000, but is 0",
            "reminder_interval  | soon  | 'reminder_interval' must be a duration",
            "probe_outage_ratio | 1.5   | 'alerts.probe_outage_ratio' must be a number above 0 and at most 1",
            "outbox_expiry      | 10s   | 'alerts.outbox_expiry' must be at least 1m, but is 10s",
            "retry_backoff      | x     | 'retry_backoff' must be a duration",
            "flap_window        | 100   | 'alerts.flap_window' must be between 1 and 64, but is 100",
        })
        void aBadValueIsAnErrorNamingKeyValueAndFallback(String key, String value, String message) {
            List<Problem> problems = AlertEngine.validate(Settings.of("config.yaml: alerts", Map.of(key, value)));

            assertThat(problems).singleElement().satisfies(problem -> {
                assertThat(problem.isError()).isTrue();
                assertThat(problem.source()).isEqualTo("config.yaml: alerts");
                assertThat(problem.message()).as("the source names the file once").contains(message)
                        .doesNotContain("config.yaml");
                assertThat(problem.hint()).contains("default").doesNotContain("PT");
            });
        }

        @Test
        void anUnknownKeyIsAWarningListingTheKnownOnes() {
            List<Problem> problems = AlertEngine.validate(Settings.of("config.yaml: alerts",
                    Map.of("reminder", "1h")));

            assertThat(problems).singleElement().satisfies(problem -> {
                assertThat(problem.isError()).isFalse();
                assertThat(problem.message()).contains("alerts.reminder");
                assertThat(problem.hint()).contains("reminder_interval");
            });
        }
    }
}
