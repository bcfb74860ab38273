package dev.ifmon.core.catalog;

import dev.ifmon.api.Catalog;
import dev.ifmon.api.Settings;
import dev.ifmon.api.SourceContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Writes docs into a temporary catalog and loads it with the directory source. */
final class CatalogFixture {

    private final Path base;

    CatalogFixture(Path base) {
        this.base = base;
    }

    Path write(String relative, String text) {
        return write(relative, text.getBytes(StandardCharsets.UTF_8));
    }

    Path write(String relative, byte[] bytes) {
        try {
            Path file = base.resolve("Interface-pool").resolve(relative);
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path root() {
        return base.resolve("Interface-pool");
    }

    Catalog load() {
        return new DirectoryEndpointSource().load(context(Map.of("root_path", "./Interface-pool")));
    }

    SourceContext context(Map<String, Object> settings) {
        return new SourceContext() {
            @Override
            public Settings settings() {
                return Settings.of("config.yaml: interface_docs", settings);
            }

            @Override
            public Path baseDirectory() {
                return base;
            }

            @Override
            public String environment() {
                return "";
            }
        };
    }
}
