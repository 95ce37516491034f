package io.github.schemafirst.connect.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.schemafirst.connect.it.ConnectStackITBase;
import io.github.schemafirst.connect.it.ConverterConfigs;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every pagination type on a real Connect worker: 25 items over pages of 10 (one response for {@code none}) from a
 * loopback API, Avro through the registry, decoded independently. Each type gets its own connector, path and topic on
 * one stack.
 */
class HttpPaginationIT extends ConnectStackITBase {
    private final LoopbackHttpServer server = new LoopbackHttpServer();

    @AfterAll
    void stopServer() {
        server.close();
    }

    /** Requests of the first cycle: page-number and offset-limit end on an empty page, the others on no next link. */
    private static int firstCycleRequests(ItemsApi.Paging paging) {
        switch (paging) {
            case NONE:
                return 1;
            case PAGE_NUMBER:
            case OFFSET_LIMIT:
                return 4;
            default:
                return 3;
        }
    }

    @ParameterizedTest
    @EnumSource(ItemsApi.Paging.class)
    void readsEveryItemOfEveryPageExactlyOnce(ItemsApi.Paging paging) {
        String name = "pagination-" + paging.name().toLowerCase(Locale.ROOT);
        ItemsApi api = new ItemsApi(server, "/" + name, paging, 10).add(1, 25);
        String topic = uniqueTopic(name);
        connect.startConnector(name, ItemRecords.connectorConfig(api, topic, ConverterConfigs.apicurioAvro(registry)));

        assertThat(ItemRecords.avroIds(avroDecoder(), connect.consume(topic, 25)))
                .containsExactlyElementsOf(ItemRecords.range(1, 25));
        // a request with since=25 starts the next cycle: the first one is over and all its records were handed over
        api.awaitRequestSince("25", Duration.ofSeconds(30));
        assertThat(ItemRecords.avroIds(avroDecoder(), connect.consumeAll(topic, false)))
                .as("nothing more after the cycle")
                .containsExactlyElementsOf(ItemRecords.range(1, 25));
        List<LoopbackHttpServer.RecordedRequest> firstCycle = api.requests().stream()
                .filter(r -> "0".equals(LoopbackHttpServer.param(r, "since"))).toList();
        assertThat(firstCycle).as("requests of the first cycle").hasSize(firstCycleRequests(paging));
        connect.deleteConnector(name);
    }
}
