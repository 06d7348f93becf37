package dev.atmo.cli;

import static dev.atmo.cli.AtmoJarIT.atmo;
import static dev.atmo.cli.AtmoJarIT.freePort;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * {@code atmo validate} and {@code atmo start} refuse every bundle of {@code testdata/bundles/bad} with the
 * same lines, exactly those in its {@code expected.txt}: validate catches everything start refuses.
 */
class BadBundleCorpusIT {
    private static final Path CORPUS = Path.of("testdata", "bundles", "bad");

    @TestFactory
    Stream<DynamicTest> validateAndStartRefuseEachBadBundleWithTheSameLines() throws Exception {
        List<Path> bundles;
        try (Stream<Path> entries = Files.list(AtmoJarIT.ROOT.resolve(CORPUS))) {
            bundles = entries.filter(Files::isDirectory).sorted().toList();
        }
        assertThat(bundles).hasSizeGreaterThanOrEqualTo(12);
        return bundles.stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
            String bundle = CORPUS.resolve(dir.getFileName()).toString();
            List<String> expected = Files.readAllLines(dir.resolve("expected.txt"));

            Process validate = atmo("validate", bundle).start();
            List<String> validated = lines(validate);
            assertThat(validate.exitValue()).as("validate exit code").isEqualTo(1);
            long problems = expected.stream().filter(l -> !l.startsWith("warning: ")).count();
            String summary = problems == 1 ? "1 problem" : problems + " problems";
            assertThat(validated.getLast()).isEqualTo(summary + " found in " + bundle);
            assertThat(validated.subList(0, validated.size() - 1)).containsExactlyElementsOf(expected);

            Process start = atmo("start", "--host", "127.0.0.1", "--port", String.valueOf(freePort()), bundle)
                    .redirectErrorStream(false).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            assertThat(start.waitFor(60, TimeUnit.SECONDS)).as("start gave up").isTrue();
            List<String> refused = new String(start.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)
                    .lines().toList();
            assertThat(start.exitValue()).as("start exit code").isEqualTo(1);
            assertThat(refused.getLast()).isEqualTo("atmo: not starting, " + bundle + " has " + summary);
            assertThat(refused.subList(0, refused.size() - 1)).containsExactlyElementsOf(expected);
        }));
    }

    private static List<String> lines(Process process) throws Exception {
        return AtmoJarIT.run(process).lines().toList();
    }
}
