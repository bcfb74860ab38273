package dev.ifmon.notify.wecom.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ifmon.api.CheckResult;
import dev.ifmon.api.EndpointId;
import dev.ifmon.api.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChineseReasonsTest {

    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @CsvSource(nullValues = "null", value = {
        "HTTP_ERROR, HTTP_500, 500, 服务器内部错误 (500)",
        "HTTP_ERROR, HTTP_404, 404, 接口不存在 (404)",
        "HTTP_ERROR, HTTP_503, 503, 服务不可用 (503)",
        "HTTP_ERROR, HTTP_502, 502, 网关错误 (502)",
        "HTTP_ERROR, HTTP_507, 507, 服务器错误 (507)",
        "HTTP_ERROR, HTTP_418, 418, HTTP 状态异常 (418)",
        "HTTP_ERROR, BODY_CORRUPT, 200, 响应内容损坏 (无法按 Content-Encoding 解压)",
        "TIMEOUT, TIMEOUT, null, 请求超时",
        "TIMEOUT, CONNECT_TIMEOUT, null, 连接超时",
        "NETWORK_ERROR, DNS, null, 域名解析失败",
        "NETWORK_ERROR, REFUSED, null, 连接被拒绝",
        "NETWORK_ERROR, RESET, null, 连接被重置",
        "NETWORK_ERROR, OTHER, null, 网络错误",
        "TLS_ERROR, CERT_UNTRUSTED, null, 证书错误",
        "TLS_ERROR, CERT_EXPIRED, null, 证书已过期",
        "TLS_ERROR, TLS_HOSTNAME, null, 证书错误",
        "TLS_ERROR, TLS_PLAINTEXT, null, 'TLS 握手失败 (对方不是 HTTPS, 可能是明文 HTTP 端口)'",
        "TLS_ERROR, TLS, null, TLS 握手失败",
        "AUTH_ERROR, HTTP_401, 401, 认证失败",
        "ASSERTION_FAILED, ASSERTION, 200, 断言失败",
        "NOT_CHECKED, PROBE_OUTAGE, null, 未检查"})
    void namesTheReasonInChinese(Outcome outcome, String reasonCode, Integer status, String expected) {
        CheckResult result = new CheckResult(new EndpointId("s", "m", "n"), "GET", "http://h.invalid/", outcome,
                reasonCode, "", status, Duration.ZERO, 1, Instant.EPOCH, null, null, List.of());

        assertThat(ChineseReasons.of(result)).isEqualTo(expected);
    }
}
