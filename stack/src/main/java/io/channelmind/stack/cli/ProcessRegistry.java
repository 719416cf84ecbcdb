package io.channelmind.stack.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Remembers the processes the local stack started, one file per process holding its id and
 * start time. The start time guards against stopping an unrelated process that later got
 * the same id.
 */
public final class ProcessRegistry {

    private final Path folder;

    public ProcessRegistry(Path folder) {
        this.folder = folder;
    }

    public void record(String name, ProcessHandle process) {
        try {
            Files.createDirectories(folder);
            String started = process.info().startInstant().map(Instant::toString).orElse("");
            Files.writeString(file(name), process.pid() + " " + started, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the process id file for " + name, e);
        }
    }

    /** Returns the live process recorded under the name, if it is still the same process. */
    public Optional<ProcessHandle> find(String name) {
        Path file = file(name);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            String[] parts = Files.readString(file, StandardCharsets.UTF_8).trim().split(" ");
            Optional<ProcessHandle> process = ProcessHandle.of(Long.parseLong(parts[0]));
            if (process.isEmpty() || !process.get().isAlive()) {
                return Optional.empty();
            }
            String started = process.get().info().startInstant().map(Instant::toString).orElse("");
            boolean same = parts.length < 2 || parts[1].isEmpty() || parts[1].equals(started);
            return same ? process : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * Stops the recorded process with SIGTERM, waits up to the grace period, then kills it,
     * and removes the record. Returns whether a live process was stopped.
     */
    public boolean stop(String name, Duration grace) {
        Optional<ProcessHandle> process = find(name);
        process.ifPresent(handle -> {
            handle.destroy();
            try {
                handle.onExit().get(grace.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                handle.destroyForcibly();
            }
        });
        try {
            Files.deleteIfExists(file(name));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot remove the process id file for " + name, e);
        }
        return process.isPresent();
    }

    private Path file(String name) {
        return folder.resolve(name + ".pid");
    }
}
