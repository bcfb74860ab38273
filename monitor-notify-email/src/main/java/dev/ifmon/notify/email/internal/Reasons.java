package dev.ifmon.notify.email.internal;

import dev.ifmon.api.CheckResult;
import java.util.Map;

/**
 * Chinese words for failure reasons, used when the core left a result's reason empty. Stateless and
 * thread-safe.
 */
final class Reasons {

    private static final Map<Integer, String> STATUS_TEXT = Map.of(
            400, "请求参数错误",
            401, "未授权",
            403, "禁止访问",
            404, "接口不存在",
            500, "服务器内部错误",
            502, "网关错误",
            503, "服务不可用",
            504, "网关超时");

    private static final Map<String, String> CODE_TEXT = Map.of(
            "DNS", "域名解析失败",
            "REFUSED", "连接被拒绝",
            "RESET", "连接被重置",
            "TIMEOUT", "请求超时",
            "TLS", "TLS 握手失败",
            "TOKEN_REJECTED", "令牌被拒绝");

    private Reasons() {
    }

    /**
     * @param result a result without a reason text
     * @return its reason in Chinese, from the reason code, the status or the outcome
     */
    static String describe(CheckResult result) {
        if (!result.isFailure()) {
            return result.status() == null ? "正常" : "正常 (" + result.status() + ")";
        }
        String byCode = CODE_TEXT.get(result.reasonCode());
        if (byCode != null) {
            return byCode;
        }
        if (result.status() != null) {
            return STATUS_TEXT.getOrDefault(result.status(), "状态码异常") + " (" + result.status() + ")";
        }
        return switch (result.outcome()) {
            case TIMEOUT -> "请求超时";
            case NETWORK_ERROR -> "网络错误";
            case TLS_ERROR -> "TLS 握手失败";
            case AUTH_ERROR -> "认证失败";
            case ASSERTION_FAILED -> "响应校验失败";
            case OK, DEGRADED -> "正常";
            case CONFIG_ERROR -> "配置错误";
            case NOT_CHECKED -> "未检查";
            case HTTP_ERROR -> "状态码异常";
        };
    }
}
