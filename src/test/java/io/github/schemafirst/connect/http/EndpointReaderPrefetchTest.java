package io.github.schemafirst.connect.http;

import static io.github.schemafirst.connect.http.LoopbackHttpServer.param;
import static io.github.schemafirst.connect.http.LoopbackHttpServer.respond;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Every test of {@link EndpointReaderTest} again with prefetch on (the same records, offsets, requests, retries,
 * pauses and failures as without it), plus what only prefetch does: the next page's request is under way while the
 * current page's records are handed back, and closing the reader cancels it.
 */
class EndpointReaderPrefetchTest extends EndpointReaderTest {

    @Override
    boolean prefetch() {
        return true;
    }

    /** Pages 1 and 2 of two records, then an empty page; page 2's response waits until {@code release}. */
    private void heldSecondPage(CountDownLatch requested, CountDownLatch release) {
        server.on("/items", (exchange, request) -> {
            int page = Integer.parseInt(param(request, "page"));
            if (page == 2) {
                requested.countDown();
                try {
                    if (!release.await(20, TimeUnit.SECONDS)) {
                        respond(exchange, 500, "never released");
                        return;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    exchange.close();
                    return;
                }
            }
            respond(exchange, 200, page <= 2 ? items(page * 10, page * 10 + 2) : "[]");
        });
    }

    @Test
    void theNextPageIsRequestedBeforeTheCurrentPagesRecordsAreHandedBack() throws Exception {
        CountDownLatch requested = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        heldSecondPage(requested, release);
        EndpointReader reader = reader("http.url", server.url("/items"), "http.pagination.type", "page-number");

        List<FetchedRecord> first = page(reader);
        assertThat(texts(first)).containsExactly("{\"id\":10}", "{\"id\":11}");
        // sent with page 1's records, before anyone asked for page 2
        assertThat(requested.await(10, TimeUnit.SECONDS)).as("page 2 requested").isTrue();
        assertThat(first.get(1).offsetMap()).isEqualTo(Map.of("cycle.page", "", "cycle.skip", 2L));
        assertThat(reader.isDue(clock.instant())).as("due: its response is awaited").isTrue();
        assertThat(reader.fetchPage(Duration.ZERO)).as("still in flight").isEmpty();

        release.countDown();
        List<FetchedRecord> second = page(reader);
        assertThat(texts(second)).containsExactly("{\"id\":20}", "{\"id\":21}");
        assertThat(second.get(0).offsetMap()).isEqualTo(Map.of("cycle.page", "2", "cycle.skip", 1L));
        assertThat(cycle(reader)).isEmpty();
        // each page asked for once, in order; nothing after the empty page that ended the cycle
        assertThat(server.requests("/items")).extracting(r -> param(r, "page")).containsExactly("1", "2", "3");
        assertThat(reader.isDue(clock.instant())).isFalse();
    }

    @Test
    void closingTheReaderCancelsThePrefetchedRequest() throws Exception {
        CountDownLatch requested = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        heldSecondPage(requested, release);
        EndpointReader reader = reader("http.url", server.url("/items"), "http.pagination.type", "page-number");
        assertThat(page(reader)).hasSize(2);
        assertThat(requested.await(10, TimeUnit.SECONDS)).as("page 2 requested").isTrue();

        reader.close(); // what HttpSourceTask.stop() does
        assertThatThrownBy(() -> reader.fetchPage(Duration.ofSeconds(30)))
                .isInstanceOf(InterruptedException.class).hasMessageContaining("cancelled");
        release.countDown();
        assertThat(server.requests("/items")).extracting(r -> param(r, "page")).containsExactly("1", "2");
    }

    @Test
    void theLastPageOfACycleIsNotFollowedByARequestForTheNextCycle() throws Exception {
        server.on("/items", (exchange, request) -> respond(exchange, 200, items(0, 2)));
        EndpointReader reader = reader("http.url", server.url("/items"));
        assertThat(cycle(reader)).hasSize(2);
        assertThat(reader.hasCall()).isFalse();
        assertThat(reader.isDue(clock.instant())).isFalse();
        assertThat(server.requests("/items")).hasSize(1);
    }
}
