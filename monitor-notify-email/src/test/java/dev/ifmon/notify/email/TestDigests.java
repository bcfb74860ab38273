package dev.ifmon.notify.email;

import dev.ifmon.api.Alert;
import dev.ifmon.api.AlertKind;
import dev.ifmon.api.CheckResult;
import dev.ifmon.api.Digest;
import dev.ifmon.api.EndpointId;
import dev.ifmon.api.HttpRequestSnapshot;
import dev.ifmon.api.HttpResponseSnapshot;
import dev.ifmon.api.Outcome;
import dev.ifmon.api.Problem;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/** Digests built from the API records, with Chinese names and a response that tries to break the HTML. */
final class TestDigests {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final Instant ROUND = Instant.parse("2026-12-04T07:00:00Z");
    static final String MASKED_AUTHORIZATION = "Bearer ******";
    static final String HOSTILE_BODY = "<html><script>alert('x')</script>服务器内部错误 & <b>堆栈</b></html>";

    private TestDigests() {
    }

    /** @return a round with a new 500, an ongoing DNS failure, a recovery, a problem and a notice */
    static Digest mixed() {
        return digest(List.of(
                new Alert(AlertKind.RECOVERED, ok("user", "login", "用户登录"), ROUND.minusSeconds(3600), 0),
                new Alert(AlertKind.ONGOING, dnsFailure("nurse", "shift", "排班查询"), ROUND.minusSeconds(1800), 2),
                new Alert(AlertKind.NEW, http500("order", "pay", "订单支付"), ROUND, 1)));
    }

    /**
     * @param alerts the alerts
     * @return a digest for the prod environment, in Shanghai time
     */
    static Digest digest(List<Alert> alerts) {
        return new Digest("prod", OffsetDateTime.ofInstant(ROUND, ZoneOffset.UTC), SHANGHAI, 60,
                Map.of(Outcome.OK, 57, Outcome.HTTP_ERROR, 1, Outcome.NETWORK_ERROR, 1),
                alerts,
                List.of(Problem.error("Interface-pool/order/pay/退款.json", "'method' is missing",
                        "add method: POST")),
                "",
                List.of("配置已更新"));
    }

    /** @return a digest whose only alert is a new 500 in the order service */
    static Digest newFailure() {
        return digest(List.of(new Alert(AlertKind.NEW, http500("order", "pay", "订单支付"), ROUND, 1)));
    }

    /**
     * @param service the service
     * @param module the module
     * @param name the endpoint
     * @return a 500 with a masked request and a hostile response body
     */
    static CheckResult http500(String service, String module, String name) {
        String url = "https://api.example.test/" + service + "/" + module;
        HttpRequestSnapshot request = new HttpRequestSnapshot("POST", url,
                Map.of("Authorization", List.of(MASKED_AUTHORIZATION), "Content-Type", List.of("application/json")),
                "{\"订单号\":\"A-1001\",\"password\":\"******\"}");
        HttpResponseSnapshot response = new HttpResponseSnapshot(500, Map.of("Content-Type", List.of("text/html")),
                HOSTILE_BODY, false, HOSTILE_BODY.length(), List.of());
        return new CheckResult(new EndpointId(service, module, name), "POST", url, Outcome.HTTP_ERROR, "HTTP_500",
                "", 500, Duration.ofMillis(231), 3, ROUND, request, response, List.of());
    }

    static CheckResult dnsFailure(String service, String module, String name) {
        String url = "https://no-such-host.invalid/" + service;
        HttpRequestSnapshot request = new HttpRequestSnapshot("GET", url, Map.of(), "");
        return new CheckResult(new EndpointId(service, module, name), "GET", url, Outcome.NETWORK_ERROR, "DNS",
                "", null, Duration.ofMillis(12), 3, ROUND, request, null, List.of());
    }

    static CheckResult ok(String service, String module, String name) {
        return new CheckResult(new EndpointId(service, module, name), "GET", "https://api.example.test/" + service,
                Outcome.OK, "", "", 200, Duration.ofMillis(40), 1, ROUND, null, null, List.of());
    }
}
