package dev.ifmon.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * Writes N endpoint docs in the brief's JSON format into a tree of services and modules, and a
 * {@code config.yaml} for them, with a fixed, known mix of behaviours.
 *
 * <p>The mix, by endpoint index {@code i}: {@code i % 50 == 7} answers 500 (2%), {@code i % 100 == 13}
 * 404 (1%), {@code i % 100 == 29} 503 (1%), {@code i % 500 == 101} hangs past the timeout (0.2%), the rest
 * 200 after the latency. 500 endpoints per service, 10 modules per service.
 */
public final class CatalogGenerator {

    /** What a generated endpoint does. */
    public enum Behaviour {
        /** 200 after the latency. */
        OK,
        /** 500 after the latency. */
        HTTP_500,
        /** 404 after the latency. */
        HTTP_404,
        /** 503 after the latency. */
        HTTP_503,
        /** Never answers within the timeout. */
        HANG
    }

    private static final int ENDPOINTS_PER_SERVICE = 500;
    private static final int MODULES_PER_SERVICE = 10;

    private CatalogGenerator() {
    }

    /**
     * @param index an endpoint index
     * @return what that endpoint does
     */
    public static Behaviour behaviour(int index) {
        if (index % 50 == 7) {
            return Behaviour.HTTP_500;
        }
        if (index % 100 == 13) {
            return Behaviour.HTTP_404;
        }
        if (index % 100 == 29) {
            return Behaviour.HTTP_503;
        }
        if (index % 500 == 101) {
            return Behaviour.HANG;
        }
        return Behaviour.OK;
    }

    /**
     * @param count how many endpoints
     * @return how many of them behave each way
     */
    public static Map<Behaviour, Integer> profile(int count) {
        Map<Behaviour, Integer> profile = new EnumMap<>(Behaviour.class);
        for (Behaviour behaviour : Behaviour.values()) {
            profile.put(behaviour, 0);
        }
        for (int i = 0; i < count; i++) {
            profile.merge(behaviour(i), 1, Integer::sum);
        }
        return profile;
    }

    /**
     * Writes the catalog and config.
     *
     * @param root the folder to write into
     * @param count how many endpoints
     * @param concurrency {@code monitor.concurrency}
     * @param port the target server's port
     * @return the config file
     * @throws IOException when writing fails
     */
    public static Path write(Path root, int count, int concurrency, int port) throws IOException {
        String base = "http://127.0.0.1:" + port;
        int services = (count + ENDPOINTS_PER_SERVICE - 1) / ENDPOINTS_PER_SERVICE;
        StringBuilder config = new StringBuilder("""
                monitor:
                  interval: 15
                  timeout: 2
                  concurrency: %d
                  retries: 0
                  enabled: true
                  data_dir: ./data
                wechat:
                  webhook_url: ""
                  mentioned_list: []
                interface_docs:
                  root_path: "./Interface-pool"
                services:
                """.formatted(concurrency));
        for (int s = 0; s < services; s++) {
            config.append("  - name: svc").append(s).append('\n')
                    .append("    description: 基准服务 ").append(s).append('\n')
                    .append("    enabled: true\n")
                    .append("    token_api: \"").append(base).append("/token/svc").append(s).append("\"\n");
        }
        Files.createDirectories(root);
        Path configFile = root.resolve("config.yaml");
        Files.writeString(configFile, config, StandardCharsets.UTF_8);
        for (int i = 0; i < count; i++) {
            writeDoc(root, base, i);
        }
        return configFile;
    }

    /**
     * @param index an endpoint index
     * @return its service name
     */
    public static String service(int index) {
        return "svc" + index / ENDPOINTS_PER_SERVICE;
    }

    /**
     * @param base the target's base URL
     * @param index an endpoint index
     * @return the URL the endpoint's doc names
     */
    public static String url(String base, int index) {
        String kind = switch (behaviour(index)) {
            case OK -> "ok";
            case HTTP_500 -> "500";
            case HTTP_404 -> "404";
            case HTTP_503 -> "503";
            case HANG -> "hang";
        };
        return base + "/" + kind + "/" + service(index) + "/m" + module(index) + "/e" + index;
    }

    private static int module(int index) {
        return index % ENDPOINTS_PER_SERVICE % MODULES_PER_SERVICE;
    }

    private static void writeDoc(Path root, String base, int index) throws IOException {
        Path folder = root.resolve("Interface-pool").resolve(service(index)).resolve("m" + module(index));
        Files.createDirectories(folder);
        String doc = """
                {
                  "name": "接口-%d",
                  "method": "GET",
                  "url": "%s",
                  "headers": { "Accept": "application/json" },
                  "params": { "page": 1 },
                  "response": { "success": { "code": 200, "data": { "id": "number" } } }
                }
                """.formatted(index, url(base, index));
        Files.writeString(folder.resolve("e" + index + ".json"), doc, StandardCharsets.UTF_8);
    }
}
