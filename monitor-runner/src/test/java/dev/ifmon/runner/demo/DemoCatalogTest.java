package dev.ifmon.runner.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCatalogTest {

    static final Path SOURCES = Path.of("src/main/resources/demo");

    @TempDir
    Path folder;

    @Test
    void theIndexListsEveryDemoFileThatIsInTheSources() throws IOException {
        List<String> onDisk;
        try (Stream<Path> files = Files.walk(SOURCES)) {
            onDisk = files.filter(Files::isRegularFile).map(file -> SOURCES.relativize(file).toString()
                    .replace('\\', '/')).filter(name -> !name.equals("files.txt")).sorted().toList();
        }

        assertThat(DemoCatalog.files()).containsExactlyInAnyOrderElementsOf(onDisk);
    }

    @Test
    void theCatalogIsShapedLikeTheBriefsWithJsonAndYamlDocs() {
        assertThat(DemoCatalog.files()).contains("config.yaml", "Interface-pool/user/login/login-api.json")
                .anyMatch(name -> name.startsWith("Interface-pool/user/profile/"))
                .anyMatch(name -> name.startsWith("Interface-pool/user/order/"))
                .anyMatch(name -> name.startsWith("Interface-pool/nurse/schedule/"))
                .anyMatch(name -> name.startsWith("Interface-pool/nurse/patient/"))
                .anyMatch(name -> name.startsWith("Interface-pool/admin/system/"))
                .anyMatch(name -> name.startsWith("Interface-pool/admin/user/"))
                .anyMatch(name -> name.endsWith(".yaml") && name.startsWith("Interface-pool/"));
    }

    @Test
    void extractingFillsInEveryPlaceholderAndKeepsChineseText() throws IOException {
        Path config = DemoCatalog.extract(folder, Map.of("DEMO_BASE_URL", "http://127.0.0.1:1234",
                "DEMO_ROBOT_URL", "http://127.0.0.1:1235/cgi-bin/webhook/send?key=k", "DEMO_CLOSED_PORT", "1236",
                "DEMO_TLS_BASE_URL", "https://127.0.0.1:1237"));

        String text = Files.readString(config);
        assertThat(text).doesNotContain("{{")
                .contains("DEMO_BASE_URL: \"http://127.0.0.1:1234\"", "DEMO_TLS_BASE_URL: \"https://127.0.0.1:1237\"",
                        "用户服务接口");
        assertThat(folder.resolve("Interface-pool/user/login/login-api.json")).content().contains("用户登录");
    }
}
