import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.vertx.core.MultiMap;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.mailencoder.MailEncoder;

/**
 * Driver of bench/sending-benchmark.sh, with three modes.
 *
 * <ul>
 * <li>{@code stub PORT}: serves profile-service's segment API for segments named
 * {@code bench-<members>}, generating the members page by page, and content-service's
 * {@code POST /api/v1/copy}, on 127.0.0.1.</li>
 * <li>{@code baseline HOST:PORT MESSAGES CONCURRENCY [SHAPE] [WARMUP]}: the ceiling. A plain SMTP
 * client loop over raw sockets, one connection per thread, sends MESSAGES messages of the given
 * shape and prints messages per second. With WARMUP above 0, the same JVM first sends WARMUP
 * messages the same way and prints their rate as the cold figure.</li>
 * <li>{@code campaign SERVICE_URL MEMBERS MAX_SECONDS [SEGMENT]}: creates and launches a campaign to
 * {@code <SEGMENT>-<MEMBERS>} (SEGMENT is {@code bench}, the default, or {@code warmup}), prints
 * when the outbox was filled and the send rate, and stops waiting after MAX_SECONDS.</li>
 * </ul>
 */
public final class SendingLoad {

    // Segment bench-N has the members b:0000000 to b:N-1, and warmup-N the members w:0000000 to
    // w:N-1, so a warm-up campaign reaches other profiles than the measured one.
    private static final Pattern SEGMENT = Pattern.compile("/api/v1/segments/(bench|warmup)-(\\d+)(/members)?");
    private static final String BODY = "Hello {{firstName}},\\n\\nOpen Savings Plus and get 2% bonus interest for three"
            + " months. Visit https://bank.example/savings-plus to open your account today.\\n\\nUnsubscribe: {{unsubscribeUrl}}";

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "stub" -> stub(Integer.parseInt(args[1]));
            case "baseline" -> baseline(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                    args.length > 4 ? args[4] : "text", args.length > 5 ? Integer.parseInt(args[5]) : 0);
            case "campaign" -> campaign(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                    args.length > 4 ? args[4] : "bench");
            default -> throw new IllegalArgumentException("Invalid mode '" + args[0] + "': expected stub, baseline or campaign");
        }
    }

    // ---- stub of profile-service and content-service ----

    private static void stub(int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        server.createContext("/api/v1/segments/", SendingLoad::segment);
        server.createContext("/api/v1/copy", exchange -> {
            exchange.getRequestBody().readAllBytes();
            respond(exchange, 201, """
                    {"copyId": "copy-bench", "generator": "template", "model": null, "channel": "email", "locale": "en",
                     "subject": "{{firstName}}, your Savings Plus offer", "body": "%s",
                     "placeholders": ["firstName", "unsubscribeUrl"], "warnings": []}""".formatted(BODY));
        });
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
        System.out.println("stub listening on 127.0.0.1:" + port);
    }

    private static void segment(HttpExchange exchange) throws IOException {
        Matcher matcher = SEGMENT.matcher(exchange.getRequestURI().getPath());
        if (!matcher.matches()) {
            respond(exchange, 404, "{\"type\": \"urn:channelmind:problem:segment-not-found\", \"status\": 404}");
            return;
        }
        int members = Integer.parseInt(matcher.group(2));
        String name = matcher.group(1) + "-" + members;
        char keyPrefix = matcher.group(1).charAt(0);
        if (matcher.group(3) == null) {
            respond(exchange, 200, "{\"name\": \"%s\", \"rule\": \"all\", \"size\": %d}".formatted(name, members));
            return;
        }
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        int limit = Integer.parseInt(query.getOrDefault("limit", "500"));
        int from = query.containsKey("after") ? Integer.parseInt(query.get("after").substring(2)) + 1 : 0;
        int to = Math.min(members, from + limit);
        StringBuilder page = new StringBuilder("{\"segment\": \"" + name + "\", \"members\": [");
        for (int index = from; index < to; index++) {
            if (index > from) {
                page.append(',');
            }
            page.append(String.format(Locale.ROOT, "{\"profileKey\": \"%c:%07d\", \"email\": \"m%07d@%s.example\","
                    + " \"phone\": null, \"firstName\": \"Member\", \"locale\": \"en\", \"timeZone\": \"UTC\","
                    + " \"consent\": {\"email\": true}}", keyPrefix, index, index, name));
        }
        String next = to < members ? String.format(Locale.ROOT, "\"%c:%07d\"", keyPrefix, to - 1) : "null";
        page.append("], \"next\": ").append(next).append('}');
        respond(exchange, 200, page.toString());
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new HashMap<>();
        if (raw == null) {
            return values;
        }
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                values.put(pair.substring(0, equals), URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    // ---- baseline: a plain SMTP client loop ----

    /**
     * Sends {@code messages} over raw SMTP on {@code concurrency} connections. {@code shape} is
     * {@code text} for a short text/plain message, or {@code mime} for the message that the
     * service sends for the same copy: text and HTML parts, the open pixel, a signed click link,
     * the List-Unsubscribe headers, encoded by the same Vert.x mail encoder that the service's
     * mailer uses, so the server receives the same bytes per message from both sides.
     * {@code dialogue} sends the {@code mime} message the way Vert.x mail client 4.5.27 does on a
     * reused connection: {@code RSET} before each message after the first, and with TCP_NODELAY
     * each header block, boundary line and body line in a write of its own.
     *
     * <p>With {@code warmup} above 0 the loop first sends {@code warmup} messages and prints their
     * rate as a warm-up line, so the measured messages run in a JVM that has compiled the loop, as
     * the service's measured campaign runs after a warm-up campaign.
     */
    private static void baseline(String address, int messages, int concurrency, String shape, int warmup) throws Exception {
        String host = address.substring(0, address.indexOf(':'));
        int port = Integer.parseInt(address.substring(address.indexOf(':') + 1));
        if (!shape.equals("text") && !shape.equals("mime") && !shape.equals("dialogue")) {
            throw new IllegalArgumentException("Invalid message shape '" + shape + "': expected text, mime or dialogue");
        }
        // Each phase writes to recipients of its own (the warm-up to the first warmup indexes, the
        // measured phase to the next ones, each shape to its own domain), as every campaign does.
        if (warmup > 0) {
            smtpLoops(host, port, 0, warmup, concurrency, shape, "baseline warm-up");
        }
        smtpLoops(host, port, warmup, messages, concurrency, shape, "baseline");
    }

    /**
     * Sends {@code messages} to the recipients from index {@code first} on {@code concurrency}
     * connections and prints the rate after {@code label}.
     */
    private static void smtpLoops(String host, int port, int first, int messages, int concurrency, String shape,
            String label) throws Exception {
        AtomicInteger next = new AtomicInteger(first);
        int end = first + messages;
        ExecutorService workers = Executors.newFixedThreadPool(concurrency);
        long bytes = message(shape, 0).length();
        long start = System.nanoTime();
        List<Future<Integer>> results = new ArrayList<>();
        for (int worker = 0; worker < concurrency; worker++) {
            results.add(workers.submit(() -> smtpLoop(host, port, end, next, shape)));
        }
        int sent = 0;
        for (Future<Integer> result : results) {
            sent += result.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        workers.shutdown();
        System.out.printf(Locale.ROOT, "%s (%s, %d bytes per message): %d messages over raw SMTP with %d connections"
                + " in %.1f s: %.0f messages/s%n", label, shape, bytes, sent, concurrency, seconds, sent / seconds);
    }

    /** Returns the address of baseline recipient {@code index}, in a domain of each shape's own. */
    private static String recipient(String shape, int index) {
        return String.format(Locale.ROOT, "b%07d@%s.baseline.example", index, shape);
    }

    /** Returns the DATA section of message {@code index}: CRLF line ends, dot-stuffed, without the final dot line. */
    private static String message(String shape, int index) {
        String to = recipient(shape, index);
        if (shape.equals("text")) {
            String text = BODY.replace("\\n", "\r\n").replace("{{firstName}}", "Member")
                    .replace("{{unsubscribeUrl}}", "http://127.0.0.1:8085/api/v1/unsubscribe/token");
            return "From: ChannelMind <campaigns@channelmind.local>\r\nTo: " + to + "\r\nSubject: Member, your"
                    + " Savings Plus offer\r\nMessage-ID: <" + index + ".baseline@channelmind.local>\r\n"
                    + "Content-Type: text/plain; charset=UTF-8\r\n\r\n" + text + "\r\n";
        }

        // The same rendering as automation-service's MessageRenderer and FeedbackLinks: a UUID
        // message token, an unsubscribe token <token>.<expiry>.<HMAC-SHA256 in base64url>, and
        // signed open and click links of the configured tracking base URL.
        String token = UUID.randomUUID().toString();
        String signature = "Xq3tY8vB2nK7pL0sD4fG6hJ9kM1zQ5wE8rT2yU4iO6a";
        String unsubscribe = "http://127.0.0.1:8085/api/v1/unsubscribe/" + token + ".1799999999." + signature;
        String click = "http://127.0.0.1:8085/api/v1/feedback/click?m=" + token
                + "&u=https%3A%2F%2Fbank.example%2Fsavings-plus&s=" + signature;
        String pixel = "http://127.0.0.1:8085/api/v1/feedback/open?m=" + token + "&s=" + signature;

        String text = BODY.replace("\\n", "\n").replace("{{firstName}}", "Member").replace("{{unsubscribeUrl}}", unsubscribe);
        String html = "<!DOCTYPE html><html><body><p>Hello Member,</p><p>Open Savings Plus and get 2% bonus interest for"
                + " three months. Visit <a href=\"" + click.replace("&", "&amp;") + "\">https://bank.example/savings-plus</a>"
                + " to open your account today.</p><p>Unsubscribe: <a href=\"" + unsubscribe + "\">" + unsubscribe
                + "</a></p><img src=\"" + pixel.replace("&", "&amp;") + "\" width=\"1\" height=\"1\" alt=\"\"></body></html>";

        MultiMap headers = MultiMap.caseInsensitiveMultiMap()
                .add("Message-ID", "<" + token + "@channelmind.local>")
                .add("List-Unsubscribe", "<mailto:unsubscribe@channelmind.local?subject=unsubscribe%20" + token
                        + ".1799999999." + signature + ">, <" + unsubscribe + ">")
                .add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");

        MailMessage mail = new MailMessage().setFrom("ChannelMind <campaigns@channelmind.local>").setTo(to)
                .setSubject("Member, your Savings Plus offer").setText(text).setHtml(html).setHeaders(headers);
        String encoded = new MailEncoder(mail, "bench.local").encode();
        return encoded.replace("\r\n.", "\r\n..") + "\r\n";
    }

    /** Sends messages on one connection until {@code next} reaches {@code end}, and returns how many it sent. */
    private static int smtpLoop(String host, int port, int end, AtomicInteger next, String shape) throws IOException {
        int sent = 0;
        boolean dialogue = shape.equals("dialogue");
        try (Socket socket = new Socket(host, port)) {
            socket.setTcpNoDelay(dialogue);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            Writer out = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8);
            expect(in, "220");
            command(out, in, "EHLO bench.local", "250");
            for (int index = next.getAndIncrement(); index < end; index = next.getAndIncrement()) {
                String to = recipient(shape, index);
                if (dialogue && sent > 0) {
                    command(out, in, "RSET", "250");
                }
                command(out, in, "MAIL FROM:<campaigns@channelmind.local>", "250");
                command(out, in, "RCPT TO:<" + to + ">", "250");
                command(out, in, "DATA", "354");
                if (dialogue) {
                    for (String write : writes(message("mime", index))) {
                        out.write(write);
                        out.flush();
                    }
                } else {
                    out.write(message(shape, index));
                }
                command(out, in, ".", "250");
                sent++;
            }
            command(out, in, "QUIT", "221");
        }
        return sent;
    }

    /**
     * Splits a DATA section into the writes of Vert.x mail client 4.5.27 (SMTPSendMail): each block
     * of headers with the empty line after it in one write, then each boundary line and each body
     * line in a write of its own.
     */
    static List<String> writes(String data) {
        List<String> writes = new ArrayList<>();
        StringBuilder headers = new StringBuilder();
        boolean inHeaders = true;
        for (String line : data.split("\r\n", -1)) {
            if (inHeaders) {
                headers.append(line).append("\r\n");
                if (line.isEmpty()) {
                    writes.add(headers.toString());
                    headers.setLength(0);
                    inHeaders = false;
                }
            } else if (line.startsWith("--") && !line.endsWith("--")) {
                writes.add(line + "\r\n");
                inHeaders = true;
            } else if (!line.isEmpty() || writes.size() > 0) {
                writes.add(line + "\r\n");
            }
        }
        // The split leaves an empty string after the final line end.
        if (!writes.isEmpty() && writes.get(writes.size() - 1).equals("\r\n")) {
            writes.remove(writes.size() - 1);
        }
        return writes;
    }

    /** Adds the admin token of the benchmark run (CHANNELMIND_BENCH_TOKEN, set by bench/bench-keys.sh), when there is one. */
    private static HttpRequest.Builder authorized(HttpRequest.Builder request) {
        String token = System.getenv("CHANNELMIND_BENCH_TOKEN");
        return token == null || token.isBlank() ? request : request.header("Authorization", "Bearer " + token);
    }

    private static void command(Writer out, BufferedReader in, String line, String expected) throws IOException {
        out.write(line + "\r\n");
        out.flush();
        expect(in, expected);
    }

    /** Reads one reply, including the lines of a multi-line reply, and fails unless it has the expected code. */
    private static void expect(BufferedReader in, String code) throws IOException {
        String line = in.readLine();
        while (line != null && line.length() > 3 && line.charAt(3) == '-') {
            line = in.readLine();
        }
        if (line == null || !line.startsWith(code)) {
            throw new IOException("Expected SMTP reply " + code + " but got: " + line);
        }
    }

    // ---- campaign through automation-service ----

    private static void campaign(String service, int members, int maxSeconds, String segment) throws Exception {
        if (!segment.equals("bench") && !segment.equals("warmup")) {
            throw new IllegalArgumentException("Invalid segment '" + segment + "': expected bench or warmup");
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        String request = """
                {"name": "%s %d", "segment": "%s-%d", "channel": "email", "locale": "en",
                 "brief": {"product": "Savings Plus", "offer": "2%% bonus interest", "callToAction": "Open an account",
                           "url": "https://bank.example/savings-plus"}}""".formatted(segment, members, segment, members);
        String created = send(http, authorized(HttpRequest.newBuilder(URI.create(service + "/api/v1/campaigns")))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(request)).build(), 201);
        Matcher id = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"").matcher(created);
        if (!id.find()) {
            throw new IllegalStateException("No id in " + created);
        }
        String statistics = service + "/api/v1/campaigns/" + id.group(1) + "/statistics";

        long start = System.nanoTime();
        send(http, authorized(HttpRequest.newBuilder(URI.create(service + "/api/v1/campaigns/" + id.group(1) + "/launch")))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), 202);
        double filledAfter = -1;
        int sentAtFill = 0;
        int sent = 0;
        String status = "running";
        double elapsed = 0;
        while (elapsed < maxSeconds && !"completed".equals(status)) {
            // The statistics query counts every row of the campaign, so each poll costs the
            // database more as the campaign grows. Polling once a second keeps that load small.
            Thread.sleep(1000);
            String body = send(http, authorized(HttpRequest.newBuilder(URI.create(statistics))).GET().build(), 200);
            elapsed = (System.nanoTime() - start) / 1e9;
            status = text(body, "status");
            sent = number(body, "sent");
            int rows = number(body, "pending") + sent + number(body, "failed") + skipped(body);
            if (filledAfter < 0 && rows >= members) {
                filledAfter = elapsed;
                sentAtFill = sent;
            }
        }
        System.out.printf(Locale.ROOT, "%s of %d members: outbox filled after %.1f s (%d already sent); %s after"
                + " %.1f s with %d sent: %.0f messages/s over the whole run",
                segment.equals("warmup") ? "warm-up campaign" : "campaign", members, filledAfter, sentAtFill, status,
                elapsed, sent, sent / elapsed);
        if (filledAfter > 0 && elapsed > filledAfter) {
            System.out.printf(Locale.ROOT, ", %.0f messages/s after the fill", (sent - sentAtFill) / (elapsed - filledAfter));
        }
        System.out.println();
    }

    private static String send(HttpClient http, HttpRequest request, int expected) throws Exception {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " returned " + response.statusCode()
                    + ": " + response.body());
        }
        return response.body();
    }

    private static String text(String json, String field) {
        Matcher matcher = Pattern.compile("\"" + field + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        return matcher.find() ? matcher.group(1) : "";
    }

    private static int number(String json, String field) {
        Matcher matcher = Pattern.compile("\"" + field + "\"\\s*:\\s*(\\d+)").matcher(json);
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
    }

    private static int skipped(String json) {
        Matcher object = Pattern.compile("\"skipped\"\\s*:\\s*\\{([^}]*)\\}").matcher(json);
        int total = 0;
        if (object.find()) {
            Matcher counts = Pattern.compile(":\\s*(\\d+)").matcher(object.group(1));
            while (counts.find()) {
                total += Integer.parseInt(counts.group(1));
            }
        }
        return total;
    }
}
