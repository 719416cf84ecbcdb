package io.channelmind.ingestion.service;

import java.util.List;

import org.jboss.logging.Logger;

import io.channelmind.ingestion.domain.EventIds;
import io.channelmind.ingestion.domain.OnError;
import io.channelmind.ingestion.domain.RowError;
import io.channelmind.ingestion.domain.RowRejectedException;
import io.channelmind.ingestion.input.SourceRecord;
import io.channelmind.ingestion.messaging.DeadLetterEvent;
import io.channelmind.ingestion.messaging.OutboundMessage;
import io.channelmind.ingestion.messaging.PublishSession;
import io.channelmind.ingestion.messaging.Topics;

/**
 * Imports the rows of one file in order: publishes the messages of each valid row and either
 * stops at a malformed row or sends it to the dead-letter topic, as the import's onError setting requires.
 */
final class RowImporter {

    private static final Logger LOG = Logger.getLogger(RowImporter.class);

    private final ImportRun run;
    private final RowConverter converter;
    private final PublishSession session;

    RowImporter(ImportRun run, RowConverter converter, PublishSession session) {
        this.run = run;
        this.converter = converter;
        this.session = session;
    }

    PublishSession session() {
        return session;
    }

    /**
     * Imports one row.
     *
     * @throws ImportStoppedException when the row is malformed and the import stops at the first malformed row
     */
    void importRow(SourceRecord record) {
        run.rowRead();
        if (record.isMalformed()) {
            reject(new RowError(record.row(), null, null, record.error()));
            return;
        }
        List<OutboundMessage> messages;
        try {
            messages = converter.convert(record.row(), record.values());
        } catch (RowRejectedException e) {
            reject(new RowError(record.row(), e.column(), e.value(), e.reason()));
            return;
        }
        for (OutboundMessage message : messages) {
            session.send(message);
            run.messageSent(message.topic());
        }
        run.rowAccepted();
    }

    private void reject(RowError error) {
        LOG.debugf("Import %s rejected row %d (column %s)", run.id(), error.row(), error.column());
        run.rowRejected(error);
        if (run.onError() == OnError.STOP) {
            throw new ImportStoppedException(error);
        }
        String importId = run.id().toString();
        DeadLetterEvent deadLetter = new DeadLetterEvent(DeadLetterEvent.SCHEMA_VERSION,
                EventIds.deadLetter(importId, error.row()), importId, run.mapping(), error.row(), error.column(),
                error.reason());
        session.send(new OutboundMessage(Topics.INGEST_DEAD_LETTER, importId, deadLetter));
        run.messageSent(Topics.INGEST_DEAD_LETTER);
    }

    /** The import stops at this malformed row because its onError is {@code stop}. */
    static final class ImportStoppedException extends RuntimeException {

        private final transient RowError error;

        ImportStoppedException(RowError error) {
            super("Stopped at malformed row " + error.row(), null, false, false);
            this.error = error;
        }

        RowError error() {
            return error;
        }
    }
}
