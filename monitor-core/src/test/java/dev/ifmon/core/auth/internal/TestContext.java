package dev.ifmon.core.auth.internal;

import dev.ifmon.api.AuthContext;
import dev.ifmon.api.Settings;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/** An {@link AuthContext} for calling one authenticator directly. */
record TestContext(String service, Settings settings, HttpClient httpClient, Duration timeout, Clock clock)
        implements AuthContext {

    static TestContext of(Map<String, ?> auth, HttpClient client, Duration timeout, Clock clock) {
        return new TestContext("user", Settings.of("config.yaml: services[user].auth", auth), client, timeout, clock);
    }
}
