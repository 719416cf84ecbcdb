package io.channelmind.stack.infra;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * An SMTP server (GreenMail) that accepts every message on 127.0.0.1 and, when given a
 * folder, also stores each received message there as an RFC 5322 {@code .eml} file.
 */
public final class MailServer implements AutoCloseable {

    private final GreenMail greenMail;
    private final int port;
    private final Path mailDir;
    private ScheduledExecutorService writer;
    private int filesBeforeStart;
    private int saved;

    public MailServer(int port, Path mailDir) {
        this.port = port;
        this.mailDir = mailDir;
        this.greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    }

    public void start() {
        greenMail.start();
        if (mailDir != null) {
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

    @Override
    public void close() {
        if (writer != null) {
            writer.shutdown();
            writeNewMessages();
        }
        greenMail.stop();
    }
}
