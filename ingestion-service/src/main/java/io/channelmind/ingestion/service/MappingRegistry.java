package io.channelmind.ingestion.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.channelmind.ingestion.config.IngestionConfig;
import io.channelmind.ingestion.domain.MappingDefinition;
import io.channelmind.ingestion.domain.MappingParser;
import io.quarkus.runtime.Startup;

/**
 * Registry of the column mappings an import can use: the built-in ones from the class path and the
 * {@code *.json} files of {@code ingestion.mappings.directory}. All are read and validated at
 * start-up, so an invalid mapping stops the service instead of failing an import.
 */
@Startup
@ApplicationScoped
public class MappingRegistry {

    private static final Logger LOG = Logger.getLogger(MappingRegistry.class);

    private final Map<String, MappingDefinition> mappings = new TreeMap<>();

    public MappingRegistry(IngestionConfig config) {
        for (String name : config.mappings().builtIn()) {
            register(loadBuiltIn(name), "class path mappings/" + name + ".json");
        }
        config.mappings().directory().ifPresent(this::loadDirectory);
        LOG.infof("Loaded %d column mappings: %s", mappings.size(), names());
    }

    /** Reads a mapping shipped in the application. */
    public static MappingDefinition loadBuiltIn(String name) {
        String resource = "mappings/" + name + ".json";
        try (InputStream json = MappingRegistry.class.getClassLoader().getResourceAsStream(resource)) {
            if (json == null) {
                throw new IllegalStateException("Built-in mapping '" + name + "' not found: there is no " + resource
                        + " on the class path; fix ingestion.mappings.built-in");
            }
            return MappingParser.parse(json, resource);
        } catch (IOException e) {
            throw new UncheckedIOException("Reading " + resource + " failed", e);
        }
    }

    public Optional<MappingDefinition> find(String name) {
        return Optional.ofNullable(mappings.get(name));
    }

    /** Returns the mappings sorted by name. */
    public Collection<MappingDefinition> all() {
        return mappings.values();
    }

    public List<String> names() {
        return new ArrayList<>(mappings.keySet());
    }

    private void loadDirectory(Path directory) {
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.filter(path -> path.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Listing the mapping folder " + directory + " failed; fix ingestion.mappings.directory", e);
        }
        for (Path file : files) {
            try (InputStream json = Files.newInputStream(file)) {
                register(MappingParser.parse(json, file.toString()), file.toString());
            } catch (IOException e) {
                throw new UncheckedIOException("Reading the mapping " + file + " failed", e);
            }
        }
    }

    private void register(MappingDefinition mapping, String source) {
        if (mappings.putIfAbsent(mapping.name(), mapping) != null) {
            throw new IllegalStateException("Mapping name '" + mapping.name() + "' in " + source
                    + " is already used by another mapping; give each mapping its own name");
        }
    }
}
