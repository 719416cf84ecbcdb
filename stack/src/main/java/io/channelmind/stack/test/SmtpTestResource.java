package io.channelmind.stack.test;

import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import io.channelmind.stack.infra.FreePorts;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts a real SMTP server (GreenMail) on a free port of 127.0.0.1 and points quarkus-mailer
 * at it with mocking off. Tests read received mail through {@link #greenMail()}.
 *
 * NOTE: the static field works because Quarkus starts test resources in the JVM that runs the
 * tests. A test that runs the application in a separate process cannot use it.
 */
public class SmtpTestResource implements QuarkusTestResourceLifecycleManager {

    private static volatile GreenMail greenMail;

    public static GreenMail greenMail() {
        return greenMail;
    }

    @Override
    public Map<String, String> start() {
        int port = FreePorts.find();
        greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        return Map.of(
                "quarkus.mailer.host", "127.0.0.1",
                "quarkus.mailer.port", String.valueOf(port),
                "quarkus.mailer.mock", "false",
                "quarkus.mailer.tls", "false",
                "quarkus.mailer.start-tls", "DISABLED");
    }

    @Override
    public void stop() {
        if (greenMail != null) {
            greenMail.stop();
        }
    }
}
