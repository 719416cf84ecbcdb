package io.channelmind.optimizer.bias;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The groups of one attribute, such as the age bands or the values of a sensitive attribute. */
public record AttributeReport(
        @Schema(description = "'age band', or the name of an attribute marked sensitive") String attribute,
        @Schema(description = "Groups in descending order of size") List<GroupRates> groups,
        @Schema(description = "True when any group's disparity ratio is below 0.8") boolean flagged) {
}
