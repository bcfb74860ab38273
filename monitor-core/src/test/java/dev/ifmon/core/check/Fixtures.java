package dev.ifmon.core.check;

import dev.ifmon.api.CheckSpec;
import dev.ifmon.api.EndpointDefinition;
import dev.ifmon.api.EndpointId;
import dev.ifmon.api.Expectation;
import dev.ifmon.api.JsonAssertion;
import dev.ifmon.api.Settings;
import dev.ifmon.api.SourceLocation;
import dev.ifmon.api.StatusRange;
import dev.ifmon.core.config.ServiceConfig;
import dev.ifmon.core.time.Sleeper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Shared builders for engine tests. */
final class Fixtures {

    /** The monitor timeout of most tests: generous, since the machine is shared. */
    static final Duration SHORT = Duration.ofSeconds(5);
    /** The timeout of tests that provoke a timeout. */
    static final Duration TINY = Duration.ofMillis(500);

    private Fixtures() {
    }

    static EndpointDefinition.Builder endpoint(String url) {
        return EndpointDefinition.builder(new EndpointId("user", "login", "用户登录"),
                new SourceLocation("user/login/login-api.json", 1)).url(url);
    }

    static ServiceConfig service(Map<String, ?> settings) {
        return new ServiceConfig("user", "用户服务", true, "", Settings.empty(),
                Settings.of("config.yaml: services[user]", settings));
    }

    static ServiceConfig service() {
        return service(Map.of());
    }

    static EngineOptions options(Map<String, ?> monitor) {
        return EngineOptions.from(Settings.of("config.yaml: monitor", monitor)).withTimeout(SHORT);
    }

    static Expectation expect(List<StatusRange> statuses, Duration max, Duration warn, List<JsonAssertion> json,
            List<String> contains, String regex, Map<String, String> headers, boolean drift, List<CheckSpec> checks) {
        return new Expectation(statuses, max, warn, json, contains, regex, headers, drift, checks);
    }

    static Expectation statuses(String... ranges) {
        return expect(java.util.Arrays.stream(ranges).map(StatusRange::parse).toList(), null, null, List.of(),
                List.of(), null, Map.of(), false, List.of());
    }

    /** A sleeper that records the waits and returns at once. */
    static final class RecordingSleeper implements Sleeper {
        final List<Duration> waits = new CopyOnWriteArrayList<>();

        @Override
        public void sleep(Duration duration) {
            waits.add(duration);
        }
    }
}
