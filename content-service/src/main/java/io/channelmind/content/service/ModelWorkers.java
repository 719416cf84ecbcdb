package io.channelmind.content.service;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.WorkerExecutor;

/**
 * The worker threads that wait for the language model, apart from the Quarkus worker pool.
 * A model call blocks its thread for the model's whole latency. On the shared pool, a burst of
 * copy requests could take every worker thread and starve the REST client and other blocking
 * work of the service, so the model calls get their own {@value #THREADS_KEY} threads. A request
 * beyond that number waits in the executor's queue for a free thread.
 */
@ApplicationScoped
public class ModelWorkers {

    public static final String THREADS_KEY = "channelmind.content.llm.worker-threads";
    /** Only for the Vert.x blocked-thread warning; a model call ends by its own timeouts. */
    private static final long MAX_EXECUTE_MINUTES = 5;

    private final WorkerExecutor executor;

    public ModelWorkers(Vertx vertx, @ConfigProperty(name = THREADS_KEY, defaultValue = "200") int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("Invalid " + THREADS_KEY + " " + threads + "; set a number of threads of 1 or more");
        }
        this.executor = vertx.createSharedWorkerExecutor("copywriter-model", threads, MAX_EXECUTE_MINUTES, TimeUnit.MINUTES);
    }

    /** Runs blocking model work on a model thread; the result is emitted on the caller's Vert.x context. */
    public <T> Uni<T> run(Callable<T> work) {
        return executor.executeBlocking(work, false);
    }

    @PreDestroy
    void close() {
        executor.closeAndForget();
    }
}
