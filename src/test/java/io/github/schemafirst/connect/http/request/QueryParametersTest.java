package io.github.schemafirst.connect.http.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class QueryParametersTest {

    @Test
    void appendsToAUriWithoutQuery() {
        assertThat(QueryParameters.with(URI.create("https://h/x"), "page", "2"))
                .hasToString("https://h/x?page=2");
    }

    @Test
    void replacesAnExistingParameterAndKeepsTheOthers() {
        assertThat(QueryParameters.with(URI.create("https://h/x?a=1&page=1&b=2#frag"), "page", "3"))
                .hasToString("https://h/x?a=1&b=2&page=3#frag");
    }

    @Test
    void encodesNameAndValue() {
        assertThat(QueryParameters.with(URI.create("https://h/x"), "c ursor", "a+b&c"))
                .hasToString("https://h/x?c%20ursor=a%2Bb%26c");
    }
}
