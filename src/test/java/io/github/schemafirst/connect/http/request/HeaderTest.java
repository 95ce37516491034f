package io.github.schemafirst.connect.http.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class HeaderTest {

    @Test
    void parsesNameValueItemsAndRejoinsValuesSplitOnCommas() {
        List<Header> headers = Header.parseList(List.of("Accept: application/json", "text/plain",
                "X-Trace:  on ", "X-Url: https://a:8080/b"));
        assertThat(headers).extracting(Header::toString).containsExactly(
                "Accept: application/json, text/plain", "X-Trace: on", "X-Url: https://a:8080/b");
    }

    @Test
    void rejectsItemsThatAreNotHeaders() {
        assertThatThrownBy(() -> Header.parseList(List.of("no colon here")))
                .hasMessageContaining("expected 'Name: value'");
        assertThatThrownBy(() -> Header.parseList(List.of(": value")))
                .hasMessageContaining("expected a header name");
        assertThatThrownBy(() -> Header.parseList(List.of("Bad Name: value")))
                .hasMessageContaining("expected a header name");
    }
}
