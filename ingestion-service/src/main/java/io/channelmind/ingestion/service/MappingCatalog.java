package io.channelmind.ingestion.service;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.channelmind.ingestion.domain.MappingDefinition;
import io.channelmind.ingestion.domain.MappingParser;
import io.channelmind.ingestion.repository.MappingRepository;
import io.channelmind.web.Problem;
import io.channelmind.web.ProblemException;

/**
 * Every column mapping an import can use: the built-in and folder mappings of
 * {@link MappingRegistry}, and the ones users registered through the API, which are stored in
 * PostgreSQL and read on each look-up, so that a registration reaches every replica at once.
 */
@ApplicationScoped
public class MappingCatalog {

    private static final Logger LOG = Logger.getLogger(MappingCatalog.class);

    private final MappingRegistry builtIn;
    private final MappingRepository repository;

    public MappingCatalog(MappingRegistry builtIn, MappingRepository repository) {
        this.builtIn = builtIn;
        this.repository = repository;
    }

    public Optional<MappingDefinition> find(String name) {
        Optional<MappingDefinition> mapping = builtIn.find(name);
        if (mapping.isPresent()) {
            return mapping;
        }
        return repository.find(name).map(json -> parseStored(name, json));
    }

    /** Returns every mapping, sorted by name. */
    public List<MappingDefinition> all() {
        Map<String, MappingDefinition> mappings = new TreeMap<>();
        repository.findAll().forEach((name, json) -> mappings.put(name, parseStored(name, json)));
        builtIn.all().forEach(mapping -> mappings.put(mapping.name(), mapping));
        return new ArrayList<>(mappings.values());
    }

    public List<String> names() {
        return all().stream().map(MappingDefinition::name).toList();
    }

    /**
     * Validates and stores a user's mapping under {@code name}, replacing an earlier one of the
     * same name.
     *
     * @return true when the mapping is new
     * @throws ProblemException when the JSON is invalid, its name differs from {@code name}, or
     *     {@code name} belongs to a built-in mapping
     */
    public boolean register(String name, String json) {
        if (builtIn.find(name).isPresent()) {
            throw Problem.of(409, "built-in-mapping", "Built-in mapping")
                    .detail("The mapping '" + name + "' is built in and cannot be replaced")
                    .error("name", name, "Register your mapping under another name, such as " + name + "-custom")
                    .toException();
        }
        MappingDefinition mapping;
        try {
            mapping = MappingParser.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "request body");
        } catch (MappingParser.InvalidMappingException e) {
            throw Problem.of(400, "invalid-mapping", "Invalid column mapping")
                    .detail(e.getMessage())
                    .error("body", null, "Fix the listed problems; docs/mappings.md describes the format")
                    .toException();
        }
        if (!name.equals(mapping.name())) {
            throw Problem.of(400, "mapping-name-mismatch", "Mapping name does not match the path")
                    .detail("The path names the mapping '" + name + "' but the body's name is '" + mapping.name() + "'")
                    .error("name", mapping.name(), "Use the same name in the path and in the body")
                    .toException();
        }
        boolean created = repository.upsert(name, json);
        LOG.infof("Mapping %s %s", name, created ? "registered" : "replaced");
        return created;
    }

    private static MappingDefinition parseStored(String name, String json) {
        return MappingParser.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
                "stored mapping " + name);
    }
}
