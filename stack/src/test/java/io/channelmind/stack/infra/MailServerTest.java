package io.channelmind.stack.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;

class MailServerTest {

    @Test
    void sinkModeKeepsOneEmptiedInbox() throws Exception {
        int port = freePort();
        try (MailServer mail = MailServer.sink(port)) {
            mail.start();
            for (int index = 0; index < 3; index++) {
                GreenMailUtil.sendTextEmail("m" + index + "@bench.example", "campaigns@channelmind.local", "Offer",
                        "Hello", smtp(port));
            }

            assertEquals(3, mail.sinkDeliveries());
            assertEquals(1, mail.greenMail().getUserManager().listUser().size(), "one sink user, none per recipient");
            long deadline = System.currentTimeMillis() + 10 * MailServer.SINK_PURGE_MILLIS;
            while (mail.greenMail().getReceivedMessages().length > 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(0, mail.greenMail().getReceivedMessages().length, "the inbox is emptied");
        }
    }

    @Test
    void storeModeKeepsEveryMessage(@TempDir Path folder) throws Exception {
        int port = freePort();
        Path mailDir = folder.resolve("mail");
        try (MailServer mail = new MailServer(port, mailDir)) {
            mail.start();
            GreenMailUtil.sendTextEmail("a@bench.example", "campaigns@channelmind.local", "Offer", "Hello", smtp(port));
            GreenMailUtil.sendTextEmail("b@bench.example", "campaigns@channelmind.local", "Offer", "Hello", smtp(port));

            assertEquals(2, mail.greenMail().getReceivedMessages().length);
            assertEquals(2, mail.greenMail().getUserManager().listUser().size());
            assertEquals(0, mail.sinkDeliveries());
        }
        try (var files = Files.list(mailDir)) {
            assertEquals(2, files.filter(file -> file.toString().endsWith(".eml")).count());
        }
        assertTrue(Files.exists(mailDir.resolve("00000001.eml")));
    }

    private static ServerSetup smtp(int port) {
        return new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
