package io.github.schemafirst.connect.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EndpointsTest {

    @Test
    void spreadsEndpointsRoundRobinOverNoMoreTasksThanEndpoints() {
        assertThat(Endpoints.assign(5, 2)).isEqualTo(List.of(List.of(0, 2, 4), List.of(1, 3)));
        assertThat(Endpoints.assign(2, 8)).isEqualTo(List.of(List.of(0), List.of(1)));
        assertThat(Endpoints.assign(1, 1)).isEqualTo(List.of(List.of(0)));
    }

    @Test
    void expandsUrlTemplateValuesAndPicksATasksShare() {
        HttpSourceConfig config = new HttpSourceConfig(Map.of("topic", "t",
                "http.url", "https://h/{{value}}/items?since={{incremental}}", "http.url.values", "a,b c,d",
                HttpSourceConfig.TASK_ENDPOINTS_CONFIG, "1,2"));
        assertThat(Endpoints.all(config)).extracting(Endpoint::id).containsExactly(
                "https://h/a/items?since={{incremental}}", "https://h/b%20c/items?since={{incremental}}",
                "https://h/d/items?since={{incremental}}");
        assertThat(Endpoints.forTask(config)).extracting(Endpoint::id).containsExactly(
                "https://h/b%20c/items?since={{incremental}}", "https://h/d/items?since={{incremental}}");
        assertThat(Endpoints.forTask(config).get(0).partition())
                .isEqualTo(Map.of("endpoint", "https://h/b%20c/items?since={{incremental}}"));
    }

    @Test
    void listsSeveralUrls() {
        HttpSourceConfig config = new HttpSourceConfig(Map.of("topic", "t", "http.urls", "https://a/x, https://b/y"));
        assertThat(Endpoints.all(config)).extracting(Endpoint::id).containsExactly("https://a/x", "https://b/y");
    }
}
