package dev.ifmon.notify.email.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ifmon.api.Alert;
import dev.ifmon.api.AlertKind;
import dev.ifmon.api.CheckResult;
import dev.ifmon.api.Digest;
import dev.ifmon.api.EndpointId;
import dev.ifmon.api.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DigestViewTest {

    private static final Instant ROUND = Instant.parse("2026-12-04T07:00:00Z");

    private static CheckResult result(String service, String module, Outcome outcome, String code, Integer status) {
        return new CheckResult(new EndpointId(service, module, service + "-" + module), "GET",
                "https://api.example.test/" + service, outcome, code, "", status, Duration.ofMillis(5), 1, ROUND,
                null, null, List.of());
    }

    private static Digest digest(List<Alert> alerts, String probeOutage) {
        return new Digest("", OffsetDateTime.parse("2026-12-04T07:00:00Z"), ZoneId.of("Asia/Shanghai"), 10, Map.of(),
                alerts, List.of(), probeOutage, List.of());
    }

    private static Alert alert(AlertKind kind, String service, String module) {
        return new Alert(kind, result(service, module, Outcome.HTTP_ERROR, "HTTP_500", 500), ROUND, 1);
    }

    @Nested
    class Ordering {

        @Test
        void failuresComeBeforeRecoveriesAndNewBeforeOngoingWithinAModule() {
            Digest digest = digest(List.of(
                    alert(AlertKind.RECOVERED, "user", "login"),
                    alert(AlertKind.ONGOING, "order", "pay"),
                    alert(AlertKind.NEW, "nurse", "shift"),
                    alert(AlertKind.NEW, "order", "pay")), "");

            DigestView view = DigestView.of(digest);

            assertThat(view.failing().keySet()).containsExactly("nurse", "order");
            assertThat(view.failing().get("order").get("pay")).extracting(Alert::kind)
                    .containsExactly(AlertKind.NEW, AlertKind.ONGOING);
            assertThat(view.recovered().keySet()).containsExactly("user");
            assertThat(view.services()).containsExactly("nurse", "order", "user");
        }
    }

    @Nested
    class ServiceAuthentication {

        private final CheckResult tokenFailure = new CheckResult(EndpointId.serviceAuth("user"), "POST",
                "https://api.example.test/token", Outcome.AUTH_ERROR, "AUTH_FAILED", "token API answered 401", null,
                Duration.ofMillis(5), 1, ROUND, null, null, List.of());
        private final DigestView view = DigestView.of(digest(List.of(new Alert(AlertKind.NEW, tokenFailure, ROUND,
                1)), ""));

        @Test
        void readsAsTheServicesAuthenticationNotAsModuleStar() {
            assertThat(DigestView.where("user", EndpointId.SERVICE_MODULE)).isEqualTo("user / 认证 (token API)");
            assertThat(DigestView.name(tokenFailure.id())).isEqualTo("获取令牌");
            assertThat(view.subject())
                    .isEqualTo("接口监控：新增故障 1 · user/获取令牌 token API answered 401");
        }

        @Test
        void bothMailPartsShowItThatWay() {
            String text = new PlainTextRenderer(UnaryOperator.identity(), 200).render(view);
            String html = new HtmlRenderer(UnaryOperator.identity(), 200).render(view);

            assertThat(text).contains("[user / 认证 (token API)]", "获取令牌").doesNotContain("/ *", "(auth)");
            assertThat(html).contains("user / 认证 (token API)", "获取令牌").doesNotContain("/ *", "(auth)");
        }

        @Test
        void anEndpointNamedLikeItInARealModuleIsLeftAlone() {
            EndpointId real = new EndpointId("user", "login", EndpointId.AUTH_NAME);

            assertThat(DigestView.name(real)).isEqualTo("(auth)");
            assertThat(DigestView.where("user", "login")).isEqualTo("user / login");
        }
    }

    @Nested
    class Subject {

        @Test
        void aProbeOutageSaysTheMonitorCannotReachItsTargets() {
            DigestView view = DigestView.of(digest(List.of(), "域名解析失败：60 个接口中 60 个"));

            assertThat(view.subject())
                    .isEqualTo("监控机无法访问目标：域名解析失败：60 个接口中 60 个");
        }

        @Test
        void onlyRecoveriesAreCounted() {
            DigestView view = DigestView.of(digest(List.of(alert(AlertKind.RECOVERED, "user", "login")), ""));

            assertThat(view.subject()).isEqualTo("接口监控：已恢复 1");
        }

        @Test
        void aDigestWithNothingListedIsANotice() {
            assertThat(DigestView.of(digest(List.of(), "")).subject()).isEqualTo("接口监控通知");
        }
    }

    @Nested
    class Reasons {

        @ParameterizedTest(name = "{0} {1} {2} reads {3}")
        @CsvSource(nullValues = "null", textBlock = """
                HTTP_ERROR,    HTTP_500, 500,  服务器内部错误 (500)
                HTTP_ERROR,    HTTP_404, 404,  接口不存在 (404)
                HTTP_ERROR,    HTTP_503, 503,  服务不可用 (503)
                HTTP_ERROR,    HTTP_418, 418,  状态码异常 (418)
                TIMEOUT,       TIMEOUT,  null, 请求超时
                NETWORK_ERROR, DNS,      null, 域名解析失败
                NETWORK_ERROR, REFUSED,  null, 连接被拒绝
                TLS_ERROR,     '',       null, TLS 握手失败
                """)
        void anEmptyReasonIsDescribedInChineseFromCodeStatusOrOutcome(Outcome outcome, String code, Integer status,
                String expected) {
            assertThat(DigestView.reason(result("s", "m", outcome, code, status))).isEqualTo(expected);
        }

        @Test
        void theCoresReasonIsKeptWhenGiven() {
            CheckResult given = new CheckResult(new EndpointId("s", "m", "n"), "GET", "https://api.example.test",
                    Outcome.ASSERTION_FAILED, "ASSERTION", "code 应为 0，实际为 1001", 200, Duration.ZERO, 1,
                    ROUND,
                    null, null, List.of());

            assertThat(DigestView.reason(given)).isEqualTo("code 应为 0，实际为 1001");
        }
    }

    @Nested
    class Times {

        @Test
        void areShownInTheDigestZoneWithOffset() {
            DigestView view = DigestView.of(digest(List.of(), ""));

            assertThat(view.roundTime()).isEqualTo("2026-12-04 15:00:00 +08:00 (Asia/Shanghai)");
            assertThat(view.time(ROUND.plusSeconds(61))).isEqualTo("2026-12-04 15:01:01 +08:00");
        }

        @Test
        void aRecoveryTellsHowLongTheFailureLasted() {
            CheckResult ok = result("user", "login", Outcome.OK, "", 200);
            Alert recovered = new Alert(AlertKind.RECOVERED, ok, ROUND.minusSeconds(5400), 0);

            DigestView view = DigestView.of(digest(List.of(recovered), ""));

            assertThat(view.failingText(recovered))
                    .isEqualTo("2026-12-04 13:30:00 +08:00 起，持续 1 小时 30 分钟");
            assertThat(DigestView.reason(ok)).isEqualTo("正常 (200)");
        }
    }
}
