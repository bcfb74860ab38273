package dev.ifmon.core.auth.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReplyShapeTest {

    @Nested
    class Describe {

        @ParameterizedTest(name = "{1} -> {2}")
        @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
                application/json | {"code":0,"data":{"user":{"id":1}}} | {"code":<number>,"data":{"user":<object>}}
                application/json | {"t":null,"ok":true,"list":[1,2]} | {"t":null,"ok":<boolean>,"list":<array of 2>}
                application/json | [{"a":1}] | <array of 1>
                application/json | {"data":{}} | {"data":{}}
                text/html | <!DOCTYPE html><html></html> | an HTML page of 28 bytes
                `` | <html>登录</html> | an HTML page of 19 bytes
                application/xml | <r/> | an XML document of 4 bytes
                application/json | {"broken": | malformed JSON of 10 bytes
                text/plain | 密码错误 | non-JSON text of 12 bytes (content type text/plain)
                application/json | `` | an empty body
                """)
        void showsKindAndKeysButNoValue(String contentType, String body, String shape) {
            assertThat(ReplyShape.describe(contentType, body)).isEqualTo(shape);
        }

        @Test
        void cutsLongObjectsShort() {
            StringBuilder json = new StringBuilder("{");
            for (int i = 0; i < 15; i++) {
                json.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i);
            }

            String shape = ReplyShape.describe("application/json", json.append('}').toString());

            assertThat(shape).startsWith("{\"k0\":<number>,").endsWith("\"k11\":<number>,... 3 more}");
        }
    }

    @Nested
    class JwtExpiry {

        private String jwt(String claims) {
            Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
            return encoder.encodeToString("{}".getBytes(StandardCharsets.UTF_8)) + "."
                    + encoder.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".sig";
        }

        @Test
        void readsTheExpClaim() {
            assertThat(Jwt.expiry(jwt("{\"exp\":1767225600}"))).contains(Instant.ofEpochSecond(1767225600));
        }

        @Test
        void anOpaqueTokenOrAJwtWithoutExpHasNoExpiry() {
            assertThat(Jwt.expiry("opaque-token-value")).isEmpty();
            assertThat(Jwt.expiry("a.b.c")).isEmpty();
            assertThat(Jwt.expiry(jwt("{\"sub\":\"ops\"}"))).isEmpty();
        }
    }
}
