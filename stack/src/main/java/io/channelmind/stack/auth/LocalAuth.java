package io.channelmind.stack.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The signing key of a local stack: an RSA key pair in a folder of the stack's state
 * ({@code signing-key.pem}, readable only by its owner, and {@code public-key.pem}), generated
 * on first use. The services verify tokens with the public key; {@link #token} mints user
 * tokens and {@link #serviceToken} the token that each service sends when it calls another.
 */
public final class LocalAuth {

    /** Lifetime of the service tokens that the stack hands to the services when it starts them. */
    public static final Duration SERVICE_TOKEN_LIFETIME = Duration.ofDays(30);
    /** The role of service tokens; it matches {@code Roles.SERVICE} of security-support. */
    public static final String SERVICE_ROLE = "service";
    public static final String ADMIN_ROLE = "admin";
    /** The user roles that {@code ./channelmind token --role} accepts. */
    public static final List<String> ROLES = List.of(ADMIN_ROLE, "campaign-manager", "analyst", "viewer", SERVICE_ROLE);

    private static final String PRIVATE_KEY_FILE = "signing-key.pem";
    private static final String PUBLIC_KEY_FILE = "public-key.pem";

    private final PublicKey publicKey;
    private final JwtSigner signer;

    private LocalAuth(KeyPair keys) {
        this.publicKey = keys.getPublic();
        this.signer = new JwtSigner(keys.getPrivate(), JwtSigner.LOCAL_ISSUER);
    }

    /**
     * Prints, for scripts such as the benchmarks that start services without the stack, the
     * environment that makes a service accept this folder's tokens ({@code env FOLDER}) or a user
     * token ({@code token FOLDER ROLE}).
     */
    public static void main(String[] args) {
        if (args.length == 2 && args[0].equals("env")) {
            Map<String, String> env = open(Path.of(args[1])).environment("bench");
            System.out.println("CHANNELMIND_AUTH_PUBLIC_KEY=" + env.get("CHANNELMIND_AUTH_PUBLIC_KEY"));
            System.out.println("CHANNELMIND_AUTH_ISSUER=" + env.get("CHANNELMIND_AUTH_ISSUER"));
            System.out.println("CHANNELMIND_AUTH_AUDIENCE=" + env.get("CHANNELMIND_AUTH_AUDIENCE"));
        } else if (args.length == 3 && args[0].equals("token")) {
            System.out.println(open(Path.of(args[1])).token(args[2], Duration.ofHours(12)));
        } else {
            System.err.println("Usage: LocalAuth env FOLDER | LocalAuth token FOLDER ROLE");
            System.exit(2);
        }
    }

    /** Reads the key pair from {@code folder}, or generates and writes one when the folder has none. */
    public static LocalAuth open(Path folder) {
        Path privateFile = folder.resolve(PRIVATE_KEY_FILE);
        Path publicFile = folder.resolve(PUBLIC_KEY_FILE);
        try {
            if (!Files.exists(privateFile)) {
                KeyPair generated = JwtSigner.generateKeyPair();
                createPrivateFolder(folder);
                writeOwnerOnly(privateFile, JwtSigner.privateKeyPem(generated.getPrivate()));
                Files.writeString(publicFile, JwtSigner.publicKeyPem(generated.getPublic()), StandardCharsets.US_ASCII);
            }
            KeyPair keys = new KeyPair(JwtSigner.readPublicKey(Files.readString(publicFile, StandardCharsets.US_ASCII)),
                    JwtSigner.readPrivateKey(Files.readString(privateFile, StandardCharsets.US_ASCII)));
            return new LocalAuth(keys);
        } catch (IOException e) {
            throw new UncheckedIOException("Reading or creating the signing key in " + folder
                    + " failed. Check that the state folder is writable", e);
        }
    }

    /** Returns a token for a local user named after {@code role}, valid for {@code lifetime}. */
    public String token(String role, Duration lifetime) {
        if (!ROLES.contains(role)) {
            throw new IllegalArgumentException("Unknown role '" + role + "': use one of " + String.join(", ", ROLES));
        }
        return signer.sign("local-" + role, List.of(role), lifetime);
    }

    /** Returns the token that {@code module} sends to other services: role service, subject the module name. */
    public String serviceToken(String module) {
        return signer.sign(module, List.of(SERVICE_ROLE), SERVICE_TOKEN_LIFETIME);
    }

    /** Returns the environment that makes a service verify this key's tokens and send its own service token. */
    public Map<String, String> environment(String module) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("CHANNELMIND_AUTH_PUBLIC_KEY", JwtSigner.publicKeyBase64(publicKey));
        env.put("CHANNELMIND_AUTH_ISSUER", JwtSigner.LOCAL_ISSUER);
        env.put("CHANNELMIND_AUTH_AUDIENCE", JwtSigner.DEFAULT_AUDIENCE);
        env.put("CHANNELMIND_SECURITY_SERVICE_TOKEN", serviceToken(module));
        return env;
    }

    /**
     * Parses a lifetime such as {@code 30m}, {@code 12h} or {@code 2d} (a whole number and one of
     * s, m, h, d) or an ISO-8601 duration such as {@code PT8H}.
     */
    public static Duration parseLifetime(String text) {
        String value = text.strip();
        try {
            if (value.toUpperCase().startsWith("P")) {
                return positive(Duration.parse(value), text);
            }
            long amount = Long.parseLong(value.substring(0, value.length() - 1));
            return positive(switch (value.charAt(value.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                case 'd' -> Duration.ofDays(amount);
                default -> throw new NumberFormatException();
            }, text);
        } catch (NumberFormatException | DateTimeParseException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("Invalid lifetime '" + text
                    + "': use a whole number with s, m, h or d (such as 12h), or an ISO-8601 duration such as PT8H");
        }
    }

    private static Duration positive(Duration lifetime, String text) {
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("Invalid lifetime '" + text + "': it must be longer than zero");
        }
        return lifetime;
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    private static void createPrivateFolder(Path folder) throws IOException {
        Files.createDirectories(folder);
        if (posix()) {
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
        }
    }

    private static void writeOwnerOnly(Path file, String content) throws IOException {
        if (posix()) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        // NOTE: on a file system without POSIX permissions (Windows), the file keeps the folder's access rights.
        Files.writeString(file, content, StandardCharsets.US_ASCII);
    }
}
