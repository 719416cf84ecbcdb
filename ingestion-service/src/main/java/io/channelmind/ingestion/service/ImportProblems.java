package io.channelmind.ingestion.service;

import java.util.List;

import io.channelmind.ingestion.domain.HeaderMismatchException;
import io.channelmind.ingestion.input.InputFormat;
import io.channelmind.ingestion.input.UnreadableInputException;
import io.channelmind.ingestion.repository.ImportJob;
import io.channelmind.web.Problem;
import io.channelmind.web.ProblemException;

/** The problem details an import request can end with. */
final class ImportProblems {

    private ImportProblems() {
    }

    static ProblemException missingMapping(List<String> available) {
        return Problem.of(400, "missing-mapping", "Missing column mapping")
                .detail("The query parameter 'mapping' is required: it names the column mapping that reads the file")
                .error("mapping", null, "Use one of: " + String.join(", ", available))
                .with("availableMappings", available)
                .toException();
    }

    static ProblemException unknownMapping(String name, List<String> available) {
        return Problem.of(400, "unknown-mapping", "Unknown column mapping")
                .detail("No column mapping is named '" + name + "'")
                .error("mapping", name, "Use one of: " + String.join(", ", available))
                .with("availableMappings", available)
                .toException();
    }

    static ProblemException invalidOnError(String value) {
        return Problem.of(400, "invalid-on-error", "Invalid onError value")
                .detail("The query parameter 'onError' must be stop or skip, not '" + value + "'")
                .error("onError", value, "Use stop (the default) to end the import at the first malformed row, "
                        + "or skip to reject malformed rows and import the others")
                .toException();
    }

    static ProblemException unsupportedMediaType(String contentType) {
        return Problem.of(415, "unsupported-media-type", "Unsupported import format")
                .detail("The Content-Type '" + contentType + "' is not an import format")
                .error("Content-Type", contentType, "Send CSV as " + String.join(", ", InputFormat.CSV.mediaTypes())
                        + ", or NDJSON as " + String.join(", ", InputFormat.NDJSON.mediaTypes()))
                .toException();
    }

    static ProblemException unsupportedCharset(String charset) {
        return Problem.of(400, "unsupported-charset", "Unsupported charset")
                .detail("The charset '" + charset + "' is not supported")
                .error("charset", charset, "Use a charset such as UTF-8, GBK or GB18030, or leave the parameter out "
                        + "to use the mapping's charset")
                .toException();
    }

    static ProblemException emptyBody() {
        return Problem.of(400, "empty-body", "Empty file")
                .detail("The request body is empty; send the file: a header row followed by data rows")
                .error("body", null, "Send the file's content as the request body")
                .toException();
    }

    static ProblemException noDataRows(List<String> header) {
        return Problem.of(400, "no-data-rows", "File without data rows")
                .detail("The file has a header row but no data rows; nothing was imported")
                .error("body", null, "Add data rows below the header")
                .with("headerColumns", header)
                .toException();
    }

    static ProblemException headerMismatch(String mapping, HeaderMismatchException mismatch) {
        String header = String.join(", ", mismatch.header());
        if (!mismatch.missingColumns().isEmpty()) {
            String first = mismatch.missingColumns().get(0);
            Problem.Builder problem = Problem.of(400, "unknown-column", "Unknown column")
                    .detail("The mapping '" + mapping + "' needs the column '" + first + "', which the header does not "
                            + "contain; the header has: " + header + ". Nothing was published")
                    .with("column", first)
                    .with("missingColumns", mismatch.missingColumns())
                    .with("headerColumns", mismatch.header());
            mismatch.missingColumns().forEach(column -> problem.error(column, null,
                    "Add the column '" + column + "' to the header, or choose the mapping that matches this file"));
            return problem.toException();
        }
        String first = mismatch.duplicateColumns().get(0);
        return Problem.of(400, "duplicate-column", "Duplicate column")
                .detail("The header names the column '" + first + "' more than once, so the mapping '" + mapping
                        + "' cannot tell which one to read; the header has: " + header + ". Nothing was published")
                .error(first, null, "Rename or remove the extra '" + first + "' columns")
                .with("column", first)
                .with("headerColumns", mismatch.header())
                .toException();
    }

    static ProblemException malformedHeader(UnreadableInputException e) {
        return Problem.of(400, "malformed-header", "Malformed header")
                .detail(e.getMessage() + ". Nothing was published")
                .error("header", null, "Make the first record a header row with one name per column")
                .toException();
    }

    /** Builds the problem for an input failure before the import started, when nothing was published yet. */
    static ProblemException unreadableBeforeStart(UnreadableInputException e) {
        if (e.kind() == UnreadableInputException.Kind.INFLATION_LIMIT) {
            return Problem.of(413, "inflation-limit-exceeded", "Compressed body inflates too much")
                    .detail(e.getMessage() + ". Nothing was published")
                    .error("body", null, "Send the file uncompressed, split it, or ask the operator to raise "
                            + "ingestion.import.max-inflated-size or ingestion.import.max-inflation-ratio")
                    .toException();
        }
        if (e.kind() == UnreadableInputException.Kind.BROKEN_STREAM) {
            return Problem.of(400, "unreadable-body", "Unreadable request body")
                    .detail(e.getMessage() + ". Nothing was published")
                    .error("body", null, "Send the file as it was exported, optionally gzip-compressed")
                    .toException();
        }
        return Problem.of(422, "unreadable-row", "Unreadable row")
                .detail("Reading stopped at row " + e.row() + ": " + e.getMessage() + ". Nothing was published")
                .error("body", null, e.getMessage())
                .with("row", e.row())
                .toException();
    }

    static ProblemException unsupportedContentEncoding(String encoding) {
        return Problem.of(415, "unsupported-content-encoding", "Unsupported content encoding")
                .detail("The Content-Encoding '" + encoding + "' is not supported")
                .error("Content-Encoding", encoding, "Send the body uncompressed or gzip-compressed (Content-Encoding: gzip)")
                .toException();
    }

    static ProblemException idempotencyKeyReused(String key, ImportJob earlier) {
        return Problem.of(422, "idempotency-key-reused", "Idempotency-Key used for another file")
                .detail("The Idempotency-Key '" + key + "' belongs to import " + earlier.id() + ", whose file had "
                        + "another content (SHA-256 " + earlier.contentSha256() + "); nothing was imported")
                .error("Idempotency-Key", key, "Use a new key for a new file, or send the same file again with this key")
                .with("importId", earlier.id().toString())
                .toException();
    }

    static ProblemException idempotencyKeyTooLong(String key) {
        return Problem.of(400, "invalid-idempotency-key", "Invalid Idempotency-Key")
                .detail("The Idempotency-Key header has " + key.length() + " characters; the maximum is 255")
                .error("Idempotency-Key", key.substring(0, 40) + "…", "Use a key of at most 255 characters, such as a UUID")
                .toException();
    }

    static ProblemException alreadyFinished(ImportView job) {
        return importProblem(409, "import-finished", "Import already finished", job.importId())
                .detail("Import " + job.importId() + " is already " + job.status() + ", so it cannot be cancelled")
                .error("importId", job.importId(), "Only queued or running imports can be cancelled")
                .with("importStatus", job.status())
                .toException();
    }

    private static Problem.Builder importProblem(int status, String slug, String title, String importId) {
        return Problem.of(status, slug, title)
                .instance("/api/v1/imports/" + importId)
                .with("importId", importId);
    }
}
