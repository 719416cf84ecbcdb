package io.channelmind.stack.infra;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * An SMTP server (GreenMail) that accepts every message on 127.0.0.1 and, when given a
 * folder, also stores each received message there as an RFC 5322 {@code .eml} file.
 *
 * <p>The {@linkplain #sink(int) sink mode} is for benchmarks. GreenMail still runs the whole SMTP
 * dialogue and parses and stores each message. But it delivers every recipient into the inbox of
 * one user, empties that inbox every {@value #SINK_PURGE_MILLIS} ms and writes no {@code .eml}
 * copies. By default GreenMail 2.1.5 creates a user and a mailbox for each new recipient. It
 * finds a recipient's mailbox by a linear scan of all of them, so its cost per message grows with
 * the number of distinct recipients seen so far. In the sink mode that cost does not grow with the
 * recipients or with the messages received before, because the inbox keeps at most the last
 * {@value #SINK_PURGE_MILLIS} ms of them. So successive benchmark phases start from the same state.
 */
public final class MailServer implements AutoCloseable {

    /** The one user that receives every message in the sink mode. */
    static final String SINK_ADDRESS = "sink@sink.invalid";
    static final long SINK_PURGE_MILLIS = 500;

    private final GreenMail greenMail;
    private final int port;
    private final Path mailDir;
    private final boolean sink;
    private final AtomicLong sinkDeliveries = new AtomicLong();
    private ScheduledExecutorService writer;
    private int filesBeforeStart;
    private int saved;

    public MailServer(int port, Path mailDir) {
        this(port, mailDir, false);
    }

    private MailServer(int port, Path mailDir, boolean sink) {
        this.port = port;
        this.mailDir = mailDir;
        this.sink = sink;
        this.greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    }

    /** Creates a benchmark server that keeps no state per recipient and no received messages (see above). */
    public static MailServer sink(int port) {
        return new MailServer(port, null, true);
    }

    public void start() {
        greenMail.start();
        if (sink) {
            GreenMailUser user = greenMail.setUser(SINK_ADDRESS, "sink", "sink");
            greenMail.getUserManager().setMessageDeliveryHandler((message, recipient) -> {
                sinkDeliveries.incrementAndGet();
                return user;
            });
            writer = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "mail-purge");
                thread.setDaemon(true);
                return thread;
            });
            writer.scheduleWithFixedDelay(this::purge, SINK_PURGE_MILLIS, SINK_PURGE_MILLIS, TimeUnit.MILLISECONDS);
        } else if (mailDir != null) {
            try {
                Files.createDirectories(mailDir);
                filesBeforeStart = countExisting();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create the mail folder " + mailDir, e);
            }
            writer = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "mail-writer");
                thread.setDaemon(true);
                return thread;
            });
            writer.scheduleWithFixedDelay(this::writeNewMessages, 500, 500, TimeUnit.MILLISECONDS);
        }
    }

    public int port() {
        return port;
    }

    /** Returns the number of recipients delivered so far in the sink mode (0 in the default mode). */
    public long sinkDeliveries() {
        return sinkDeliveries.get();
    }

    public GreenMail greenMail() {
        return greenMail;
    }

    private int countExisting() throws IOException {
        try (var files = Files.list(mailDir)) {
            return (int) files.filter(file -> file.toString().endsWith(".eml")).count();
        }
    }

    private synchronized void writeNewMessages() {
        MimeMessage[] received = greenMail.getReceivedMessages();
        for (int i = saved; i < received.length; i++) {
            // Numbering continues after the files of earlier runs, because GreenMail itself
            // starts empty after every restart.
            Path file = mailDir.resolve(String.format("%08d.eml", filesBeforeStart + i + 1));
            try (OutputStream out = Files.newOutputStream(file)) {
                received[i].writeTo(out);
                saved++;
            } catch (IOException | MessagingException e) {
                System.err.println("Storing received mail in " + file + " failed: " + e.getMessage());
                return;
            }
        }
    }

    private void purge() {
        try {
            greenMail.purgeEmailFromAllMailboxes();
        } catch (FolderException | RuntimeException e) {
            // The next scheduled purge tries again, so the inbox grows only until one succeeds.
            System.err.println("Emptying the sink's inbox failed, retrying in " + SINK_PURGE_MILLIS + " ms: "
                    + e.getMessage());
        }
    }

    @Override
    public void close() {
        if (writer != null) {
            writer.shutdown();
            if (!sink) {
                writeNewMessages();
            }
        }
        greenMail.stop();
    }
}
