package io.channelmind.profile.interest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The labelled interest anchors that span the shared interest space: each label has a few short
 * English and Chinese descriptions. The order of {@link #anchors()} is the order of the
 * components of every interest vector, so changing the set changes {@link #version()}.
 */
public record AnchorSet(int version, List<Anchor> anchors) {

    /** The anchor file on the class path. */
    static final String RESOURCE = "interest/anchors.json";

    /** One interest label with its English ({@code en}) and Chinese ({@code zh}) descriptions. */
    public record Anchor(String label, List<String> en, List<String> zh) {

        /** Returns the descriptions written in {@code language}. */
        public List<String> descriptions(TextLanguage language) {
            return language == TextLanguage.CHINESE ? zh : en;
        }
    }

    private static final AnchorSet BUILT_IN = read();

    /** Returns the anchor set shipped with the service. */
    public static AnchorSet builtIn() {
        return BUILT_IN;
    }

    /** Returns the labels in vector order. */
    public List<String> labels() {
        return anchors.stream().map(Anchor::label).toList();
    }

    /** Returns the position of {@code label} in the vector, or -1 when the set has no such label. */
    public int indexOf(String label) {
        for (int i = 0; i < anchors.size(); i++) {
            if (anchors.get(i).label().equals(label)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Returns an identifier of the set's content, the declared version and the first 12 hex
     * digits of the SHA-256 of the labels and descriptions, so stored vectors can tell which set
     * they were made with.
     */
    public String fingerprint() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Anchor anchor : anchors) {
                digest.update((anchor.label() + '\n' + anchor.en() + '\n' + anchor.zh() + '\n')
                        .getBytes(StandardCharsets.UTF_8));
            }
            return "v" + version + "-" + HexFormat.of().formatHex(digest.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static AnchorSet read() {
        try (InputStream in = AnchorSet.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Interest anchor file " + RESOURCE + " is missing from the class path");
            }
            AnchorSet set = new ObjectMapper().readValue(in, AnchorSet.class);
            for (Anchor anchor : set.anchors()) {
                if (anchor.en().isEmpty() || anchor.zh().isEmpty()) {
                    throw new IllegalStateException("Interest anchor '" + anchor.label()
                            + "' needs at least one English and one Chinese description in " + RESOURCE);
                }
            }
            return set;
        } catch (IOException e) {
            throw new UncheckedIOException("Invalid interest anchor file " + RESOURCE, e);
        }
    }
}
