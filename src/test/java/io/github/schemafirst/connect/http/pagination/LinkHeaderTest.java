package io.github.schemafirst.connect.http.pagination;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LinkHeaderTest {

    @Test
    void findsNextAmongSeveralLinks() {
        String header = "<https://api.github.com/x?page=1>; rel=\"prev\", "
                + "<https://api.github.com/x?page=3>; rel=\"next\", <https://api.github.com/x?page=9>; rel=\"last\"";
        assertThat(LinkHeader.target(List.of(header), "next")).contains("https://api.github.com/x?page=3");
        assertThat(LinkHeader.target(List.of(header), "last")).contains("https://api.github.com/x?page=9");
    }

    @Test
    void respectsQuotedCommasAndSemicolonsAndRelLists() {
        String header = "</a>; title=\"a, b; c\"; rel=\"prev\", </b?x=1,2>; rel=\"NEXT last\"";
        assertThat(LinkHeader.target(List.of(header), "next")).contains("/b?x=1,2");
    }

    @Test
    void acceptsUnquotedRelAndLinksSpreadOverSeveralHeaders() {
        assertThat(LinkHeader.target(List.of("</p1>; rel=prev", "</p3>;rel=next"), "next")).contains("/p3");
    }

    @Test
    void noNextLinkGivesNothing() {
        assertThat(LinkHeader.target(List.of("</p1>; rel=\"prev\""), "next")).isEmpty();
        assertThat(LinkHeader.target(List.of(), "next")).isEmpty();
        assertThat(LinkHeader.target(List.of("garbage"), "next")).isEmpty();
        assertThat(LinkHeader.target(List.of("</p2>; rel=\"nextpage\""), "next")).isEmpty();
    }
}
