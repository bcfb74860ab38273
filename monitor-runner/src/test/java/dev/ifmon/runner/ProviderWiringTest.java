package dev.ifmon.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ifmon.api.Authenticator;
import dev.ifmon.api.EndpointSource;
import dev.ifmon.api.Notifier;
import dev.ifmon.core.plugin.PluginInfo;
import dev.ifmon.core.plugin.PluginLoader;
import dev.ifmon.core.plugin.PluginRegistry;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** Every provider the modules declare in META-INF/services exists, constructs, and has its type. */
class ProviderWiringTest {

    @Test
    void everyDeclaredProviderLoadsWithoutProblems() {
        PluginRegistry registry = PluginLoader.discover(PluginRegistry.builder(), null,
                getClass().getClassLoader()).build();

        assertThat(registry.problems()).isEmpty();
        assertThat(registry.loaded()).extracting(PluginInfo::origin).containsOnly("built-in");
    }

    @Test
    void theBuiltInSourceAuthenticatorsAndNotifiersAreDeclared() {
        assertThat(ServiceLoader.load(EndpointSource.class).stream().map(p -> p.get().type()))
                .containsExactly("directory");
        assertThat(ServiceLoader.load(Authenticator.class).stream().map(p -> p.get().type()))
                .containsExactlyInAnyOrder("token", "bearer", "header", "basic", "oauth2-client-credentials");
        assertThat(ServiceLoader.load(Notifier.class).stream().map(p -> p.get().configKey()))
                .containsExactlyInAnyOrder("wechat", "email");
    }
}
