package dev.tessera.testsupport;

import static io.restassured.RestAssured.given;

import io.restassured.RestAssured;
import io.restassured.config.RestAssuredConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Calls made by several clients at once, as a burst of retries or two admins' consoles make them:
 * every call is released together, and the whole burst is bounded, so a call that hangs fails the
 * test instead of stalling the build.
 */
public final class Burst {

    /** Long enough for a loaded build machine, far below the minute a hung call would take. */
    public static final Duration BOUND = Duration.ofSeconds(30);

    private Burst() {
    }

    /** {@code DELETE path} by {@code times} concurrent clients holding {@code token}; their statuses, sorted. */
    public static List<Integer> delete(String token, String path, int times) {
        return deleteEach(token, Collections.nCopies(times, path));
    }

    /** One {@code DELETE} of each path, all at once; their statuses, sorted. */
    public static List<Integer> deleteEach(String token, List<String> paths) {
        // a hung call gives up on its own too, so no client thread outlives the test
        RestAssuredConfig bounded = RestAssured.config().httpClient(RestAssured.config().getHttpClientConfig()
                .setParam("http.socket.timeout", (int) BOUND.toMillis()));
        return statuses(paths.stream().<Supplier<Integer>>map(path -> () -> given().config(bounded).auth()
                .oauth2(token).when().delete(path).then().extract().statusCode()).toList());
    }

    /** Runs every call at once; the statuses they returned, sorted. */
    public static List<Integer> statuses(List<Supplier<Integer>> calls) {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size(), r -> {
            Thread thread = new Thread(r, "burst");
            thread.setDaemon(true);
            return thread;
        });
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<CompletableFuture<Integer>> running = new ArrayList<>();
            for (Supplier<Integer> call : calls) {
                running.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                    return call.get();
                }, pool));
            }
            start.countDown();
            CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).get(BOUND.toSeconds(), TimeUnit.SECONDS);
            List<Integer> statuses = new ArrayList<>(running.stream().map(CompletableFuture::join).toList());
            Collections.sort(statuses);
            return statuses;
        } catch (TimeoutException e) {
            throw new AssertionError("A call of the burst did not answer within " + BOUND, e);
        } catch (ExecutionException e) {
            throw new AssertionError("A call of the burst failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while waiting for the burst", e);
        } finally {
            pool.shutdownNow();
        }
    }
}
