package io.channelmind.content.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.channelmind.content.domain.RestrictedTerms;
import io.channelmind.content.domain.RestrictedTerms.InvalidDictionaryException;

class RestrictedTermsFileTests {

    @TempDir
    Path folder;

    @AfterEach
    void restoreBuiltIn() {
        RestrictedTerms.install(RestrictedTerms.builtIn());
    }

    @Test
    void externalTermsMergeWithBuiltIn() throws IOException {
        Path file = write("# house rules", "[general]", "史无前例", "unrivalled", "[travel]", "包机票");

        new RestrictedTermsFile(Optional.of(file.toString())).load(null);

        RestrictedTerms terms = RestrictedTerms.defaults();
        assertEquals(List.of("史无前例"), terms.find("史无前例的优惠"));
        assertEquals(List.of("unrivalled"), terms.find("An unrivalled rate"));
        assertEquals(List.of("最佳"), terms.find("最佳选择"), "built-in terms stay");
        assertEquals(List.of("包机票"), terms.findForIndustry("travel", "包机票套餐"));
        assertTrue(terms.industries().contains("finance"));
        assertTrue(terms.industries().contains("travel"));
    }

    @Test
    void unsetFileKeepsBuiltIn() {
        new RestrictedTermsFile(Optional.empty()).load(null);

        assertEquals(RestrictedTerms.builtIn().size(), RestrictedTerms.defaults().size());
    }

    @Test
    void unclosedSectionNamesLine() throws IOException {
        Path file = write("[general]", "史无前例", "[finance");

        InvalidDictionaryException error = assertThrows(InvalidDictionaryException.class,
                () -> new RestrictedTermsFile(Optional.of(file.toString())).load(null));

        assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
        assertTrue(error.getMessage().contains("line 3 "), error.getMessage());
        assertTrue(error.getMessage().contains("[finance"), error.getMessage());
    }

    @Test
    void overlongTermNamesLine() throws IOException {
        Path file = write("[general]", "a".repeat(101));

        InvalidDictionaryException error = assertThrows(InvalidDictionaryException.class, () -> RestrictedTerms.read(file));

        assertTrue(error.getMessage().contains("line 2 "), error.getMessage());
        assertTrue(error.getMessage().contains("101 characters"), error.getMessage());
    }

    @Test
    void invalidSectionNameIsRejected() throws IOException {
        Path file = write("[Finance & Co]");

        InvalidDictionaryException error = assertThrows(InvalidDictionaryException.class, () -> RestrictedTerms.read(file));

        assertTrue(error.getMessage().contains("line 1 "), error.getMessage());
    }

    @Test
    void tabInTermIsRejected() throws IOException {
        Path file = write("史无前例\t独家");

        InvalidDictionaryException error = assertThrows(InvalidDictionaryException.class, () -> RestrictedTerms.read(file));

        assertTrue(error.getMessage().contains("control character"), error.getMessage());
    }

    @Test
    void missingFileNamesPath() {
        Path file = folder.resolve("absent.txt");

        InvalidDictionaryException error = assertThrows(InvalidDictionaryException.class,
                () -> new RestrictedTermsFile(Optional.of(file.toString())).load(null));

        assertTrue(error.getMessage().contains("absent.txt"), error.getMessage());
        assertTrue(error.getMessage().contains(RestrictedTermsFile.KEY), error.getMessage());
    }

    @Test
    void invalidUtf8IsRejected() throws IOException {
        Path file = folder.resolve("latin1.txt");
        Files.write(file, new byte[] {(byte) 0xE9, (byte) 0x74, (byte) 0xE9});

        InvalidDictionaryException error = assertThrows(InvalidDictionaryException.class, () -> RestrictedTerms.read(file));

        assertTrue(error.getMessage().contains("UTF-8"), error.getMessage());
    }

    private Path write(String... lines) throws IOException {
        Path file = folder.resolve("terms.txt");
        Files.write(file, List.of(lines), StandardCharsets.UTF_8);
        return file;
    }
}
