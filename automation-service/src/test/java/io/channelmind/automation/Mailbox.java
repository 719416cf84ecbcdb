package io.channelmind.automation;

import java.util.Arrays;
import java.util.List;

import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

import io.channelmind.stack.test.SmtpTestResource;

/** Reads the mail that the test SMTP server received. */
public final class Mailbox {

    private Mailbox() {
    }

    /** Returns the messages sent to addresses of the domain, which each test picks for itself. */
    public static List<MimeMessage> forDomain(String domain) {
        return Arrays.asList(SmtpTestResource.greenMail().getReceivedMessagesForDomain(domain));
    }

    public static String recipient(MimeMessage message) throws Exception {
        return message.getRecipients(Message.RecipientType.TO)[0].toString();
    }

    public static String header(MimeMessage message, String name) throws Exception {
        String[] values = message.getHeader(name);
        return values == null ? null : values[0];
    }

    /** Returns the first body part of the MIME type, searching nested multiparts, or null. */
    public static String part(Part part, String mimeType) throws Exception {
        if (part.isMimeType(mimeType)) {
            return (String) part.getContent();
        }
        if (part.getContent() instanceof Multipart multipart) {
            for (int index = 0; index < multipart.getCount(); index++) {
                BodyPart child = multipart.getBodyPart(index);
                String found = part(child, mimeType);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
