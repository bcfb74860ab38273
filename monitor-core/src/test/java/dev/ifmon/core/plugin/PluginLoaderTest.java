package dev.ifmon.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ifmon.api.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plug-in jars are compiled and packed by the test, then dropped into a real plugins folder. */
class PluginLoaderTest {

    @TempDir
    Path root;

    private static final String CHECK = """
            package %s;
            public class %s implements dev.ifmon.api.Check {
                public %s() { %s }
                public String type() { return "%s"; }
                public dev.ifmon.api.Verdict evaluate(dev.ifmon.api.Exchange e, dev.ifmon.api.Settings s) {
                    return dev.ifmon.api.Verdict.pass();
                }
            }
            """;

    @Nested
    class WhenJarsAreGood {

        @Test
        void loadsEachJarsProvidersAndNamesTheJar() throws IOException {
            Path plugins = pluginsFolder();
            jar(plugins.resolve("alpha.jar"),
                    Map.of("p.alpha.AlphaCheck", check("p.alpha", "AlphaCheck", "", "alpha")));

            PluginRegistry registry = discover(plugins);

            assertThat(registry.checks()).containsKey("alpha");
            assertThat(registry.loaded()).contains(new PluginInfo("Check", "alpha", "p.alpha.AlphaCheck", "alpha.jar"));
            assertThat(registry.problems()).isEmpty();
        }

        @Test
        void aMissingPluginsFolderIsNoProblem() {
            PluginRegistry registry = discover(root.resolve("no-such-folder"));

            assertThat(registry.problems()).isEmpty();
        }
    }

    @Nested
    class WhenAJarIsBroken {

        @Test
        void aProviderThatThrowsBecomesOneWarningAndTheOtherJarsStillLoad() throws IOException {
            Path plugins = pluginsFolder();
            jar(plugins.resolve("broken.jar"), Map.of("p.broken.BrokenCheck",
                    check("p.broken", "BrokenCheck", "throw new IllegalStateException(\"no licence\");", "broken")));
            jar(plugins.resolve("good.jar"), Map.of("p.good.GoodCheck", check("p.good", "GoodCheck", "", "good")));

            PluginRegistry registry = discover(plugins);

            assertThat(registry.checks()).containsKey("good").doesNotContainKey("broken");
            assertThat(registry.problems()).singleElement().satisfies(problem -> {
                assertThat(problem.source()).isEqualTo("broken.jar");
                assertThat(problem.message()).contains("p.broken.BrokenCheck").contains("no licence");
            });
        }

        @Test
        void aServiceEntryNamingAMissingClassIsReportedWithTheJar() throws IOException {
            Path plugins = pluginsFolder();
            Path jar = plugins.resolve("empty.jar");
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
                out.putNextEntry(new JarEntry("META-INF/services/dev.ifmon.api.Check"));
                out.write("p.missing.GoneCheck\n".getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }

            PluginRegistry registry = discover(plugins);

            assertThat(registry.problems()).singleElement().satisfies(problem -> {
                assertThat(problem.source()).isEqualTo("empty.jar");
                assertThat(problem.message()).contains("p.missing.GoneCheck");
            });
        }

        @Test
        void theWarningNamesTheKindWithTheRightArticle() throws IOException {
            Path plugins = pluginsFolder();
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(plugins.resolve("src.jar")))) {
                out.putNextEntry(new JarEntry("META-INF/services/dev.ifmon.api.EndpointSource"));
                out.write("p.missing.GoneSource\n".getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }

            assertThat(discover(plugins).problems()).singleElement().satisfies(problem -> assertThat(problem.message())
                    .startsWith("an EndpointSource provider failed to load: "));
        }

        @Test
        void aFileThatIsNoJarIsSkippedWithAWarning() throws IOException {
            Path plugins = pluginsFolder();
            Files.writeString(plugins.resolve("notes.jar"), "this is not a zip file");
            jar(plugins.resolve("good.jar"), Map.of("p.good.GoodCheck", check("p.good", "GoodCheck", "", "good")));

            PluginRegistry registry = discover(plugins);

            assertThat(registry.checks()).containsKey("good");
            assertThat(registry.problems()).isNotEmpty()
                    .allSatisfy(problem -> assertThat(problem.source()).isEqualTo("notes.jar"));
        }
    }

    @Nested
    class WhenTypeNamesCollide {

        @Test
        void theSecondProviderOfATypeIsRejectedNamingBoth() throws IOException {
            Path plugins = pluginsFolder();
            jar(plugins.resolve("a.jar"), Map.of("p.a.SameCheck", check("p.a", "SameCheck", "", "same")));
            jar(plugins.resolve("b.jar"), Map.of("p.b.SameCheck", check("p.b", "SameCheck", "", "same")));

            PluginRegistry registry = discover(plugins);

            assertThat(registry.checks().get("same").getClass().getName()).isEqualTo("p.a.SameCheck");
            List<Problem> problems = registry.problems();
            assertThat(problems).singleElement().satisfies(problem -> assertThat(problem.message())
                    .contains("'same'").contains("p.a.SameCheck").contains("a.jar").contains("p.b.SameCheck"));
        }

        @Test
        void anEmbedderInstanceWinsOverADiscoveredOne() throws IOException {
            Path plugins = pluginsFolder();
            jar(plugins.resolve("a.jar"), Map.of("p.a.SameCheck", check("p.a", "SameCheck", "", "same")));
            dev.ifmon.api.Check mine = new dev.ifmon.api.Check() {
                @Override
                public String type() {
                    return "same";
                }

                @Override
                public dev.ifmon.api.Verdict evaluate(dev.ifmon.api.Exchange e, dev.ifmon.api.Settings s) {
                    return dev.ifmon.api.Verdict.pass();
                }
            };

            PluginRegistry.Builder builder = PluginRegistry.builder().add(mine, "instance");
            PluginRegistry registry = PluginLoader.discover(builder, plugins, getClass().getClassLoader()).build();

            assertThat(registry.checks().get("same")).isSameAs(mine);
        }
    }

    private PluginRegistry discover(Path plugins) {
        return PluginLoader.discover(PluginRegistry.builder(), plugins, getClass().getClassLoader()).build();
    }

    private Path pluginsFolder() throws IOException {
        return Files.createDirectories(root.resolve("plugins"));
    }

    private static String check(String pkg, String name, String constructorBody, String type) {
        return CHECK.formatted(pkg, name, name, constructorBody, type);
    }

    /** Compiles the sources and packs them with a service entry listing every class. */
    private void jar(Path jar, Map<String, String> sources) throws IOException {
        Path src = Files.createTempDirectory(root, "src");
        Path classes = Files.createTempDirectory(root, "classes");
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = src.resolve(source.getKey().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue());
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        List<String> args = new java.util.ArrayList<>(List.of("-d", classes.toString(),
                "-cp", System.getProperty("java.class.path")));
        try (Stream<Path> files = Files.walk(src)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> args.add(f.toString()));
        }
        assertThat(compiler.run(null, null, null, args.toArray(String[]::new))).isZero();

        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(file).toString()));
                Files.copy(file, out);
                out.closeEntry();
            }
            out.putNextEntry(new JarEntry("META-INF/services/dev.ifmon.api.Check"));
            out.write(String.join("\n", sources.keySet()).getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
    }
}
