package dev.ifmon.core.check;

import static dev.ifmon.core.check.Fixtures.endpoint;
import static dev.ifmon.core.check.Fixtures.expect;
import static dev.ifmon.core.check.Fixtures.options;
import static dev.ifmon.core.check.Fixtures.service;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ifmon.api.AuthMode;
import dev.ifmon.api.AuthenticationException;
import dev.ifmon.api.Check;
import dev.ifmon.api.CheckResult;
import dev.ifmon.api.CheckSpec;
import dev.ifmon.api.Credential;
import dev.ifmon.api.EndpointDefinition;
import dev.ifmon.api.Exchange;
import dev.ifmon.api.Expectation;
import dev.ifmon.api.JsonAssertion;
import dev.ifmon.api.JsonAssertion.Operator;
import dev.ifmon.api.Outcome;
import dev.ifmon.api.Settings;
import dev.ifmon.api.Verdict;
import dev.ifmon.core.auth.ServiceCredentials;
import dev.ifmon.core.catalog.EndpointDocParser;
import dev.ifmon.core.config.tree.TreeReader;
import dev.ifmon.core.mask.Masker;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(30)
class AuthAndChecksTest {

    private static final String BODY = "{\"code\":200,\"msg\":\"成功\",\"data\":{\"token\":\"abc\",\"userId\":42,"
            + "\"roles\":[\"nurse\",\"admin\"],\"vip\":false,\"nick\":null}}";

    private final Fixtures.RecordingSleeper sleeper = new Fixtures.RecordingSleeper();
    private Loopback server;
    private EndpointChecker checker;

    @BeforeEach
    void start() throws IOException {
        server = new Loopback();
        server.answer("/json", 200, "application/json; charset=UTF-8", BODY);
        checker = new EndpointChecker(options(Map.of()), Map.of("always-fails", new FailingCheck(),
                "throws", new ThrowingCheck(), "warns", new WarningCheck()), Clock.systemUTC(), sleeper);
    }

    @AfterEach
    void stop() {
        checker.close();
        server.close();
    }

    /** Hands out numbered tokens and counts fetches, as a real token service would. */
    private static final class CountingCredentials implements ServiceCredentials {
        final AtomicInteger fetches = new AtomicInteger(1);
        private volatile Credential current = token(1);

        static Credential token(int n) {
            return Credential.header("Authorization", "Bearer secret-token-" + n);
        }

        @Override
        public Optional<Credential> current() {
            return Optional.of(current);
        }

        @Override
        public Optional<Credential> renewAfterRejection(Credential rejected) {
            current = token(fetches.incrementAndGet());
            return Optional.of(current);
        }
    }

    private CheckResult check(EndpointDefinition endpoint) {
        return checker.check(endpoint, service(), ServiceCredentials.NONE, Masker.none());
    }

    private static Expectation json(JsonAssertion... assertions) {
        return expect(List.of(), null, null, List.of(assertions), List.of(), null, Map.of(), false, List.of());
    }

    @Nested
    class Authentication {

        @Test
        void theCredentialIsSentAndARejectedOneIsRenewedOnce() {
            server.on("/secure", (exchange, call) -> Loopback.respond(exchange,
                    "Bearer secret-token-2".equals(exchange.getRequestHeaders().getFirst("Authorization")) ? 200 : 401,
                    null, "ok"));
            CountingCredentials credentials = new CountingCredentials();

            CheckResult result = checker.check(endpoint(server.url("/secure")).build(), service(), credentials,
                    Masker.none());

            assertThat(result.outcome()).isEqualTo(Outcome.OK);
            assertThat(credentials.fetches.get()).isEqualTo(2);
        }

        @Test
        void aRejectionThatPersistsIsTokenRejectedAndTheTokenIsMasked() {
            server.answer("/secure", 401, "application/json", "{\"error\":\"bad token secret-token-2\"}");
            CountingCredentials credentials = new CountingCredentials();

            CheckResult result = checker.check(endpoint(server.url("/secure")).build(), service(), credentials,
                    Masker.none());

            assertThat(result.outcome()).isEqualTo(Outcome.AUTH_ERROR);
            assertThat(result.reasonCode()).isEqualTo("TOKEN_REJECTED");
            assertThat(result.reason()).contains("token rejected");
            assertThat(result.request().headers().get("Authorization")).containsExactly(Masker.MASK);
            assertThat(result.response().body()).doesNotContain("secret-token-2");
            assertThat(result.toString()).doesNotContain("secret-token");
        }

        @Test
        void aCredentialThatCannotBeHadIsAnAuthErrorWithItsMessage() {
            ServiceCredentials broken = new ServiceCredentials() {
                @Override
                public Optional<Credential> current() {
                    throw new AuthenticationException("token API answered 500 at /token");
                }

                @Override
                public Optional<Credential> renewAfterRejection(Credential rejected) {
                    return Optional.empty();
                }
            };

            CheckResult result = checker.check(endpoint(server.url("/json")).build(), service(), broken,
                    Masker.none());

            assertThat(result.outcome()).isEqualTo(Outcome.AUTH_ERROR);
            assertThat(result.reason()).isEqualTo("token API answered 500 at /token");
            assertThat(server.calls("/json")).isZero();
        }

        @Test
        void anAuthenticatorThatBreaksIsAnAuthErrorNotACrash() {
            ServiceCredentials broken = new ServiceCredentials() {
                @Override
                public Optional<Credential> current() {
                    throw new IllegalStateException("plug-in bug");
                }

                @Override
                public Optional<Credential> renewAfterRejection(Credential rejected) {
                    return Optional.empty();
                }
            };

            CheckResult result = checker.check(endpoint(server.url("/json")).build(), service(), broken,
                    Masker.none());

            assertThat(result.outcome()).isEqualTo(Outcome.AUTH_ERROR);
            assertThat(result.reason()).contains("IllegalStateException").contains("plug-in bug");
        }

        @Test
        void anEndpointWithAuthNoneSendsNoCredential() {
            server.on("/public", (exchange, call) -> Loopback.respond(exchange,
                    exchange.getRequestHeaders().containsKey("Authorization") ? 400 : 200, null, "ok"));

            CheckResult result = checker.check(endpoint(server.url("/public")).auth(AuthMode.NONE)
                    .expect(Fixtures.statuses("200")).build(), service(), new CountingCredentials(), Masker.none());

            assertThat(result.outcome()).isEqualTo(Outcome.OK);
        }
    }

    @Nested
    class JsonAssertions {

        @ParameterizedTest(name = "{0} {1} {2} holds: {3}")
        @CsvSource(delimiter = '|', value = {
            "/code         | EQUALS | 200     | true",
            "/code         | EQUALS | 201     | false",
            "/msg          | EQUALS | 成功    | true",
            "/data/token   | EXISTS |         | true",
            "/data/missing | EXISTS |         | false",
            "/data/nick    | EXISTS |         | true",
            "/data/userId  | TYPE   | number  | true",
            "/data/userId  | TYPE   | string  | false",
            "/data/roles   | TYPE   | array   | true",
            "/data/vip     | TYPE   | boolean | true",
            "/data/userId  | TYPE   | integer | true",
            "/data/token   | TYPE   | integer | false",
            "/data/token   | REGEX  | ^[a-z]+$ | true",
            "/data/token   | REGEX  | ^\\d+$  | false",
            "/data/roles   | LENGTH | 2       | true",
            "/data/roles   | LENGTH | 3-5     | false",
            "/msg          | LENGTH | 1-2     | true",
        })
        void assertionsByPointer(String pointer, Operator operator, String expected, boolean holds) {
            Object operand = operator == Operator.EQUALS && expected.matches("\\d+") ? Integer.valueOf(expected)
                    : expected;

            CheckResult result = check(endpoint(server.url("/json"))
                    .expect(json(new JsonAssertion(pointer, operator, operand))).build());

            assertThat(result.outcome()).isEqualTo(holds ? Outcome.OK : Outcome.ASSERTION_FAILED);
            if (!holds) {
                assertThat(result.reasonCode()).isEqualTo("ASSERTION");
                assertThat(result.reason()).contains(pointer);
            }
        }

        @ParameterizedTest(name = "{0} gives {1}")
        @CsvSource(delimiter = '|', value = {
            "path    | /whole   | OK",
            "pointer | /whole   | OK",
            "pointer | /decimal | ASSERTION_FAILED",
            "path    | /text    | ASSERTION_FAILED",
            "pointer | /written | ASSERTION_FAILED",
        })
        void typeIntegerWrittenInADocWithPathOrPointerHoldsForWholeNumbersOnly(String key, String pointer,
                Outcome outcome) {
            server.answer("/numbers", 200, "application/json",
                    "{\"whole\": 42, \"decimal\": 4.2, \"text\": \"42\", \"written\": 42.0}");
            String doc = "name: n\nurl: " + server.url("/numbers") + "\nexpect:\n  json:\n    - {" + key + ": "
                    + pointer + ", type: integer}\n";
            EndpointDocParser.Parsed parsed = EndpointDocParser.parse(TreeReader.parse(doc, TreeReader.Format.YAML,
                    "n.yaml").root(), "s", "m", "n.yaml", "n");
            assertThat(parsed.problems()).isEmpty();

            CheckResult result = check(parsed.endpoints().get(0));

            assertThat(result.outcome()).isEqualTo(outcome);
            if (outcome != Outcome.OK) {
                assertThat(result.reason()).contains(pointer + " is of type", "expected integer");
            }
        }

        @Test
        void aBodyThatIsNotJsonFailsTheAssertions() {
            server.answer("/html", 200, "text/html", "<html>登录</html>");

            CheckResult result = check(endpoint(server.url("/html"))
                    .expect(json(new JsonAssertion("/code", Operator.EXISTS, null))).build());

            assertThat(result.outcome()).isEqualTo(Outcome.ASSERTION_FAILED);
            assertThat(result.reason()).contains("not JSON");
        }
    }

    @Nested
    class BodyHeaderAndLatency {

        @Test
        void bodyContainsRegexAndHeaderMatchesPassOrFailWithEveryReason() {
            Expectation pass = expect(List.of(), null, null, List.of(), List.of("成功"), "\"userId\":\\d+",
                    Map.of("content-type", "json"), false, List.of());
            Expectation fail = expect(List.of(), null, null, List.of(), List.of("失败"), "\"userId\":\"",
                    Map.of("X-Version", "v2"), false, List.of());

            CheckResult passed = check(endpoint(server.url("/json")).expect(pass).build());
            CheckResult failed = check(endpoint(server.url("/json")).expect(fail).build());

            assertThat(passed.outcome()).isEqualTo(Outcome.OK);
            assertThat(failed.outcome()).isEqualTo(Outcome.ASSERTION_FAILED);
            assertThat(failed.reason()).contains("失败").contains("userId").contains("X-Version is missing");
        }

        @Test
        void aSlowAnswerFailsAboveMaxLatencyAndIsDegradedAboveWarnLatency() {
            server.on("/slow", (exchange, call) -> {
                EndpointCheckerTest.sleepQuietly(120);
                Loopback.respond(exchange, 200, null, "ok");
            });

            CheckResult failed = check(endpoint(server.url("/slow")).expect(expect(List.of(), Duration.ofMillis(50),
                    null, List.of(), List.of(), null, Map.of(), false, List.of())).build());
            CheckResult degraded = check(endpoint(server.url("/slow")).expect(expect(List.of(), null,
                    Duration.ofMillis(50), List.of(), List.of(), null, Map.of(), false, List.of())).build());

            assertThat(failed.outcome()).isEqualTo(Outcome.ASSERTION_FAILED);
            assertThat(failed.reasonCode()).isEqualTo("LATENCY");
            assertThat(degraded.outcome()).isEqualTo(Outcome.DEGRADED);
            assertThat(degraded.reasonCode()).isEqualTo("SLOW");
        }

        @Test
        void anInvalidRegexIsAConfigurationError() {
            CheckResult result = check(endpoint(server.url("/json")).expect(expect(List.of(), null, null, List.of(),
                    List.of(), "([unclosed", Map.of(), false, List.of())).build());

            assertThat(result.outcome()).isEqualTo(Outcome.CONFIG_ERROR);
            assertThat(result.reasonCode()).isEqualTo("INVALID_REGEX");
        }
    }

    @Nested
    class Drift {

        @Test
        void addedMissingAndRetypedFieldsDegradeTheEndpoint() {
            String example = "{\"code\":200,\"msg\":\"string\",\"data\":{\"token\":\"string\",\"userId\":\"string\","
                    + "\"expires\":\"number\",\"roles\":[\"string\"],\"vip\":\"boolean\",\"nick\":\"string\"}}";
            EndpointDefinition endpoint = endpoint(server.url("/json")).exampleResponse(example)
                    .expect(expect(List.of(), null, null, List.of(), List.of(), null, Map.of(), true, List.of()))
                    .build();

            CheckResult result = check(endpoint);

            assertThat(result.outcome()).isEqualTo(Outcome.DEGRADED);
            assertThat(result.reasonCode()).isEqualTo("DRIFT");
            assertThat(result.warnings()).containsExactlyInAnyOrder(
                    "drift: type of /data/userId changed from string to number",
                    "drift: missing field /data/expires");
        }

        @Test
        void aMatchingShapeIsOk() {
            String example = "{\"code\":0,\"msg\":\"\",\"data\":{\"token\":\"\",\"userId\":1,\"roles\":[],"
                    + "\"vip\":true,\"nick\":\"x\"}}";

            CheckResult result = check(endpoint(server.url("/json")).exampleResponse(example).expect(expect(List.of(),
                    null, null, List.of(), List.of(), null, Map.of(), true, List.of())).build());

            assertThat(result.outcome()).isEqualTo(Outcome.OK);
        }
    }

    @Nested
    class PluginChecks {

        private CheckResult withCheck(String type) {
            return check(endpoint(server.url("/json")).expect(expect(List.of(), null, null, List.of(), List.of(),
                    null, Map.of(), false, List.of(new CheckSpec(type, Settings.of("doc", Map.of("limit", 3))))))
                    .build());
        }

        @Test
        void aFailingVerdictFailsTheEndpointNamingTheCheck() {
            CheckResult result = withCheck("always-fails");

            assertThat(result.outcome()).isEqualTo(Outcome.ASSERTION_FAILED);
            assertThat(result.reason()).isEqualTo("check 'always-fails': limit 3 exceeded");
        }

        @Test
        void aThrowingPluginIsACheckErrorNamingThePlugin() {
            CheckResult result = withCheck("throws");

            assertThat(result.outcome()).isEqualTo(Outcome.ASSERTION_FAILED);
            assertThat(result.reasonCode()).isEqualTo("CHECK_ERROR");
            assertThat(result.reason()).contains("'throws'").contains("plug-in bug");
        }

        @Test
        void aWarningPluginDegradesTheEndpoint() {
            assertThat(withCheck("warns").outcome()).isEqualTo(Outcome.DEGRADED);
        }

        @Test
        void anUnknownTypeIsAConfigurationError() {
            CheckResult result = withCheck("json-schema");

            assertThat(result.outcome()).isEqualTo(Outcome.CONFIG_ERROR);
            assertThat(result.reasonCode()).isEqualTo("UNKNOWN_CHECK");
            assertThat(result.reason()).contains("json-schema");
        }
    }

    private static final class FailingCheck implements Check {
        @Override
        public String type() {
            return "always-fails";
        }

        @Override
        public Verdict evaluate(Exchange exchange, Settings settings) {
            return Verdict.fail("limit " + settings.integer("limit", 0) + " exceeded");
        }
    }

    private static final class ThrowingCheck implements Check {
        @Override
        public String type() {
            return "throws";
        }

        @Override
        public Verdict evaluate(Exchange exchange, Settings settings) {
            throw new IllegalStateException("plug-in bug");
        }
    }

    private static final class WarningCheck implements Check {
        @Override
        public String type() {
            return "warns";
        }

        @Override
        public Verdict evaluate(Exchange exchange, Settings settings) {
            return Verdict.warn("response looks odd");
        }
    }
}
