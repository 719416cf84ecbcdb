package io.channelmind.automation.rest;

import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.channelmind.automation.domain.SendWindow;
import io.channelmind.web.Problem;

/** A campaign's daily send window in a request, such as {@code {"start": "09:00", "end": "20:00"}}. */
@Schema(description = "Daily window in which sends are allowed. A window whose start is after its end runs over"
        + " midnight. Without a zone the window applies in each recipient's own time zone.")
public record SendWindowRequest(
        @NotBlank(message = "must be a local time HH:mm such as 09:00")
        @Pattern(regexp = "([01][0-9]|2[0-3]):[0-5][0-9]", message = "must be a local time HH:mm such as 09:00")
        String start,
        @NotBlank(message = "must be a local time HH:mm such as 20:00")
        @Pattern(regexp = "([01][0-9]|2[0-3]):[0-5][0-9]", message = "must be a local time HH:mm such as 20:00")
        String end,
        @Schema(description = "IANA time zone such as Asia/Shanghai; omit it for the recipient's own zone")
        String zone) {

    /** Converts the request, failing with a 400 problem for equal times or an unknown zone; {@code field} prefixes the field names. */
    public SendWindow toSendWindow(String field) {
        LocalTime startTime = LocalTime.parse(start);
        LocalTime endTime = LocalTime.parse(end);
        if (startTime.equals(endTime)) {
            throw Problem.of(400, "invalid-send-window", "Invalid send window")
                    .detail("The send window starts and ends at " + start + ", so it would never or always be open")
                    .error(field + ".end", end, "Use an end time different from the start, or omit the window")
                    .toException();
        }
        if (zone != null) {
            try {
                ZoneId.of(zone);
            } catch (DateTimeException e) {
                throw Problem.of(400, "invalid-send-window", "Invalid send window")
                        .detail("'" + zone + "' is not an IANA time zone")
                        .error(field + ".zone", zone, "Use an IANA zone such as Europe/Paris, or omit it for the"
                                + " recipient's own zone")
                        .toException();
            }
        }
        return new SendWindow(startTime, endTime, zone);
    }
}
