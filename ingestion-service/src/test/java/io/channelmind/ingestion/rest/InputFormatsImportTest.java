package io.channelmind.ingestion.rest;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.channelmind.ingestion.support.Imports;
import io.channelmind.ingestion.support.TopicReader.Message;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class InputFormatsImportTest {

    private static final String HEADER = "customer_id,first_name,email,phone,locale,time_zone,consent_email,consent_sms,"
            + "event,channel,campaign,occurred_at,value,currency";

    @Test
    void bomCrlfAndQuotedFieldsAreRead() {
        String csv = "\uFEFF" + HEADER + "\r\n"
                + "c-010,\"Wang, \"\"Xiao\"\" Ming\",,,zh-CN,Asia/Shanghai,true,true,customer,,,,,\r\n"
                + "c-010,,,,,,,,contact,sms,\"spring \"\"flash\"\"\r\nsale\",2024-05-02T10:00:00+08:00,,\r\n"
                + "\r\n"
                + "c-010,,,,,,,,contact,email,\"a;b,c\",2024-05-02 11:00:00,,\r\n";

        String importId = Imports.post("?mapping=channelmind-demo", "text/csv", csv.getBytes(StandardCharsets.UTF_8))
                .statusCode(200)
                .body("rowsRead", equalTo(3))
                .body("rowsAccepted", equalTo(3))
                .extract().path("importId");

        List<Message> events = DemoCsvImportTest.customerEvents(importId);
        assertEquals("Wang, \"Xiao\" Ming", DemoCsvImportTest.eventOfRow(events, 1).value().get("traits").get("firstName").asText());
        assertEquals("spring \"flash\"\r\nsale", DemoCsvImportTest.eventOfRow(events, 2).value().get("campaign").asText());
        JsonNode third = DemoCsvImportTest.eventOfRow(events, 3).value();
        assertEquals("a;b,c", third.get("campaign").asText());
        assertEquals("2024-05-02T03:00:00Z", third.get("occurredAt").asText());
    }

    @Test
    void ndjsonLinesAreImported() {
        String ndjson = """
                {"customer_id": "c-020", "first_name": "Mei", "email": "MEI@example.cn", "phone": null, "locale": "zh-CN", "time_zone": "Asia/Shanghai", "consent_email": true, "consent_sms": false, "event": "customer", "channel": null, "campaign": null, "occurred_at": "2024-06-01T09:00:00+08:00", "value": null, "currency": null}

                {"customer_id": "c-020", "event": "conversion", "channel": "WeChat", "occurred_at": "2024-06-02T09:00:00+08:00", "value": 88.50, "currency": "CNY"}
                """;

        String importId = Imports.post("?mapping=channelmind-demo", "application/x-ndjson", ndjson.getBytes(StandardCharsets.UTF_8))
                .statusCode(200)
                .body("rowsAccepted", equalTo(2))
                .body("customerEvents", equalTo(2))
                .extract().path("importId");

        List<Message> events = DemoCsvImportTest.customerEvents(importId);
        JsonNode identify = DemoCsvImportTest.eventOfRow(events, 1).value();
        JsonNode conversion = DemoCsvImportTest.eventOfRow(events, 2).value();
        assertEquals("mei@example.cn", identify.get("traits").get("email").asText());
        assertEquals(true, identify.get("traits").get("consent").get("email").asBoolean());
        assertEquals("wechat", conversion.get("channel").asText());
        assertEquals(0, new BigDecimal("88.50").compareTo(conversion.get("value").decimalValue()));
        assertEquals("demo:c-020", conversion.get("profileKey").asText());
    }

    @Test
    void gzipBodyIsDetectedByMagicBytes() {
        byte[] body = gzip(DemoCsvImportTest.DEMO_CSV.getBytes(StandardCharsets.UTF_8));

        Imports.post("?mapping=channelmind-demo", "text/csv", body)
                .statusCode(200)
                .body("rowsAccepted", equalTo(5))
                .body("customerEvents", equalTo(4));
    }

    @Test
    void gzipContentEncodingIsAccepted() {
        byte[] body = gzip(DemoCsvImportTest.DEMO_CSV.getBytes(StandardCharsets.UTF_8));

        Imports.awaitEnd(Imports.request("text/csv", body).header("Content-Encoding", "gzip")
                .when().post("/api/v1/imports?mapping=channelmind-demo"))
                .statusCode(200)
                .body("rowsAccepted", equalTo(5));
    }

    @Test
    void charsetParameterDecodesGb18030() {
        String csv = HEADER + "\nc-030,王小明,,,zh-CN,Asia/Shanghai,true,false,customer,,,,,\n";

        String importId = Imports.post("?mapping=channelmind-demo&charset=GB18030", "text/csv",
                        csv.getBytes(Charset.forName("GB18030")))
                .statusCode(200)
                .body("rowsAccepted", equalTo(1))
                .extract().path("importId");

        JsonNode identify = DemoCsvImportTest.customerEvents(importId).get(0).value();
        assertEquals("王小明", identify.get("traits").get("firstName").asText());
    }

    @Test
    void invalidUtf8StopsWithRow() {
        byte[] valid = (HEADER + "\nc-040,Ok,,,,,,,customer,,,,,\n").getBytes(StandardCharsets.UTF_8);
        byte[] invalid = "c-041,".getBytes(StandardCharsets.UTF_8);
        byte[] body = concat(valid, invalid, new byte[] {(byte) 0xC3, (byte) 0x28}, ",,,,,,,customer,,,,,\n".getBytes(StandardCharsets.UTF_8));

        Imports.post("?mapping=channelmind-demo", "text/csv", body)
                .statusCode(200)
                .body("status", equalTo("failed"))
                .body("failureReason", containsString("Reading stopped at row 2"))
                .body("rowsAccepted", equalTo(1));
    }

    private static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
