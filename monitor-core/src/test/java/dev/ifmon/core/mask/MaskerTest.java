package dev.ifmon.core.mask;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MaskerTest {

    private final Masker masker = Masker.none();

    @Nested
    class TheNameRule {

        @ParameterizedTest
        @ValueSource(strings = {"appsecret", "app_secret", "appSecret", "apiSecret", "accessKey", "private_key",
                "ticket", "jwt", "ak", "sk", "auth", "auth_code", "Authorization", "Proxy-Authorization",
                "Cookie", "Set-Cookie", "X-Api-Key", "X-Token", "X-Access-Token", "Api-Key", "X-Secret", "key",
                "sign", "x-sign", "signature", "password", "passwd", "pwd", "credentials", "session_id",
                "X-Client-Key", "client_key", "clientKey", "app.key", "oauth", "authorisation", "user[password]"})
        void hidesSecretLookingNames(String name) {
            assertThat(Masker.isSensitiveName(name)).as(name).isTrue();
            assertThat(Masker.isSensitiveHeader(name)).as(name).isTrue();
            assertThat(Masker.isSensitiveField(name)).as(name).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"author", "authority", "coauthor", "keyword", "monkey", "key_id", "keyId",
                "signal", "design", "assign", "Content-Type", "username", "user_id", "page", "q", "sort",
                "bypass", "akey", ""})
        void leavesOrdinaryNames(String name) {
            assertThat(Masker.isSensitiveName(name)).as(name).isFalse();
        }
    }

    @Nested
    class QueryParameters {

        @Test
        void valuesOfSecretLookingParametersAreHidden() {
            String url = "http://127.0.0.1:1/x?appsecret=S1VALUE&app_secret=S2VALUE&accessKey=S3VALUE"
                    + "&private_key=S4VALUE&ticket=S5VALUE&jwt=S6VALUE&ak=S7VALUE&auth=S8VALUE&page=2&author=bob";

            String masked = masker.maskUrl(url);

            assertThat(masked).doesNotContain("S1VALUE", "S2VALUE", "S3VALUE", "S4VALUE", "S5VALUE", "S6VALUE",
                    "S7VALUE", "S8VALUE").contains("appsecret=******", "&ak=******", "&auth=******",
                    "page=2", "author=bob");
        }

        @Test
        void aValueEndsWhereProseGoesOn() {
            assertThat(masker.mask("errcode 93000 from http://h/hook?key=abcd1234: invalid webhook key"))
                    .isEqualTo("errcode 93000 from http://h/hook?key=******: invalid webhook key");
            assertThat(masker.mask("set it to the robot's whole URL (https://<host>/send?key=...), not just the key"))
                    .isEqualTo("set it to the robot's whole URL (https://<host>/send?key=...), not just the key");
            assertThat(masker.mask("see (http://h/a?token=abcd1234), then \"http://h/b?token=efgh5678\"."))
                    .isEqualTo("see (http://h/a?token=******), then \"http://h/b?token=******\".");
            assertThat(masker.mask("at http://h/a?token=abcd1234. Next"))
                    .isEqualTo("at http://h/a?token=******. Next");
        }

        @Test
        void aValueWithPunctuationInsideIsHiddenWhole() {
            assertThat(masker.mask("GET http://h/a?token=ab:cd:ef&x=1 failed"))
                    .isEqualTo("GET http://h/a?token=******&x=1 failed");
            assertThat(masker.mask("GET http://h/a?sign=v1.abc,def!x?y: failed"))
                    .isEqualTo("GET http://h/a?sign=******: failed");
        }

        @Test
        void aSecretInsideAnotherParametersValueIsHiddenToo() {
            assertThat(masker.mask("http://h/login?next=/a?token=abcd1234"))
                    .isEqualTo("http://h/login?next=/a?token=******");
        }
    }

    @Nested
    class Bodies {

        @Test
        void jsonFieldsWithSecretLookingNamesAreHidden() {
            String body = "{\"appSecret\":\"V1SECRET\",\"apiSecret\":\"V2SECRET\",\"private_key\":\"V3SECRET\","
                    + "\"accessKey\":\"V4SECRET\",\"auth_code\":12345678,\"author\":\"bob\",\"keyword\":\"cat\"}";

            assertThat(masker.mask(body)).isEqualTo("{\"appSecret\":\"******\",\"apiSecret\":\"******\","
                    + "\"private_key\":\"******\",\"accessKey\":\"******\",\"auth_code\":\"******\","
                    + "\"author\":\"bob\",\"keyword\":\"cat\"}");
        }

        @Test
        void aSecretNestedUnderAnOrdinaryFieldIsHidden() {
            assertThat(masker.mask("{\"data\":[{\"password\":\"V1SECRET\"}]}"))
                    .isEqualTo("{\"data\":[{\"password\":\"******\"}]}");
        }

        @Test
        void formFieldsWithSecretLookingNamesAreHidden() {
            assertThat(masker.mask("user=bob&appsecret=V1SECRET&jwt=V2SECRET"))
                    .isEqualTo("user=bob&appsecret=******&jwt=******");
        }

        @Test
        void requestValuesUnderSecretLookingNamesAreHiddenWhenEchoed() {
            Set<String> secrets = Masker.requestSecrets(Map.of("X-Ticket", "T1-ticket-value"),
                    Map.of("accessKey", "Q1-access-value"), "http://h/x?app_secret=U1-app-secret",
                    "{\"apiSecret\":\"B1-api-secret\"}");
            Masker known = Masker.of(secrets);

            String echo = "you sent T1-ticket-value Q1-access-value U1-app-secret B1-api-secret";

            assertThat(known.mask(echo)).isEqualTo("you sent ****** ****** ****** ******");
        }
    }

    @Test
    void headersUseTheSameRule() {
        Map<String, List<String>> masked = masker.maskHeaders(Map.of("X-App-Secret", List.of("v"),
                "Author", List.of("bob"), "ak", List.of("v")));

        assertThat(masked).containsEntry("X-App-Secret", List.of(Masker.MASK))
                .containsEntry("ak", List.of(Masker.MASK)).containsEntry("Author", List.of("bob"));
    }
}
