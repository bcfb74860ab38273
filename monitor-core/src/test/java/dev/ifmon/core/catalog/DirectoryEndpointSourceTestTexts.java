package dev.ifmon.core.catalog;

/** The brief's endpoint doc, shared by the tests that must load it unchanged. */
public final class DirectoryEndpointSourceTestTexts {

    /** {@code Interface-pool/user/login/login-api.json} exactly as the brief writes it. */
    public static final String BRIEF_DOC = """
            {
              "name": "用户登录",
              "method": "POST",
              "url": "https://api.example.com/user/login",
              "headers": { "Content-Type": "application/json" },
              "params": { "username": "string", "password": "string" },
              "response": { "success": { "code": 200, "data": { "token": "string", "userId": "number" } } }
            }
            """;

    private DirectoryEndpointSourceTestTexts() {
    }
}
