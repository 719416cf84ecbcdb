package io.channelmind.automation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A small SMTP server on 127.0.0.1 that rejects {@code RCPT TO} for addresses at
 * {@link #REJECTED_DOMAIN} with reply {@code 550 5.1.1}, as a mail server does for a mailbox that does
 * not exist, and accepts and discards every other message. It records each recipient it was
 * offered, so a test can tell whether an address was tried at all. As a test resource it points
 * quarkus-mailer at itself.
 */
public class RejectingSmtpServer implements QuarkusTestResourceLifecycleManager {

    public static final String REJECTED_DOMAIN = "rejected.example";
    private static final List<String> RECIPIENTS = new CopyOnWriteArrayList<>();
    private static volatile ServerSocket server;

    /** Returns every address that a client offered in RCPT TO since the start, in order. */
    public static List<String> recipients() {
        return List.copyOf(RECIPIENTS);
    }

    @Override
    public Map<String, String> start() {
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new IllegalStateException("Opening a port for the SMTP test server on 127.0.0.1 failed", e);
        }
        Thread acceptor = new Thread(RejectingSmtpServer::acceptAll, "rejecting-smtp");
        acceptor.setDaemon(true);
        acceptor.start();
        return Map.of("quarkus.mailer.port", String.valueOf(server.getLocalPort()));
    }

    @Override
    public void stop() {
        try {
            if (server != null) {
                server.close();
            }
        } catch (IOException e) {
            // The port is released with the JVM anyway.
        }
    }

    private static void acceptAll() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread session = new Thread(() -> serve(socket), "rejecting-smtp-session");
                session.setDaemon(true);
                session.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void serve(Socket socket) {
        try (socket;
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
                OutputStream out = socket.getOutputStream()) {
            reply(out, "220 rejecting-smtp ready");
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.toUpperCase(Locale.ROOT);
                if (command.startsWith("RCPT TO:")) {
                    String address = line.substring(line.indexOf('<') + 1, line.lastIndexOf('>'));
                    RECIPIENTS.add(address);
                    reply(out, address.endsWith("@" + REJECTED_DOMAIN)
                            ? "550 5.1.1 <" + address + ">: Recipient address rejected: User unknown"
                            : "250 2.1.5 OK");
                } else if (command.startsWith("DATA")) {
                    reply(out, "354 End data with <CR><LF>.<CR><LF>");
                    while ((line = in.readLine()) != null && !line.equals(".")) {
                        // The message is discarded.
                    }
                    reply(out, "250 2.0.0 OK queued");
                } else if (command.startsWith("QUIT")) {
                    reply(out, "221 2.0.0 Bye");
                    return;
                } else {
                    reply(out, "250 OK");
                }
            }
        } catch (IOException e) {
            // The client closed the connection.
        }
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }
}
