package io.channelmind.automation;

import java.net.URI;
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

    /** Returns the https URL of the List-Unsubscribe header, which lists the mailto form first. */
    public static String unsubscribeUrl(MimeMessage message) throws Exception {
        String header = header(message, "List-Unsubscribe");
        return header.substring(header.indexOf(", <") + 3, header.length() - 1);
    }

    /** Returns the path of the https List-Unsubscribe URL. */
    public static String unsubscribePath(MimeMessage message) throws Exception {
        return URI.create(unsubscribeUrl(message)).getRawPath();
    }

    /** Returns the path and the still encoded query of a link from the HTML part, for requests with URL encoding off. */
    public static String pathAndQuery(String url) {
        URI uri = URI.create(url.replace("&amp;", "&"));
        return uri.getRawPath() + "?" + uri.getRawQuery();
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
