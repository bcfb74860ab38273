package dev.ifmon.notify.wecom;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds digests for tests straight from the API records. */
final class Digests {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final Instant ROUND = Instant.parse("2026-12-04T07:00:00Z");

    private Digests() {
    }

    static Digest of(List<Alert> alerts) {
        return of(alerts, List.of(), "", List.of());
    }

    static Digest of(List<Alert> alerts, List<Problem> problems, String probeOutage, List<String> notices) {
        long failing = alerts.stream().filter(a -> a.kind() != AlertKind.RECOVERED).count();
        return new Digest("prod", OffsetDateTime.ofInstant(ROUND, SHANGHAI), SHANGHAI, 60,
                Map.of(Outcome.OK, 60 - (int) failing, Outcome.HTTP_ERROR, (int) failing), alerts, problems,
                probeOutage, notices);
    }

    static Alert alert(AlertKind kind, CheckResult result) {
        return new Alert(kind, result, ROUND.minus(Duration.ofMinutes(30)), kind == AlertKind.NEW ? 1 : 3);
    }

    static CheckResult http500(String service, String module, String name, String responseBody) {
        HttpRequestSnapshot request = new HttpRequestSnapshot("POST", "http://api.example.invalid/" + module,
                Map.of("Content-Type", List.of("application/json"), "Authorization", List.of("******")),
                "{\"username\":\"张三\",\"password\":\"******\"}");
        HttpResponseSnapshot response = new HttpResponseSnapshot(500,
                Map.of("Content-Type", List.of("text/html; charset=utf-8")), responseBody, false,
                responseBody.length(), List.of());
        return new CheckResult(new EndpointId(service, module, name), "POST", "http://api.example.invalid/"
                + module, Outcome.HTTP_ERROR, "HTTP_500", "status 500 is in the failing set", 500,
                Duration.ofMillis(1234), 3, ROUND, request, response, List.of());
    }

    static CheckResult failure(String name, Outcome outcome, String reasonCode, Integer status) {
        return new CheckResult(new EndpointId("user", "login", name), "GET", "http://api.example.invalid/x",
                outcome, reasonCode, "", status, Duration.ofMillis(10_000), 3, ROUND, null, null, List.of());
    }

    static CheckResult ok(String service, String module, String name) {
        return new CheckResult(new EndpointId(service, module, name), "GET", "http://api.example.invalid/"
                + module, Outcome.OK, "", "", 200, Duration.ofMillis(88), 1, ROUND, null, null, List.of());
    }

    /** A big outage: 60 endpoints with long Chinese names and long HTML bodies, all new. */
    static Digest outage60() {
        String[] services = {"user", "nurse", "admin"};
        String[] modules = {"login", "schedule", "patient", "system"};
        List<Alert> alerts = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String service = services[i % services.length];
            String module = modules[i % modules.length];
            String name = "护理排班与患者信息同步接口第" + i
                    + "号（含夜班交接、床位调整与医嘱核对的长名称）";
            String body = "<html><head><style>body{color:red}</style></head><body><h1>服务器内部错误</h1><p>"
                    + "数据库连接池耗尽，请稍后重试。".repeat(40) + "</p></body></html>";
            alerts.add(alert(AlertKind.NEW, http500(service, module, name, body)));
        }
        return of(alerts);
    }

    /** A small digest of every kind: new, reminder, ongoing, recovered, a problem and a notice. */
    static Digest sample() {
        List<Alert> alerts = List.of(
                alert(AlertKind.NEW, http500("user", "login", "用户登录",
                        "<html><body><h1>500 Internal Server Error</h1><p>NullPointerException at "
                                + "UserService.login</p></body></html>")),
                alert(AlertKind.NEW, withId(failure("查询订单", Outcome.TIMEOUT, "TIMEOUT", null),
                        "user", "order")),
                alert(AlertKind.REMINDER, withId(failure("护士排班", Outcome.HTTP_ERROR, "HTTP_503", 503),
                        "nurse", "schedule")),
                alert(AlertKind.ONGOING, withId(failure("病人列表", Outcome.NETWORK_ERROR, "REFUSED", null),
                        "nurse", "patient")),
                new Alert(AlertKind.RECOVERED, ok("admin", "system", "系统状态"),
                        ROUND.minus(Duration.ofHours(2)), 8));
        return of(alerts, List.of(Problem.warning("Interface-pool/admin/user/list.yaml", "unknown key 'metod'",
                "did you mean 'method'?")), "", List.of("配置文件无效，正在使用上一次有效的配置"));
    }

    static CheckResult withId(CheckResult result, String service, String module) {
        return new CheckResult(new EndpointId(service, module, result.id().name()), result.method(),
                "http://api.example.invalid/" + service + "/" + module, result.outcome(), result.reasonCode(),
                result.reason(), result.status(), result.latency(), result.attempts(), result.checkedAt(),
                result.request(), result.response(), result.warnings());
    }
}
