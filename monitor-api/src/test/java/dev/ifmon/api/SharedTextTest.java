package dev.ifmon.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SharedTextTest {

    @Test
    void endpointsOfOneCatalogShareTheirShortRepeatedTexts() {
        EndpointDefinition first = definition(new String("user"), new String("application/json"));
        EndpointDefinition second = definition(new String("user"), new String("application/json"));

        assertThat(second.id().service()).isEqualTo("user").isSameAs(first.id().service());
        assertThat(second.headers().get("Accept")).isSameAs(first.headers().get("Accept"));
        assertThat(second.method()).isSameAs(first.method());
    }

    @Test
    void longTextsAreKeptAsGivenAndNullStaysNull() {
        String url = "http://127.0.0.1:1/" + "a".repeat(100);

        assertThat(SharedText.of(url)).isSameAs(url);
        assertThat(SharedText.of(null)).isNull();
    }

    private static EndpointDefinition definition(String service, String accept) {
        return EndpointDefinition.builder(new EndpointId(service, "login", "登录"), new SourceLocation("a.json", 1))
                .method(new String("POST")).url("http://127.0.0.1:1/login")
                .headers(Map.of(new String("Accept"), accept)).build();
    }
}
