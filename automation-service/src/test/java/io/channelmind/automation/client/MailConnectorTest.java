package io.channelmind.automation.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import io.channelmind.automation.client.MailConnector.OutgoingMail;
import io.channelmind.automation.connector.TokenBucket;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

class MailConnectorTest {

    private static OutgoingMail mail(int index) {
        return new OutgoingMail("member" + index + "@rate.example", "Subject", "Text", "<p>Text</p>",
                "<" + index + "@channelmind.local>", "https://unsubscribe.example/token", "mailto:unsubscribe@example");
    }

    @Test
    void rateLimitSpacesConcurrentSends() {
        List<Long> sentAt = new CopyOnWriteArrayList<>();
        ReactiveMailer mailer = mails -> Uni.createFrom().voidItem().invoke(() -> sentAt.add(System.nanoTime()));
        // One message at once, then 20 a second: the third message goes out 100 ms after the first.
        MailConnector connector = new MailConnector(mailer, new TokenBucket(1, 20));

        long start = System.nanoTime();
        Multi.createFrom().range(0, 3)
                .onItem().transformToUni(index -> connector.send(mail(index)))
                .merge(3)
                .collect().asList()
                .await().atMost(Duration.ofSeconds(10));

        List<Long> sorted = sentAt.stream().sorted().toList();
        assertEquals(3, sorted.size());
        assertTrue(sorted.get(2) - start >= Duration.ofMillis(95).toNanos(),
                "the third message went out after " + (sorted.get(2) - start) + " ns");
    }

    @Test
    void noRateLimitSendsEveryMail() {
        List<Long> sentAt = new CopyOnWriteArrayList<>();
        ReactiveMailer mailer = mails -> Uni.createFrom().voidItem().invoke(() -> sentAt.add(System.nanoTime()));
        MailConnector connector = new MailConnector(mailer, (TokenBucket) null);

        connector.send(mail(1)).await().atMost(Duration.ofSeconds(10));
        connector.send(mail(2)).await().atMost(Duration.ofSeconds(10));

        assertEquals(2, sentAt.size());
    }
}
