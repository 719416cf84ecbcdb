package io.channelmind.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One combination of chart values under test: the defaults, or the defaults plus one file from
 * the chart's {@code ci/} folder. The ci/ cases use another release name, so object names that
 * do not follow the release are caught.
 */
record ValuesCase(String name, String releaseName, Path valuesFile) {

    static final String DEFAULT_RELEASE = "channelmind";
    static final String OTHER_RELEASE = "acme";

    static Path k8sDir() {
        return Path.of(HelmTool.requiredProperty("channelmind.k8s.dir")).toAbsolutePath().normalize();
    }

    static Path chartDir() {
        return k8sDir().resolve("chart/channelmind");
    }

    /** Returns the default case followed by one case per ci/*-values.yaml file, sorted by name. */
    static List<ValuesCase> all() {
        List<ValuesCase> cases = new ArrayList<>();
        cases.add(new ValuesCase("default", DEFAULT_RELEASE, null));
        try (Stream<Path> files = Files.list(chartDir().resolve("ci"))) {
            files.filter(file -> file.getFileName().toString().endsWith("-values.yaml"))
                    .sorted()
                    .forEach(file -> cases.add(new ValuesCase(
                            file.getFileName().toString().replace("-values.yaml", ""), OTHER_RELEASE, file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return cases;
    }

    /** Returns the case with the given name, such as "egress" for ci/egress-values.yaml. */
    static ValuesCase named(String name) {
        return all().stream().filter(candidate -> candidate.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no values case named " + name));
    }

    /** Returns the --values argument for the case's file, or no argument for the defaults. */
    List<String> valuesArguments() {
        return valuesFile == null ? List.of() : List.of("--values", valuesFile.toString());
    }

    @Override
    public String toString() {
        return name;
    }
}
