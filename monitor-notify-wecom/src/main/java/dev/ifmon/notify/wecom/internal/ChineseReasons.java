package dev.ifmon.notify.wecom.internal;

import dev.ifmon.api.CheckResult;
import java.util.Locale;
import java.util.Map;

/**
 * Names why an endpoint failed in Chinese, from its outcome, reason code and status. Stateless and
 * thread-safe.
 */
public final class ChineseReasons {

    private static final Map<Integer, String> STATUS = Map.ofEntries(
            Map.entry(400, "请求参数错误"),
            Map.entry(401, "未授权"),
            Map.entry(403, "禁止访问"),
            Map.entry(404, "接口不存在"),
            Map.entry(405, "请求方法不被允许"),
            Map.entry(408, "请求超时"),
            Map.entry(429, "请求过于频繁"),
            Map.entry(500, "服务器内部错误"),
            Map.entry(502, "网关错误"),
            Map.entry(503, "服务不可用"),
            Map.entry(504, "网关超时"));

    private ChineseReasons() {
    }

    /**
     * @param result a check result
     * @return e.g. {@code 服务器内部错误 (500)}, {@code 请求超时}, {@code 域名解析失败}
     */
    public static String of(CheckResult result) {
        String code = result.reasonCode().toUpperCase(Locale.ROOT);
        return switch (result.outcome()) {
            case OK -> "正常";
            case DEGRADED -> "响应变慢";
            case HTTP_ERROR -> code.equals("BODY_CORRUPT") ? "响应内容损坏 (无法按 Content-Encoding 解压)"
                    : http(result.status());
            case TIMEOUT -> code.contains("CONNECT") ? "连接超时" : "请求超时";
            case NETWORK_ERROR -> network(code);
            case TLS_ERROR -> tls(code);
            case AUTH_ERROR -> code.contains("TOKEN") ? "认证失败 (获取或使用令牌失败)" : "认证失败";
            case ASSERTION_FAILED -> "断言失败";
            case CONFIG_ERROR -> "配置错误";
            case NOT_CHECKED -> "未检查";
        };
    }

    private static String http(Integer status) {
        if (status == null) {
            return "HTTP 状态异常";
        }
        String name = STATUS.get(status);
        if (name == null) {
            name = status >= 500 ? "服务器错误" : "HTTP 状态异常";
        }
        return name + " (" + status + ")";
    }

    private static String tls(String code) {
        if (code.contains("EXPIRED")) {
            return "证书已过期";
        }
        if (code.contains("PLAINTEXT")) {
            return "TLS 握手失败 (对方不是 HTTPS, 可能是明文 HTTP 端口)";
        }
        return code.equals("TLS") ? "TLS 握手失败" : "证书错误";
    }

    private static String network(String code) {
        if (code.contains("DNS") || code.contains("UNKNOWN_HOST")) {
            return "域名解析失败";
        }
        if (code.contains("REFUSED")) {
            return "连接被拒绝";
        }
        if (code.contains("RESET")) {
            return "连接被重置";
        }
        return "网络错误";
    }
}
