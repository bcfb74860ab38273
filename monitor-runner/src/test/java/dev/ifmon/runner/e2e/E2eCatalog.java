package dev.ifmon.runner.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes {@code config.yaml} and an {@code Interface-pool} for the end-to-end tests: service {@code user}
 * behind the stand-in's token API, its endpoints in modules of ten, and the WeCom channel aimed at the
 * stand-in's webhook. Stateless.
 */
final class E2eCatalog {

    /** The robot webhook's key; a secret. */
    static final String WEBHOOK_KEY = "hookkey-Vb62-e2e-Pw07";
    /** A Cookie header value every endpoint sends; a secret. */
    static final String COOKIE = "SESSIONID=ck-Rt58-e2e-Zn41";
    /** The Authorization header value of the public echo endpoint; a secret. */
    static final String AUTHORIZATION = "ApiKey az-Jd27-e2e-Xc90";

    private E2eCatalog() {
    }

    /**
     * @param folder where config.yaml and Interface-pool/ go
     * @param baseUrl the stand-in's address
     * @param endpoints how many token-protected endpoints to write
     * @return config.yaml
     */
    static Path write(Path folder, String baseUrl, int endpoints) throws IOException {
        for (int first = 0; first < endpoints; first += 10) {
            Path module = Files.createDirectories(folder.resolve("Interface-pool/user/m" + (first / 10 + 1)));
            StringBuilder docs = new StringBuilder();
            for (int index = first; index < Math.min(endpoints, first + 10); index++) {
                docs.append(String.format("- name: item-%02d%n  url: /item/%02d%n  headers:%n    Cookie: \"%s\"%n"
                        + "  expect:%n    status: 200%n    json: {/code: 0}%n", index, index, COOKIE));
            }
            Files.writeString(module.resolve("items.yaml"), docs, StandardCharsets.UTF_8);
        }
        return Files.writeString(folder.resolve("config.yaml"), """
                monitor:
                  interval: 15
                  timeout: 5
                  concurrency: 10
                interface_docs:
                  root_path: ./Interface-pool
                services:
                  - name: user
                    base_url: "%1$s/api"
                    auth:
                      type: token
                      url: "%1$s/auth/login"
                      body: { username: monitor, password: "${env:IFMON_E2E_PASSWORD}" }
                      token_pointer: /data/token
                wechat:
                  webhook_url: "%1$s/cgi-bin/webhook/send?key=%2$s"
                """.formatted(baseUrl, WEBHOOK_KEY), StandardCharsets.UTF_8);
    }

    /**
     * Adds an endpoint without the service's token that sends its own Authorization and Cookie headers.
     *
     * @param folder the folder {@link #write} wrote to
     */
    static void addPublicEcho(Path folder) throws IOException {
        Path module = Files.createDirectories(folder.resolve("Interface-pool/user/public"));
        Files.writeString(module.resolve("echo.yaml"), """
                name: echo
                url: /public/echo
                auth: none
                retries: 0
                headers:
                  Authorization: "%s"
                  Cookie: "%s"
                """.formatted(AUTHORIZATION, COOKIE), StandardCharsets.UTF_8);
    }
}
