package io.channelmind.web.audit;

import java.util.List;

/**
 * One page of audit entries, newest first. {@code nextBefore} is the value of the
 * {@code before} parameter that reads the next, older page, and null on the last page.
 */
public record AuditPage(List<AuditEntry> entries, Long nextBefore) {
}
