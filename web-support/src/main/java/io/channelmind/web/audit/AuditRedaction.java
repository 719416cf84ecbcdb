package io.channelmind.web.audit;

import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * Removes contact points and secrets from an entity before it enters the audit log. A member is
 * replaced by {@value #REDACTED} when its name is a contact point (email, phone, address) or
 * names a secret (key, apiKey, writeKey, secret, password, token, credential, a hash), unless
 * the name ends in {@code id} or {@code prefix}, which identify a secret without revealing it. Any string value
 * that looks like an e-mail address or an E.164 phone number is replaced too, whatever its name.
 */
public final class AuditRedaction {

    public static final String REDACTED = "[redacted]";

    private static final Set<String> CONTACT_NAMES = Set.of("email", "emailaddress", "phone", "phonenumber", "mobile",
            "address", "to", "recipient", "devicetoken");
    private static final Set<String> SECRET_PARTS = Set.of("secret", "password", "token", "credential", "apikey",
            "writekey", "privatekey", "signingkey");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern PHONE = Pattern.compile("\\+[1-9]\\d{6,14}");

    private final ObjectMapper json;

    public AuditRedaction(ObjectMapper json) {
        this.json = json;
    }

    /** Returns the value as a JSON tree with its contact points and secrets replaced, or null for null. */
    public JsonNode redact(Object value) {
        if (value == null) {
            return null;
        }
        JsonNode tree = json.valueToTree(value);
        return redactNode(tree);
    }

    private static JsonNode redactNode(JsonNode node) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> members = object.fields();
            while (members.hasNext()) {
                Map.Entry<String, JsonNode> member = members.next();
                if (isSensitiveName(member.getKey()) && !member.getValue().isNull()) {
                    member.setValue(TextNode.valueOf(REDACTED));
                } else {
                    member.setValue(redactNode(member.getValue()));
                }
            }
            return object;
        }
        if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, redactNode(array.get(i)));
            }
            return array;
        }
        if (node.isTextual() && looksLikeContactPoint(node.textValue())) {
            return TextNode.valueOf(REDACTED);
        }
        return node;
    }

    static boolean isSensitiveName(String name) {
        String folded = name.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
        if (folded.endsWith("id") || folded.endsWith("prefix")) {
            return false;
        }
        if (CONTACT_NAMES.contains(folded) || folded.equals("key")) {
            return true;
        }
        return SECRET_PARTS.stream().anyMatch(folded::contains) || folded.endsWith("hash");
    }

    private static boolean looksLikeContactPoint(String text) {
        String stripped = text.strip();
        return EMAIL.matcher(stripped).matches() || PHONE.matcher(stripped.replace(" ", "")).matches();
    }
}
