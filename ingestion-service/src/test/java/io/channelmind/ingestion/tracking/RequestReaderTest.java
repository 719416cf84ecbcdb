package io.channelmind.ingestion.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.channelmind.web.ProblemException;

class RequestReaderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final RequestReader reader = new RequestReader(JSON);

    @Test
    void itemsAreMeasuredAsSent() {
        String first = "{\"type\": \"track\",  \"event\": \"é\"}";
        String second = "{ }";
        String body = "{\"sentAt\": \"2026-01-01T00:00:00Z\", \"context\": {\"a\": [1, 2]}, \"batch\": [ " + first
                + " ,\n" + second + "]}";

        List<ParsedCall> items = reader.read(utf8(body), true).batch();

        assertEquals(2, items.size());
        assertEquals(utf8(first).length, items.get(0).sentSize());
        assertEquals(second.length(), items.get(1).sentSize());
    }

    @Test
    void repeatedBatchFieldKeepsLastArray() {
        List<ParsedCall> items = reader.read(utf8("{\"batch\": [{}], \"batch\": [{}, {}]}"), true).batch();

        assertEquals(2, items.size());
    }

    @Test
    void itemThatIsNoObjectIsNull() {
        List<ParsedCall> items = reader.read(utf8("{\"batch\": [{}, 3, [1]]}"), true).batch();

        assertEquals(3, items.size());
        assertNull(items.get(1));
        assertNull(items.get(2));
    }

    @Test
    void bodyWithoutBatchArrayHasNoItems() {
        assertNull(reader.read(utf8("{\"batch\": {}}"), true).batch());
        assertNull(reader.read(utf8("{\"a\": 1}"), true).batch());
        assertNull(reader.read(utf8("[1, 2]"), true).root());
        assertNull(reader.read(new byte[0], true).root());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"price\":59.9,\"n\":1e6,\"m\":-1E-7,\"big\":123456789012345678901234567890,\"long\":12345678901,\"neg\":-0}",
        "{\"s\":\"caf\\u00e9 \\\"q\\\" \\/ \\n\",\"emoji\":\"😀\",\"empty\":\"\",\"t\":true,\"f\":false,\"z\":null}",
        "{\"nested\":{\"a\":[1,[2,{\"b\":[]}],{}],\"c\":{\"d\":{\"e\":1.50}}},\"arr\":[]}",
        "{ \"spaced\" : [ 1 , 2 ] ,\n\t\"x\" : { } }",
        "{}"
    })
    void copiedObjectIsSentTextWithoutWhitespace(String properties) throws Exception {
        ParsedCall call = reader.read(utf8("{\"properties\": " + properties + "}"), false).root();

        assertEquals(withoutWhitespaceOutsideStrings(properties), call.properties().toString());
        assertEquals(JSON.readTree(properties), JSON.readTree(call.properties().toString()));
    }

    @Test
    void stringsKeepWhitespaceAndEscapes() {
        String properties = "{ \"a b\" : \" x\\\" : \\\\\" , \"c\" : [ \"\\u00e9 \" ] }";

        ParsedCall call = reader.read(utf8("{\"properties\": " + properties + "}"), false).root();

        assertEquals("{\"a b\":\" x\\\" : \\\\\",\"c\":[\"\\u00e9 \"]}", call.properties().toString());
    }

    /** A mapper that accepts comments cannot copy the bytes as sent, so it copies token by token, as Jackson writes them. */
    @Test
    void mapperWithNonStandardJsonCopiesTokens() throws Exception {
        ObjectMapper lenient = new ObjectMapper().enable(JsonParser.Feature.ALLOW_COMMENTS);
        String properties = "{\"n\": /* count */ 1e2, \"s\": \"\\u00e9\"}";

        ParsedCall call = new RequestReader(lenient).read(utf8("{\"properties\": " + properties + "}"), false).root();

        assertEquals("{\"n\":100.0,\"s\":\"é\"}", call.properties().toString());
    }

    @Test
    void invalidUtf8InCopiedObjectIsRejected() {
        byte[] prefix = utf8("{\"properties\": {\"a\": \"");
        byte[] suffix = utf8("\"}}");
        byte[] body = new byte[prefix.length + 2 + suffix.length];
        System.arraycopy(prefix, 0, body, 0, prefix.length);
        body[prefix.length] = (byte) 0xC3;
        body[prefix.length + 1] = (byte) 0x28;
        System.arraycopy(suffix, 0, body, prefix.length + 2, suffix.length);

        ProblemException e = assertThrows(ProblemException.class, () -> reader.read(body, false));

        assertTrue(e.problem().getType().endsWith("malformed-json"), e.problem().getType());
    }

    @Test
    void contextFieldsAreReadWhileCopying() throws Exception {
        String context = "{\"page\":{\"url\":\"https://shop.example/?gclid=1\",\"referrer\":7},"
                + "\"campaign\":{\"name\":\"old\",\"source\":\"news\",\"name\":\"winter\",\"medium\":\"email\"},"
                + "\"ip\":\"1.2.3.4\"}";

        CallContext read = reader.read(utf8("{\"context\": " + context + "}"), false).root().context();

        assertEquals("winter", read.campaignName());
        assertEquals("news", read.campaignSource());
        assertEquals("email", read.campaignMedium());
        assertNull(read.pageReferrer());
        assertEquals("https://shop.example/?gclid=1", read.pageUrl());
        assertTrue(read.containsIp());
    }

    @Test
    void nestedIpIsNotTopLevelIp() {
        CallContext read = reader.read(utf8("{\"context\": {\"device\": {\"ip\": \"1.2.3.4\"}}}"), false).root()
                .context();

        assertFalse(read.containsIp());
    }

    @Test
    void valueThatIsNoObjectStaysNode() {
        ParsedCall call = reader.read(utf8("{\"properties\": {\"a\": 1}, \"properties\": [1], \"traits\": \"x\"}"),
                false).root();

        assertNull(call.properties());
        assertEquals("[1]", call.get("properties").toString());
        assertEquals("x", call.get("traits").asText());
    }

    @Test
    void byteOrderMarkAndUtf16AreRead() {
        byte[] withBom = utf8("\uFEFF{\"userId\": \"u\", \"properties\": {\"é\": 1}}");
        byte[] utf16 = "{\"userId\": \"u\", \"properties\": {\"é\": 1}}".getBytes(StandardCharsets.UTF_16BE);

        for (byte[] body : new byte[][] {withBom, utf16}) {
            ParsedCall call = reader.read(body, false).root();
            assertEquals("u", call.get("userId").asText());
            assertEquals("{\"é\":1}", call.properties().toString());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\": ", "{\"batch\": [{\"a\": 1}, {]}", "[1, 2", "{\"a\": 1,}"})
    void malformedJsonIsRejected(String body) {
        ProblemException e = assertThrows(ProblemException.class, () -> reader.read(utf8(body), true));

        assertEquals(400, e.problem().getStatus());
        assertTrue(e.problem().getType().endsWith("malformed-json"), e.problem().getType());
    }

    /** Exponent numbers are the case where Jackson's compact output is longer than the input. */
    @Test
    void compactJsonStaysWithinGrowthBound() throws Exception {
        String item = "{\"p\":[1e6,-1e6,1e+6,1e5,9e6,1E6,1e-7,1e7]}";

        int compact = JSON.writeValueAsBytes(JSON.readTree(item)).length;

        assertTrue(compact > item.length(), "the case should grow: " + compact);
        assertTrue(compact <= item.length() * TrackingService.MAX_GROWTH, "compact size " + compact);
    }

    private static String withoutWhitespaceOutsideStrings(String json) {
        StringBuilder compact = new StringBuilder();
        boolean inString = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString && c == '\\') {
                compact.append(c).append(json.charAt(++i));
                continue;
            }
            if (c == '"') {
                inString = !inString;
            }
            if (inString || !Character.isWhitespace(c)) {
                compact.append(c);
            }
        }
        return compact.toString();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
