package io.channelmind.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Checks that k8s/manifests/channelmind.yaml is what k8s/render.sh produces from the chart today. */
class ManifestSyncTest {

    @Test
    void committedManifestsMatchFreshRender() throws IOException {
        Path helm = HelmTool.HELM_4.binary();
        Path committed = ValuesCase.k8sDir().resolve("manifests/channelmind.yaml");
        Path fresh = Path.of(HelmTool.requiredProperty("channelmind.tools.dir"), "channelmind.yaml");
        List<String> command = List.of("bash", "-c", "HELM=\"$1\" \"$2\" \"$3\"", "render",
                helm.toString(), ValuesCase.k8sDir().resolve("render.sh").toString(), fresh.toString());

        HelmTool.Result result = HelmTool.exec(command, Duration.ofMinutes(2), null);

        assertEquals(0, result.exitCode(), () -> "k8s/render.sh failed: " + result.describe());
        List<String> expected = Files.readAllLines(fresh);
        List<String> actual = Files.readAllLines(committed);
        int line = firstDifference(expected, actual);
        assertEquals(-1, line, () -> "k8s/manifests/channelmind.yaml is out of date from line " + (line + 1)
                + " (expected: " + lineOrEnd(expected, line) + ", committed: " + lineOrEnd(actual, line)
                + "); run k8s/render.sh and commit the result");
    }

    /** Returns the 0-based index of the first line that differs, or -1 when the files are equal. */
    private static int firstDifference(List<String> expected, List<String> actual) {
        int common = Math.min(expected.size(), actual.size());
        for (int i = 0; i < common; i++) {
            if (!expected.get(i).equals(actual.get(i))) {
                return i;
            }
        }
        return expected.size() == actual.size() ? -1 : common;
    }

    private static String lineOrEnd(List<String> lines, int index) {
        return index < lines.size() ? "\"" + lines.get(index) + "\"" : "end of file";
    }
}
