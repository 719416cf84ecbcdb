package io.channelmind.web.egress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The guard with a stub resolver, so that no test makes a DNS query or opens a socket. */
class EgressGuardTest {

    private final List<String> resolved = new ArrayList<>();

    /** Maps a few names to fixed addresses and records every name it is asked for. */
    private final HostResolver stub = host -> {
        resolved.add(host);
        String address = Map.of(
                "loopback.example.test", "127.0.0.1",
                "metadata.example.test", "169.254.169.254",
                "mixed.example.test", "203.0.113.7,10.1.2.3",
                "public.example.test", "203.0.113.7").get(host);
        if (address == null) {
            throw new UnknownHostException(host);
        }
        List<InetAddress> addresses = new ArrayList<>();
        for (String literal : address.split(",")) {
            addresses.add(InetAddress.getByAddress(host, Cidr.literal(literal).orElseThrow()));
        }
        return addresses;
    };

    private EgressGuard guard(String... allowList) {
        return new EgressGuard(List.of(allowList), stub);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1/hook", "http://10.0.0.1/hook", "http://169.254.169.254/latest/meta-data",
            "http://[::1]:8080/hook", "https://[fd00:ec2::254]/", "http://[fe80::1]/", "http://172.16.5.4/",
            "http://192.168.1.1/", "http://100.64.0.1/", "http://0.0.0.0/", "http://[::]/", "http://[fc00::1]/",
            "http://[::ffff:127.0.0.1]/", "http://[64:ff9b::a00:1]/", "http://[2002:7f00:1::]/", "http://224.0.0.1/"})
    void internalLiteralRejected(String url) {
        EgressRejectedException rejected = assertThrows(EgressRejectedException.class, () -> guard().check(URI.create(url)));

        assertEquals(EgressRejectedException.Reason.INTERNAL_ADDRESS, rejected.reason());
        assertTrue(rejected.getMessage().contains(EgressGuard.ALLOW_LIST_KEY), rejected.getMessage());
        assertTrue(resolved.isEmpty(), "an IP literal must not reach the resolver");
    }

    @Test
    void metadataAddressNamed() {
        EgressRejectedException rejected = assertThrows(EgressRejectedException.class,
                () -> guard().check(URI.create("http://169.254.169.254/latest/meta-data")));

        assertTrue(rejected.getMessage().contains("a cloud metadata address"), rejected.getMessage());
    }

    @Test
    void nameResolvingToLoopbackRejected() {
        EgressRejectedException rejected = assertThrows(EgressRejectedException.class,
                () -> guard().check(URI.create("https://loopback.example.test/hook?key=secret")));

        assertEquals(EgressRejectedException.Reason.INTERNAL_ADDRESS, rejected.reason());
        assertTrue(rejected.getMessage().contains("127.0.0.1, a loopback address"), rejected.getMessage());
        assertTrue(!rejected.getMessage().contains("secret"), "the message must not contain the URL's query");
        assertEquals(List.of("loopback.example.test"), resolved);
    }

    @Test
    void anyInternalAddressRejectsName() {
        assertThrows(EgressRejectedException.class, () -> guard().check(URI.create("https://mixed.example.test/")));
    }

    @Test
    void publicNamePinnedToResolvedAddress() throws Exception {
        EgressTarget target = guard().check(URI.create("https://public.example.test/v1/send"));

        assertEquals("203.0.113.7", target.address().getHostAddress());
        assertEquals(443, target.port());
        assertTrue(target.tls());
        assertEquals("public.example.test", target.host());
    }

    @Test
    void allowListedBlockPasses() throws Exception {
        EgressTarget target = guard("127.0.0.0/8").check(URI.create("http://loopback.example.test:8089/hook"));

        assertEquals("127.0.0.1", target.address().getHostAddress());
        assertEquals(8089, target.port());
    }

    @Test
    void allowListedHostPasses() throws Exception {
        EgressTarget target = guard("Metadata.Example.Test").check(URI.create("http://metadata.example.test/"));

        assertEquals("169.254.169.254", target.address().getHostAddress());
    }

    @Test
    void allowListedAddressPassesOnlyItself() throws Exception {
        EgressGuard guard = guard("10.0.0.1");

        guard.check(URI.create("http://10.0.0.1/"));
        assertThrows(EgressRejectedException.class, () -> guard.check(URI.create("http://10.0.0.2/")));
    }

    @Test
    void unresolvedHostRejected() {
        EgressRejectedException rejected = assertThrows(EgressRejectedException.class,
                () -> guard().check(URI.create("https://missing.example.test/")));

        assertEquals(EgressRejectedException.Reason.UNRESOLVED_HOST, rejected.reason());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://public.example.test/", "file:///etc/passwd", "/relative/path"})
    void nonHttpUrlRejected(String url) {
        EgressRejectedException rejected = assertThrows(EgressRejectedException.class, () -> guard().check(URI.create(url)));

        assertEquals(EgressRejectedException.Reason.INVALID_URL, rejected.reason());
    }

    @Test
    void publicAddressPasses() throws Exception {
        EgressTarget target = guard().check(URI.create("http://8.8.8.8/"));

        assertEquals("8.8.8.8", target.address().getHostAddress());
        assertEquals(80, target.port());
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/33", "10.0.0/8", " ", "fc00::/129"})
    void malformedAllowListEntryRejected(String entry) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> guard(entry));

        assertTrue(error.getMessage().contains(EgressGuard.ALLOW_LIST_KEY), error.getMessage());
    }
}
