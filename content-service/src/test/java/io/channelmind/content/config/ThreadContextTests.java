package io.channelmind.content.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.eclipse.microprofile.context.ThreadContext;
import org.eclipse.microprofile.context.spi.ThreadContextProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.context.SmallRyeThreadContext;
import io.smallrye.context.impl.ThreadContextProviderPlan;

/** The thread contexts that Mutiny callbacks carry: the CDI request context, and not the JTA transaction. */
@QuarkusTest
class ThreadContextTests {

    @Test
    void transactionContextIsLeftAlone() {
        ThreadContextProviderPlan plan = SmallRyeThreadContext.getCurrentThreadContextOrDefaultContexts().getPlan();

        assertEquals(List.of(), types(plan.clearedProviders));
        assertEquals(List.of(ThreadContext.TRANSACTION), types(plan.unchangedProviders));
        assertTrue(types(plan.propagatedProviders).contains(ThreadContext.CDI), types(plan.propagatedProviders).toString());
    }

    private static List<String> types(Set<ThreadContextProvider> providers) {
        return providers.stream().map(ThreadContextProvider::getThreadContextType).sorted().toList();
    }
}
