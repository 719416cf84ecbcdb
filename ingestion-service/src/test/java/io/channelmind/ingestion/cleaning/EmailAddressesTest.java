package io.channelmind.ingestion.cleaning;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "  Li.Wei@Example.COM |li.wei@example.com",
        "o'neil@example.com|o'neil@example.com",
        "Jöhn@Example.com|jöhn@example.com",
        "first+tag@sub.example.co.uk|first+tag@sub.example.co.uk",
        "李@例子.中国|李@例子.中国",
        "user@bücher.de|user@bücher.de"
    })
    void validAddressIsNormalised(String raw, String expected) {
        assertEquals(Optional.of(expected), EmailAddresses.normalise(raw));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "plain", "@example.com", "li@", "li@@example.com", "li..wei@example.com", ".li@example.com",
        "li@example", "li@-example.com", "li wei@example.com"})
    void invalidAddressIsRejected(String raw) {
        assertEquals(Optional.empty(), EmailAddresses.normalise(raw));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Jo\u0308hn@example.com", "J\u00F6hn@example.com"})
    void composedAndDecomposedFormsAreEqual(String raw) {
        assertEquals(Optional.of("j\u00F6hn@example.com"), EmailAddresses.normalise(raw));
    }
}
